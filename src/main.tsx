import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import { env } from './config/env'
import './styles.css'

/** In demo/mock mode the MSW worker answers /api in the browser; its code is loaded only then. */
async function startMockApi() {
  // Compared on the raw build-time constant too, so that server builds drop the mock chunk entirely.
  if (import.meta.env.VITE_API_MODE !== 'mock' || env.VITE_API_MODE !== 'mock') return
  const { worker } = await import('../mocks/browser')
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
}

void startMockApi().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
})
