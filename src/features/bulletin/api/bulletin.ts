import { queryOptions } from '@tanstack/react-query'
import { BulletinListSchema, BulletinSchema, bulletinPaths } from '@/contract/bulletins'
import { apiGet } from '@/lib/api-client'

/** The issued bulletins (decision 64): the list, and one month's as issued (or, for the staff, a draft of the month in progress). */
export const bulletinQueries = {
  all: ['bulletin'] as const,
  list: () =>
    queryOptions({
      queryKey: [...bulletinQueries.all, 'list'],
      queryFn: ({ signal }) => apiGet(bulletinPaths.list, BulletinListSchema, undefined, signal),
    }),
  one: (month: string) =>
    queryOptions({
      queryKey: [...bulletinQueries.all, 'one', month],
      queryFn: ({ signal }) => apiGet(bulletinPaths.one(month), BulletinSchema, undefined, signal),
    }),
}
