import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs'

const serverPort = Number(process.env.E2E_PORT ?? 4173)
const demoPort = serverPort + 1
const emptyPort = serverPort + 2
const chromium = { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }

/**
 * Browser tests in Debian's Chromium (never a downloaded browser): the whole product (built SPA +
 * API server on a fresh embedded database), and the static demo build that runs on the MSW worker.
 * Needs `npm run build && npm run build:demo` first (npm test does both).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: { locale: 'zh-CN', launchOptions: chromium },
  projects: [
    { name: 'server', use: { baseURL: `http://127.0.0.1:${serverPort}` }, grepInvert: /@empty/ },
    // A real deployment's first day: SEED_DATA=empty, only the accounts.
    { name: 'empty', use: { baseURL: `http://127.0.0.1:${emptyPort}` }, grep: /@empty/ },
    { name: 'demo', use: { baseURL: `http://127.0.0.1:${demoPort}` }, grep: /leader walks|@demo/ },
  ],
  webServer: [
    {
      command: 'rm -rf test-results/e2e-data && node dist-server/main.js',
      // The demo accounts get the password the tests sign in with (tests/e2e/support.ts).
      env: { PORT: String(serverPort), HOST: '127.0.0.1', DATA_DIR: 'test-results/e2e-data', LOG_LEVEL: 'warn', DEMO_PASSWORD: 'nanan-demo-2024' },
      url: `http://127.0.0.1:${serverPort}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'rm -rf test-results/e2e-empty && node dist-server/main.js',
      env: { PORT: String(emptyPort), HOST: '127.0.0.1', DATA_DIR: 'test-results/e2e-empty', LOG_LEVEL: 'warn', DEMO_PASSWORD: 'nanan-demo-2024', SEED_DATA: 'empty' },
      url: `http://127.0.0.1:${emptyPort}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'node scripts/serve.mjs',
      env: { PORT: String(demoPort), HOST: '127.0.0.1', DIST_DIR: 'dist-demo' },
      url: `http://127.0.0.1:${demoPort}/`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
  ],
})
