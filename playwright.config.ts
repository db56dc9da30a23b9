import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, TEST_CHROMIUM_PATH } from './scripts/chromium.mjs'
import { DEMO_PORT, E2E_WORKERS, EMPTY_PORT, serverPort } from './tests/e2e/servers'
import { E2E_DEMO_PASSWORD, copySeed } from './tests/e2e/seed-dir.mjs'

const workerSlots = Array.from({ length: E2E_WORKERS }, (_, index) => index)
/**
 * The servers the tests run against; the demo accounts get the password the tests sign in with (tests/e2e/support.ts).
 * A product server starts on a copy of the seeded folder `npm test` made beside Vitest (tests/e2e/seed-data.mjs)
 * when there is one from this build (copySeed); else it seeds its own on first start.
 */
const servers = [
  ...workerSlots.map((index) => ({
    name: `server-${index}`,
    command: `rm -rf test-results/e2e-data-${index}${copySeed('demo', `test-results/e2e-data-${index}`)} && exec node dist-server/main.js`,
    env: { PORT: String(serverPort(index)), HOST: '127.0.0.1', DATA_DIR: `test-results/e2e-data-${index}`, LOG_LEVEL: 'warn', DEMO_PASSWORD: E2E_DEMO_PASSWORD },
    url: `http://127.0.0.1:${serverPort(index)}/api/health`,
  })),
  {
    name: 'empty',
    command: `rm -rf test-results/e2e-empty${copySeed('empty', 'test-results/e2e-empty')} && exec node dist-server/main.js`,
    env: { PORT: String(EMPTY_PORT), HOST: '127.0.0.1', DATA_DIR: 'test-results/e2e-empty', LOG_LEVEL: 'warn', DEMO_PASSWORD: E2E_DEMO_PASSWORD, SEED_DATA: 'empty' },
    url: `http://127.0.0.1:${EMPTY_PORT}/api/health`,
  },
  {
    name: 'demo',
    command: 'exec node scripts/serve.mjs',
    env: { PORT: String(DEMO_PORT), HOST: '127.0.0.1', DIST_DIR: 'dist-demo' },
    url: `http://127.0.0.1:${DEMO_PORT}/`,
  },
]
const chromium = { executablePath: TEST_CHROMIUM_PATH, args: CHROMIUM_ARGS }

/**
 * Browser tests in Debian's Chromium headless shell (never a downloaded browser; scripts/chromium.mjs): the whole product (built SPA +
 * API server on a fresh embedded database; one per worker, each on its own data folder: tests/e2e/servers.ts),
 * and the static demo build that runs on the MSW worker.
 * Needs `npm run build && npm run build:demo` first (npm test does both).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  retries: 0,
  workers: E2E_WORKERS,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: { locale: 'zh-CN', launchOptions: chromium },
  projects: [
    // Each worker's own server: the fixture in tests/e2e/fixtures.ts gives a test its worker's baseURL.
    { name: 'server', use: { baseURL: `http://127.0.0.1:${serverPort(0)}` }, grepInvert: /@empty/ },
    // A real deployment's first day: SEED_DATA=empty, only the accounts.
    { name: 'empty', use: { baseURL: `http://127.0.0.1:${EMPTY_PORT}` }, grep: /@empty/ },
    { name: 'demo', use: { baseURL: `http://127.0.0.1:${DEMO_PORT}` }, grep: /leader walks|@demo/ },
  ],
  // All servers start side by side (tests/e2e/start-servers.mjs): as separate webServer entries Playwright
  // started them one after another, about 20 s before the first test.
  webServer: {
    command: 'node tests/e2e/start-servers.mjs',
    env: { E2E_SERVERS: JSON.stringify(servers) },
    wait: { stdout: /e2e servers answer/ },
    reuseExistingServer: false,
    timeout: 90_000,
  },
})
