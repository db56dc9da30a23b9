import { queryOptions, useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { AsOfSchema, CalendarSchema, PLAN_YEAR, apiPaths } from '@/contract'
import { apiGet } from '@/lib/api-client'
import { isFutureMonth } from '@/domain/calendar'

/** `asOf` query value for a month: 9 → "2024-09". */
export const asOfParam = (month: number) => `${PLAN_YEAR}-${String(month).padStart(2, '0')}`

/**
 * The reporting calendar: the latest month with approved reports comes from the data, so the default
 * view moves on when a new month is approved. Invalidated with every other query after an approval.
 */
export const calendarQuery = queryOptions({
  queryKey: ['calendar'] as const,
  queryFn: ({ signal }) => apiGet(apiPaths.calendar, CalendarSchema, undefined, signal),
})

export const useCalendar = () => useQuery(calendarQuery).data

/**
 * The month the URL asks for, or undefined for "the latest month with reports". Queries pass it on as
 * is, so the server picks the latest month itself and no request waits for the calendar.
 */
export function useAsOfMonth(): number | undefined {
  const [params] = useSearchParams()
  return validAsOf(params.get('asOf'))
}

/** A usable `asOf`: a month of the plan year that has begun (a later one has no figures; the server refuses it). */
export function validAsOf(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined
  const parsed = AsOfSchema.safeParse(raw)
  if (!parsed.success || isFutureMonth(PLAN_YEAR, parsed.data, new Date())) return undefined
  return parsed.data
}


/** The month being shown: the URL's, else the calendar's latest (undefined while it loads). */
export function useViewMonth(): number | undefined {
  const explicit = useAsOfMonth()
  const calendar = useCalendar()
  return explicit ?? calendar?.latestReportMonth
}

/** The asOf parameter to carry into links; omitted for the default month so URLs stay short. */
export function asOfSearch(month: number | undefined): { asOf?: string } {
  return month === undefined ? {} : { asOf: asOfParam(month) }
}

/** The current view's asOf parameter, for the links it shows. */
export const useAsOfSearch = () => asOfSearch(useAsOfMonth())

/** The API query parameter for a month (none for the latest). */
export const asOfQuery = (month: number | undefined) => ({ asOf: month === undefined ? undefined : asOfParam(month) })
