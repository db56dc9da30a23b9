import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { ForecastSchema, apiPaths } from '@/contract'
import { apiGet } from '@/lib/api-client'
import { asOfQuery } from '@/lib/as-of'

/** GET /api/forecast: will the year land (decision 75). */
export const forecastQueries = {
  all: ['forecast'] as const,
  detail: (asOf: string | undefined) =>
    queryOptions({
      queryKey: [...forecastQueries.all, asOf],
      queryFn: ({ signal }) => apiGet(apiPaths.forecast, ForecastSchema, asOfQuery(asOf), signal),
      placeholderData: keepPreviousData,
    }),
}
