import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { server, testApi } from './support/api'

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
// A page test's API (the server's app over PGlite) is opened before its first test, not inside it.
beforeAll(async () => {
  if (/[\\/]tests[\\/]features[\\/]/.test(expect.getState().testPath ?? '')) await testApi.ready()
}, 120_000)
// Every test starts signed in as 发改委工作人员 (it sees all data and may export); a test of another
// role calls testApi.signInAs(role), an anonymous one testApi.signOut(). A test that wrote leaves the
// database as seeded for the next (testApi.reset).
beforeEach(() => {
  testApi.signInAs('staff')
})
afterEach(async () => {
  cleanup()
  server.resetHandlers()
  await testApi.reset()
})
afterAll(() => server.close())

// An unexpected console.error fails the test (ARCHITECTURE rule 9). React's "not wrapped in act(...)"
// is expected: the answers come from the server's app a few milliseconds later, not in the same tick, so
// a page may draw an answer between two steps of a test; tests wait for what the reader sees (findBy*).
const originalError = console.error
beforeAll(() => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('was not wrapped in act(')) return
    originalError(...args)
    throw new Error(`console.error was called: ${args.map(String).join(' ').slice(0, 500)}`)
  })
})
