import { useQuery } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { issueFields } from '@/contract'
import { CreateApprovalKindSchema, UpdateApprovalKindSchema, type ApprovalKind } from '@/contract/approvals'
import { FormField } from '@/components/form-field'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { TableScroll } from '@/components/table-scroll'
import { ApiRequestError } from '@/lib/api-client'
import { useCan } from '@/lib/session'
import { approvalQueries, useCreateApprovalKind, useUpdateApprovalKind } from '../api/approvals'

/** A refused change in words, and the field it concerns; a 409 also says the list now shows the current state. */
function failureOf(error: unknown): { message: string; field: string | null } {
  if (!(error instanceof ApiRequestError)) return { message: '保存失败，请检查网络后重试', field: null }
  if (error.code === 'conflict') return { message: `${error.message}。列表已刷新为最新内容。`, field: null }
  return { message: error.fields?.name ?? error.message, field: error.fields?.name ? 'name' : null }
}

/**
 * 前期手续类别, the approvals every project is asked for (decision 80), kept as the 问题类别 are (decision 79). Every
 * reader of data sees the list here, in 口径说明; the staff add to it, rename a kind, and retire one (its records
 * stay, it is asked for no more) or bring it back. Each change is versioned and in the 修改记录.
 */
export function ApprovalKinds() {
  const mayEdit = useCan('project:edit')
  const query = useQuery(approvalQueries.kinds())
  const [notice, setNotice] = useState('')
  return (
    <Section title="前期手续类别" note="每个项目按启用的手续逐项填写；已停用的手续不再填写，已填的记录保留">
      <div className="stack-sm">
        <p className="form-success" role="status">
          {notice}
        </p>
        <QueryBoundary query={query} loadingLabel="正在加载前期手续类别…">
          {(list) => <CategoryTable items={list.items} mayEdit={mayEdit} onStart={() => setNotice('')} onDone={setNotice} />}
        </QueryBoundary>
        {mayEdit && <AddCategory onStart={() => setNotice('')} onDone={setNotice} />}
      </div>
    </Section>
  )
}

type Handlers = { onStart: () => void; onDone: (message: string) => void }

function CategoryTable({ items, mayEdit, onStart, onDone }: { items: ApprovalKind[]; mayEdit: boolean } & Handlers) {
  const update = useUpdateApprovalKind()
  const [renaming, setRenaming] = useState<ApprovalKind | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const toggle = (category: ApprovalKind) => {
    onStart()
    setFailure(null)
    update.mutate(
      { kind: category.kind, version: category.version, retired: !category.retired },
      {
        onSuccess: (saved) => onDone(saved.retired ? `已停用前期手续“${saved.name}”` : `已恢复前期手续“${saved.name}”`),
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
      <TableScroll label="前期手续类别（可横向滚动）">
        <table className="table table-compact">
          <caption className="sr-only">前期手续类别</caption>
          <thead>
            <tr>
              <th scope="col">手续</th>
              <th scope="col">状态</th>
              {mayEdit && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((category) => (
              <tr key={category.kind}>
                <th scope="row">
                  {renaming?.kind === category.kind ? (
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
                      <button type="button" className="button button-small" onClick={() => setRenaming(category)} disabled={renaming?.kind === category.kind} aria-label={`改名 ${category.name}`}>
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

function RenameCategory({ category, onStart, onDone, onCancel }: { category: ApprovalKind; onCancel: () => void } & Handlers) {
  const id = useId()
  const update = useUpdateApprovalKind()
  // The version seen when renaming began: a category changed since is refused (409), not renamed blind.
  const [version] = useState(category.version)
  const [name, setName] = useState(category.name)
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onStart()
    const parsed = UpdateApprovalKindSchema.safeParse({ version, name })
    if (!parsed.success) return setError(issueFields(parsed.error.issues).name ?? '请检查填写的内容')
    setError(null)
    update.mutate({ kind: category.kind, ...parsed.data }, { onSuccess: (saved) => onDone(`已将前期手续“${category.name}”改名为“${saved.name}”`), onError: (e) => setError(failureOf(e).message) })
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
  const create = useCreateApprovalKind()
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onStart()
    const parsed = CreateApprovalKindSchema.safeParse({ name })
    if (!parsed.success) return setError(issueFields(parsed.error.issues).name ?? '请检查填写的内容')
    setError(null)
    create.mutate(parsed.data, {
      onSuccess: (saved) => {
        setName('')
        onDone(`已新增前期手续“${saved.name}”`)
      },
      onError: (e) => setError(failureOf(e).message),
    })
  }
  return (
    <form className="form-inline" onSubmit={submit} noValidate aria-label="新增前期手续">
      <FormField id={`${id}-name`} label="新手续名称" error={error ?? undefined} hint="最长 40 个字；同名的手续（含已停用的）不能重复">
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {create.isPending ? '正在新增…' : '新增手续'}
      </button>
    </form>
  )
}
