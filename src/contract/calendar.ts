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
 * The reporting calendar: the open plan year (the one reported, reviewed and edited) and the latest month
 * with approved reports (the default as-of month); every plan year with a list, newest first, each with its
 * own latest month — earlier years stay readable beside the open one.
 */
export const CalendarSchema = z.object({
  planYear: z.number().int(),
  latestReportMonth: MonthSchema,
  /** A month's reports are due by this day of the following month (未报送 after it). */
  reportDeadlineDay: z.number().int().min(1).max(28),
  /** Whether the open year has any approved report yet (latestReportMonth is 1 until it has). */
  hasApprovedReports: z.boolean(),
  years: z.array(z.object({ year: z.number().int(), latestReportMonth: MonthSchema })).min(1),
})
export type Calendar = z.infer<typeof CalendarSchema>
