import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { RouterProvider } from 'react-router'
import { AppProvider } from '@/app/provider'
import { createTestRouter } from '@/app/router'
import { createQueryClient } from '@/lib/query-client'

/** Render the whole app at a URL, with the app's query client (its 401 handling included) that does not retry. */
export function renderApp(url: string) {
  const queryClient = createQueryClient({ retry: false, staleTime: Infinity })
  const router = createTestRouter([url])
  const user = userEvent.setup()
  const result = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  )
  return { ...result, router, user, queryClient }
}

/** Current URL path + search of the test router. */
export function currentUrl(router: ReturnType<typeof createTestRouter>) {
  const { pathname, search } = router.state.location
  return `${pathname}${search}`
}
