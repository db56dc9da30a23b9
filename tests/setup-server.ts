import { afterAll, beforeAll, vi } from 'vitest'

// An unexpected console.error fails the test, as in the web suite.
const originalError = console.error
beforeAll(() => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    originalError(...args)
    throw new Error(`console.error was called: ${args.map(String).join(' ').slice(0, 500)}`)
  })
})
afterAll(() => vi.restoreAllMocks())

// The mock handlers match '/api/...' against the page origin; give Node one so the contract suite can
// ask the mocks and the server the very same URLs.
if (typeof globalThis.location === 'undefined') {
  Object.defineProperty(globalThis, 'location', { value: new URL('http://localhost/'), configurable: true })
}
