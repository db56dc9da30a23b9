import type { UIMatch } from 'react-router'
import type { Permission } from '@/domain/access'

/**
 * What a page's route says of it (its `handle`), in the one route table (./router.tsx):
 *  - `permission`: the layout shows the page only to a role with it;
 *  - `module`: its module under src/app/routes, which the route loads lazily; the server names that chunk in
 *    the page's HTML (server/page-hints.ts derives its table of pages from the routes);
 *  - `charts`: the page draws charts, so their code is fetched with the page's where a chart is on the first screen.
 */
export type RouteHandle = { permission?: Permission; module?: string; charts?: true }

export function requiredPermission(matches: readonly UIMatch[]): Permission | undefined {
  for (const match of matches) {
    const handle = match.handle as RouteHandle | undefined
    if (handle?.permission) return handle.permission
  }
  return undefined
}
