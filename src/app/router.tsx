import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router'
import { paths } from '@/config/paths'
import { Layout } from './layout'
import { RouteError } from './routes/route-error'

/** Every page is lazy: the first page loads only its own code. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { path: paths.home.path, lazy: () => import('./routes/overview') },
      { path: paths.zones.path, lazy: () => import('./routes/zones') },
      { path: paths.zone.path, lazy: () => import('./routes/zone') },
      { path: paths.projects.path, lazy: () => import('./routes/projects') },
      { path: paths.project.path, lazy: () => import('./routes/project') },
      { path: paths.delayed.path, lazy: () => import('./routes/delayed') },
      { path: paths.help.path, lazy: () => import('./routes/help') },
      { path: '*', lazy: () => import('./routes/not-found') },
    ],
  },
]

export const createAppRouter = () => createBrowserRouter(routes)
export const createTestRouter = (initialEntries: string[]) => createMemoryRouter(routes, { initialEntries })
