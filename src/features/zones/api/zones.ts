import { queryOptions } from '@tanstack/react-query'
import { ZoneDetailSchema, ZoneListSchema, apiPaths } from '@/contract'
import { apiGet } from '@/lib/api-client'
import { asOfParam } from '@/lib/as-of'

export const zoneQueries = {
  all: ['zones'] as const,
  list: (asOfMonth: number) =>
    queryOptions({
      queryKey: [...zoneQueries.all, 'list', asOfMonth],
      queryFn: ({ signal }) => apiGet(apiPaths.zones, ZoneListSchema, { asOf: asOfParam(asOfMonth) }, signal),
    }),
  detail: (zoneId: string, asOfMonth: number) =>
    queryOptions({
      queryKey: [...zoneQueries.all, 'detail', zoneId, asOfMonth],
      queryFn: ({ signal }) => apiGet(apiPaths.zone(zoneId), ZoneDetailSchema, { asOf: asOfParam(asOfMonth) }, signal),
    }),
}
