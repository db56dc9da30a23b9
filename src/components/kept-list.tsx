import type { UseQueryResult } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import type { z } from 'zod'
import { issueFields } from '@/contract'
import { FormField } from '@/components/form-field'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { TableScroll } from '@/components/table-scroll'
import { ApiRequestError } from '@/lib/api-client'

/**
 * A list the staff keep in 口径说明 (问题类别, decision 79; 前期手续类别, decision 80): every reader sees it; the staff
 * add an entry, rename one and retire one (the records that use it keep it; it is offered no more) or bring it back.
 * Each change is versioned (a stale one is refused with 409) and audited by the server. The feature gives its
 * words, its query and its two mutations.
 */
export type KeptEntry = { name: string; retired: boolean; version: number }

export type KeptListWords = {
  /** The section's title, and the list's name in messages ("问题类别", "前期手续"). */
  title: string
  noun: string
  note: string
  /** The entries' column heading ("类别", "手续"). */
  column: string
  /** The add form's field label and button ("新类别名称" / "新增类别"). */
  newNameLabel: string
  addButton: string
  hint: string
}

/** A change of one entry: a new name, or retired / brought back, at the version seen. */
export type KeptChange<T> = { entry: T; version: number } & ({ name: string } | { retired: boolean })

/** What the list needs of a mutation (the feature adapts its own hook to it). */
export type KeptMutation<I, T> = {
  mutate: (input: I, options: { onSuccess: (saved: T) => void; onError: (error: unknown) => void }) => void
  isPending: boolean
}

export function KeptList<T extends KeptEntry>({
  words,
  keyOf,
  query,
  mayEdit,
  update,
  create,
  updateSchema,
  createSchema,
}: {
  words: KeptListWords
  keyOf: (entry: T) => string
  query: UseQueryResult<{ items: T[] }>
  mayEdit: boolean
  update: KeptMutation<KeptChange<T>, T>
  create: KeptMutation<{ name: string }, T>
  updateSchema: z.ZodType<{ version: number; name?: string }>
  createSchema: z.ZodType<{ name: string }>
}) {
  const [notice, setNotice] = useState('')
  const handlers = { onStart: () => setNotice(''), onDone: setNotice }
  return (
    <Section title={words.title} note={words.note}>
      <div className="stack-sm">
        <p className="form-success" role="status">
          {notice}
        </p>
        <QueryBoundary query={query} loadingLabel={`正在加载${words.title}…`}>
          {(list) => <EntryTable items={list.items} words={words} keyOf={keyOf} mayEdit={mayEdit} update={update} updateSchema={updateSchema} {...handlers} />}
        </QueryBoundary>
        {mayEdit && <AddEntry words={words} create={create} createSchema={createSchema} {...handlers} />}
      </div>
    </Section>
  )
}

/** A refused change in words; a 409 also says the list now shows the current state. */
function failureOf(error: unknown): string {
  if (!(error instanceof ApiRequestError)) return '保存失败，请检查网络后重试'
  if (error.code === 'conflict') return `${error.message}。列表已刷新为最新内容。`
  return error.fields?.name ?? error.message
}

type Handlers = { onStart: () => void; onDone: (message: string) => void }

function EntryTable<T extends KeptEntry>({
  items,
  words,
  keyOf,
  mayEdit,
  update,
  updateSchema,
  onStart,
  onDone,
}: {
  items: T[]
  words: KeptListWords
  keyOf: (entry: T) => string
  mayEdit: boolean
  update: KeptMutation<KeptChange<T>, T>
  updateSchema: z.ZodType<{ version: number; name?: string }>
} & Handlers) {
  const [renaming, setRenaming] = useState<T | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const toggle = (entry: T) => {
    onStart()
    setFailure(null)
    update.mutate(
      { entry, version: entry.version, retired: !entry.retired },
      {
        onSuccess: (saved) => onDone(saved.retired ? `已停用${words.noun}“${saved.name}”` : `已恢复${words.noun}“${saved.name}”`),
        onError: (error) => setFailure(failureOf(error)),
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
      <TableScroll label={`${words.title}（可横向滚动）`}>
        <table className="table table-compact">
          <caption className="sr-only">{words.title}</caption>
          <thead>
            <tr>
              <th scope="col">{words.column}</th>
              <th scope="col">状态</th>
              {mayEdit && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={keyOf(entry)}>
                <th scope="row">
                  {renaming !== null && keyOf(renaming) === keyOf(entry) ? (
                    <RenameEntry
                      entry={renaming}
                      words={words}
                      update={update}
                      updateSchema={updateSchema}
                      onStart={onStart}
                      onDone={(message) => {
                        setRenaming(null)
                        onDone(message)
                      }}
                      onCancel={() => setRenaming(null)}
                    />
                  ) : (
                    entry.name
                  )}
                </th>
                <td>
                  <span className={`badge ${entry.retired ? 'badge-grey' : 'badge-green'}`}>{entry.retired ? '已停用' : '启用'}</span>
                </td>
                {mayEdit && (
                  <td>
                    <span className="row-actions">
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setRenaming(entry)}
                        disabled={renaming !== null && keyOf(renaming) === keyOf(entry)}
                        aria-label={`改名 ${entry.name}`}
                      >
                        改名
                      </button>
                      <button type="button" className="button button-small" onClick={() => toggle(entry)} disabled={update.isPending} aria-label={`${entry.retired ? '恢复' : '停用'} ${entry.name}`}>
                        {entry.retired ? '恢复' : '停用'}
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

function RenameEntry<T extends KeptEntry>({
  entry,
  words,
  update,
  updateSchema,
  onStart,
  onDone,
  onCancel,
}: {
  entry: T
  words: KeptListWords
  update: KeptMutation<KeptChange<T>, T>
  updateSchema: z.ZodType<{ version: number; name?: string }>
  onCancel: () => void
} & Handlers) {
  const id = useId()
  // The version seen when renaming began: an entry changed since is refused (409), not renamed blind.
  const [version] = useState(entry.version)
  const [name, setName] = useState(entry.name)
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onStart()
    const parsed = updateSchema.safeParse({ version, name })
    if (!parsed.success) return setError(issueFields(parsed.error.issues).name ?? '请检查填写的内容')
    setError(null)
    update.mutate(
      { entry, version: parsed.data.version, name: parsed.data.name ?? name },
      { onSuccess: (saved) => onDone(`已将${words.noun}“${entry.name}”改名为“${saved.name}”`), onError: (e) => setError(failureOf(e)) },
    )
  }
  return (
    <form className="form-inline" onSubmit={submit} noValidate aria-label={`改名：${entry.name}`}>
      <FormField id={`${id}-name`} label={`“${entry.name}”的新名称`} error={error ?? undefined}>
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

function AddEntry<T extends KeptEntry>({
  words,
  create,
  createSchema,
  onStart,
  onDone,
}: { words: KeptListWords; create: KeptMutation<{ name: string }, T>; createSchema: z.ZodType<{ name: string }> } & Handlers) {
  const id = useId()
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onStart()
    const parsed = createSchema.safeParse({ name })
    if (!parsed.success) return setError(issueFields(parsed.error.issues).name ?? '请检查填写的内容')
    setError(null)
    create.mutate(parsed.data, {
      onSuccess: (saved) => {
        setName('')
        onDone(`已新增${words.noun}“${saved.name}”`)
      },
      onError: (e) => setError(failureOf(e)),
    })
  }
  return (
    <form className="form-inline" onSubmit={submit} noValidate aria-label={`新增${words.noun}`}>
      <FormField id={`${id}-name`} label={words.newNameLabel} error={error ?? undefined} hint={words.hint}>
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {create.isPending ? '正在新增…' : words.addButton}
      </button>
    </form>
  )
}
