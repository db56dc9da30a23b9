import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import {
  FilterOptionsSchema,
  ProjectDetailSchema,
  ProjectListSchema,
  apiPaths,
  type ProjectFilters,
} from '@/contract'
import { apiGet } from '@/lib/api-client'
import { projectListUrl } from '@/config/project-lists'
import { asOfQuery } from '@/lib/as-of'

export const projectQueries = {
  all: ['projects'] as const,
  list: (filters: ProjectFilters) =>
    queryOptions({
      queryKey: [...projectQueries.all, 'list', filters],
      // The URL the server's page hints name too (src/config/project-lists.ts): one spelling.
      queryFn: ({ signal }) => apiGet(projectListUrl(filters), ProjectListSchema, undefined, signal),
      // Keep the last page on screen while the next one loads: no flashing table when paging.
      placeholderData: keepPreviousData,
    }),
  detail: (projectId: string, asOf: string | undefined) =>
    queryOptions({
      queryKey: [...projectQueries.all, 'detail', projectId, asOf],
      queryFn: ({ signal }) =>
        apiGet(apiPaths.project(projectId), ProjectDetailSchema, asOfQuery(asOf), signal),
      // The same project at another month stays on screen while loading; another project never stands in.
      placeholderData: (previous) => (previous?.id === projectId ? previous : undefined),
    }),
  filterOptions: () =>
    queryOptions({
      queryKey: [...projectQueries.all, 'filter-options'],
      queryFn: ({ signal }) => apiGet(apiPaths.filterOptions, FilterOptionsSchema, undefined, signal),
      staleTime: 10 * 60_000,
    }),
}
