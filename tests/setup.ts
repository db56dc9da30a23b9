import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { signInAs } from '@mocks/accounts'
import { server } from '@mocks/node'
import { store } from '@mocks/store'

// findBy*/waitFor wait up to 5 s (default 1 s): on a busy two-core machine a debounced search plus a
// re-render of the 50-row table can take longer than a second.
configure({ asyncUtilTimeout: 5000 })

// jsdom lacks these; charts and layout code ask for them.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver
window.scrollTo = () => {}

// An unhandled request fails the test (ARCHITECTURE rule 7).
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
// Every test starts signed in as 发改委工作人员 (it sees all data and may export); a test of another
// role calls signInAs(role), an anonymous one signOut().
beforeEach(() => {
  signInAs('staff')
})
afterEach(() => {
  cleanup()
  server.resetHandlers()
  store.reset()
})
afterAll(() => server.close())

// An unexpected console.error fails the test (ARCHITECTURE rule 9).
const originalError = console.error
beforeAll(() => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    originalError(...args)
    throw new Error(`console.error was called: ${args.map(String).join(' ').slice(0, 500)}`)
  })
})
