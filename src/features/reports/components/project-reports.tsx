import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import type { Calendar } from '@/contract'
import type { Report } from '@/contract/reports'
import { Section } from '@/components/page-header'
import { QueryBoundary } from '@/components/query-state'
import { SimulatedBadge } from '@/components/status-badge'
import { TableScroll } from '@/components/table-scroll'
import { isFutureMonth } from '@/domain/calendar'
import { mayAct, parseReportMonth, reportMonthOf } from '@/domain/monthly-report'
import { percentFigure, wanNumber, zhDateTime } from '@/lib/format'
import { useCurrentUser } from '@/lib/session'
import { reportQueries } from '../api/reports'
import { ConfidenceTag } from '@/components/confidence-tag'
import { DEFAULT_REPORT_CHECKS, asksCompletionDate, forecastNeedOf, type CompletionSchedule } from '@/domain/forecast-report'
import { ReportForm, type ForecastAsk } from './report-form'
import { CommissionRating, FlagNotice, ReportDetails, ReportStatusTag, ReviewPanel } from './report-review'
import { ActionPanel } from '@/components/action-panel'
import { calendarNow, useCalendar } from '@/lib/as-of'

type Open = { kind: 'fill'; month: string; report: Report | null } | { kind: 'review'; report: Report } | { kind: 'view'; report: Report }

/**
 * A project's 月报 of the plan year: what was reported each month and where it stands. The project's own
 * 业主单位 fills in and submits; the commission's staff approve or return. Only approved months count in
 * the figures above.
 */
export function ProjectReports({
  projectId,
  ownerUnit,
  retired = false,
  schedule = null,
}: {
  projectId: string
  ownerUnit: string
  retired?: boolean
  /** The project's planned completion and 建设年限: whether 预计完工日期 is asked (decision 74). */
  schedule?: CompletionSchedule | null
}) {
  const query = useQuery(reportQueries.ofProject(projectId))
  const calendar = useCalendar()
  const planYear = calendar?.planYear
  return (
    <Section title={`${planYear ?? ''}年月报`} note="只有审核通过的月报计入上方统计；待审核、已退回和草稿不计入。">
      <QueryBoundary query={query} loadingLabel="正在加载月报…">
        {(list) => planYear !== undefined && <ReportsContent projectId={projectId} ownerUnit={ownerUnit} retired={retired} schedule={schedule} reports={list.items} planYear={planYear} calendar={calendar!} />}
      </QueryBoundary>
    </Section>
  )
}

function ReportsContent({
  projectId,
  ownerUnit,
  retired,
  schedule,
  reports,
  planYear,
  calendar,
}: {
  projectId: string
  ownerUnit: string
  retired: boolean
  schedule: CompletionSchedule | null
  reports: Report[]
  planYear: number
  calendar: Calendar
}) {
  const user = useCurrentUser()
  const [open, setOpen] = useState<Open | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const canFill = mayAct(user, 'save', { ownerUnit, retired }) === null
  const canReview = mayAct(user, 'approve', { ownerUnit, retired }) === null
  const byMonth = new Map(reports.map((r) => [r.month, r]))
  const now = calendarNow(calendar)
  // The months an owner can still fill in: begun, not published (closed), and not approved or awaiting review.
  const fillable = Array.from({ length: 12 }, (_, i) => reportMonthOf(planYear, i + 1)).filter((month) => {
    const { year, month: m } = parseReportMonth(month)
    const state = byMonth.get(month)?.status
    return !isFutureMonth(year, m, now) && calendar.months[m - 1]?.status !== 'published' && state !== 'approved' && state !== 'submitted'
  })
  const [chosenMonth, setFillMonth] = useState(fillable[0] ?? '')
  // After a submission the month chosen may no longer be fillable: fall back to the first that is.
  const fillMonth = fillable.includes(chosenMonth) ? chosenMonth : (fillable[0] ?? '')
  const selectId = useId()
  // What the form asks of the forecast in a month: the deployment's month (the calendar says it), the project's schedule.
  const checks = calendar.reportChecks ?? DEFAULT_REPORT_CHECKS
  const askOf = (month: string): ForecastAsk => {
    const { year, month: m } = parseReportMonth(month)
    return { need: forecastNeedOf(m, checks, schedule, year), asksDate: schedule !== null && asksCompletionDate(schedule, year), requiredFrom: checks.forecastRequiredFrom }
  }
  const finish = (message: string) => {
    setDone(message)
    setOpen(null)
  }

  return (
    <div className="stack-sm">
      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      {canFill && fillable.length > 0 && !open && (
        <div className="toolbar">
          <label htmlFor={selectId}>填报月份</label>
          <select id={selectId} value={fillMonth} onChange={(e) => setFillMonth(e.target.value)}>
            {fillable.map((month) => (
              <option key={month} value={month}>
                {parseReportMonth(month).month}月{byMonth.get(month) ? `（${byMonth.get(month)!.status === 'returned' ? '已退回' : '草稿'}）` : ''}
              </option>
            ))}
          </select>
          <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'fill', month: fillMonth, report: byMonth.get(fillMonth) ?? null })}>
            填报{parseReportMonth(fillMonth).month}月月报
          </button>
        </div>
      )}
      {open && (
        <ActionPanel title={panelTitle(open)}>
          {open.kind === 'fill' ? (
            <ReportForm projectId={projectId} month={open.month} report={open.report} forecast={askOf(open.month)} onDone={finish} onCancel={() => setOpen(null)} />
          ) : open.kind === 'review' ? (
            <ReviewPanel report={open.report} onDone={finish} onCancel={() => setOpen(null)} />
          ) : (
            <>
              <FlagNotice flags={open.report.flags} />
              <ReportDetails report={open.report} />
              {canReview && open.report.status === 'approved' && <CommissionRating report={open.report} onRated={(rated) => setOpen({ kind: 'view', report: rated })} />}
              <button type="button" className="button" onClick={() => setOpen(null)}>
                关闭
              </button>
            </>
          )}
        </ActionPanel>
      )}
      {reports.length === 0 ? (
        <p className="empty">本年度尚无月报。</p>
      ) : (
        <TableScroll label="月报（可横向滚动）">
          <table className="table table-compact">
            <caption className="sr-only">各月月报</caption>
            <thead>
              <tr>
                <th scope="col">月份</th>
                <th scope="col">状态</th>
                <th scope="col" className="num">
                  当月完成投资（万元）
                </th>
                <th scope="col" className="num">
                  形象进度
                </th>
                <th scope="col" className="num">
                  全年预计（万元）
                </th>
                <th scope="col">完成信心</th>
                <th scope="col">最近修改</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {[...reports].reverse().map((report) => {
                const m = parseReportMonth(report.month).month
                return (
                  <tr key={report.month}>
                    <th scope="row">{m}月</th>
                    <td>
                      <ReportStatusTag status={report.status} /> {report.simulated && <SimulatedBadge title="演示数据中的模拟月报" />}
                      {report.flags.length > 0 && report.status === 'submitted' && (
                        <span className="tag tag-warn" title={report.flags.map((f) => f.message).join('；')}>
                          <span aria-hidden="true">⚠ </span>需核实
                        </span>
                      )}
                    </td>
                    <td className="num">{report.actualWan === null ? '—' : wanNumber(report.actualWan)}</td>
                    <td className="num">{percentFigure(report.progressPercent)}</td>
                    <td className="num">{report.forecastYearWan === null ? '—' : wanNumber(report.forecastYearWan)}</td>
                    <td>
                      {/* The commission's rating when it gave one (named so), else the owner's. */}
                      {report.commissionConfidence ? <ConfidenceTag level={report.commissionConfidence} by="发改委" /> : <ConfidenceTag level={report.confidence} />}
                    </td>
                    <td>{report.updatedBy ? `${report.updatedBy} · ${zhDateTime(report.updatedAt)}` : '—'}</td>
                    <td className="cell-actions">
                      <button type="button" className="button button-link" onClick={() => setOpen({ kind: 'view', report })}>
                        查看{m}月
                      </button>
                      {canFill && (report.status === 'draft' || report.status === 'returned') && (
                        <button type="button" className="button button-link" onClick={() => setOpen({ kind: 'fill', month: report.month, report })}>
                          修改{m}月
                        </button>
                      )}
                      {canReview && report.status === 'submitted' && (
                        <button type="button" className="button button-link" onClick={() => setOpen({ kind: 'review', report })}>
                          审核{m}月
                        </button>
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
  )
}

const panelTitle = (open: Open) => {
  const m = parseReportMonth(open.kind === 'fill' ? open.month : open.report.month).month
  return open.kind === 'fill' ? `填报${m}月月报` : open.kind === 'review' ? `审核${m}月月报` : `${m}月月报`
}

