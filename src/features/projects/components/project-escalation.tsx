import { useId, useState, type FormEvent } from 'react'
import { issueFields, type ProjectDetail } from '@/contract'
import { EscalationDecisionSchema, type EscalationAction } from '@/contract/escalation'
import { ActionPanel } from '@/components/action-panel'
import { ErrorSummary } from '@/components/error-summary'
import { EscalationMark } from '@/components/escalation-mark'
import { FormField } from '@/components/form-field'
import { Section } from '@/components/page-header'
import { ESCALATION_STEPS } from '@/domain/escalation'
import { writeFailureOf, type WriteFailure } from '@/lib/write-failure'
import { zhDate } from '@/lib/format'
import { useEscalationStep } from '../api/escalation'

type Failure = WriteFailure | null
const failureOf = (error: unknown): Failure => writeFailureOf(error, { refreshed: '页面已刷新为最新状态。' })

const DONE: Record<EscalationAction, string> = { confirm: '已确认挂牌督办，已通知业主单位', decline: '已不予挂牌督办', lift: '已摘牌' }

/**
 * 挂牌督办 on a project's page, for the staff (decision 76): the rule's proposal with 确认挂牌 and 不予挂牌, or the
 * listing with 摘牌 — each with a reason, on the version shown. Nothing to show for a project neither proposed nor listed.
 */
export function ProjectEscalation({ project }: { project: ProjectDetail }) {
  const [open, setOpen] = useState<EscalationAction | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const { escalation } = project
  // Kept while a decision is under way: the page is read again before the form hears its answer (不予挂牌 leaves no status).
  if (escalation.status === null && !done && !open) return null
  return (
    <Section title="挂牌督办" id="escalation" note="规则提出，工作人员确认；确认、不予挂牌和摘牌都须填写理由并记入修改记录">
      <div className="stack-sm">
        {done && (
          <p className="notice notice-ok" role="status">
            {done}
          </p>
        )}
        {escalation.status === 'proposed' && (
          <p>
            <EscalationMark escalation={escalation} proposed /> {escalation.since && `${zhDate(escalation.since)}提出`}：{escalation.rule}
          </p>
        )}
        {escalation.status === 'listed' && (
          <p>
            <EscalationMark escalation={escalation} /> {escalation.since && `${zhDate(escalation.since)}起`}：{escalation.reason}
            {escalation.rule && <span className="cell-sub">（规则：{escalation.rule}）</span>}
          </p>
        )}
        {!open && escalation.status !== null && (
          <div className="toolbar">
            {escalation.status === 'proposed' ? (
              <>
                <button type="button" className="button button-primary" onClick={() => setOpen('confirm')}>
                  确认挂牌
                </button>
                <button type="button" className="button" onClick={() => setOpen('decline')}>
                  不予挂牌
                </button>
              </>
            ) : (
              <button type="button" className="button" onClick={() => setOpen('lift')}>
                摘牌
              </button>
            )}
          </div>
        )}
        {open && (
          <DecisionForm
            project={project}
            action={open}
            onDone={() => {
              setDone(DONE[open])
              setOpen(null)
            }}
            onCancel={() => setOpen(null)}
          />
        )}
      </div>
    </Section>
  )
}

function DecisionForm({ project, action, onDone, onCancel }: { project: ProjectDetail; action: EscalationAction; onDone: () => void; onCancel: () => void }) {
  const id = useId()
  const step = ESCALATION_STEPS[action]
  const [reason, setReason] = useState('')
  const [failure, setFailure] = useState<Failure>(null)
  // The version the form was opened on: a decision by someone else meanwhile is a 409, not overwritten.
  const [version] = useState(project.escalation.version)
  const write = useEscalationStep(project.id, action)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = EscalationDecisionSchema.safeParse({ version, reason })
    if (!parsed.success) return setFailure({ message: '请按提示修改后重新提交', fields: issueFields(parsed.error.issues) })
    setFailure(null)
    write.mutate(parsed.data, { onSuccess: onDone, onError: (e) => setFailure(failureOf(e)) })
  }
  return (
    <ActionPanel title={step.label}>
      <form className="stack-sm" onSubmit={submit} noValidate aria-label={step.label}>
        <ErrorSummary attempt={failure} message={failure?.message ?? null} level={4} />
        <FormField id={`${id}-reason`} label={`${step.label}理由`} error={failure?.fields.reason}>
          {(props) => <textarea {...props} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </FormField>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={write.isPending}>
            {step.label}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            取消
          </button>
        </div>
      </form>
    </ActionPanel>
  )
}
