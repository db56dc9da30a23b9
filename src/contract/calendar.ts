import { z } from 'zod'

// The schemas every page needs at start (the calendar, the as-of month) live apart from the pages' own
// answers, so the first page's bundle builds only these (decision 55).

/** A 1-based month of the plan year. */
export const MonthSchema = z.number().int().min(1).max(12)

/**
 * `asOf=2024-09`: a month. Whether it is a month of the plan year, and has begun, depends on the data
 * and the clock, so the server checks it against the calendar (src/domain/calendar.ts: resolveAsOf).
 */
export const AsOfSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '应为 YYYY-MM 格式，如 2024-09')
  .transform((value) => ({ year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)) }))
export type AsOf = z.output<typeof AsOfSchema>

/**
 * The reporting calendar: the open plan year (the one reported, reviewed and edited) and the latest
 * published month (the default as-of month); every plan year with a list, newest first, each with its
 * own latest month — earlier years stay readable beside the open one.
 */
/** A month of the open plan year is open (owners report, staff review) until staff publish it (发布). */
export const MONTH_STATUSES = ['open', 'published'] as const
export const MonthStatusSchema = z.enum(MONTH_STATUSES)
export type MonthStatus = z.infer<typeof MonthStatusSchema>

/** A month, `YYYY-MM`. */
export const YearMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM 格式，如 2024-10')

export const CalendarMonthSchema = z.object({
  month: YearMonthSchema,
  status: MonthStatusSchema,
  /** When it was published (ISO instant); null while open. */
  publishedAt: z.string().nullable(),
  /** Who published it; null while open, or for a month published by the migration or the seed. */
  publishedBy: z.string().nullable(),
})
export type CalendarMonth = z.infer<typeof CalendarMonthSchema>

export const CalendarSchema = z.object({
  planYear: z.number().int(),
  /**
   * The default as-of month: the latest published month of the open year (1 before its first publication).
   * The name is the one it had when the default was the latest month with an approved report (decision 63).
   */
  latestReportMonth: MonthSchema,
  /** The open year's latest published month, `YYYY-MM`; null before its first publication. */
  publishedMonth: YearMonthSchema.nullable(),
  /** Every month of the open year with its state: published up to publishedMonth, open after it. */
  months: z.array(CalendarMonthSchema).length(12),
  /**
   * The server's day (China date, `YYYY-MM-DD`): what "today" is for deadlines, months begun and dates
   * judged; the page uses it instead of its own clock. In the demo it is a day of the demo's year (decision 66).
   */
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** A month's reports are due by this day of the following month (未报送 after it). */
  reportDeadlineDay: z.number().int().min(1).max(28),
  /**
   * The deployment's report checks (decision 74): the month from which the forecast is required at submit,
   * and the 需核实 thresholds. Absent from a calendar built without them (a test's); the page then uses the defaults.
   */
  reportChecks: z
    .object({ forecastRequiredFrom: MonthSchema, flagAmountRatio: z.number().positive(), flagProgressJumpPoints: z.number().positive() })
    .optional(),
  /** Whether the open year has any approved report yet (latestReportMonth is 1 until it has). */
  hasApprovedReports: z.boolean(),
  /** Every plan year with a list; latestReportMonth is each year's latest published month (its default). */
  years: z.array(z.object({ year: z.number().int(), latestReportMonth: MonthSchema, publishedMonth: MonthSchema.nullable() })).min(1),
})
export type Calendar = z.infer<typeof CalendarSchema>
