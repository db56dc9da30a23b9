import type { QueryClient } from '@tanstack/react-query'
import type { HydrationState } from 'react-router'
import { createBrowserRouter, createMemoryRouter, matchRoutes, type RouteObject } from 'react-router'
import { paths } from '@/config/paths'
import { Layout } from './layout'
import { prefetchingPage, prefetching, prefetchSession } from './prefetch'
import type { RouteHandle } from './route-access'
import { RouteError } from './routes/route-error'

const dataPage: RouteHandle = { permission: 'data:read' }
const adminPage: RouteHandle = { permission: 'accounts:manage' }

/**
 * Every page is lazy: the first page loads only its own code. Sign-in stands outside the layout (no
 * navigation before there is a user); every other page is behind the layout's session check, and each
 * names the permission it needs, mirroring the server's rule for the API it calls.
 */
export const createRoutes = (queryClient?: QueryClient): RouteObject[] => [
  { path: paths.login.path, lazy: () => import('./routes/login'), errorElement: <RouteError /> },
  {
    element: <Layout />,
    errorElement: <RouteError />,
    ...prefetching(queryClient, prefetchSession),
    children: [
      { path: paths.home.path, handle: dataPage, ...prefetchingPage(queryClient, () => import('./routes/overview'), { charts: true }) },
      { path: paths.zones.path, handle: dataPage, ...prefetchingPage(queryClient, () => import('./routes/zones')) },
      { path: paths.zone.path, handle: dataPage, ...prefetchingPage(queryClient, () => import('./routes/zone'), { charts: true }) },
      { path: paths.projects.path, lazy: () => import('./routes/projects'), handle: dataPage },
      { path: paths.project.path, handle: dataPage, ...prefetchingPage(queryClient, () => import('./routes/project'), { charts: true }) },
      { path: paths.delayed.path, lazy: () => import('./routes/delayed'), handle: dataPage },
      { path: paths.reports.path, lazy: () => import('./routes/reports'), handle: dataPage },
      { path: paths.history.path, lazy: () => import('./routes/history'), handle: dataPage },
      { path: paths.bulletin.path, lazy: () => import('./routes/bulletin'), handle: dataPage },
      { path: paths.importLedger.path, lazy: () => import('./routes/import'), handle: { permission: 'project:edit' } satisfies RouteHandle },
      { path: paths.help.path, lazy: () => import('./routes/help') },
      { path: paths.adminAccounts.path, lazy: () => import('./routes/admin-accounts'), handle: adminPage },
      { path: '*', lazy: () => import('./routes/not-found') },
    ],
  },
]

/** The app's router: each page's data and chart code start loading with the page's code (./prefetch.ts). */
export const createAppRouter = (queryClient: QueryClient) => createBrowserRouter(createRoutes(queryClient))
/**
 * The router for a page the server drew (./server-render.ts): the page's route modules are loaded first and
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
