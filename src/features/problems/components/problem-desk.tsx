import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { issueFields, type Problem } from '@/contract'
import { AssignProblemSchema, CreateProblemSchema, ResolveProblemSchema } from '@/contract/problems'
import { ErrorSummary } from '@/components/error-summary'
import { DepartmentPicker, useDepartmentChoice } from '@/components/department-picker'
import { FormField } from '@/components/form-field'
import { Section } from '@/components/page-header'
import { TableScroll } from '@/components/table-scroll'
import { PROBLEM_STATUS_LABELS } from '@/domain/labels'
import { activeCategories, daysOverdue } from '@/domain/problems'
import { writeFailureOf, type WriteFailure } from '@/lib/write-failure'
import { zhDate } from '@/lib/format'
import { problemQueries, useAssignProblem, useCreateProblem, useResolveProblem } from '../api/problems'

type Open = { kind: 'create' } | { kind: 'assign'; problem: Problem } | { kind: 'resolve'; problem: Problem }
type Failure = WriteFailure | null

const failureOf = (error: unknown): Failure => writeFailureOf(error, { refreshed: '列表已刷新为最新状态，请取消后重新操作。', offline: '操作失败' })

const STATUS_TONE: Record<Problem['status'], string> = { warning: 'tag-warn', supervising: 'tag-warn', resolved: 'tag-ok' }

/**
 * 问题督办 for the commission's staff on a project's page: register a problem, assign it to a department
 * with a due date (督办), settle it (办结). Every step is versioned and in the project's audit log.
 */
/**
 * `departments`: the 责任单位 list (GET /api/filter-options) that 督办部门 is chosen from, with 其他 for the rare
 * department not on it; undefined while it loads.
 */
export function ProblemDesk({
  projectId,
  problems,
  simulated,
  judgedDate,
  departments,
}: {
  projectId: string
  problems: Problem[]
  simulated: boolean
  judgedDate: string
  departments: readonly string[] | undefined
}) {
  const [open, setOpen] = useState<Open | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const finish = (message: string) => {
    setDone(message)
    setOpen(null)
  }
  // The problem of an open panel as it is now (the list is read again after every step).
  const current = open && open.kind !== 'create' ? (problems.find((p) => p.id === open.problem.id) ?? open.problem) : null

  return (
    <Section
      title="问题督办"
      note={`逾期截至${zhDate(judgedDate)}；${simulated && problems.length > 0 ? '已有问题为模拟数据' : '登记、督办、办结，每一步都记入修改记录'}`}
    >
      <div className="stack-sm">
        {done && (
          <p className="notice notice-ok" role="status">
            {done}
          </p>
        )}
        {!open && (
          <div className="toolbar">
            <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
              登记问题
            </button>
          </div>
        )}
        {open?.kind === 'create' && <CreateProblemForm projectId={projectId} onDone={finish} onCancel={() => setOpen(null)} />}
        {open?.kind === 'assign' && current && <AssignForm projectId={projectId} problem={current} departments={departments} onDone={finish} onCancel={() => setOpen(null)} />}
        {open?.kind === 'resolve' && current && <ResolveForm projectId={projectId} problem={current} onDone={finish} onCancel={() => setOpen(null)} />}
        {problems.length === 0 ? (
          <p className="empty">本项目没有登记的问题。</p>
        ) : (
          <TableScroll label="问题督办台账（可横向滚动）">
            <table className="table table-compact">
              <caption className="sr-only">问题督办台账</caption>
              <thead>
                <tr>
                  <th scope="col">问题</th>
                  <th scope="col">状态</th>
                  <th scope="col">督办部门</th>
                  <th scope="col">办结时限</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p) => {
                  const late = daysOverdue(p, judgedDate)
                  return (
                    <tr key={p.id}>
                      <th scope="row" className="cell-name">
                        {p.category}：{p.description}
                        <small className="cell-id"> {p.id}</small>
                        {p.resolution && <small className="cell-words">办结情况：{p.resolution}</small>}
                      </th>
                      <td>
                        <span className={`tag ${STATUS_TONE[p.status]}`}>{PROBLEM_STATUS_LABELS[p.status]}</span>
                        {late > 0 && <span className="tag tag-bad">逾期{late}天</span>}
                      </td>
                      <td>{p.assignedTo ?? '未督办'}</td>
                      <td>{p.status === 'resolved' ? `办结 ${zhDate(p.resolvedDate)}` : zhDate(p.dueDate)}</td>
                      <td className="cell-actions">
                        {p.status !== 'resolved' && (
                          <>
                            <button type="button" className="button button-link" onClick={() => setOpen({ kind: 'assign', problem: p })}>
                              督办 {p.id}
                            </button>
                            <button type="button" className="button button-link" onClick={() => setOpen({ kind: 'resolve', problem: p })}>
                              办结 {p.id}
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </div>
    </Section>
  )
}

/** A form panel: its heading takes focus when it opens; the failure is said at the top. */
function Panel({ title, failure, onSubmit, children }: { title: string; failure: Failure; onSubmit: (e: FormEvent) => void; children: ReactNode }) {
  const id = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [title])
  return (
    <section className="card action-panel" aria-labelledby={id}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <form className="stack-sm" onSubmit={onSubmit} noValidate aria-labelledby={id}>
        <ErrorSummary attempt={failure} message={failure?.message ?? null} level={4} />
        {children}
      </form>
    </section>
  )
}

function Actions({ label, pending, onCancel }: { label: string; pending: boolean; onCancel: () => void }) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? '正在提交…' : label}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        取消
      </button>
    </div>
  )
}

type FormProps = { projectId: string; onDone: (message: string) => void; onCancel: () => void }

function CreateProblemForm({ projectId, onDone, onCancel }: FormProps) {
  const id = useId()
  const create = useCreateProblem()
  // 问题类别 from the staff's list (口径说明): the active ones only.
  const categories = useQuery(problemQueries.categories())
  const offered = categories.data ? activeCategories(categories.data.items) : []
  const [draft, setDraft] = useState({ category: '', description: '', measure: '', dueDate: '' })
  const [failure, setFailure] = useState<Failure>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = CreateProblemSchema.safeParse(draft)
    if (!parsed.success) return setFailure({ message: '请按提示修改后重新提交', fields: issueFields(parsed.error.issues) })
    setFailure(null)
    create.mutate({ projectId, ...parsed.data }, { onSuccess: () => onDone('问题已登记'), onError: (e) => setFailure(failureOf(e)) })
  }
  const field = (key: keyof typeof draft, label: string, multiline = false) => (
    <FormField id={`${id}-${key}`} label={label} error={failure?.fields[key]}>
      {(props) =>
        multiline ? (
          <textarea {...props} rows={2} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
        ) : (
          <input {...props} type={key === 'dueDate' ? 'date' : 'text'} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
        )
      }
    </FormField>
  )
  return (
    <Panel title="登记问题" failure={failure} onSubmit={submit}>
      <div className="form-grid">
        <FormField id={`${id}-category`} label="问题类别" error={failure?.fields.category ?? (categories.isError ? '问题类别清单加载失败，请刷新页面重试' : undefined)}>
          {(props) => (
            <select {...props} value={draft.category} disabled={categories.isPending} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
              <option value="">{categories.isPending ? '正在加载…' : '请选择'}</option>
              {offered.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {field('dueDate', '要求解决日期')}
      </div>
      {field('description', '问题描述', true)}
      {field('measure', '拟采取的措施', true)}
      <Actions label="登记" pending={create.isPending} onCancel={onCancel} />
    </Panel>
  )
}

function AssignForm({ projectId, problem, departments, onDone, onCancel }: FormProps & { problem: Problem; departments: readonly string[] | undefined }) {
  const id = useId()
  const assign = useAssignProblem()
  // The version seen when the form opened: a step on a problem changed since is refused (409), not applied blind.
  const [version] = useState(problem.version)
  const departmentChoice = useDepartmentChoice(problem.assignedTo ?? '', departments)
  const { department } = departmentChoice
  const [draft, setDraft] = useState({ dueDate: problem.dueDate, comment: '' })
  const [failure, setFailure] = useState<Failure>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = AssignProblemSchema.safeParse({ version, department, ...draft, comment: draft.comment || undefined })
    if (!parsed.success) return setFailure({ message: '请按提示修改后重新提交', fields: issueFields(parsed.error.issues) })
    setFailure(null)
    assign.mutate(
      { projectId, problemId: problem.id, ...parsed.data },
      { onSuccess: () => onDone(`问题 ${problem.id} 已交 ${parsed.data.department} 督办，时限 ${zhDate(parsed.data.dueDate)}`), onError: (e) => setFailure(failureOf(e)) },
    )
  }
  return (
    <Panel title={`督办问题 ${problem.id}`} failure={failure} onSubmit={submit}>
      <p>
        {problem.category}：{problem.description}
      </p>
      <div className="form-grid">
        <DepartmentPicker id={id} label="督办部门" listed={departments ?? []} placeholder={departments ? '请选择' : '正在加载部门…'} state={departmentChoice} error={failure?.fields.department} />
        <FormField id={`${id}-due`} label="办结时限" error={failure?.fields.dueDate}>
          {(props) => <input {...props} type="date" value={draft.dueDate} onChange={(e) => setDraft({ ...draft, dueDate: e.target.value })} />}
        </FormField>
      </div>
      <FormField id={`${id}-comment`} label="督办意见（可选）" error={failure?.fields.comment}>
        {(props) => <textarea {...props} rows={2} value={draft.comment} onChange={(e) => setDraft({ ...draft, comment: e.target.value })} />}
      </FormField>
      <Actions label="督办" pending={assign.isPending} onCancel={onCancel} />
    </Panel>
  )
}

function ResolveForm({ projectId, problem, onDone, onCancel }: FormProps & { problem: Problem }) {
  const id = useId()
  const resolve = useResolveProblem()
  const [version] = useState(problem.version)
  const [resolution, setResolution] = useState('')
  const [failure, setFailure] = useState<Failure>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = ResolveProblemSchema.safeParse({ version, resolution })
    if (!parsed.success) return setFailure({ message: '请按提示修改后重新提交', fields: issueFields(parsed.error.issues) })
    setFailure(null)
    resolve.mutate({ projectId, problemId: problem.id, ...parsed.data }, { onSuccess: () => onDone(`问题 ${problem.id} 已办结`), onError: (e) => setFailure(failureOf(e)) })
  }
  return (
    <Panel title={`办结问题 ${problem.id}`} failure={failure} onSubmit={submit}>
      <p>
        {problem.category}：{problem.description}
      </p>
      <FormField id={`${id}-resolution`} label="办结情况" error={failure?.fields.resolution}>
        {(props) => <textarea {...props} rows={3} value={resolution} onChange={(e) => setResolution(e.target.value)} />}
      </FormField>
      <Actions label="办结" pending={resolve.isPending} onCancel={onCancel} />
    </Panel>
  )
}
