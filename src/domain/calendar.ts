import type { Calendar } from '@/contract'
import { monthEnd } from './milestones'

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
 * The reporting calendar, read from the data: a month of the open year is open until staff publish it
 * (发布), and every reader's default month is the latest published month — approving a report of a month in
 * progress moves nothing; publishing October moves the dashboard to 1-10月 (docs/decisions/063).
 */

/** A month's reports are due by the 5th of the following month unless the deployment says otherwise. */
export const DEFAULT_REPORT_DEADLINE_DAY = 5

const monthParam = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`

/** A publication of a month of the open year, as stored. */
export type Publication = { month: number; publishedAt: string; publishedBy: string | null }

/**
 * The calendar from each plan year's latest published month (null: none yet) and the open year's
 * publications; the open year is the one reports go to.
 */
export function calendarFromYears(
  years: readonly { year: number; publishedMonth: number | null; open: boolean; approved?: boolean }[],
  reportDeadlineDay: number,
  publications: readonly Publication[],
  now: Date,
): Calendar {
  const newestFirst = [...years].sort((a, b) => b.year - a.year)
  const open = newestFirst.find((y) => y.open) ?? newestFirst[0]!
  const byMonth = new Map(publications.map((p) => [p.month, p]))
  return {
    planYear: open.year,
    latestReportMonth: open.publishedMonth ?? 1,
    publishedMonth: open.publishedMonth === null ? null : monthParam(open.year, open.publishedMonth),
    months: Array.from({ length: 12 }, (_, i) => {
      const p = byMonth.get(i + 1)
      return { month: monthParam(open.year, i + 1), status: p ? ('published' as const) : ('open' as const), publishedAt: p?.publishedAt ?? null, publishedBy: p?.publishedBy ?? null }
    }),
    today: chinaDate(now),
    reportDeadlineDay,
    hasApprovedReports: open.approved ?? true,
    years: newestFirst.map(({ year, publishedMonth }) => ({ year, latestReportMonth: publishedMonth ?? 1, publishedMonth })),
  }
}

/** Whether a month of a plan year the calendar lists is published (months are published in order). */
export function isPublished(calendar: Pick<Calendar, 'years'>, year: number, month: number): boolean {
  const listed = calendar.years.find((y) => y.year === year)
  return listed?.publishedMonth != null && month <= listed.publishedMonth
}

/** Why a reader who reads published months only may not read this one (naming the latest published month). */
export function unpublishedProblem(calendar: Pick<Calendar, 'planYear' | 'publishedMonth' | 'years'>, year: number, month: number): string {
  const listed = calendar.years.find((y) => y.year === year)
  const latest = listed?.publishedMonth != null ? zhMonth(monthParam(year, listed.publishedMonth)) : calendar.publishedMonth ? zhMonth(calendar.publishedMonth) : null
  return `${year}年${month}月的数据尚未发布；${latest ? `已发布的最新月份是${latest}` : '尚无已发布的月份'}`
}

/**
 * The month a request asks for: its `asOf`, or (none given) the open year's latest published month, and
 * whether that month is published. Any begun month of a plan year the calendar lists can be asked for;
 * who may read a month not yet published is the route's rule (staff only). A year without a list, or a
 * month that has not begun, is refused (400, asOf).
 */
export function resolveAsOf(
  asOf: { year: number; month: number } | undefined,
  calendar: Pick<Calendar, 'planYear' | 'latestReportMonth' | 'years'>,
  now: Date,
): { ok: true; planYear: number; month: number; latestReportMonth: number; published: boolean; explicit: boolean } | { ok: false; fields: { asOf: string } } {
  if (asOf === undefined) {
    const month = calendar.latestReportMonth
    return { ok: true, planYear: calendar.planYear, month, latestReportMonth: month, published: isPublished(calendar, calendar.planYear, month), explicit: false }
  }
  const listed = calendar.years.find((y) => y.year === asOf.year)
  if (!listed) return { ok: false, fields: { asOf: unlistedYearProblem(asOf.year, calendar.years.map((y) => y.year)) } }
  if (isFutureMonth(asOf.year, asOf.month, now)) return { ok: false, fields: { asOf: `${asOf.year}年${asOf.month}月尚未开始，没有可统计的数据` } }
  return { ok: true, planYear: asOf.year, month: asOf.month, latestReportMonth: listed.latestReportMonth, published: isPublished(calendar, asOf.year, asOf.month), explicit: true }
}

/**
 * The month the 月报 page opens on: the oldest open month (January while nothing is published), never a
 * month that has not begun.
 */
export function monthBeingReported(calendar: Pick<Calendar, 'planYear' | 'publishedMonth'>, now: Date): number {
  let month = calendar.publishedMonth ? Math.min(12, Number(calendar.publishedMonth.slice(5, 7)) + 1) : 1
  while (month > 1 && isFutureMonth(calendar.planYear, month, now)) month--
  return month
}

/**
 * Whether a month may be published now: a month of the open year, begun, not yet published, and every
 * earlier month published (months go out in order). The refusal names what stands in the way.
 */
export function publishProblem(calendar: Pick<Calendar, 'planYear' | 'months'>, year: number, month: number, now: Date): { status: 409 | 422; message: string } | null {
  if (year !== calendar.planYear) return { status: 409, message: `只能发布 ${calendar.planYear} 年度的月份（${year} 年不是正在报送的年度）` }
  if (isFutureMonth(year, month, now)) return { status: 422, message: `${year}年${month}月尚未开始，不能发布` }
  if (calendar.months[month - 1]?.status === 'published') return { status: 409, message: `${year}年${month}月已发布` }
  const earlier = calendar.months.slice(0, month - 1).find((m) => m.status === 'open')
  if (earlier) return { status: 409, message: `${zhMonth(earlier.month)}尚未发布，请按月份顺序先发布${zhMonth(earlier.month)}` }
  return null
}

/** Whether a publication may be withdrawn: the open year's latest published month only (a later month stands on it). */
export function unpublishProblem(calendar: Pick<Calendar, 'planYear' | 'months' | 'publishedMonth'>, year: number, month: number): { status: 409; message: string } | null {
  if (year !== calendar.planYear) return { status: 409, message: `只能撤回 ${calendar.planYear} 年度月份的发布` }
  if (calendar.months[month - 1]?.status !== 'published') return { status: 409, message: `${year}年${month}月尚未发布，无需撤回` }
  if (calendar.publishedMonth !== monthParam(year, month)) return { status: 409, message: `只能撤回最新发布的月份（${zhMonth(calendar.publishedMonth!)}）；请先撤回其后的月份` }
  return null
}

/** Why a report of a published month may no longer change (a report write of that month → 409). */
export function publishedMonthProblem(year: number, month: number): string {
  return `${year}年${month}月已发布，该月的月报不能再保存、提交、审核或退回；未按时报送的完成投资请计入下月报送`
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

/**
 * The instant of noon on a China date: what the page judges by when it is given the server's day
 * (`Calendar.today`) rather than its own clock.
 */
export function instantOfChinaDate(iso: string): Date {
  return new Date(`${iso}T12:00:00+08:00`)
}

/**
 * The demo's clock (docs/decisions/066): the demo's data are the report's year, so its own events —
 * a report saved, a problem raised, a month published — are dated in that year, not on the wall clock two
 * years on. It starts when the demo was seeded at `start` (09:00 on 4 November 2024: October open, its
 * reports due the next day) and runs with the wall clock from then, but never past the year's last day.
 */
export const DEMO_CLOCK_START = '2024-11-04T01:00:00.000Z'
export const DEMO_CLOCK_LAST = '2024-12-31T10:00:00.000Z'
export function demoClock(seededAt: Date, wallNow: Date): Date {
  const elapsed = Math.max(0, wallNow.getTime() - seededAt.getTime())
  return new Date(Math.min(Date.parse(DEMO_CLOCK_START) + elapsed, Date.parse(DEMO_CLOCK_LAST)))
}

/**
 * The day dates are judged at when a month is in view (docs/decisions/066): its last day, or today while
 * the month is still running. A problem or milestone is overdue "as of" that day, never as of the clock.
 */
export function judgedAt(year: number, month: number, now: Date): string {
  const end = monthEnd(year, month)
  const today = chinaDate(now)
  return today < end ? today : end
}

/** Whether a month has not begun yet at `now` (a report for it is refused). */
export function isFutureMonth(year: number, month: number, now: Date): boolean {
  return monthParam(year, month) > chinaDate(now).slice(0, 7)
}
