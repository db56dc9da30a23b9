import { useMutation } from '@tanstack/react-query'
import { authPaths } from '@/contract'
import type { ChangePassword } from '@/contract/accounts'
import { apiSend } from '@/lib/api-client'

/**
 * Change one's own password. Apart from ./auth.ts (which the first page loads): only the password page
 * needs it. Nothing cached changes: the session stays, the other sessions end on the server.
 */
export const useChangePassword = () => useMutation({ mutationFn: (input: ChangePassword) => apiSend('POST', authPaths.password, input, null) })
