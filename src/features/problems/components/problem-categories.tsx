import { useQuery } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { issueFields } from '@/contract'
import { CreateProblemCategorySchema, UpdateProblemCategorySchema, type ProblemCategory } from '@/contract/problems'
import { FormField } from '@/components/form-field'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { TableScroll } from '@/components/table-scroll'
import { ApiRequestError } from '@/lib/api-client'
import { useCan } from '@/lib/session'
import { problemQueries, useCreateCategory, useUpdateCategory } from '../api/problems'

/** A refused change in words, and the field it concerns; a 409 also says the list now shows the current state. */
function failureOf(error: unknown): { message: string; field: string | null } {
  if (!(error instanceof ApiRequestError)) return { message: '保存失败，请检查网络后重试', field: null }
  if (error.code === 'conflict') return { message: `${error.message}。列表已刷新为最新内容。`, field: null }
  return { message: error.fields?.name ?? error.message, field: error.fields?.name ? 'name' : null }
}

/**
 * 问题类别, the list a new problem is registered under (decision 79). Every reader of data sees it here, in
 * 口径说明; the staff add to it, rename a category, and retire one (it stays on the problems that used it
 * and is offered no more) or bring it back. Each change is versioned and in the 修改记录.
 */
export function ProblemCategories() {
  const mayEdit = useCan('problem:manage')
  const query = useQuery(problemQueries.categories())
  const [notice, setNotice] = useState('')
  return (
    <Section title="问题类别" note="登记问题时从启用的类别中选择；已停用的类别仍保留在用过它的问题上">
      <div className="stack-sm">
        <p className="form-success" role="status">
          {notice}
        </p>
        <QueryBoundary query={query} loadingLabel="正在加载问题类别…">
          {(list) => <CategoryTable items={list.items} mayEdit={mayEdit} onStart={() => setNotice('')} onDone={setNotice} />}
        </QueryBoundary>
        {mayEdit && <AddCategory onStart={() => setNotice('')} onDone={setNotice} />}
      </div>
    </Section>
  )
}

type Handlers = { onStart: () => void; onDone: (message: string) => void }

function CategoryTable({ items, mayEdit, onStart, onDone }: { items: ProblemCategory[]; mayEdit: boolean } & Handlers) {
  const update = useUpdateCategory()
  const [renaming, setRenaming] = useState<ProblemCategory | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const toggle = (category: ProblemCategory) => {
    onStart()
    setFailure(null)
    update.mutate(
      { id: category.id, version: category.version, retired: !category.retired },
      {
        onSuccess: (saved) => onDone(saved.retired ? `已停用问题类别“${saved.name}”` : `已恢复问题类别“${saved.name}”`),
        onError: (error) => setFailure(failureOf(error).message),
      },
    )
  }
  return (
    <>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <TableScroll label="问题类别（可横向滚动）">
        <table className="table table-compact">
          <caption className="sr-only">问题类别</caption>
          <thead>
            <tr>
              <th scope="col">类别</th>
              <th scope="col">状态</th>
              {mayEdit && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((category) => (
              <tr key={category.id}>
                <th scope="row">
                  {renaming?.id === category.id ? (
                    <RenameCategory
                      category={renaming}
                      onStart={onStart}
                      onDone={(message) => {
                        setRenaming(null)
                        onDone(message)
                      }}
                      onCancel={() => setRenaming(null)}
                    />
                  ) : (
                    category.name
                  )}
                </th>
                <td>
                  <span className={`badge ${category.retired ? 'badge-grey' : 'badge-green'}`}>{category.retired ? '已停用' : '启用'}</span>
                </td>
                {mayEdit && (
                  <td>
                    <span className="row-actions">
                      <button type="button" className="button button-small" onClick={() => setRenaming(category)} disabled={renaming?.id === category.id} aria-label={`改名 ${category.name}`}>
                        改名
                      </button>
                      <button type="button" className="button button-small" onClick={() => toggle(category)} disabled={update.isPending} aria-label={`${category.retired ? '恢复' : '停用'} ${category.name}`}>
                        {category.retired ? '恢复' : '停用'}
                      </button>
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  )
}

function RenameCategory({ category, onStart, onDone, onCancel }: { category: ProblemCategory; onCancel: () => void } & Handlers) {
  const id = useId()
  const update = useUpdateCategory()
  // The version seen when renaming began: a category changed since is refused (409), not renamed blind.
  const [version] = useState(category.version)
  const [name, setName] = useState(category.name)
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onStart()
    const parsed = UpdateProblemCategorySchema.safeParse({ version, name })
    if (!parsed.success) return setError(issueFields(parsed.error.issues).name ?? '请检查填写的内容')
    setError(null)
    update.mutate({ id: category.id, ...parsed.data }, { onSuccess: (saved) => onDone(`已将问题类别“${category.name}”改名为“${saved.name}”`), onError: (e) => setError(failureOf(e).message) })
  }
  return (
    <form className="form-inline" onSubmit={submit} noValidate aria-label={`改名：${category.name}`}>
      <FormField id={`${id}-name`} label={`“${category.name}”的新名称`} error={error ?? undefined}>
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <span className="row-actions">
        <button type="submit" className="button button-small button-primary" disabled={update.isPending}>
          {update.isPending ? '正在保存…' : '保存'}
        </button>
        <button type="button" className="button button-small" onClick={onCancel}>
          取消
        </button>
      </span>
    </form>
  )
}

function AddCategory({ onStart, onDone }: Handlers) {
  const id = useId()
  const create = useCreateCategory()
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onStart()
    const parsed = CreateProblemCategorySchema.safeParse({ name })
    if (!parsed.success) return setError(issueFields(parsed.error.issues).name ?? '请检查填写的内容')
    setError(null)
    create.mutate(parsed.data, {
      onSuccess: (saved) => {
        setName('')
        onDone(`已新增问题类别“${saved.name}”`)
      },
      onError: (e) => setError(failureOf(e).message),
    })
  }
  return (
    <form className="form-inline" onSubmit={submit} noValidate aria-label="新增问题类别">
      <FormField id={`${id}-name`} label="新类别名称" error={error ?? undefined} hint="最长 40 个字；同名的类别（含已停用的）不能重复">
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {create.isPending ? '正在新增…' : '新增类别'}
      </button>
    </form>
  )
}
