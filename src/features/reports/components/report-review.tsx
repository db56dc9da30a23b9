import { useId, useState } from 'react'
import { ReportSchema, type Report, type ReportStatus } from '@/contract/reports'
import { ErrorSummary } from '@/components/error-summary'
import { FormField } from '@/components/form-field'
import { REPORT_STATUS_LABELS, parseReportMonth } from '@/domain/monthly-report'
import { ApiRequestError } from '@/lib/api-client'
import { percentFigure, wanNumber, zhDate, zhDateTime } from '@/lib/format'
import { useReviewReport } from '../api/reports'

const STATUS_TONE: Record<ReportStatus, string> = { approved: 'tag-ok', submitted: 'tag-warn', returned: 'tag-bad', draft: 'tag-neutral' }
const STATUS_ICON: Record<ReportStatus, string> = { approved: '✓', submitted: '…', returned: '↩', draft: '✎' }

/** A report's state as words and an icon (colour is never the only signal). */
export function ReportStatusTag({ status }: { status: ReportStatus }) {
  return (
    <span className={`tag ${STATUS_TONE[status]}`}>
      <span aria-hidden="true">{STATUS_ICON[status]} </span>
      {REPORT_STATUS_LABELS[status]}
    </span>
  )
}

/** Everything a report says, as a definition list. */
export function ReportDetails({ report }: { report: Report }) {
  const rows: [string, React.ReactNode][] = [
    ['状态', <ReportStatusTag key="s" status={report.status} />],
    ['当月完成投资', report.actualWan === null ? '未填' : `${wanNumber(report.actualWan)} 万元`],
    ['形象进度', `${percentFigure(report.progressPercent)} · ${report.progressText}`],
    [
      '本月完成的节点',
      report.milestonesReached.length === 0 ? '—' : report.milestonesReached.map((m) => `${m.name}（${zhDate(m.date)}）`).join('；'),
    ],
    ['存在问题', report.problems || '—'],
    ['需协调事项', report.coordination || '—'],
    ['下月计划', report.nextMonthPlan || '—'],
  ]
  if (report.progressDropReason) rows.push(['进度回退原因', report.progressDropReason])
  if (report.overrunConfirmed) rows.push(['超计划确认', '填报单位已确认本年累计完成超过年度计划的 150%'])
  if (report.returnComment) rows.push(['退回原因', report.returnComment])
  rows.push(['提交', report.submittedBy ? `${report.submittedBy} · ${zhDateTime(report.submittedAt)}` : '—'])
  rows.push(['审核', report.reviewedBy ? `${report.reviewedBy} · ${zhDateTime(report.reviewedAt)}` : '—'])
  return (
    <dl className="report-details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * Staff review one submitted report: approve it (it then counts in the figures) or return it with the
 * reason. A report changed meanwhile (409) is shown as it is now; the decision is made again on it.
 */
export function ReviewPanel({ report, onDone, onCancel }: { report: Report; onDone: (message: string) => void; onCancel: () => void }) {
  const id = useId()
  const review = useReviewReport()
  const [shown, setShown] = useState(report)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null)
  const m = parseReportMonth(shown.month).month

  const decide = (action: 'approve' | 'return') => {
    if (action === 'return' && !comment.trim()) return setError({ message: '退回时请填写退回原因', fields: { comment: '请填写退回原因' } })
    setError(null)
    review.mutate(
      { projectId: shown.projectId, month: shown.month, version: shown.version, action, comment: action === 'return' ? comment : undefined },
      {
        onSuccess: () => onDone(action === 'approve' ? `${m}月月报已审核通过，已计入统计` : `${m}月月报已退回业主单位`),
        onError: (failure) => {
          if (!(failure instanceof ApiRequestError)) return setError({ message: '操作失败，请重试', fields: {} })
          const current = failure.status === 409 ? ReportSchema.safeParse(failure.current) : null
          if (current?.success) setShown(current.data)
          setError({ message: current?.success ? `${failure.message}。下方已显示最新内容，请重新审核。` : failure.message, fields: failure.fields ?? {} })
        },
      },
    )
  }

  return (
    <div className="stack-sm">
      <ErrorSummary attempt={error} message={error?.message ?? null} level={4} />
      <ReportDetails report={shown} />
      {shown.status === 'submitted' ? (
        <>
          <FormField id={`${id}-comment`} label="退回原因（退回时必填）" error={error?.fields.comment}>
            {(props) => <textarea {...props} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />}
          </FormField>
          <div className="form-actions">
            <button type="button" className="button button-primary" disabled={review.isPending} onClick={() => decide('approve')}>
              审核通过
            </button>
            <button type="button" className="button" disabled={review.isPending} onClick={() => decide('return')}>
              退回
            </button>
            <button type="button" className="button" onClick={onCancel}>
              取消
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="button" onClick={onCancel}>
          关闭
        </button>
      )}
    </div>
  )
}
