// Where the browser tests' seeded data folders are (tests/e2e/seed-data.mjs makes them), and whether one may be used.
import { existsSync, statSync } from 'node:fs'

/** The demo accounts' password on the browser tests' servers (tests/e2e/support.ts signs in with it). */
export const E2E_DEMO_PASSWORD = 'nanan-demo-2024'

// Not under test-results/: Playwright empties that folder when a run starts.
export const E2E_SEEDS = {
  /** The demo deployment: the 2024 projects and the demo accounts. */
  demo: { dir: 'node_modules/.cache/nanan-e2e-seed/demo', env: {} },
  /** A real deployment's first day: only the accounts (SEED_DATA=empty). */
  empty: { dir: 'node_modules/.cache/nanan-e2e-seed/empty', env: { SEED_DATA: 'empty' } },
}

/**
 * The shell commands that put a copy of a seeded folder at `dataDir` — when there is a whole one made by the
 * server built now (not by an older build) — else nothing: the server then seeds its own on first start.
 */
export function copySeed(kind, dataDir) {
  const { dir } = E2E_SEEDS[kind]
  const built = 'dist-server/main.js'
  const fresh = existsSync(`${dir}/.complete`) && existsSync(built) && statSync(`${dir}/.complete`).mtimeMs > statSync(built).mtimeMs
  return fresh ? ` && mkdir -p ${dataDir} && cp -R ${dir}/. ${dataDir} && rm -f ${dataDir}/.complete` : ''
}
