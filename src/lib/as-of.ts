import { queryOptions, useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { AsOfSchema, CalendarSchema, apiPaths, type Calendar } from '@/contract'
import { apiGet } from '@/lib/api-client'
import { instantOfChinaDate, isFutureMonth } from '@/domain/calendar'

/**
 * `asOf` travels as the URL and the API write it, 'YYYY-MM': the plan year is the deployment's data
 * (GET /api/calendar), so a month is never turned into a parameter without its year.
 */
export const asOfParam = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`

/** The month (1-12) of an `asOf`. */
export const monthOfAsOf = (asOf: string) => Number(asOf.slice(5, 7))

/**
 * The reporting calendar: the plan year and the latest month with approved reports come from the data,
 * so the default view moves on when a new month is approved. Invalidated with every other query after an approval.
 */
export const calendarQuery = queryOptions({
  queryKey: ['calendar'] as const,
  queryFn: ({ signal }) => apiGet(apiPaths.calendar, CalendarSchema, undefined, signal),
})

export const useCalendar = () => useQuery(calendarQuery).data

/**
 * "Now" as the server's calendar has it (its `today`, at noon China time): deadlines, months begun and
 * dates are judged by the server's day, not this device's clock (the demo's day is in the demo's year).
 */
export function calendarNow(calendar: Pick<Calendar, 'today'> | undefined): Date {
  return calendar ? instantOfChinaDate(calendar.today) : new Date()
}

/** Whether the calendar lists a plan year (several years stand side by side: the open one and closed ones). */
export const isListedYear = (calendar: Pick<Calendar, 'years'>, year: number) => calendar.years.some((y) => y.year === year)

/** The year of an `asOf`. */
export const yearOfAsOf = (asOf: string) => Number(asOf.slice(0, 4))

/**
 * The month the URL asks for ('YYYY-MM'), or undefined for "the open year's latest month with reports".
 * Queries pass it on as is, so the server picks the latest month itself and no request waits for the
 * calendar. Once the calendar is known, a month of a year it does not list is not used (the notice drops it).
 */
export function useAsOf(): string | undefined {
  const [params] = useSearchParams()
  const calendar = useCalendar()
  const asOf = validAsOf(params.get('asOf'))
  return asOf && calendar && !isListedYear(calendar, yearOfAsOf(asOf)) ? undefined : asOf
}

/** The plan year being shown: the URL's, else the open year (undefined while the calendar loads). */
export function useViewYear(): number | undefined {
  const explicit = useAsOf()
  const calendar = useCalendar()
  return explicit ? yearOfAsOf(explicit) : calendar?.planYear
}

/** The latest month with approved reports of the year being shown. */
export function useViewYearLatestMonth(): number | undefined {
  const year = useViewYear()
  return useCalendar()?.years.find((y) => y.year === year)?.latestReportMonth
}

/** A usable `asOf`: a well-formed month that has begun (a later one has no figures; the server refuses it). */
export function validAsOf(raw: string | null): string | undefined {
  if (raw === null || raw === '') return undefined
  const parsed = AsOfSchema.safeParse(raw)
  if (!parsed.success || isFutureMonth(parsed.data.year, parsed.data.month, new Date())) return undefined
  return raw
}

/** The month being shown: the URL's, else the calendar's latest (undefined while it loads). */
export function useViewMonth(): number | undefined {
  const explicit = useAsOf()
  const calendar = useCalendar()
  return explicit ? monthOfAsOf(explicit) : calendar?.latestReportMonth
}

/** The asOf parameter to carry into links; omitted for the default month so URLs stay short. */
export function asOfSearch(asOf: string | undefined): { asOf?: string } {
  return asOf === undefined ? {} : { asOf }
}

/** The current view's asOf parameter, for the links it shows. */
export const useAsOfSearch = () => asOfSearch(useAsOf())

/** The API query parameter for a month (none for the latest). */
export const asOfQuery = (asOf: string | undefined) => ({ asOf })
