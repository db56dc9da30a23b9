import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { authPaths } from '@/contract'
import { AccountListSchema, AccountSchema, AuditListSchema, LiftThrottleResultSchema, OwnerUnitListSchema, SignInThrottleListSchema, type AuditAction, type CreateAccount, type LiftThrottle, type ResetPassword, type UpdateAccount } from '@/contract/accounts'
import { apiGet, apiSend } from '@/lib/api-client'

export const adminQueries = {
  all: ['admin'] as const,
  accounts: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'accounts'],
      queryFn: ({ signal }) => apiGet(authPaths.accounts, AccountListSchema, undefined, signal),
    }),
  ownerUnits: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'owner-units'],
      queryFn: ({ signal }) => apiGet(authPaths.ownerUnits, OwnerUnitListSchema, undefined, signal),
      staleTime: 10 * 60_000,
    }),
  /** The sign-in throttle: held name-and-address pairs and addresses (decision 69). */
  throttle: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'sign-in-throttle'],
      queryFn: ({ signal }) => apiGet(authPaths.signInThrottle, SignInThrottleListSchema, undefined, signal),
    }),
  audit: (action: AuditAction | undefined) =>
    queryOptions({
      queryKey: [...adminQueries.all, 'audit', { action }],
      queryFn: ({ signal }) => apiGet(authPaths.audit, AuditListSchema, { action }, signal),
    }),
}

/**
 * Every account write changes the list and the log: invalidate the feature's root key (after a 409
 * too, so the list shows what the server holds). The signed-in user is read again as well, in case
 * the admin renamed itself.
 */
function useAdminMutation<TInput, TOutput>(mutationFn: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminQueries.all }),
        queryClient.invalidateQueries({ predicate: (query) => query.meta?.session === true }),
      ]),
  })
}

export const useCreateAccount = () =>
  useAdminMutation((input: CreateAccount) => apiSend('POST', authPaths.accounts, input, AccountSchema))

export const useUpdateAccount = () =>
  useAdminMutation(({ username, ...patch }: UpdateAccount & { username: string }) =>
    apiSend('PATCH', authPaths.account(username), patch, AccountSchema),
  )

export const useResetPassword = () =>
  useAdminMutation(({ username, ...input }: ResetPassword & { username: string }) =>
    apiSend('POST', authPaths.accountPassword(username), input, AccountSchema),
  )

export const useLiftThrottle = () => useAdminMutation((input: LiftThrottle) => apiSend('POST', authPaths.signInThrottleLift, input, LiftThrottleResultSchema))
