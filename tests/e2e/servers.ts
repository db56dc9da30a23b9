/**
 * Where the browser tests find their servers (E2E_PORT, default 4173): the whole product once per worker,
 * each on a data folder of its own — the reporting journey publishes October, and a worker's later files
 * see that on its server only, as they did when one worker ran every file in turn — then the static demo
 * and the empty deployment (SEED_DATA=empty), one each.
 */
const base = Number(process.env.E2E_PORT ?? 4173)

/** Two workers: on this two-core machine the tests mostly wait (a drawn page's code waits a moment of reading, networkidle, animations). */
export const E2E_WORKERS = Number(process.env.E2E_WORKERS ?? 2)
export const DEMO_PORT = base + 1
export const EMPTY_PORT = base + 2
/** The product's server of worker slot `index` (testInfo.parallelIndex). */
export const serverPort = (index: number) => (index === 0 ? base : base + 2 + index)
