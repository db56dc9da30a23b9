import { queryOptions } from '@tanstack/react-query'
import { MAX_PAGE_SIZE, ProjectListSchema, SummarySchema, apiPaths, type LagClass, type ProjectListItem } from '@/contract'
import { apiGet } from '@/lib/api-client'
import { asOfQuery } from '@/lib/as-of'

/** The bulletin's data: the district's figures and every project of some classes (all pages). */
export const bulletinQueries = {
  all: ['bulletin'] as const,
  summary: (asOf: string | undefined) =>
    queryOptions({
      queryKey: [...bulletinQueries.all, 'summary', asOf],
      queryFn: ({ signal }) => apiGet(apiPaths.summary, SummarySchema, asOfQuery(asOf), signal),
    }),
  projects: (asOf: string | undefined, status: readonly LagClass[]) =>
    queryOptions({
      queryKey: [...bulletinQueries.all, 'projects', asOf, status],
      queryFn: async ({ signal }) => {
        const items: ProjectListItem[] = []
        for (let page = 1; ; page++) {
          const list = await apiGet(
            apiPaths.projects,
            ProjectListSchema,
            { ...asOfQuery(asOf), status, sort: 'shortfall', order: 'desc', page, pageSize: MAX_PAGE_SIZE },
            signal,
          )
          items.push(...list.items)
          if (items.length >= list.total || list.items.length === 0) return items
        }
      },
    }),
}
