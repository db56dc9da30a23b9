import type { QueryClient } from '@tanstack/react-query'
import type { HydrationState } from 'react-router'
import { createBrowserRouter, createMemoryRouter, matchRoutes, type RouteObject } from 'react-router'
import { paths } from '@/config/paths'
import { Layout } from './layout'
import { prefetchingPage, prefetching, prefetchSession } from './prefetch'
import type { RouteHandle } from './route-access'
import { RouteError } from './routes/route-error'

/** A page that reads project data, by its module under ./routes (and whether it draws charts). */
const dataPage = (module: string, more: Pick<RouteHandle, 'charts'> = {}): RouteHandle => ({ permission: 'data:read', module, ...more })

/** A page's route without prefetching: its module loaded lazily, and what its handle says of it. */
const page = <M extends object>(load: () => Promise<M>, handle: RouteHandle) => ({ lazy: load, handle })

/**
 * The one table of pages. Every page is lazy: the first page loads only its own code. Sign-in stands
 * outside the layout (no navigation before there is a user); every other page is behind the layout's
 * session check, and each names the permission it needs, mirroring the server's rule for the API it
 * calls. Each names its module (RouteHandle): the server's page hints are derived from this table.
 */
export const createRoutes = (queryClient?: QueryClient): RouteObject[] => [
  { path: paths.login.path, ...page(() => import('./routes/login'), { module: 'login' }), errorElement: <RouteError /> },
  {
    element: <Layout />,
    errorElement: <RouteError />,
    ...prefetching(queryClient, prefetchSession),
    children: [
      { path: paths.home.path, ...prefetchingPage(queryClient, () => import('./routes/overview'), dataPage('overview', { charts: true })) },
      { path: paths.zones.path, ...prefetchingPage(queryClient, () => import('./routes/zones'), dataPage('zones')) },
      { path: paths.zone.path, ...prefetchingPage(queryClient, () => import('./routes/zone'), dataPage('zone', { charts: true })) },
      { path: paths.projects.path, ...page(() => import('./routes/projects'), dataPage('projects')) },
      { path: paths.project.path, ...prefetchingPage(queryClient, () => import('./routes/project'), dataPage('project', { charts: true })) },
      { path: paths.delayed.path, ...page(() => import('./routes/delayed'), dataPage('delayed')) },
      { path: paths.reports.path, ...page(() => import('./routes/reports'), dataPage('reports')) },
      { path: paths.history.path, ...page(() => import('./routes/history'), dataPage('history')) },
      { path: paths.bulletin.path, ...page(() => import('./routes/bulletin'), dataPage('bulletin')) },
      { path: paths.importLedger.path, ...page(() => import('./routes/import'), { module: 'import', permission: 'project:edit' }) },
      { path: paths.todo.path, ...page(() => import('./routes/todo'), { module: 'todo', permission: 'todo:read' }) },
      { path: paths.notifications.path, ...page(() => import('./routes/notifications'), { module: 'notifications' }) },
      { path: paths.help.path, ...page(() => import('./routes/help'), { module: 'help' }) },
      { path: paths.accountPassword.path, ...page(() => import('./routes/account-password'), { module: 'account-password' }) },
      { path: paths.adminAccounts.path, ...page(() => import('./routes/admin-accounts'), { module: 'admin-accounts', permission: 'accounts:manage' }) },
      // Any other address: not a page, so it names no module (the server names only the entry's code for it).
      { path: '*', lazy: () => import('./routes/not-found') },
    ],
  },
]

/** The app's router: each page's data and chart code start loading with the page's code (./prefetch.ts). */
export const createAppRouter = (queryClient: QueryClient) => createBrowserRouter(createRoutes(queryClient))
/**
 * The router for a page the server drew (./first-paint/index.ts): the page's route modules are loaded first and
 * the router starts from the server's state, so the first render is the drawn page, not a loading state.
 */
export async function createHydratingRouter(queryClient: QueryClient, state: HydrationState) {
  const routes = createRoutes(queryClient)
  const matches = matchRoutes(routes, window.location) ?? []
  await Promise.all(
    matches.map(async ({ route }) => {
      if (typeof route.lazy !== 'function') return
      const module = await route.lazy()
      Object.assign(route, { ...module, lazy: undefined })
    }),
  )
  return createBrowserRouter(routes, { hydrationData: state })
}
/** Tests render pages without prefetching, so each test sees exactly the requests its page makes. */
export const createTestRouter = (initialEntries: string[]) => createMemoryRouter(createRoutes(), { initialEntries })
