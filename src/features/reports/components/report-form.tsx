import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { issueFields } from '@/contract'
import { CONFIDENCE_LEVELS, CONFIDENCE_REASON_MAX, ReportDraftFieldsSchema, ReportSchema, type Confidence, type Report, type ReportFields } from '@/contract/reports'
import { ConfidenceTag } from '@/components/confidence-tag'
import { ErrorSummary } from '@/components/error-summary'
import { FormField } from '@/components/form-field'
import { FORECAST_FIELD_LABELS, NO_FORECAST_NEED, confidenceNeedsReason, type ForecastNeed } from '@/domain/forecast-report'
import { CONFIDENCE_LABELS } from '@/domain/labels'
import { REPORT_STATUS_LABELS, completeReport, parseReportMonth } from '@/domain/monthly-report'
import { parseTypedNumber } from '@/domain/typed-number'
import { ApiRequestError } from '@/lib/api-client'
import { useCalendar } from '@/lib/as-of'
import { percentFigure } from '@/lib/format'
import { reportQueries, useSaveReport, useSubmitReport } from '../api/reports'
import { ReportPhotoUpload } from './report-photos'

/** The form's text state: inputs hold strings; the contract's schema turns them into a report. */
type Draft = {
  actualWan: string
  progressPercent: string
  progressText: string
  milestonesReached: { name: string; date: string }[]
  problems: string
  coordination: string
  nextMonthPlan: string
  progressDropReason: string
  confirmOverrun: boolean
  forecastYearWan: string
  forecastCompletionDate: string
  confidence: Confidence | ''
  confidenceReason: string
}

/** What the form asks of the forecast this month (decision 74): required or not, whether 预计完工日期 is asked, from which month. */
export type ForecastAsk = { need: ForecastNeed; asksDate: boolean; requiredFrom: number }
const NO_ASK: ForecastAsk = { need: NO_FORECAST_NEED, asksDate: false, requiredFrom: 6 }

const draftOf = (report: Report | null): Draft => ({
  actualWan: report?.actualWan == null ? '' : String(report.actualWan),
  progressPercent: report?.progressPercent === null || !report ? '' : String(report.progressPercent),
  progressText: report?.progressText ?? '',
  milestonesReached: report?.milestonesReached.map((m) => ({ ...m })) ?? [],
  problems: report?.problems ?? '',
  coordination: report?.coordination ?? '',
  nextMonthPlan: report?.nextMonthPlan ?? '',
  progressDropReason: report?.progressDropReason ?? '',
  confirmOverrun: report?.overrunConfirmed ?? false,
  forecastYearWan: report?.forecastYearWan == null ? '' : String(report.forecastYearWan),
  forecastCompletionDate: report?.forecastCompletionDate ?? '',
  confidence: report?.confidence ?? '',
  confidenceReason: report?.confidenceReason ?? '',
})

/**
 * The body to send, or a message per number typed that is none (the domain's one rule for typed numbers:
 * full-width digits and grouping commas, never 1e3). A milestone row left wholly blank is not sent.
 */
function bodyOf(draft: Draft): { ok: true; body: Record<string, unknown> } | { ok: false; fields: Record<string, string> } {
  const actualWan = parseTypedNumber(draft.actualWan, { label: '当月完成投资' })
  const progressPercent = parseTypedNumber(draft.progressPercent, { label: '形象进度', decimal: true })
  const forecastYearWan = parseTypedNumber(draft.forecastYearWan, { label: '全年预计完成投资' })
  const fields: Record<string, string> = {}
  if (!actualWan.ok) fields.actualWan = actualWan.message
  if (!progressPercent.ok) fields.progressPercent = progressPercent.message
  if (!forecastYearWan.ok) fields.forecastYearWan = forecastYearWan.message
  if (!actualWan.ok || !progressPercent.ok || !forecastYearWan.ok) return { ok: false, fields }
  return {
    ok: true,
    body: {
      actualWan: actualWan.value,
      progressPercent: progressPercent.value,
      progressText: draft.progressText,
      milestonesReached: draft.milestonesReached.filter((m) => m.name.trim() !== '' || m.date !== ''),
    problems: draft.problems,
    coordination: draft.coordination,
    nextMonthPlan: draft.nextMonthPlan,
      progressDropReason: draft.progressDropReason.trim() === '' ? null : draft.progressDropReason,
      confirmOverrun: draft.confirmOverrun,
      forecastYearWan: forecastYearWan.value,
      forecastCompletionDate: draft.forecastCompletionDate === '' ? null : draft.forecastCompletionDate,
      confidence: draft.confidence === '' ? null : draft.confidence,
      confidenceReason: draft.confidenceReason.trim() === '' ? null : draft.confidenceReason,
    },
  }
}

type Failure = { conflict: Report | null; fields: Record<string, string>; message: string | null }
const NO_FAILURE: Failure = { conflict: null, fields: {}, message: null }

function failureOf(error: unknown): Failure {
  if (!(error instanceof ApiRequestError)) return { ...NO_FAILURE, message: '保存失败，请检查网络后重试' }
  const current = error.status === 409 ? ReportSchema.safeParse(error.current) : null
  if (current?.success) return { conflict: current.data, fields: {}, message: error.message }
  if (error.fields) return { conflict: null, fields: error.fields, message: '请按提示修改后重新保存' }
  return { ...NO_FAILURE, message: error.message }
}

const FIELD_LABELS: Partial<Record<keyof ReportFields, string>> = {
  actualWan: '当月完成投资（万元）',
  progressPercent: '形象进度（%）',
  progressText: '形象进度描述',
  problems: '存在问题',
  coordination: '需协调事项',
  nextMonthPlan: '下月计划',
  ...FORECAST_FIELD_LABELS,
}

/**
 * The owner unit's monthly report for one project and month: save as a draft, or save and submit for
 * review. Checked with the contract before sending; the server's rules (进度回退, 超计划150%) come back
 * as field messages. A report changed meanwhile (409) shows both versions and lets the user re-apply.
 */
export function ReportForm({
  projectId,
  month,
  report,
  forecast = NO_ASK,
  onDone,
  onCancel,
}: {
  projectId: string
  month: string
  report: Report | null
  forecast?: ForecastAsk
  onDone: (message: string) => void
  onCancel: () => void
}) {
  const id = useId()
  const save = useSaveReport()
  const submit = useSubmitReport()
  const [draft, setDraft] = useState<Draft>(() => draftOf(report))
  const [version, setVersion] = useState<number | undefined>(report?.version)
  const [failure, setFailure] = useState<Failure>(NO_FAILURE)
  const pending = save.isPending || submit.isPending
  // The month's report as the server holds it now: its photos change with every upload (apart from the figures typed here).
  const queryClient = useQueryClient()
  const live = useQuery({ ...reportQueries.ofProject(projectId), select: (list) => list.items.find((r) => r.month === month) ?? null })
  const current = live.data === undefined ? report : live.data
  // A first upload to a month with no report starts an empty draft (decision 81): the form goes on from its version,
  // so saving the figures is not taken for a second, conflicting report. Nothing typed is lost.
  const adoptStartedDraft = async () => {
    if (version !== undefined) return
    const list = await queryClient.fetchQuery({ ...reportQueries.ofProject(projectId), staleTime: 0 })
    const started = list.items.find((r) => r.month === month)
    if (started) setVersion(started.version)
  }
  const { year, month: m } = parseReportMonth(month)
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }))

  const send = (mode: 'save' | 'submit', basedOn: number | undefined) => {
    // A draft saves whatever is filled in, if it is well-formed; submit also needs it complete (decision 65).
    const typed = bodyOf(draft)
    if (!typed.ok) return setFailure({ conflict: null, fields: typed.fields, message: '请按提示修改后重新保存' })
    const parsed = ReportDraftFieldsSchema.safeParse(typed.body)
    if (!parsed.success) return setFailure({ conflict: null, fields: issueFields(parsed.error.issues), message: '请按提示修改后重新保存' })
    if (mode === 'submit') {
      const complete = completeReport(parsed.data, forecast.need)
      if (!complete.ok) return setFailure({ conflict: null, fields: complete.fields, message: `${complete.message}。可先保存草稿，补全后再提交。` })
    }
    setFailure(NO_FAILURE)
    const input = { projectId, month, ...parsed.data, ...(basedOn === undefined ? {} : { version: basedOn }) }
    const onError = (error: unknown) => setFailure(failureOf(error))
    // The save went through but the submit did not: say so, with the server's reasons beside the fields.
    const onSubmitError = (error: unknown) => {
      const failed = failureOf(error)
      setFailure(failed.conflict || !(error instanceof ApiRequestError) ? failed : { ...failed, message: `已保存为草稿，但未能提交：${error.message}` })
    }
    // Save first, then submit the version just saved (two audited steps, one click). The version is kept
    // as soon as the save succeeds, so a failed submit is retried on the right version.
    save.mutate(input, {
      onSuccess: (saved: Report) => {
        setVersion(saved.version)
        if (mode === 'save') return onDone(`${year}年${m}月月报已保存为草稿（第 ${saved.version} 版）`)
        submit.mutate(
          { projectId, month, version: saved.version },
          { onSuccess: () => onDone(`${year}年${m}月月报已提交，等待发改委审核`), onError: onSubmitError },
        )
      },
      onError,
    })
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    send('submit', version)
  }
  const fieldError = (key: string) => failure.fields[key]
  // The month after the latest published one: what was not reported in time for that month goes into this one (decision 63).
  const publishedMonth = useCalendar()?.publishedMonth
  const previousPublished = m > 1 && publishedMonth === `${year}-${String(m - 1).padStart(2, '0')}` ? m - 1 : null
  const milestoneErrors = Object.entries(failure.fields).filter(([key]) => key.startsWith('milestonesReached'))

  return (
    <form className="stack-sm report-form" onSubmit={onSubmit} noValidate aria-label={`${year}年${m}月月报`}>
      {report?.status === 'returned' && report.returnComment && (
        <p className="notice notice-warn" role="note">
          <strong>已退回：</strong>
          {report.returnComment}
        </p>
      )}
      {failure.conflict ? (
        <ReportConflict
          message={failure.message ?? ''}
          current={failure.conflict}
          mine={draft}
          pending={pending}
          onReapply={() => {
            const current = failure.conflict!
            setVersion(current.version)
            send('save', current.version)
          }}
          onDiscard={() => {
            setDraft(draftOf(failure.conflict))
            setVersion(failure.conflict!.version)
            setFailure(NO_FAILURE)
          }}
        />
      ) : (
        <ErrorSummary attempt={failure === NO_FAILURE ? null : failure} message={failure.message} />
      )}
      {previousPublished !== null && (
        <p className="field-hint">
          {previousPublished}月已发布，不能再报送；{previousPublished}月未按时报送的完成投资请计入本月（{m}月）的当月完成投资。
        </p>
      )}
      <div className="form-grid">
        <FormField id={`${id}-actual`} label={FIELD_LABELS.actualWan!} error={fieldError('actualWan')} hint="整数，单位万元">
          {(props) => (
            <input {...props} inputMode="numeric" autoComplete="off" value={draft.actualWan} onChange={(e) => set('actualWan', e.target.value)} />
          )}
        </FormField>
        <FormField id={`${id}-percent`} label={FIELD_LABELS.progressPercent!} error={fieldError('progressPercent')} hint="0-100，最多一位小数">
          {(props) => (
            <input {...props} inputMode="decimal" autoComplete="off" value={draft.progressPercent} onChange={(e) => set('progressPercent', e.target.value)} />
          )}
        </FormField>
      </div>
      <FormField id={`${id}-text`} label={FIELD_LABELS.progressText!} error={fieldError('progressText')}>
        {(props) => <textarea {...props} rows={2} value={draft.progressText} onChange={(e) => set('progressText', e.target.value)} />}
      </FormField>
      <fieldset className="milestones-reached">
        <legend>本月完成的节点</legend>
        {draft.milestonesReached.length === 0 && <p className="field-hint">本月没有完成的节点可不填。</p>}
        {draft.milestonesReached.map((stone, i) => (
          <div className="form-grid milestone-row" key={i}>
            <FormField id={`${id}-ms-${i}-name`} label={`节点 ${i + 1} 名称`} error={fieldError(`milestonesReached.${i}.name`)}>
              {(props) => (
                <input
                  {...props}
                  value={stone.name}
                  onChange={(e) => set('milestonesReached', draft.milestonesReached.map((s, j) => (j === i ? { ...s, name: e.target.value } : s)))}
                />
              )}
            </FormField>
            <FormField id={`${id}-ms-${i}-date`} label={`节点 ${i + 1} 完成日期`} error={fieldError(`milestonesReached.${i}.date`)}>
              {(props) => (
                <input
                  {...props}
                  type="date"
                  value={stone.date}
                  onChange={(e) => set('milestonesReached', draft.milestonesReached.map((s, j) => (j === i ? { ...s, date: e.target.value } : s)))}
                />
              )}
            </FormField>
            <button
              type="button"
              className="button button-link"
              onClick={() => set('milestonesReached', draft.milestonesReached.filter((_, j) => j !== i))}
            >
              删除节点 {i + 1}
            </button>
          </div>
        ))}
        {milestoneErrors.some(([key]) => !/\.\d+\./.test(key)) && (
          <p className="field-error" role="alert">
            {milestoneErrors.find(([key]) => !/\.\d+\./.test(key))?.[1]}
          </p>
        )}
        <button type="button" className="button" onClick={() => set('milestonesReached', [...draft.milestonesReached, { name: '', date: '' }])}>
          添加节点
        </button>
      </fieldset>
      {(['problems', 'coordination', 'nextMonthPlan'] as const).map((key) => (
        <FormField key={key} id={`${id}-${key}`} label={FIELD_LABELS[key]!} error={fieldError(key)}>
          {(props) => <textarea {...props} rows={2} value={draft[key]} onChange={(e) => set(key, e.target.value)} />}
        </FormField>
      ))}
      <fieldset className="forecast-fields">
        <legend>全年预计与完成信心</legend>
        <p className="field-hint">
          {forecast.need.required
            ? `${m}月起，提交时须填写全年预计完成投资和完成信心${forecast.asksDate ? '，并填写预计完工日期' : ''}。`
            : `${forecast.requiredFrom}月起提交时必填，本月可不填。`}
        </p>
        <div className="form-grid">
          <FormField id={`${id}-forecast`} label={FIELD_LABELS.forecastYearWan!} error={fieldError('forecastYearWan')} hint="本年预计完成的投资总额（含已完成），整数，单位万元">
            {(props) => (
              <input {...props} inputMode="numeric" autoComplete="off" value={draft.forecastYearWan} onChange={(e) => set('forecastYearWan', e.target.value)} />
            )}
          </FormField>
          {(forecast.asksDate || draft.forecastCompletionDate !== '') && (
            <FormField id={`${id}-completion`} label={FIELD_LABELS.forecastCompletionDate!} error={fieldError('forecastCompletionDate')} hint="本年或明年计划完工的项目填写">
              {(props) => <input {...props} type="date" value={draft.forecastCompletionDate} onChange={(e) => set('forecastCompletionDate', e.target.value)} />}
            </FormField>
          )}
        </div>
        <FormField id={`${id}-confidence`} label={FIELD_LABELS.confidence!} error={fieldError('confidence')} hint="完成全年计划投资的把握：高、较高、中、较低、低">
          {(props) => (
            <div className="confidence-picker">
              <select {...props} value={draft.confidence} onChange={(e) => set('confidence', e.target.value as Draft['confidence'])}>
                <option value="">请选择</option>
                {CONFIDENCE_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {CONFIDENCE_LABELS[level]}
                  </option>
                ))}
              </select>
              {draft.confidence !== '' && <ConfidenceTag level={draft.confidence} />}
            </div>
          )}
        </FormField>
        <FormField
          id={`${id}-confidence-reason`}
          label={FIELD_LABELS.confidenceReason!}
          error={fieldError('confidenceReason')}
          hint={`${confidenceNeedsReason(draft.confidence || null) ? '必填：' : ''}完成信心为中、较低或低时，用一句话说明原因（最长 ${CONFIDENCE_REASON_MAX} 字）`}
        >
          {(props) => <textarea {...props} rows={2} maxLength={CONFIDENCE_REASON_MAX} value={draft.confidenceReason} onChange={(e) => set('confidenceReason', e.target.value)} />}
        </FormField>
      </fieldset>
      <FormField
        id={`${id}-drop`}
        label="进度回退原因"
        error={fieldError('progressDropReason')}
        hint="形象进度低于上次审核通过的数值时必填"
      >
        {(props) => <textarea {...props} rows={2} value={draft.progressDropReason} onChange={(e) => set('progressDropReason', e.target.value)} />}
      </FormField>
      {(fieldError('confirmOverrun') || draft.confirmOverrun) && (
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              id={`${id}-overrun`}
              aria-invalid={fieldError('confirmOverrun') ? true : undefined}
              checked={draft.confirmOverrun}
              aria-describedby={fieldError('confirmOverrun') ? `${id}-overrun-error` : undefined}
              onChange={(e) => set('confirmOverrun', e.target.checked)}
            />
            已核实：本年累计完成投资超过年度计划的 150%
          </label>
          {fieldError('confirmOverrun') && (
            <span id={`${id}-overrun-error`} className="field-error">
              {fieldError('confirmOverrun')}
            </span>
          )}
        </div>
      )}
      <ReportPhotoUpload projectId={projectId} month={month} photos={current?.photos ?? []} status={current?.status ?? null} onUploaded={() => void adoptStartedDraft()} />
      {fieldError('month') && (
        <p className="form-alert" role="alert">
          {fieldError('month')}
        </p>
      )}
      <p className="field-hint">
        保存草稿时可只填部分内容；提交审核时须填写当月完成投资、形象进度（%）和形象进度描述{forecast.need.required ? '，以及全年预计完成投资和完成信心' : ''}。
      </p>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending || failure.conflict !== null}>
          {pending ? '正在提交…' : '提交审核'}
        </button>
        <button type="button" className="button" disabled={pending || failure.conflict !== null} onClick={() => send('save', version)}>
          {pending ? '正在保存…' : '保存草稿'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  )
}

/** A report changed by someone else meanwhile: what is there now beside what was typed, and the choice. */
function ReportConflict({
  message,
  current,
  mine,
  pending,
  onReapply,
  onDiscard,
}: {
  message: string
  current: Report
  mine: Draft
  pending: boolean
  onReapply: () => void
  onDiscard: () => void
}) {
  const rows: [string, string, string][] = [
    ['状态', REPORT_STATUS_LABELS[current.status], '—'],
    ['当月完成投资（万元）', current.actualWan === null ? '—' : String(current.actualWan), mine.actualWan || '—'],
    ['形象进度', percentFigure(current.progressPercent), mine.progressPercent ? `${mine.progressPercent}%` : '—'],
    ['形象进度描述', current.progressText, mine.progressText],
    ['存在问题', current.problems || '—', mine.problems || '—'],
    ['全年预计完成投资（万元）', current.forecastYearWan === null ? '—' : String(current.forecastYearWan), mine.forecastYearWan || '—'],
    ['完成信心', current.confidence ? CONFIDENCE_LABELS[current.confidence] : '—', mine.confidence ? CONFIDENCE_LABELS[mine.confidence] : '—'],
  ]
  const editable = current.status === 'draft' || current.status === 'returned'
  return (
    <div className="conflict" role="alert">
      <strong>{message}</strong>
      <table className="table table-compact">
        <caption className="sr-only">当前内容与您的修改</caption>
        <thead>
          <tr>
            <th scope="col">项目</th>
            <th scope="col">当前内容（第 {current.version} 版，{current.updatedBy ?? '—'}）</th>
            <th scope="col">您的修改</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, now, typed]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{now}</td>
              <td className={now !== typed && typed !== '—' ? 'cell-changed' : undefined}>{typed}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        {editable ? (
          <button type="button" className="button button-primary" disabled={pending} onClick={onReapply}>
            以我的修改覆盖当前内容
          </button>
        ) : (
          <span>月报已{REPORT_STATUS_LABELS[current.status]}，不能再修改。</span>
        )}
        <button type="button" className="button" onClick={onDiscard}>
          放弃我的修改，查看当前内容
        </button>
      </div>
    </div>
  )
}
