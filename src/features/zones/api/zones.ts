import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { ZoneDetailSchema, ZoneListSchema, apiPaths } from '@/contract'
import { apiGet } from '@/lib/api-client'
import { asOfQuery } from '@/lib/as-of'

export const zoneQueries = {
  all: ['zones'] as const,
  list: (asOf: string | undefined) =>
    queryOptions({
      queryKey: [...zoneQueries.all, 'list', asOf],
      queryFn: ({ signal }) => apiGet(apiPaths.zones, ZoneListSchema, asOfQuery(asOf), signal),
      placeholderData: keepPreviousData,
    }),
  detail: (zoneId: string, asOf: string | undefined) =>
    queryOptions({
      queryKey: [...zoneQueries.all, 'detail', zoneId, asOf],
      queryFn: ({ signal }) => apiGet(apiPaths.zone(zoneId), ZoneDetailSchema, asOfQuery(asOf), signal),
      // The same zone at another month stays on screen while loading; another zone never stands in.
      placeholderData: (previous) => (previous?.id === zoneId ? previous : undefined),
    }),
}
