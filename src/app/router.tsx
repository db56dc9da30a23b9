import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router'
import { paths } from '@/config/paths'
import { Layout } from './layout'
import type { RouteHandle } from './route-access'
import { RouteError } from './routes/route-error'

const dataPage: RouteHandle = { permission: 'data:read' }
const adminPage: RouteHandle = { permission: 'accounts:manage' }

/**
 * Every page is lazy: the first page loads only its own code. Sign-in stands outside the layout (no
 * navigation before there is a user); every other page is behind the layout's session check, and each
 * names the permission it needs, mirroring the server's rule for the API it calls.
 */
export const routes: RouteObject[] = [
  { path: paths.login.path, lazy: () => import('./routes/login'), errorElement: <RouteError /> },
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { path: paths.home.path, lazy: () => import('./routes/overview'), handle: dataPage },
      { path: paths.zones.path, lazy: () => import('./routes/zones'), handle: dataPage },
      { path: paths.zone.path, lazy: () => import('./routes/zone'), handle: dataPage },
      { path: paths.projects.path, lazy: () => import('./routes/projects'), handle: dataPage },
      { path: paths.project.path, lazy: () => import('./routes/project'), handle: dataPage },
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

export const createAppRouter = () => createBrowserRouter(routes)
export const createTestRouter = (initialEntries: string[]) => createMemoryRouter(routes, { initialEntries })
