import { RemindButton } from '@/features/notifications/components/todo-list'
import { useEffect, useId } from 'react'
import { useSearchParams } from 'react-router'
import { ReportMonthSchema } from '@/contract/reports'
import { PageHeader } from '@/components/page-header'
import { Loading } from '@/components/query-state'
import { isFutureMonth, monthBeingReported } from '@/domain/calendar'
import { parseReportMonth, reportMonthOf } from '@/domain/monthly-report'
import { ReportImport } from '@/features/imports/components/report-import'
import { ReportMonth } from '@/features/reports/components/report-month'
import { PublishMonth } from '@/features/reports/components/publish-month'
import { env } from '@/config/env'
import { useCan } from '@/lib/session'
import { calendarNow, useCalendar } from '@/lib/as-of'

/**
 * 月报 by month. The default month is the one being collected: the oldest month not yet published, so
 * staff land on what needs doing, and publish it from here (发布, decision 63).
 */
export function Component() {
  const calendar = useCalendar()
  const [params, setParams] = useSearchParams()
  const selectId = useId()
  // The sheet is read on the server (exceljs stays out of the browser): not offered in the demo build.
  const mayImport = useCan('report:import') && env.VITE_API_MODE !== 'mock'
  const mayPublish = useCan('month:publish')
  const asked = ReportMonthSchema.safeParse(params.get('month') ?? '')
  const planYear = calendar?.planYear
  const askedValid = asked.success && planYear !== undefined && parseReportMonth(asked.data).year === planYear
  const month = askedValid ? asked.data : calendar ? reportMonthOf(calendar.planYear, monthBeingReported(calendar, calendarNow(calendar))) : null
  // The default month goes into the URL: the page stays on it after an approval moves the calendar on, and the link can be shared.
  useEffect(() => {
    if (month && !askedValid && !params.has('month')) setParams({ month }, { replace: true })
  }, [month, askedValid, params, setParams])
  if (!month || planYear === undefined) return <Loading label="正在加载报送日历…" />
  const now = calendarNow(calendar)
  const months = Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => !isFutureMonth(planYear, m, now))
  const m = parseReportMonth(month).month
  // The month to publish next: the oldest open one, once it has begun (months are published in order).
  const nextToPublish = calendar?.months.find((entry) => entry.status === 'open')
  const publishable = nextToPublish && !isFutureMonth(planYear, parseReportMonth(nextToPublish.month).month, now) ? nextToPublish.month : null
  return (
    <>
      <title>{`${m}月月报 · 南岸区重点项目进度监测`}</title>
      <PageHeader title={`${planYear}年${m}月月报报送与审核`} subtitle="业主单位填报、提交；发改委审核通过后计入统计。逾期：报送截止日后仍未审核通过。" />
      {params.has('month') && !askedValid && (
        <p className="notice notice-warn" role="status">
          链接中的月份“{params.get('month')}”无效，已显示{m}月。
        </p>
      )}
      <div className="toolbar">
        <label htmlFor={selectId}>报送月份</label>
        <select id={selectId} value={m} onChange={(e) => setParams({ month: reportMonthOf(planYear, Number(e.target.value)) })}>
          {months.map((value) => (
            <option key={value} value={value}>
              {planYear}年{value}月
            </option>
          ))}
        </select>
      </div>
      {mayPublish && publishable && <PublishMonth month={publishable} />}
      {/* 催报 for the month in view while it is open (a published month is closed). */}
      {mayPublish && calendar?.months[m - 1]?.status === 'open' && <RemindButton month={month} />}
      {mayImport && (
        <details className="details">
          <summary>用 Excel 批量填报{m}月月报</summary>
          <ReportImport key={month} month={month} />
        </details>
      )}
      <ReportMonth month={month} />
    </>
  )
}
