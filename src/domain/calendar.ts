import type { ProjectRecord } from '@/contract'

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

/** The latest month (1-12) for which any record has an approved figure; 1 when nothing is reported yet. */
export function latestReportMonthOf(records: readonly Pick<ProjectRecord, 'monthlyActualWan'>[]): number {
  let latest = 1
  for (const record of records) {
    for (let i = record.monthlyActualWan.length - 1; i >= latest; i--) {
      if (record.monthlyActualWan[i] !== null && record.monthlyActualWan[i] !== undefined) {
        latest = i + 1
        break
      }
    }
  }
  return latest
}

const monthParam = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`

/**
 * The month a request asks for: its `asOf`, or (none given) the latest month with an approved report.
 * Any month of the plan year that has begun can be asked for: after the latest approved month the
 * answer counts only what is approved (the rest is 未报送), which is what reviewing a month in progress
 * needs. Another year, or a month that has not begun, is refused (400, field asOf).
 */
export function resolveAsOf(
  asOf: { year: number; month: number } | undefined,
  latestReportMonth: number,
  planYear: number,
  now: Date,
): { ok: true; month: number } | { ok: false; fields: { asOf: string } } {
  if (asOf === undefined) return { ok: true, month: latestReportMonth }
  const otherYear = otherYearProblem(asOf.year, planYear)
  if (otherYear) return { ok: false, fields: { asOf: otherYear } }
  if (isFutureMonth(planYear, asOf.month, now)) return { ok: false, fields: { asOf: `${planYear}年${asOf.month}月尚未开始，没有可统计的数据` } }
  return { ok: true, month: asOf.month }
}

/** Why a month of another year than the deployment's plan year has nothing to show (null: it is the plan year). */
export function otherYearProblem(year: number, planYear: number, what = '计划的数据'): string | null {
  return year === planYear ? null : `只有 ${planYear} 年度${what}（${year} 年不在本系统的计划年度内）`
}

/** The plan year of a deployment with no plan yet: the current year in China. */
export const currentChinaYear = (now: Date) => Number(chinaDate(now).slice(0, 4))

/** The last day to report a month (ISO date): the deadline day of the following month. */
export function reportDeadline(year: number, month: number, deadlineDay = DEFAULT_REPORT_DEADLINE_DAY): string {
  const nextYear = month === 12 ? year + 1 : year
  const nextMonth = month === 12 ? 1 : month + 1
  return `${monthParam(nextYear, nextMonth)}-${String(deadlineDay).padStart(2, '0')}`
}

/** The ISO date of an instant in China Standard Time (UTC+8, no daylight saving): deadlines are local dates. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** Whether a month's deadline has passed at `now` (the deadline day itself still counts as on time). */
export function isPastDeadline(year: number, month: number, now: Date, deadlineDay = DEFAULT_REPORT_DEADLINE_DAY): boolean {
  return chinaDate(now) > reportDeadline(year, month, deadlineDay)
}

/** Whether a month has not begun yet at `now` (a report for it is refused). */
export function isFutureMonth(year: number, month: number, now: Date): boolean {
  return monthParam(year, month) > chinaDate(now).slice(0, 7)
}
