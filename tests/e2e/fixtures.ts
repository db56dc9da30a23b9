import { test as base } from '@playwright/test'
import { serverPort } from './servers'

export * from '@playwright/test'

/** Playwright's test, its baseURL in the `server` project being the server of the test's worker (tests/e2e/servers.ts). */
export const test = base.extend({
  // (`provide` is Playwright's `use`, named so that the React hooks rule does not take it for one.)
  baseURL: async ({ baseURL }, provide, testInfo) => {
    await provide(testInfo.project.name === 'server' ? `http://127.0.0.1:${serverPort(testInfo.parallelIndex)}` : baseURL)
  },
})
