import { MutationCache, QueryCache, QueryClient, type DefaultOptions } from '@tanstack/react-query'
import { ApiRequestError } from './api-client'

declare module '@tanstack/react-query' {
  interface Register {
    /**
     * `session: true` marks the query of the signed-in user (features/auth declares it); `drawnByBrowser: true`
     * a query the server leaves out of the pages it draws and keeps (server/first-paint/: the account's notices).
     */
    queryMeta: { session?: boolean; drawnByBrowser?: boolean }
  }
}

/** The server no longer knows the session (expired, signed out elsewhere, account disabled). */
export const isSessionLost = (error: unknown) =>
  error instanceof ApiRequestError && error.status === 401 && error.code !== 'invalid_credentials'

/**
 * One client for the app. A 401 from any query or mutation means the session is gone: the session
 * query is set to "nobody", and the layout sends the user to sign-in — one place, not every page.
 */
export function createQueryClient(queries: DefaultOptions['queries'] = {}) {
  const onError = (error: unknown) => {
    if (isSessionLost(error)) client.setQueriesData({ predicate: (query) => query.meta?.session === true }, null)
  }
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        // A 4xx will not change on retry; network faults and 5xx may.
        retry: (failureCount, error) =>
          !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && failureCount < 2,
        ...queries,
      },
    },
  })
  return client
}
