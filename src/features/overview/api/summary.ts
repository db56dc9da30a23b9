import { queryOptions } from '@tanstack/react-query'
import { SummarySchema, apiPaths } from '@/contract'
import { apiGet } from '@/lib/api-client'
import { asOfParam } from '@/lib/as-of'

export const summaryQueries = {
  all: ['summary'] as const,
  detail: (asOfMonth: number) =>
    queryOptions({
      queryKey: [...summaryQueries.all, asOfMonth],
      queryFn: ({ signal }) => apiGet(apiPaths.summary, SummarySchema, { asOf: asOfParam(asOfMonth) }, signal),
    }),
}
