import type { Calendar } from '@/contract'

/** "2024-09-30" → "2024年9月30日"; null → "—". The one way a date is written, on every page and in every text. */
export function zhDate(iso: string | null): string {
  if (!iso) return '—'
  const [y, m, d] = iso.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** "2024-06" → "2024年6月". */
export function zhMonth(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number)
  return `${y}年${m}月`
}

/**
 * The reporting calendar, read from the data: the dashboard's default month is the latest month with an
 * approved report, so approving October's first report moves it to 1-10月 with no code change.
 */

/** A month's reports are due by the 5th of the following month unless the deployment says otherwise. */
export const DEFAULT_REPORT_DEADLINE_DAY = 5

const monthParam = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`

/** The calendar from each plan year's latest approved month; the open year is the one reports go to. */
export function calendarFromYears(
  years: readonly { year: number; latestReportMonth: number; open: boolean; approved?: boolean }[],
  reportDeadlineDay: number,
): Calendar {
  const newestFirst = [...years].sort((a, b) => b.year - a.year)
  const open = newestFirst.find((y) => y.open) ?? newestFirst[0]!
  return {
    planYear: open.year,
    latestReportMonth: open.latestReportMonth,
    reportDeadlineDay,
    hasApprovedReports: open.approved ?? true,
    years: newestFirst.map(({ year, latestReportMonth }) => ({ year, latestReportMonth })),
  }
}

/**
 * The month a request asks for: its `asOf`, or (none given) the open year's latest month with an approved
 * report. Any begun month of a plan year the calendar lists can be asked for: after the year's latest
 * approved month the answer counts only what is approved (the rest is 未报送), which is what reviewing a
 * month in progress needs. A year without a list, or a month that has not begun, is refused (400, asOf).
 */
export function resolveAsOf(
  asOf: { year: number; month: number } | undefined,
  calendar: Pick<Calendar, 'planYear' | 'latestReportMonth' | 'years'>,
  now: Date,
): { ok: true; planYear: number; month: number; latestReportMonth: number } | { ok: false; fields: { asOf: string } } {
  if (asOf === undefined) return { ok: true, planYear: calendar.planYear, month: calendar.latestReportMonth, latestReportMonth: calendar.latestReportMonth }
  const listed = calendar.years.find((y) => y.year === asOf.year)
  if (!listed) return { ok: false, fields: { asOf: unlistedYearProblem(asOf.year, calendar.years.map((y) => y.year)) } }
  if (isFutureMonth(asOf.year, asOf.month, now)) return { ok: false, fields: { asOf: `${asOf.year}年${asOf.month}月尚未开始，没有可统计的数据` } }
  return { ok: true, planYear: asOf.year, month: asOf.month, latestReportMonth: listed.latestReportMonth }
}

/**
 * The month the 月报 page opens on: the one after the latest approved (January while nothing is approved),
 * never a month that has not begun.
 */
export function monthBeingReported(calendar: Pick<Calendar, 'planYear' | 'latestReportMonth' | 'hasApprovedReports'>, now: Date): number {
  let month = calendar.hasApprovedReports ? Math.min(12, calendar.latestReportMonth + 1) : 1
  while (month > 1 && isFutureMonth(calendar.planYear, month, now)) month--
  return month
}

/** Why a year without a plan in this system has nothing to show. */
export function unlistedYearProblem(year: number, listedYears: readonly number[]): string {
  const names = [...listedYears].sort((a, b) => a - b).join('、')
  return `只有 ${names} 年度计划的数据（${year} 年不在本系统的计划年度内）`
}

/**
 * Why a month of another year than the open plan year has no reports to review (null: it is the open year).
 * A closed year (one the calendar still lists) is read only; any other year was never planned here.
 */
export function otherYearProblem(year: number, planYear: number, what = '计划的数据', closedYears: readonly number[] = []): string | null {
  if (year === planYear) return null
  return closedYears.includes(year) ? `${year} 年度已结束，只能查看；现在报送的是 ${planYear} 年度${what}` : `只有 ${planYear} 年度${what}（${year} 年不在本系统的计划年度内）`
}

/** The plan year of a deployment with no plan yet: the current year in China. */
export const currentChinaYear = (now: Date) => Number(chinaDate(now).slice(0, 4))

/** The last day to report a month (ISO date): the deadline day of the following month. */
export function reportDeadline(year: number, month: number, deadlineDay = DEFAULT_REPORT_DEADLINE_DAY): string {
  const nextYear = month === 12 ? year + 1 : year
  const nextMonth = month === 12 ? 1 : month + 1
  return `${monthParam(nextYear, nextMonth)}-${String(deadlineDay).padStart(2, '0')}`
}

/**
 * An instant moved to China Standard Time (UTC+8, no daylight saving since 1991): read it with the getUTC…
 * methods or toISOString to get the local date and time.
 */
export function inChinaTime(instant: Date): Date {
  return new Date(instant.getTime() + 8 * 3600_000)
}

/** The ISO date of an instant in China Standard Time: deadlines are local dates. */
export function chinaDate(now: Date): string {
  return inChinaTime(now).toISOString().slice(0, 10)
}

/** Whether a month's deadline has passed at `now` (the deadline day itself still counts as on time). */
export function isPastDeadline(year: number, month: number, now: Date, deadlineDay = DEFAULT_REPORT_DEADLINE_DAY): boolean {
  return chinaDate(now) > reportDeadline(year, month, deadlineDay)
}

/** Whether a month has not begun yet at `now` (a report for it is refused). */
export function isFutureMonth(year: number, month: number, now: Date): boolean {
  return monthParam(year, month) > chinaDate(now).slice(0, 7)
}
