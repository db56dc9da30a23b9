import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { SummarySchema, apiPaths } from '@/contract'
import { apiGet } from '@/lib/api-client'
import { asOfQuery } from '@/lib/as-of'

export const summaryQueries = {
  all: ['summary'] as const,
  detail: (asOf: string | undefined) =>
    queryOptions({
      queryKey: [...summaryQueries.all, asOf],
      queryFn: ({ signal }) => apiGet(apiPaths.summary, SummarySchema, asOfQuery(asOf), signal),
      // Another 截至 month: the current figures stay on screen (marked 正在更新) until the new ones arrive.
      placeholderData: keepPreviousData,
    }),
}
