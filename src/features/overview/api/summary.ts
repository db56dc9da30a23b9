import { queryOptions } from '@tanstack/react-query'
import { SummarySchema, apiPaths } from '@/contract'
import { apiGet } from '@/lib/api-client'
import { asOfQuery } from '@/lib/as-of'

export const summaryQueries = {
  all: ['summary'] as const,
  detail: (asOfMonth: number | undefined) =>
    queryOptions({
      queryKey: [...summaryQueries.all, asOfMonth],
      queryFn: ({ signal }) => apiGet(apiPaths.summary, SummarySchema, asOfQuery(asOfMonth), signal),
    }),
}
