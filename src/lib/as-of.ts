import { useSearchParams } from 'react-router'
import { AsOfSchema, LATEST_REPORT_MONTH, PLAN_YEAR } from '@/contract'

/** `asOf` query value for a month: 9 → "2024-09". */
export const asOfParam = (month: number) => `${PLAN_YEAR}-${String(month).padStart(2, '0')}`

/** The as-of month of the current view, from the URL (default: the latest month with reports). */
export function useAsOfMonth(): number {
  const [params] = useSearchParams()
  const parsed = AsOfSchema.safeParse(params.get('asOf') ?? '')
  return parsed.success ? parsed.data : LATEST_REPORT_MONTH
}

/** The asOf parameter to carry into links; omitted for the default month so URLs stay short. */
export function asOfSearch(month: number): { asOf?: string } {
  return month === LATEST_REPORT_MONTH ? {} : { asOf: asOfParam(month) }
}
