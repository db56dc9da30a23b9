import { createContext, useContext, type ReactNode } from 'react'
import type { SessionUser } from '@/contract'
import { can, type Permission } from '@/domain/access'

/**
 * The signed-in user, for any component under the layout. The layout loads the session (features/auth)
 * and provides it here, so a feature reads it without importing another feature.
 */
const SessionContext = createContext<SessionUser | null>(null)

export function SessionProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>
}

export function useCurrentUser(): SessionUser {
  const user = useContext(SessionContext)
  if (!user) throw new Error('useCurrentUser is used outside the signed-in layout')
  return user
}

/** Whether the signed-in user may do something (the UI only hides what the server would refuse). */
export function useCan(permission: Permission): boolean {
  return can(useCurrentUser().role, permission)
}
