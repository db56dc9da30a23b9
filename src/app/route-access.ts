import type { UIMatch } from 'react-router'
import type { Permission } from '@/domain/access'

/** What a route needs (its `handle`): the layout shows a page only to a role with this permission. */
export type RouteHandle = { permission?: Permission }

export function requiredPermission(matches: readonly UIMatch[]): Permission | undefined {
  for (const match of matches) {
    const handle = match.handle as RouteHandle | undefined
    if (handle?.permission) return handle.permission
  }
  return undefined
}
