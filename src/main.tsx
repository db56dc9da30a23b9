import { StrictMode, startTransition } from 'react'
import { createRoot, hydrateRoot } from 'react-dom/client'
import { App } from './app/app'
import { createAppRouter } from './app/router'
import { adoptDrawnPage } from './app/first-paint'
import { env } from './config/env'
import { createQueryClient } from './lib/query-client'
import './styles.css'

/** In demo/mock mode the MSW worker answers /api in the browser; its code is loaded only then. */
async function startMockApi() {
  // Compared on the raw build-time constant too, so that server builds drop the mock chunk entirely.
  if (import.meta.env.VITE_API_MODE !== 'mock' || env.VITE_API_MODE !== 'mock') return
  const { worker } = await import('../mocks/browser')
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
}

/** Lets the browser run what is waiting (a paint, a network answer) before the next step of the start. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * The start in three tasks rather than one: evaluating the code, making the router (which starts the first
 * page's requests), and drawing — the last in a transition, so React draws in slices of a few milliseconds.
 * On a 4×-slowed phone the first render alone had held the main thread for 170 ms (decision 55).
 * A page the server drew (decision 57) is adopted as it is, from the state it was drawn from.
 */
async function start() {
  await startMockApi()
  await nextTask()
  const queryClient = createQueryClient()
  const drawn = await adoptDrawnPage(queryClient)
  const router = drawn ?? createAppRouter(queryClient)
  await nextTask()
  const container = document.getElementById('root')!
  const app = (
    <StrictMode>
      <App queryClient={queryClient} router={router} />
    </StrictMode>
  )
  if (drawn) startTransition(() => void hydrateRoot(container, app))
  else {
    const root = createRoot(container)
    startTransition(() => root.render(app))
  }
}
void start()
