import { useQuery } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { issueFields } from '@/contract'
import { APPROVAL_FILE_LIMITS, SaveApprovalSchema, type Approval, type ApprovalStatus, APPROVAL_STATUSES } from '@/contract/approvals'
import { ActionPanel } from '@/components/action-panel'
import { ErrorSummary } from '@/components/error-summary'
import { DepartmentPicker, useDepartmentChoice } from '@/components/department-picker'
import { FormField } from '@/components/form-field'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { TableScroll } from '@/components/table-scroll'
import { APPROVAL_FILE_MESSAGES } from '@/domain/approval-files'
import { APPROVAL_DEPARTMENTS, APPROVAL_STATUS_LABELS, APPROVAL_STATUS_MARKS, SETTLED_APPROVAL_STATUSES } from '@/domain/approvals'
import { zhDate } from '@/lib/format'
import { writeFailureOf, type WriteFailure } from '@/lib/write-failure'
import { approvalQueries, useAttachApprovalFile, useRemoveApprovalFile, useSaveApproval } from '../api/approvals'

type Failure = WriteFailure | null
const failureOf = (error: unknown): Failure => writeFailureOf(error, { refreshed: '表格已刷新为最新内容，请取消后重新填写。', retry: '保存' })

const STATUS_TONE: Record<ApprovalStatus, string> = { 'not-started': 'tag-bad', 'in-progress': 'tag-warn', obtained: 'tag-ok', 'not-needed': '' }

/** A status as words with its mark beside them: colour is never the only signal. */
export function ApprovalStatusTag({ status }: { status: ApprovalStatus }) {
  return (
    <span className={`tag ${STATUS_TONE[status]}`}>
      <span aria-hidden="true">{APPROVAL_STATUS_MARKS[status]} </span>
      {APPROVAL_STATUS_LABELS[status]}
    </span>
  )
}

/**
 * 前期手续 on a project's page (decision 80): each approval with its status, date obtained, 文号 and 办理部门; the
 * staff and the project's own owner unit (`canWrite`) fill each in, on the version they saw.
 */
export function ProjectApprovals({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const query = useQuery(approvalQueries.list(projectId))
  const [editing, setEditing] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  return (
    <Section title="前期手续" id="approvals" note={canWrite ? '立项、用地、规划、施工、环评等审批；每次填写都记入修改记录' : '立项、用地、规划、施工、环评等审批'}>
      <QueryBoundary query={query} loadingLabel="正在加载前期手续…">
        {({ items }) => {
          const current = editing ? items.find((a) => a.kind === editing) : undefined
          const settled = items.filter((a) => SETTLED_APPROVAL_STATUSES.includes(a.status)).length
          return (
            <div className="stack-sm">
              {done && (
                <p className="notice notice-ok" role="status">
                  {done}
                </p>
              )}
              <p>
                {items.length}项手续，已取得或不需要{settled}项{settled < items.length ? `，尚缺${items.length - settled}项` : ''}。
              </p>
              {current && (
                <ApprovalForm
                  key={current.kind}
                  projectId={projectId}
                  approval={current}
                  onDone={(message) => {
                    setDone(message)
                    setEditing(null)
                  }}
                  onCancel={() => setEditing(null)}
                />
              )}
              <TableScroll label="前期手续（可横向滚动）">
                {/* A card per approval on a phone (.table-stack, decision 78): the roles are spelt out, since a table
                    laid out as blocks loses them in some browsers. */}
                <table className="table table-compact table-stack" role="table">
                  <caption className="sr-only">前期手续</caption>
                  <thead>
                    <tr role="row">
                      <th scope="col" role="columnheader">手续</th>
                      <th scope="col" role="columnheader">状态</th>
                      <th scope="col" role="columnheader">取得日期</th>
                      <th scope="col" role="columnheader">文号</th>
                      <th scope="col" role="columnheader">办理部门</th>
                      <th scope="col" role="columnheader">批复文件</th>
                      {canWrite && <th scope="col" role="columnheader">操作</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((a) => (
                      <tr key={a.kind} role="row">
                        <th scope="row" role="rowheader">{a.name}</th>
                        <td data-label="状态">
                          <ApprovalStatusTag status={a.status} />
                        </td>
                        <td data-label="取得日期">{a.obtainedOn ? zhDate(a.obtainedOn) : '—'}</td>
                        <td data-label="文号">{a.number ?? '—'}</td>
                        <td data-label="办理部门">{a.department ?? '—'}</td>
                        <td data-label="批复文件">
                          {a.fileUrl ? (
                            <a href={a.fileUrl}>
                              查看批复文件（PDF）<span className="sr-only">：{a.name}</span>
                            </a>
                          ) : (
                            '未上传'
                          )}
                          {canWrite && (
                            <ApprovalFileInput
                              projectId={projectId}
                              approval={a}
                              onDone={(message) => {
                                setEditing(null)
                                setDone(message)
                              }}
                            />
                          )}
                        </td>
                        {canWrite && (
                          <td className="cell-actions" data-label="操作">
                            <button
                              type="button"
                              className="button button-link"
                              onClick={() => {
                                setDone(null)
                                setEditing(a.kind)
                              }}
                            >
                              填写{a.name}
                            </button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </div>
          )
        }}
      </QueryBoundary>
    </Section>
  )
}

/**
 * Attach or replace an approval's PDF (decision 83): chosen, it is sent at once on the version the list shows;
 * the server's refusals (not a PDF 415, over 20 MB 413, changed meanwhile 409) are said beside the control, and
 * the list is read again either way.
 */
function ApprovalFileInput({ projectId, approval, onDone }: { projectId: string; approval: Approval; onDone: (message: string) => void }) {
  const id = useId()
  const attach = useAttachApprovalFile(projectId)
  const remove = useRemoveApprovalFile(projectId)
  const [failure, setFailure] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const busy = attach.isPending || remove.isPending
  const verb = approval.fileUrl ? '替换' : '上传'
  const send = (file: File) => {
    // The limit the server applies, said before sending 20 MB for nothing.
    if (file.size > APPROVAL_FILE_LIMITS.maxBytes) return setFailure(APPROVAL_FILE_MESSAGES.tooLarge)
    setFailure(null)
    attach.mutate(
      { kind: approval.kind, version: approval.version, file },
      {
        onSuccess: (saved) => onDone(`${saved.name}的批复文件已${verb}`),
        onError: (error) => {
          // Not a PDF, or too large: the server's words on the file; a 409: its words and that the list was read again.
          const refused = writeFailureOf(error, { refreshed: '列表已刷新为最新内容，请重新选择文件。', offline: '上传失败' })
          setFailure(refused.fields.file ?? refused.message)
        },
      },
    )
  }
  // "施工许可批复文件", but "环评批复文件" (not 批复批复).
  const documentName = approval.name.endsWith('批复') ? `${approval.name}文件` : `${approval.name}批复文件`
  const unlink = () => {
    setFailure(null)
    remove.mutate(
      { kind: approval.kind, version: approval.version },
      {
        onSuccess: (saved) => {
          setConfirming(false)
          onDone(`已去掉${saved.name}的批复文件（原文件保留在修改记录中）`)
        },
        onError: (error) => {
          setConfirming(false)
          setFailure(writeFailureOf(error, { refreshed: '列表已刷新为最新内容。', offline: '去掉文件失败' }).message)
        },
      },
    )
  }
  const hintId = `${id}-file-hint`
  const errorId = `${id}-file-error`
  return (
    <div className="stack-sm">
      {/* The browser's own file button speaks the browser's language (often English): ours says it in Chinese, as
          the photos' does. The input stays the control (focusable, named by the label); it is only hidden from sight. */}
      <div className="field file-field">
        <input
          id={`${id}-file`}
          className="file-input"
          type="file"
          accept="application/pdf,.pdf"
          disabled={busy}
          aria-invalid={failure ? true : undefined}
          aria-describedby={[hintId, failure ? errorId : null].filter(Boolean).join(' ')}
          onChange={(event) => {
            const file = event.target.files?.[0]
            event.target.value = ''
            if (file) send(file)
          }}
        />
        <label htmlFor={`${id}-file`} className={`button button-small file-button${busy ? ' is-disabled' : ''}`}>
          {verb}
          <span className="sr-only">{documentName}（</span>PDF<span className="sr-only">）</span>
        </label>
        <span id={hintId} className="field-hint">
          不超过 {APPROVAL_FILE_LIMITS.maxBytes / 1024 / 1024} MB
        </span>
        {failure && (
          <span id={errorId} className="field-error">
            {failure}
          </span>
        )}
      </div>
      {approval.fileUrl &&
        (confirming ? (
          <div className="photo-confirm" role="group" aria-label={`确认去掉${documentName}`}>
            <span>去掉这份文件？</span>
            <button type="button" className="button button-small button-danger" disabled={busy} onClick={unlink}>
              {remove.isPending ? '正在去掉…' : '确认去掉'}
            </button>
            <button type="button" className="button button-small" disabled={remove.isPending} onClick={() => setConfirming(false)}>
              不去掉
            </button>
          </div>
        ) : (
          <button type="button" className="button button-link" disabled={busy} onClick={() => setConfirming(true)}>
            去掉文件<span className="sr-only">：{documentName}</span>
          </button>
        ))}
      {attach.isPending && (
        <p role="status" className="field-hint">
          正在上传{approval.name}批复文件…
        </p>
      )}
    </div>
  )
}

function ApprovalForm({ projectId, approval, onDone, onCancel }: { projectId: string; approval: Approval; onDone: (message: string) => void; onCancel: () => void }) {
  const id = useId()
  const save = useSaveApproval(projectId)
  // The version seen when the form opened: a save over a change made since is refused (409), not applied blind.
  const [version] = useState(approval.version)
  const [status, setStatus] = useState<ApprovalStatus>(approval.status)
  const [obtainedOn, setObtainedOn] = useState(approval.obtainedOn ?? '')
  const [number, setNumber] = useState(approval.number ?? '')
  const departmentChoice = useDepartmentChoice(approval.department ?? '', APPROVAL_DEPARTMENTS)
  const [failure, setFailure] = useState<Failure>(null)
  const obtained = status === 'obtained'
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const { department } = departmentChoice
    const parsed = SaveApprovalSchema.safeParse({ version, status, obtainedOn: obtained && obtainedOn ? obtainedOn : null, number, department })
    if (!parsed.success) return setFailure({ message: '请按提示修改后重新保存', fields: issueFields(parsed.error.issues) })
    // The rule the server applies (src/domain/approvals.ts) is said here too before sending: 已取得 needs its date.
    if (obtained && !obtainedOn) return setFailure({ message: '请按提示修改后重新保存', fields: { obtainedOn: '已取得的手续请填写取得日期' } })
    setFailure(null)
    save.mutate(
      { kind: approval.kind, ...parsed.data },
      { onSuccess: (saved) => onDone(`${saved.name}已保存：${APPROVAL_STATUS_LABELS[saved.status]}`), onError: (e) => setFailure(failureOf(e)) },
    )
  }
  return (
    <ActionPanel title={`填写${approval.name}`}>
      <form className="stack-sm" onSubmit={submit} noValidate aria-label={`填写${approval.name}`}>
        <ErrorSummary attempt={failure} message={failure?.message ?? null} level={4} />
        <div className="form-grid">
          <FormField id={`${id}-status`} label="办理状态" error={failure?.fields.status}>
            {(props) => (
              <select {...props} value={status} onChange={(e) => setStatus(e.target.value as ApprovalStatus)}>
                {APPROVAL_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {APPROVAL_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {obtained && (
            <FormField id={`${id}-date`} label="取得日期" hint="不晚于今天" error={failure?.fields.obtainedOn}>
              {(props) => <input {...props} type="date" value={obtainedOn} onChange={(e) => setObtainedOn(e.target.value)} />}
            </FormField>
          )}
          <FormField id={`${id}-number`} label="文号（可选）" error={failure?.fields.number}>
            {(props) => <input {...props} value={number} maxLength={60} onChange={(e) => setNumber(e.target.value)} />}
          </FormField>
          <DepartmentPicker id={id} label="办理部门" listed={APPROVAL_DEPARTMENTS} placeholder="未填写" state={departmentChoice} error={failure?.fields.department} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? '正在保存…' : '保存'}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            取消
          </button>
        </div>
      </form>
    </ActionPanel>
  )
}
