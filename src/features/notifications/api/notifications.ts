import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { MarkReadResultSchema, NotificationListSchema, RemindResultSchema, TodoSchema, notificationPaths, type MarkRead, type Remind } from '@/contract/notifications'
import { apiGet, apiSend } from '@/lib/api-client'

/** How often the header asks for new notices while a page is open (a minute: a return or a publication shows soon enough). */
export const NOTICES_REFRESH_MS = 60_000

export const notificationQueries = {
  all: ['notifications'] as const,
  list: () =>
    queryOptions({
      queryKey: [...notificationQueries.all, 'list'],
      queryFn: ({ signal }) => apiGet(notificationPaths.list, NotificationListSchema, { limit: 100 }, signal),
      refetchInterval: NOTICES_REFRESH_MS,
      // Not drawn into a page the server keeps (server/first-paint/): a notice read changes no data version.
      meta: { drawnByBrowser: true },
    }),
  todo: () =>
    queryOptions({
      queryKey: [...notificationQueries.all, 'todo'],
      queryFn: ({ signal }) => apiGet(notificationPaths.todo, TodoSchema, undefined, signal),
      meta: { drawnByBrowser: true },
    }),
}

/** Marking read changes the header's count and the list: both are read again. */
export function useMarkRead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (which: MarkRead) => apiSend('POST', notificationPaths.read, which, MarkReadResultSchema),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationQueries.all }),
  })
}

/** 催报: the staff remind the units with a month's reports missing. */
export function useRemind() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ month, ...body }: Remind & { month: string }) => apiSend('POST', notificationPaths.remind(month), body, RemindResultSchema),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationQueries.all }),
  })
}
