import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { ProjectRecordSchema, ZONE_IDS, issueFields, type ProjectDetail, type ProjectRecord } from '@/contract'
import { RetireProjectSchema, UpdateProjectSchema, projectEditPaths, type RetireProject, type UpdateProject } from '@/contract/project-edit'
import { ErrorSummary } from '@/components/error-summary'
import { FormField } from '@/components/form-field'
import { Section } from '@/components/page-header'
import { zoneInfo } from '@/domain/labels'
import { parseTypedNumber } from '@/domain/typed-number'
import { writeFailureOf, type WriteFailure } from '@/lib/write-failure'
import { ApiRequestError, apiSend } from '@/lib/api-client'
import { ActionPanel } from '@/components/action-panel'

type Failure = WriteFailure | null
const failureOf = (error: unknown): Failure => writeFailureOf(error, { refreshed: '页面已刷新为最新内容。', retry: '保存' })

/** Any project edit changes every figure it is in: everything is read again (after a 409 too). */
function useProjectWrite<T>(send: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: send, onSettled: () => queryClient.invalidateQueries() })
}

type Draft = Record<'name' | 'zoneId' | 'ownerUnit' | 'responsibleUnit' | 'totalInvestmentWan' | 'annualPlanWan' | 'plannedStartDate' | 'plannedCompletionDate' | 'reason', string>

const draftOf = (p: ProjectRecord): Draft => ({
  name: p.name,
  zoneId: p.zoneId,
  ownerUnit: p.ownerUnit,
  responsibleUnit: p.responsibleUnit,
  totalInvestmentWan: String(p.totalInvestmentWan),
  annualPlanWan: String(p.annualPlanWan),
  plannedStartDate: p.plannedStartDate,
  plannedCompletionDate: p.plannedCompletionDate,
  reason: '',
})

const WAN_FIELDS = { totalInvestmentWan: '总投资', annualPlanWan: '年度计划投资' } as const

/** The money fields as typed, read by the domain's one rule (1,200 and full-width digits; never 1e3): a value or a message each. */
function typedWan(draft: Draft) {
  const values: Partial<Record<keyof typeof WAN_FIELDS, number | null>> = {}
  const errors: Record<string, string> = {}
  for (const [key, label] of Object.entries(WAN_FIELDS) as [keyof typeof WAN_FIELDS, string][]) {
    const read = parseTypedNumber(draft[key], { label })
    if (read.ok) values[key] = read.value
    else errors[key] = read.message
  }
  return { values, errors }
}
const numberOf = (draft: Draft, key: keyof typeof WAN_FIELDS) => typedWan(draft).values[key]

/** Only what changed goes to the server, with the version the form was opened on. */
function patchOf(project: ProjectRecord, draft: Draft): Record<string, unknown> {
  const patch: Record<string, unknown> = { version: project.version }
  for (const key of ['name', 'zoneId', 'ownerUnit', 'responsibleUnit', 'plannedStartDate', 'plannedCompletionDate'] as const) {
    if (draft[key].trim() !== String(project[key])) patch[key] = draft[key]
  }
  for (const key of ['totalInvestmentWan', 'annualPlanWan'] as const) {
    if (numberOf(draft, key) !== project[key]) patch[key] = numberOf(draft, key)
  }
  if (draft.reason.trim()) patch.reason = draft.reason
  return patch
}

/**
 * 项目信息维护 for the commission's staff: correct the master data as the district government's list has
 * it; a new annual plan is 中期调整 (the reason is required and the original plan is kept); a project
 * leaves the list by 退出, with the reason, never by deletion.
 */
export function ProjectEdit({ project }: { project: ProjectDetail }) {
  const [open, setOpen] = useState<'edit' | 'retire' | null>(null)
  const [done, setDone] = useState<string | null>(null)
  if (project.retired) return null
  return (
    <Section title="项目信息维护" note="以区政府发文为准；每次修改都记入修改记录">
      <div className="stack-sm">
        {done && (
          <p className="notice notice-ok" role="status">
            {done}
          </p>
        )}
        {!open && (
          <div className="toolbar">
            <button type="button" className="button button-primary" onClick={() => setOpen('edit')}>
              修改项目信息
            </button>
            <button type="button" className="button" onClick={() => setOpen('retire')}>
              退出重点项目
            </button>
          </div>
        )}
        {open === 'edit' && (
          <EditForm
            project={project}
            onDone={(m) => {
              setDone(m)
              setOpen(null)
            }}
            onCancel={() => setOpen(null)}
          />
        )}
        {open === 'retire' && (
          <RetireForm
            project={project}
            onDone={(m) => {
              setDone(m)
              setOpen(null)
            }}
            onCancel={() => setOpen(null)}
          />
        )}
      </div>
    </Section>
  )
}

function EditForm({ project, onDone, onCancel }: { project: ProjectDetail; onDone: (m: string) => void; onCancel: () => void }) {
  const id = useId()
  // The project as the form was opened (or as the server last said on a conflict): the edit is a change of it.
  const [base, setBase] = useState<ProjectRecord>(project)
  const [draft, setDraft] = useState<Draft>(() => draftOf(project))
  const [failure, setFailure] = useState<Failure>(null)
  const save = useProjectWrite((body: UpdateProject) => apiSend('PATCH', projectEditPaths.update(project.id), body, ProjectRecordSchema))
  const planChanged = numberOf(draft, 'annualPlanWan') !== undefined && numberOf(draft, 'annualPlanWan') !== base.annualPlanWan
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const typed = typedWan(draft)
    if (Object.keys(typed.errors).length > 0) return setFailure({ message: '请按提示修改后重新保存', fields: typed.errors })
    const parsed = UpdateProjectSchema.safeParse(patchOf(base, draft))
    if (!parsed.success) return setFailure({ message: '请按提示修改后重新保存', fields: issueFields(parsed.error.issues) })
    if (Object.keys(parsed.data).length === 1) return setFailure({ message: '没有修改任何内容', fields: {} })
    setFailure(null)
    save.mutate(parsed.data, {
      onSuccess: () => onDone('项目信息已保存'),
      onError: (error) => {
        const current = error instanceof ApiRequestError && error.status === 409 ? ProjectRecordSchema.safeParse(error.current) : null
        if (current?.success) {
          // Never re-send over someone else's change: show what is there now and let the user edit that.
          setBase(current.data)
          setDraft(draftOf(current.data))
          return setFailure({ message: `${error instanceof Error ? error.message : ''}。表单已载入最新内容，请重新修改后保存。`, fields: {} })
        }
        setFailure(failureOf(error))
      },
    })
  }
  const input = (key: keyof Draft, label: string, type = 'text', hint?: string) => (
    <FormField id={`${id}-${key}`} label={label} error={failure?.fields[key]} hint={hint}>
      {(props) => <input {...props} type={type} inputMode={type === 'number' ? 'numeric' : undefined} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />}
    </FormField>
  )
  return (
    <ActionPanel title="修改项目信息">
      <form className="stack-sm" onSubmit={submit} noValidate aria-label="修改项目信息">
        <ErrorSummary attempt={failure} message={failure?.message ?? null} level={4} />
        <div className="form-grid">
          {input('name', '项目名称')}
          <FormField id={`${id}-zone`} label="所属片区" error={failure?.fields.zoneId}>
            {(props) => (
              <select {...props} value={draft.zoneId} onChange={(e) => setDraft({ ...draft, zoneId: e.target.value })}>
                {ZONE_IDS.map((z) => (
                  <option key={z} value={z}>
                    {zoneInfo(z).name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {input('ownerUnit', '业主单位')}
          {input('responsibleUnit', '责任单位')}
          {input('totalInvestmentWan', '总投资（万元）', 'text', '整数，单位万元')}
          {input('annualPlanWan', '年度计划投资（万元）', 'text', '改动即为中期调整，原计划会保留')}
          {input('plannedStartDate', '计划开工日期', 'date')}
          {input('plannedCompletionDate', '计划竣工日期', 'date')}
        </div>
        <FormField id={`${id}-reason`} label={planChanged ? '调整原因（中期调整必填）' : '修改原因（可选）'} error={failure?.fields.reason}>
          {(props) => <textarea {...props} rows={2} value={draft.reason} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} />}
        </FormField>
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

function RetireForm({ project, onDone, onCancel }: { project: ProjectDetail; onDone: (m: string) => void; onCancel: () => void }) {
  const id = useId()
  const [reason, setReason] = useState('')
  const [failure, setFailure] = useState<Failure>(null)
  const [version] = useState(project.version)
  const retire = useProjectWrite((body: RetireProject) => apiSend('POST', projectEditPaths.retire(project.id), body, ProjectRecordSchema))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = RetireProjectSchema.safeParse({ version, reason })
    if (!parsed.success) return setFailure({ message: '请按提示修改后重新提交', fields: issueFields(parsed.error.issues) })
    setFailure(null)
    retire.mutate(parsed.data, { onSuccess: () => onDone(`${project.name}已退出重点项目清单`), onError: (e) => setFailure(failureOf(e)) })
  }
  return (
    <ActionPanel title="退出重点项目">
      <form className="stack-sm" onSubmit={submit} noValidate aria-label="退出重点项目">
        <p>
          退出后，{project.name}不再计入任何统计和清单，项目页和修改记录保留。此操作不能在页面上撤销。
        </p>
        <ErrorSummary attempt={failure} message={failure?.message ?? null} level={4} />
        <FormField id={`${id}-reason`} label="退出原因" error={failure?.fields.reason}>
          {(props) => <textarea {...props} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </FormField>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={retire.isPending}>
            确认退出
          </button>
          <button type="button" className="button" onClick={onCancel}>
            取消
          </button>
        </div>
      </form>
    </ActionPanel>
  )
}
