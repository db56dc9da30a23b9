// The browser tests' seeded data folders, made once each by the built server's own first start: `npm test`
// makes them beside Vitest (scripts/test.sh), and each server of the browser tests starts on a copy
// (playwright.config.ts) instead of seeding its own on the two busy cores at once (a product server's first
// start is ~9 s of CPU). Without them, or when they are older than the built server, the servers seed their own.
//
// Usage: node tests/e2e/seed-data.mjs — writes the folders of tests/e2e/seed-dir.mjs (the demo deployment, and
// the empty one of SEED_DATA=empty), each started and stopped cleanly; `.complete` in a folder marks a whole one.
import { spawn } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { E2E_DEMO_PASSWORD, E2E_SEEDS } from './seed-dir.mjs'

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

/** Start the built server on an empty folder, wait until it answers, stop it; true when it stopped cleanly. */
async function firstStart(dir, env) {
  rmSync(dir, { recursive: true, force: true })
  const port = await freePort()
  const child = spawn(process.execPath, ['dist-server/main.js'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'warn', DEMO_PASSWORD: E2E_DEMO_PASSWORD },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)))
  let healthy = false
  for (let tries = 0; tries < 600 && !healthy && child.exitCode === null; tries++) {
    try {
      healthy = (await fetch(`http://127.0.0.1:${port}/api/health`)).ok
    } catch {
      // not listening yet
    }
    if (!healthy) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  if (healthy) child.kill('SIGTERM')
  else child.kill('SIGKILL')
  const code = await exited
  if (!healthy || code !== 0) {
    rmSync(dir, { recursive: true, force: true })
    return false
  }
  writeFileSync(`${dir}/.complete`, '')
  return true
}

let failed = false
for (const seed of Object.values(E2E_SEEDS)) {
  const started = performance.now()
  if (await firstStart(seed.dir, seed.env)) console.log(`e2e seed: ${seed.dir} in ${Math.round(performance.now() - started)} ms`)
  else {
    console.error(`e2e seed: the built server did not make ${seed.dir}; the browser tests' servers will seed their own`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
