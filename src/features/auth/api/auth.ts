import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { MeResponseSchema, authPaths, type LoginRequest, type SessionUser } from '@/contract'
import { ApiRequestError, apiGet, apiSend } from '@/lib/api-client'

/** The signed-in user, or null when the server knows no session (401). */
async function fetchMe(signal: AbortSignal): Promise<SessionUser | null> {
  try {
    return (await apiGet(authPaths.me, MeResponseSchema, undefined, signal)).user
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null
    throw error
  }
}

export const authQueries = {
  all: ['auth'] as const,
  /** `meta.session`: a 401 anywhere sets this query to null (src/lib/query-client.ts). */
  me: () =>
    queryOptions({
      queryKey: [...authQueries.all, 'me'],
      queryFn: ({ signal }) => fetchMe(signal),
      meta: { session: true },
    }),
}

/**
 * The cache after a sign-in: the earlier session's answers go (removing a query cancels its request), and the
 * new user is the session. A request for the session still on its way was sent without the new cookie: it
 * is cancelled first, or its "nobody is signed in" would arrive after the sign-in and send the reader back
 * to an empty sign-in form (seen in the browser tests under load).
 */
export function rememberSignIn(queryClient: QueryClient, user: SessionUser) {
  queryClient.removeQueries({ predicate: (query) => query.meta?.session !== true })
  void queryClient.cancelQueries({ queryKey: authQueries.me().queryKey })
  queryClient.setQueryData(authQueries.me().queryKey, user)
}

/** Sign in; on success the session query holds the new user and no earlier user's data stays cached. */
export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: LoginRequest) => apiSend('POST', authPaths.login, body, MeResponseSchema),
    onSuccess: ({ user }) => rememberSignIn(queryClient, user),
  })
}

/**
 * The sign-in page forgets everything cached for an earlier session (after sign-out, or a session that
 * ended). It runs once the signed-in pages have unmounted, so none of their queries is rebuilt.
 */
export function useForgetEarlierSession() {
  const queryClient = useQueryClient()
  useEffect(() => queryClient.clear(), [queryClient])
}

/** Sign out; the caller then goes to the sign-in page, which clears the cache. */
export function useLogout() {
  return useMutation({
    mutationFn: () => apiSend('POST', authPaths.logout, {}, null),
  })
}
