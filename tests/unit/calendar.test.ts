import { REPORT_PLAN_YEAR } from '@/contract'
import {
  DEFAULT_REPORT_DEADLINE_DAY,
  calendarFromYears,
  chinaDate,
  demoClock,
  judgedAt,
  monthBeingReported,
  isFutureMonth,
  isPastDeadline,
  reportDeadline,
  publishProblem,
  resolveAsOf,
  unpublishProblem,
  unpublishedProblem,
} from '@/domain/calendar'

/**
 * The reporting calendar: which month the dashboard shows, when a month's reports are due, and what
 * "today" is in China (UTC+8) whatever the server's clock zone. Instants below are written in UTC (Z)
 * on purpose, with the China time beside them.
 */

// Which month the dashboard opens on (the latest published month, decision 63) is asked of the server's
// calendar: tests/server/answers.test.ts and tests/server/plan-year.test.ts.

describe('resolveAsOf: the plan year and month a request asks for', () => {
  const late2026 = new Date('2026-11-27T04:00:00Z')
  const oneYear = (year: number, publishedMonth: number) => calendarFromYears([{ year, publishedMonth, open: true }], DEFAULT_REPORT_DEADLINE_DAY, [], late2026)
  const twoYears = calendarFromYears(
    [
      { year: 2024, publishedMonth: 12, open: false },
      { year: 2025, publishedMonth: 3, open: true },
    ],
    DEFAULT_REPORT_DEADLINE_DAY,
    [],
    late2026,
  )

  it("is the open year's latest published month when the request names none", () => {
    expect(resolveAsOf(undefined, oneYear(REPORT_PLAN_YEAR, 9), late2026)).toEqual({ ok: true, planYear: REPORT_PLAN_YEAR, month: 9, latestReportMonth: 9, published: true, explicit: false })
    expect(resolveAsOf(undefined, twoYears, late2026)).toEqual({ ok: true, planYear: 2025, month: 3, latestReportMonth: 3, published: true, explicit: false })
    // Nothing published yet: January, marked as not published.
    const none = calendarFromYears([{ year: 2026, publishedMonth: null, open: true }], DEFAULT_REPORT_DEADLINE_DAY, [], late2026)
    expect(resolveAsOf(undefined, none, late2026)).toEqual({ ok: true, planYear: 2026, month: 1, latestReportMonth: 1, published: false, explicit: false })
  })

  it('accepts any month that has begun, saying whether it is published (who may read one that is not is the route\'s rule)', () => {
    const calendar = oneYear(2024, 9)
    expect(resolveAsOf({ year: 2024, month: 1 }, calendar, late2026)).toMatchObject({ ok: true, month: 1, published: true })
    expect(resolveAsOf({ year: 2024, month: 9 }, calendar, late2026)).toMatchObject({ ok: true, month: 9, published: true })
    expect(resolveAsOf({ year: 2024, month: 10 }, calendar, late2026)).toMatchObject({ ok: true, month: 10, published: false })
    expect(resolveAsOf({ year: 2024, month: 12 }, calendar, late2026)).toMatchObject({ ok: true, month: 12, published: false })
    expect(unpublishedProblem(calendar, 2024, 10)).toBe('2024年10月的数据尚未发布；已发布的最新月份是2024年9月')
  })

  it('refuses a month that has not begun (China time), on field asOf', () => {
    // 2025-03-31T16:30Z is already 1 April in China: April has begun, May has not.
    const april = new Date('2025-03-31T16:30:00Z')
    expect(resolveAsOf({ year: 2025, month: 4 }, oneYear(2025, 3), april)).toMatchObject({ ok: true, month: 4 })
    expect(resolveAsOf({ year: 2025, month: 5 }, oneYear(2025, 3), april)).toEqual({ ok: false, fields: { asOf: '2025年5月尚未开始，没有可统计的数据' } })
  })

  it('answers a closed year beside the open one, with that year\'s own latest month', () => {
    expect(resolveAsOf({ year: 2024, month: 6 }, twoYears, late2026)).toEqual({ ok: true, planYear: 2024, month: 6, latestReportMonth: 12, published: true, explicit: true })
    expect(resolveAsOf({ year: 2025, month: 2 }, twoYears, late2026)).toEqual({ ok: true, planYear: 2025, month: 2, latestReportMonth: 3, published: true, explicit: true })
  })

  it('refuses a year with no list in the system, naming the years there are', () => {
    expect(resolveAsOf({ year: 2023, month: 5 }, oneYear(2024, 9), late2026)).toEqual({ ok: false, fields: { asOf: '只有 2024 年度计划的数据（2023 年不在本系统的计划年度内）' } })
    expect(resolveAsOf({ year: 2023, month: 5 }, twoYears, late2026)).toEqual({ ok: false, fields: { asOf: '只有 2024、2025 年度计划的数据（2023 年不在本系统的计划年度内）' } })
    expect(resolveAsOf({ year: 2026, month: 3 }, oneYear(2026, 1), late2026)).toMatchObject({ ok: true, planYear: 2026, month: 3 })
  })
})

describe('calendarFromYears: the open year leads, every year newest first', () => {
  it('takes the open year as the plan year, whatever the order given', () => {
    const calendar = calendarFromYears(
      [
        { year: 2024, publishedMonth: 12, open: false },
        { year: 2025, publishedMonth: 2, open: true },
      ],
      5,
      [
        { month: 1, publishedAt: '2025-02-06T02:00:00.000Z', publishedBy: 'staff' },
        { month: 2, publishedAt: '2025-03-06T02:00:00.000Z', publishedBy: 'staff' },
      ],
      new Date('2025-03-31T16:30:00Z'),
    )
    expect(calendar).toMatchObject({
      planYear: 2025,
      today: '2025-04-01',
      latestReportMonth: 2,
      publishedMonth: '2025-02',
      reportDeadlineDay: 5,
      hasApprovedReports: true,
      years: [{ year: 2025, latestReportMonth: 2, publishedMonth: 2 }, { year: 2024, latestReportMonth: 12, publishedMonth: 12 }],
    })
    expect(calendar.months).toHaveLength(12)
    expect(calendar.months[1]).toEqual({ month: '2025-02', status: 'published', publishedAt: '2025-03-06T02:00:00.000Z', publishedBy: 'staff' })
    expect(calendar.months[2]).toEqual({ month: '2025-03', status: 'open', publishedAt: null, publishedBy: null })
  })
})

describe('monthBeingReported: where the 月报 page opens', () => {
  const late2026 = new Date('2026-11-27T04:00:00Z')
  it('is the oldest open month: the one after the latest published', () => {
    expect(monthBeingReported({ planYear: 2024, publishedMonth: '2024-09' }, late2026)).toBe(10)
    expect(monthBeingReported({ planYear: 2024, publishedMonth: '2024-12' }, late2026)).toBe(12)
  })
  it('is January while nothing is published, and never a month that has not begun', () => {
    expect(monthBeingReported({ planYear: 2026, publishedMonth: null }, late2026)).toBe(1)
    // 20 February 2026, January published: February is being reported; with February published, March has not begun.
    const february = new Date('2026-02-20T02:00:00Z')
    expect(monthBeingReported({ planYear: 2026, publishedMonth: '2026-01' }, february)).toBe(2)
    expect(monthBeingReported({ planYear: 2026, publishedMonth: '2026-02' }, february)).toBe(2)
  })
})

describe('publishProblem / unpublishProblem: months go out in order, once; only the latest comes back', () => {
  const late2026 = new Date('2026-11-27T04:00:00Z')
  const published = (n: number) => calendarFromYears([{ year: 2024, publishedMonth: n, open: true }], 5, Array.from({ length: n }, (_, i) => ({ month: i + 1, publishedAt: '2024-01-01T00:00:00.000Z', publishedBy: null })), late2026)
  it('publishes the oldest open month, refuses a later one naming it, and a second publication', () => {
    expect(publishProblem(published(9), 2024, 10, late2026)).toBeNull()
    expect(publishProblem(published(9), 2024, 11, late2026)).toEqual({ status: 409, message: '2024年10月尚未发布，请按月份顺序先发布2024年10月' })
    expect(publishProblem(published(9), 2024, 9, late2026)).toEqual({ status: 409, message: '2024年9月已发布' })
    expect(publishProblem(published(9), 2023, 1, late2026)?.status).toBe(409)
    expect(publishProblem(published(9), 2024, 10, new Date('2024-09-20T00:00:00Z'))?.status).toBe(422)
  })
  it('withdraws only the latest published month', () => {
    expect(unpublishProblem(published(9), 2024, 9)).toBeNull()
    expect(unpublishProblem(published(9), 2024, 8)?.message).toContain('只能撤回最新发布的月份（2024年9月）')
    expect(unpublishProblem(published(9), 2024, 10)?.message).toBe('2024年10月尚未发布，无需撤回')
  })
})

describe('reportDeadline: a month is due by the 5th of the following month', () => {
  it('uses the 5th by default', () => {
    expect(DEFAULT_REPORT_DEADLINE_DAY).toBe(5)
    expect(reportDeadline(2024, 9)).toBe('2024-10-05')
    expect(reportDeadline(2024, 1)).toBe('2024-02-05')
  })

  it('rolls December into January of the next year', () => {
    expect(reportDeadline(2024, 12)).toBe('2025-01-05')
    expect(reportDeadline(2024, 11)).toBe('2024-12-05')
  })

  it('uses the deployment’s deadline day when given one, zero-padded', () => {
    expect(reportDeadline(2024, 9, 10)).toBe('2024-10-10')
    expect(reportDeadline(2024, 12, 1)).toBe('2025-01-01')
  })
})

describe('chinaDate: the calendar date in China (UTC+8, no daylight saving)', () => {
  it('is already the next day from 16:00 UTC', () => {
    expect(chinaDate(new Date('2024-11-05T16:30:00Z'))).toBe('2024-11-06') // 00:30 on 6 Nov in China
    expect(chinaDate(new Date('2024-11-05T16:00:00Z'))).toBe('2024-11-06') // midnight in China
  })

  it('is still the same day until 15:59:59 UTC', () => {
    expect(chinaDate(new Date('2024-11-05T15:59:59.999Z'))).toBe('2024-11-05') // 23:59:59 in China
    expect(chinaDate(new Date('2024-11-04T16:00:00Z'))).toBe('2024-11-05') // 00:00 in China
  })

  it('crosses into the new year eight hours before London does', () => {
    expect(chinaDate(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01')
  })

  it('has no summer time: the offset is +8 in July as in January', () => {
    expect(chinaDate(new Date('2024-07-15T15:59:00Z'))).toBe('2024-07-15')
    expect(chinaDate(new Date('2024-07-15T16:00:00Z'))).toBe('2024-07-16')
  })
})

describe('isPastDeadline: the deadline day itself is still on time', () => {
  it('October’s reports are on time all through 5 November, China time', () => {
    expect(isPastDeadline(2024, 10, new Date('2024-11-04T20:00:00Z'))).toBe(false) // 5 Nov 04:00
    expect(isPastDeadline(2024, 10, new Date('2024-11-05T15:59:59Z'))).toBe(false) // 5 Nov 23:59:59
  })

  it('is past from the first minute of 6 November in China, even though it is still 5 November in UTC', () => {
    expect(isPastDeadline(2024, 10, new Date('2024-11-05T16:30:00Z'))).toBe(true) // 6 Nov 00:30
    expect(isPastDeadline(2024, 10, new Date('2024-11-20T08:00:00Z'))).toBe(true)
  })

  it('is not past before or during the month itself', () => {
    expect(isPastDeadline(2024, 10, new Date('2024-10-15T08:00:00Z'))).toBe(false)
    expect(isPastDeadline(2024, 10, new Date('2024-09-01T08:00:00Z'))).toBe(false)
  })

  it('carries December’s deadline into the next year', () => {
    expect(isPastDeadline(2024, 12, new Date('2024-12-31T08:00:00Z'))).toBe(false)
    expect(isPastDeadline(2024, 12, new Date('2025-01-05T15:00:00Z'))).toBe(false) // 5 Jan 23:00
    expect(isPastDeadline(2024, 12, new Date('2025-01-05T16:00:00Z'))).toBe(true) // 6 Jan 00:00
  })

  it('follows the deployment’s deadline day', () => {
    const sixthOfNovemberInChina = new Date('2024-11-06T02:00:00Z')
    expect(isPastDeadline(2024, 10, sixthOfNovemberInChina)).toBe(true)
    expect(isPastDeadline(2024, 10, sixthOfNovemberInChina, 10)).toBe(false)
    expect(isPastDeadline(2024, 10, new Date('2024-11-10T16:00:00Z'), 10)).toBe(true) // 11 Nov 00:00
  })
})

describe('isFutureMonth: a month that has not begun in China yet', () => {
  it('October is still in the future at 23:59 on 30 September in China', () => {
    expect(isFutureMonth(2024, 10, new Date('2024-09-30T15:59:00Z'))).toBe(true)
  })

  it('October has begun at midnight on 1 October in China, while it is still September in UTC', () => {
    expect(isFutureMonth(2024, 10, new Date('2024-09-30T16:00:00Z'))).toBe(false)
  })

  it('the current month and earlier months are not in the future', () => {
    const midOctober = new Date('2024-10-15T04:00:00Z')
    expect(isFutureMonth(2024, 10, midOctober)).toBe(false)
    expect(isFutureMonth(2024, 9, midOctober)).toBe(false)
    expect(isFutureMonth(2024, 1, midOctober)).toBe(false)
    expect(isFutureMonth(2024, 11, midOctober)).toBe(true)
    expect(isFutureMonth(2024, 12, midOctober)).toBe(true)
  })

  it('compares across years: next January is future in December, and the past year’s December never is', () => {
    expect(isFutureMonth(2025, 1, new Date('2024-12-31T15:00:00Z'))).toBe(true) // 31 Dec 23:00 in China
    expect(isFutureMonth(2025, 1, new Date('2024-12-31T16:00:00Z'))).toBe(false) // 1 Jan 00:00 in China
    expect(isFutureMonth(2023, 12, new Date('2024-01-10T04:00:00Z'))).toBe(false)
  })
})

describe('judgedAt: dates are judged as of the end of the month in view, never the clock (decision 66)', () => {
  // A clock far from the months judged: December 2026.
  const far = new Date('2026-12-07T03:00:00Z')
  it('judges a month that is over at its last day, whatever the clock', () => {
    expect(judgedAt(2024, 9, far)).toBe('2024-09-30')
    expect(judgedAt(2024, 2, far)).toBe('2024-02-29')
    expect(judgedAt(2024, 12, far)).toBe('2024-12-31')
  })
  it('judges the month still running as of today (China time)', () => {
    // 2024-11-04 23:30 UTC is already 5 November in China.
    expect(judgedAt(2024, 11, new Date('2024-11-04T23:30:00Z'))).toBe('2024-11-05')
  })
})

describe('demoClock: the demo keeps to its own year', () => {
  const seeded = new Date('2026-12-07T03:00:00Z')
  it('starts on 4 November 2024 at 09:00 China time when the demo is seeded', () => {
    expect(demoClock(seeded, seeded).toISOString()).toBe('2024-11-04T01:00:00.000Z')
    expect(chinaDate(demoClock(seeded, seeded))).toBe('2024-11-04')
  })
  it('moves on with the wall clock, and stops on the year\'s last day', () => {
    expect(chinaDate(demoClock(seeded, new Date('2026-12-09T03:00:00Z')))).toBe('2024-11-06')
    expect(chinaDate(demoClock(seeded, new Date('2028-01-01T00:00:00Z')))).toBe('2024-12-31')
  })
  it('never runs backwards before the seeding (a wall clock set back)', () => {
    expect(demoClock(seeded, new Date('2026-01-01T00:00:00Z')).toISOString()).toBe('2024-11-04T01:00:00.000Z')
  })
})
