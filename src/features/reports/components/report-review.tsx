import { useId, useState } from 'react'
import { CONFIDENCE_LEVELS, CONFIDENCE_REASON_MAX, ReportSchema, type Confidence, type Report, type ReportFlag, type ReportStatus } from '@/contract/reports'
import { ConfidenceTag } from '@/components/confidence-tag'
import { ErrorSummary } from '@/components/error-summary'
import { FormField } from '@/components/form-field'
import { CONFIDENCE_LABELS } from '@/domain/labels'
import { REPORT_STATUS_LABELS, parseReportMonth } from '@/domain/monthly-report'
import { ApiRequestError } from '@/lib/api-client'
import { percentFigure, wanNumber, zhDate, zhDateTime } from '@/lib/format'
import { useCommissionConfidence, useReviewReport } from '../api/reports'
import { ReportPhotos } from './report-photos'

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

/** 需核实: the tag, and the reasons found at submit. */
export function FlagNotice({ flags }: { flags: ReportFlag[] }) {
  if (flags.length === 0) return null
  return (
    <div className="notice notice-warn" role="note">
      <strong>
        <span aria-hidden="true">⚠ </span>需核实：
      </strong>
      <ul className="flag-list">
        {flags.map((f) => (
          <li key={f.code}>{f.message}</li>
        ))}
      </ul>
    </div>
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
  rows.push(['全年预计完成投资', report.forecastYearWan === null ? '未填' : `${wanNumber(report.forecastYearWan)} 万元`])
  if (report.forecastCompletionDate) rows.push(['预计完工日期', zhDate(report.forecastCompletionDate)])
  rows.push([
    '完成信心（业主单位）',
    <span key="c">
      <ConfidenceTag level={report.confidence} />
      {report.confidenceReason ? ` · ${report.confidenceReason}` : ''}
    </span>,
  ])
  if (report.commissionConfidence) {
    rows.push([
      '完成信心（发改委评定）',
      <span key="cc">
        <ConfidenceTag level={report.commissionConfidence} />
        {report.commissionConfidenceReason ? ` · ${report.commissionConfidenceReason}` : ''}
      </span>,
    ])
  }
  if (report.progressDropReason) rows.push(['进度回退原因', report.progressDropReason])
  if (report.overrunConfirmed) rows.push(['超计划确认', '填报单位已确认本年累计完成超过年度计划的 150%'])
  if (report.returnComment) rows.push(['退回原因', report.returnComment])
  rows.push(['提交', report.submittedBy ? `${report.submittedBy} · ${zhDateTime(report.submittedAt)}` : '—'])
  rows.push(['审核', report.reviewedBy ? `${report.reviewedBy} · ${zhDateTime(report.reviewedAt)}` : '—'])
  return (
    <>
      <dl className="report-details">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {/* 形象进度照片, before the decision (issue 28 §1): each opens large with its caption and 拍摄时间. */}
      <section className="report-photos-shown" aria-label="形象进度照片">
        <h4 className="report-photos-title">形象进度照片（{report.photos.length} 张）</h4>
        <ReportPhotos photos={report.photos} month={report.month} />
      </section>
    </>
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

  const flagged = shown.flags.length > 0
  const decide = (action: 'approve' | 'return') => {
    if (action === 'return' && !comment.trim()) return setError({ message: '退回时请填写退回原因', fields: { comment: '请填写退回原因' } })
    if (action === 'approve' && flagged && !comment.trim()) {
      return setError({ message: '该月报需核实，审核通过前请填写确认意见', fields: { comment: '请填写确认意见：已核实的情况' } })
    }
    setError(null)
    review.mutate(
      { projectId: shown.projectId, month: shown.month, version: shown.version, action, comment: action === 'return' || flagged ? comment : comment.trim() || undefined },
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
      <FlagNotice flags={shown.flags} />
      <ReportDetails report={shown} />
      {(shown.status === 'submitted' || shown.status === 'approved') && <CommissionRating report={shown} onRated={setShown} />}
      {shown.status === 'submitted' ? (
        <>
          <FormField
            id={`${id}-comment`}
            label={flagged ? '审核意见（需核实：审核通过须填写确认意见，退回须填写原因）' : '退回原因（退回时必填）'}
            error={error?.fields.comment}
          >
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

/**
 * The commission's own 完成信心 beside the owner's, with its reason (staff; decision 74): kept apart from
 * the owner's, and the one the dashboard ranks by. A report changed meanwhile (409) is shown as it is now.
 */
export function CommissionRating({ report, onRated }: { report: Report; onRated: (report: Report) => void }) {
  const id = useId()
  const rate = useCommissionConfidence()
  const [level, setLevel] = useState<Confidence | ''>(report.commissionConfidence ?? '')
  const [reason, setReason] = useState(report.commissionConfidenceReason ?? '')
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null)
  const [done, setDone] = useState<string | null>(null)

  const save = () => {
    const fields: Record<string, string> = {}
    if (level === '') fields.confidence = '请选择发改委评定的完成信心'
    if (!reason.trim()) fields.reason = '请填写评定理由'
    if (Object.keys(fields).length > 0) return setError({ message: '请按提示填写后再保存评定', fields })
    setError(null)
    rate.mutate(
      { projectId: report.projectId, month: report.month, version: report.version, confidence: level as Confidence, reason },
      {
        onSuccess: (rated) => {
          setDone(`已保存发改委评定：完成信心${CONFIDENCE_LABELS[rated.commissionConfidence!]}`)
          onRated(rated)
        },
        onError: (failure) => {
          if (!(failure instanceof ApiRequestError)) return setError({ message: '保存失败，请重试', fields: {} })
          const current = failure.status === 409 ? ReportSchema.safeParse(failure.current) : null
          if (current?.success) onRated(current.data)
          setError({ message: current?.success ? `${failure.message}。已显示最新内容，请重新评定。` : failure.message, fields: failure.fields ?? {} })
        },
      },
    )
  }

  return (
    <fieldset className="stack-sm commission-rating">
      <legend>发改委评定完成信心</legend>
      <ErrorSummary attempt={error} message={error?.message ?? null} level={4} />
      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      <p className="field-hint">与业主单位填报的完成信心并存；有评定时，总览和排名以发改委评定为准。</p>
      <FormField id={`${id}-level`} label="发改委评定的完成信心" error={error?.fields.confidence}>
        {(props) => (
          <div className="confidence-picker">
            <select {...props} value={level} onChange={(e) => setLevel(e.target.value as Confidence | '')}>
              <option value="">请选择</option>
              {CONFIDENCE_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {CONFIDENCE_LABELS[l]}
                </option>
              ))}
            </select>
            {level !== '' && <ConfidenceTag level={level} />}
          </div>
        )}
      </FormField>
      <FormField id={`${id}-reason`} label="评定理由" error={error?.fields.reason} hint={`必填，最长 ${CONFIDENCE_REASON_MAX} 字`}>
        {(props) => <textarea {...props} rows={2} maxLength={CONFIDENCE_REASON_MAX} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </FormField>
      <div className="form-actions">
        <button type="button" className="button" disabled={rate.isPending} onClick={save}>
          {rate.isPending ? '正在保存…' : '保存评定'}
        </button>
      </div>
    </fieldset>
  )
}
