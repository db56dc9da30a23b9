import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { ZoneDetailSchema, ZoneListSchema, apiPaths } from '@/contract'
import { apiGet } from '@/lib/api-client'
import { asOfQuery } from '@/lib/as-of'

export const zoneQueries = {
  all: ['zones'] as const,
  list: (asOfMonth: number | undefined) =>
    queryOptions({
      queryKey: [...zoneQueries.all, 'list', asOfMonth],
      queryFn: ({ signal }) => apiGet(apiPaths.zones, ZoneListSchema, asOfQuery(asOfMonth), signal),
      placeholderData: keepPreviousData,
    }),
  detail: (zoneId: string, asOfMonth: number | undefined) =>
    queryOptions({
      queryKey: [...zoneQueries.all, 'detail', zoneId, asOfMonth],
      queryFn: ({ signal }) => apiGet(apiPaths.zone(zoneId), ZoneDetailSchema, asOfQuery(asOfMonth), signal),
      // The same zone at another month stays on screen while loading; another zone never stands in.
      placeholderData: (previous) => (previous?.id === zoneId ? previous : undefined),
    }),
}
