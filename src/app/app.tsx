import type { QueryClient } from '@tanstack/react-query'
import { RouterProvider } from 'react-router'
import type { createAppRouter } from './router'
import { AppProvider } from './provider'

/** The app: its query client and router are made by src/main.tsx, each in a task of its own. */
export function App({ queryClient, router }: { queryClient: QueryClient; router: ReturnType<typeof createAppRouter> }) {
  return (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  )
}
