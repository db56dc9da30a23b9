import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProjectListSchema, SummarySchema } from '@/contract'
import { buildServer } from '../support/built-server'
import { freePort } from '../support/free-port'
import { writeServerSeededDataDir } from '../support/seeded-snapshot'
import { SAME_ORIGIN, SEEDED_TABLES, TEST_PASSWORD, rowCounts, seededMemoryDatabase } from './support'

/**
 * The server as an operator runs it: a real process (`node main.js` of the bundle `npm run build` makes,
 * built once for this file: tests/support/built-server.ts) on a data directory. It seeds once, stops cleanly on SIGTERM, does not seed again on restart, refuses bad
 * configuration with one line, and survives being killed at any moment of its start-up: the seed is
 * one transaction, so the next start finds either nothing or everything.
 */

const REPO = fileURLToPath(new URL('../..', import.meta.url))
/** The 2024 plan as published (FACTS): 132 projects, 277.08 亿 for the year, 2391 亿 in total. */
const PUBLISHED = { projectCount: 132, annualPlanWan: 2_770_800, totalInvestmentWan: 23_910_000 }

type LogLine = { msg?: string; level?: number; [key: string]: unknown }

/** One run of the server process, with everything it printed. */
class ServerRun {
  stdout = ''
  stderr = ''
  exitCode: number | null = null
  exitSignal: NodeJS.Signals | null = null
  readonly exited: Promise<void>
  readonly startedAt = Date.now()

  constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')))
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')))
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitCode = code
        this.exitSignal = signal
        resolve()
      }),
    )
  }

  get hasExited() {
    return this.exitCode !== null || this.exitSignal !== null
  }

  /** pino writes one JSON object a line on stdout. */
  get logs(): LogLine[] {
    return this.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogLine]
        } catch {
          return []
        }
      })
  }

  log(msg: string) {
    return this.logs.find((line) => line.msg === msg)
  }

  url(path: string) {
    return `http://127.0.0.1:${this.port}${path}`
  }

  /** Everything it said, for failure messages. */
  get transcript() {
    return `exit ${this.exitCode ?? this.exitSignal}\n--- stdout\n${this.stdout.slice(-3000)}\n--- stderr\n${this.stderr.slice(-3000)}`
  }
}

const runs: ServerRun[] = []
const tempDirs: string[] = []
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** Whether the promise settles within `ms` (and no timer is left behind either way). */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  try {
    return await Promise.race([promise.then(() => true as const), timeout])
  } finally {
    clearTimeout(timer)
  }
}

function tempDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  tempDirs.push(dir)
  return dir
}


let staticDir: string
/** The bundled server and user:add (built in beforeAll). */
let built: Awaited<ReturnType<typeof buildServer>>

async function startServer(dataDir: string, env: Record<string, string> = {}, port?: number): Promise<ServerRun> {
  const chosenPort = port ?? (await freePort())
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(chosenPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    STATIC_DIR: staticDir,
    DEMO_PASSWORD: TEST_PASSWORD,
  }
  delete childEnv.DATABASE_URL
  Object.assign(childEnv, env)
  const child = spawn(process.execPath, [built.main], {
    cwd: REPO,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const run = new ServerRun(child, chosenPort)
  runs.push(run)
  return run
}

/** Poll /api/health until it answers 200; give up (and say why) if the process dies or 60 s pass. */
async function waitUntilHealthy(run: ServerRun, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (run.hasExited) throw new Error(`the server exited before it was healthy\n${run.transcript}`)
    try {
      const response = await fetch(run.url('/api/health'), { signal: AbortSignal.timeout(2000) })
      if (response.status === 200) return (await response.json()) as unknown
      await response.body?.cancel()
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  throw new Error(`not healthy within ${timeoutMs} ms\n${run.transcript}`)
}

/** Send a signal and wait for the exit, at most `timeoutMs`. Returns how long it took. */
async function stopWith(run: ServerRun, signal: NodeJS.Signals, timeoutMs = 15_000) {
  const sent = Date.now()
  run.child.kill(signal)
  if (!(await within(run.exited, timeoutMs)))
    throw new Error(`did not exit within ${timeoutMs} ms of ${signal}\n${run.transcript}`)
  return Date.now() - sent
}

/** A session of the demo staff account on this run's server (signed in once per run). */
const cookies = new WeakMap<ServerRun, string>()
async function sessionOf(run: ServerRun): Promise<string> {
  let cookie = cookies.get(run)
  if (!cookie) {
    const response = await fetch(run.url('/api/auth/login'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: SAME_ORIGIN.replace('localhost', `127.0.0.1:${run.port}`) },
      body: JSON.stringify({ username: 'staff', password: TEST_PASSWORD }),
    })
    expect(response.status, `sign-in\n${run.transcript}`).toBe(200)
    cookie = response.headers.get('set-cookie')!.split(';')[0]!
    cookies.set(run, cookie)
  }
  return cookie
}

async function getJson(run: ServerRun, path: string) {
  const response = await fetch(run.url(path), { headers: { cookie: await sessionOf(run) } })
  expect(response.status, `${path}\n${run.transcript}`).toBe(200)
  return (await response.json()) as unknown
}

/** The published totals, from the running server. */
async function expectPublishedTotals(run: ServerRun) {
  const summary = SummarySchema.parse(await getJson(run, '/api/summary'))
  expect({
    projectCount: summary.projectCount,
    annualPlanWan: summary.annualPlanWan,
    totalInvestmentWan: summary.totalInvestmentWan,
  }).toEqual(PUBLISHED)
  const list = ProjectListSchema.parse(await getJson(run, '/api/projects?pageSize=200'))
  expect(list.total).toBe(PUBLISHED.projectCount)
  expect(new Set(list.items.map((p) => p.id)).size, 'no project twice').toBe(PUBLISHED.projectCount)
  return summary
}

/** Total size of the files under a directory (0 when it does not exist yet). */
function sizeOf(dir: string): number {
  if (!existsSync(dir)) return 0
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    try {
      total += entry.isDirectory() ? sizeOf(path) : statSync(path).size
    } catch {
      // a file that went away while we looked
    }
  }
  return total
}

/** heapBytes: on-disk size of the seeded tables' rows, visible or not (an unfinished seed leaves dead rows). */
type StoredState = {
  cluster: boolean
  tables: number
  seededMarker: number
  counts: Record<string, number>
  heapBytes: number
}

/**
 * What a data directory holds, read by a separate PGlite on the directory itself (after the server
 * has stopped) or on a copy of it (so that looking does not recover the cluster for the next start).
 */
async function storedState(dataDir: string, { copy }: { copy: boolean }): Promise<StoredState> {
  if (!existsSync(join(dataDir, 'PG_VERSION')))
    return { cluster: false, tables: 0, seededMarker: 0, counts: {}, heapBytes: 0 }
  let dir = dataDir
  if (copy) {
    dir = join(tempDir('nanan-snapshot-'), 'data')
    cpSync(dataDir, dir, { recursive: true })
  }
  const pg = await PGlite.create(dir)
  try {
    const { rows: tables } = await pg.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'public'`,
    )
    const names = new Set(tables.map((t) => t.name))
    const counts: Record<string, number> = {}
    let heapBytes = 0
    for (const table of SEEDED_TABLES) {
      if (!names.has(table)) continue
      counts[table] = (await pg.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n
      heapBytes += Number((await pg.query<{ b: number }>(`select pg_relation_size('${table}')::int as b`)).rows[0]!.b)
    }
    const seededMarker = names.has('meta')
      ? (await pg.query<{ n: number }>(`select count(*)::int as n from meta where key = 'seeded_at'`)).rows[0]!.n
      : 0
    return { cluster: true, tables: names.size, seededMarker, counts, heapBytes }
  } finally {
    await pg.close()
    if (copy) rmSync(dir, { recursive: true, force: true })
  }
}

let reference: Record<string, number>

beforeAll(async () => {
  built = await buildServer(REPO)
  staticDir = tempDir('nanan-static-')
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>南岸区重点项目</title><div id="root"></div>')
  // What one complete seed stores, row by row: the yardstick for "no duplicates, nothing missing".
  const database = await seededMemoryDatabase()
  reference = await rowCounts(database)
  await database.close()
})

afterAll(async () => {
  for (const run of runs) {
    if (!run.hasExited) {
      run.child.kill('SIGKILL')
      await within(run.exited, 5000)
    }
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
  built?.remove()
})

describe('a start, a stop and a restart on the same data directory', () => {
  let dataDir: string
  let firstSummary: unknown

  it('seeds an empty directory once and serves the published totals', async () => {
    dataDir = join(tempDir('nanan-data-'), 'data')
    const run = await startServer(dataDir)
    expect(await waitUntilHealthy(run)).toMatchObject({ status: 'ok', database: { kind: 'embedded', reachable: true } })
    expect(run.log('database ready'), run.transcript).toMatchObject({ seeded: 'seeded', database: 'embedded' })

    await expectPublishedTotals(run)
    firstSummary = await getJson(run, '/api/summary')
    const page = await fetch(run.url('/projects/P001'))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')

    // SIGTERM: stop taking connections, finish, close the database, exit 0.
    const took = await stopWith(run, 'SIGTERM', 15_000)
    expect(run.exitCode, run.transcript).toBe(0)
    expect(took).toBeLessThan(15_000)
    expect(run.log('stopped'), run.transcript).toBeDefined()
    expect(run.stderr.trim(), 'nothing on stderr').toBe('')

    // The directory holds exactly one seed.
    const stored = await storedState(dataDir, { copy: false })
    expect(stored.counts).toEqual(reference)
    expect(stored.seededMarker).toBe(1)
  })

  it('does not seed again on restart, and answers exactly as before', async () => {
    const run = await startServer(dataDir)
    await waitUntilHealthy(run)
    expect(run.log('database ready'), run.transcript).toMatchObject({ seeded: 'already-seeded' })
    await expectPublishedTotals(run)
    expect(await getJson(run, '/api/summary')).toEqual(firstSummary)

    await stopWith(run, 'SIGTERM', 15_000)
    expect(run.exitCode, run.transcript).toBe(0)
    expect(run.log('stopped'), run.transcript).toBeDefined()

    const stored = await storedState(dataDir, { copy: false })
    expect(stored.counts).toEqual(reference)
    expect(stored.seededMarker).toBe(1)
  })

  it('exits 1 with one line when its port is taken, and leaves the data as it was', async () => {
    const squatter = createServer()
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve))
    const port = (squatter.address() as { port: number }).port
    try {
      const run = await startServer(dataDir, {}, port)
      expect(await within(run.exited, 60_000), `should give up on a taken port, not hang\n${run.transcript}`).toBe(true)
      expect(run.exitCode, run.transcript).toBe(1)
      const lines = run.stderr.trim().split('\n')
      expect(lines, run.transcript).toHaveLength(1)
      expect(lines[0]).toContain(String(port))
    } finally {
      await new Promise((resolve) => squatter.close(resolve))
    }
    const stored = await storedState(dataDir, { copy: false })
    expect(stored.counts).toEqual(reference)
  })
})

describe('the demo accounts and the first admin', () => {
  it('prints random demo passwords once at first start, never again; user:add creates an admin from a shell', async () => {
    const dir = tempDir('nanan-accounts-')
    const first = await startServer(dir, { DEMO_PASSWORD: '' })
    await waitUntilHealthy(first)
    const created = first.log('已创建演示账户：以下随机密码只显示这一次，请妥善保存') as { accounts?: { username: string; role: string; password: string }[] } | undefined
    expect(created?.accounts?.map((a) => a.role), first.transcript).toEqual(['leader', 'staff', 'reviewer', 'owner', 'admin'])
    const staff = created!.accounts!.find((a) => a.username === 'staff')!
    expect(new Set(created!.accounts!.map((a) => a.password)).size, 'one random password per account').toBe(5)
    const signIn = (run: ServerRun, username: string, password: string) =>
      fetch(run.url('/api/auth/login'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${run.port}` },
        body: JSON.stringify({ username, password }),
      })
    expect((await signIn(first, 'staff', staff.password)).status).toBe(200)
    await stopWith(first, 'SIGTERM')

    const second = await startServer(dir, { DEMO_PASSWORD: '' })
    await waitUntilHealthy(second)
    expect(second.stdout, 'the passwords are never printed again').not.toContain(staff.password)
    expect((await signIn(second, 'staff', staff.password)).status, 'and they still work').toBe(200)
    await stopWith(second, 'SIGTERM')

    // The embedded database admits one process: user:add runs while the server is stopped.
    const add = spawn(process.execPath, [built.userAdd, '--username', 'chief', '--name', '首位管理员', '--role', 'admin', '--password-stdin'], {
      cwd: REPO,
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let output = ''
    add.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    add.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    add.stdin!.end('chief-password-2024\n')
    const code = await new Promise<number | null>((resolve) => add.once('exit', resolve))
    expect(code, output).toBe(0)
    expect(output).toContain('已创建账户 chief')
    expect(output, 'a password from stdin is not echoed').not.toContain('chief-password-2024')

    const third = await startServer(dir, { DEMO_PASSWORD: '' })
    await waitUntilHealthy(third)
    const response = await signIn(third, 'chief', 'chief-password-2024')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ user: { username: 'chief', role: 'admin', displayName: '首位管理员' } })
    await stopWith(third, 'SIGTERM')
  })
})

describe('one process per data folder (decision 72)', () => {
  it('refuses a second server and user:add while one runs; after a kill -9 of it, a new one starts', async () => {
    // Seeded beforehand (what the first start would do): this test is about the lock, not the seed.
    const dir = tempDir('nanan-lock-')
    await writeServerSeededDataDir(dir)
    const first = await startServer(dir)
    await waitUntilHealthy(first)
    expect(readFileSync(join(dir, 'nanan.pid'), 'utf8').split('\n')[0]).toBe(String(first.child.pid))

    const second = await startServer(dir)
    expect(await within(second.exited, 60_000), `a second server must refuse, not run\n${second.transcript}`).toBe(true)
    expect(second.exitCode, second.transcript).toBe(1)
    expect(second.stderr.trim().split('\n'), second.transcript).toEqual([expect.stringMatching(new RegExp(`^start-up failed: data directory .* is in use by another server \\(pid ${first.child.pid},`))])

    const add = spawn(process.execPath, [built.userAdd, '--username', 'lockcheck', '--role', 'admin'], { cwd: REPO, env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    add.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    add.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    expect(await new Promise<number | null>((resolve) => add.once('exit', resolve)), output).toBe(1)
    expect(output).toContain('未创建：data directory')
    expect(output).not.toContain('已创建账户')
    // The first server still serves, untouched.
    expect((await fetch(first.url('/api/health'))).status).toBe(200)

    // Killed with no chance to clean up: its lock is stale, and the next server takes it over.
    first.child.kill('SIGKILL')
    await first.exited
    const third = await startServer(dir)
    await waitUntilHealthy(third)
    expect(readFileSync(join(dir, 'nanan.pid'), 'utf8').split('\n')[0]).toBe(String(third.child.pid))
    await stopWith(third, 'SIGTERM')
    // A clean stop leaves no lock behind.
    expect(existsSync(join(dir, 'nanan.pid'))).toBe(false)
  })
})

describe('bad configuration', () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ])('a bad %s stops the process with one line on stderr naming it', async (name, env) => {
    const dataDir = join(tempDir('nanan-badconf-'), 'data')
    const run = await startServer(dataDir, env)
    expect(await within(run.exited, 30_000), `should stop at once\n${run.transcript}`).toBe(true)
    expect(run.exitCode, run.transcript).not.toBe(0)
    const lines = run.stderr.trim().split('\n')
    expect(lines, run.transcript).toHaveLength(1)
    expect(lines[0]).toContain(name)
    expect(existsSync(dataDir), 'no database was created').toBe(false)
  })
})

describe('killed during start-up', () => {
  /** Start on the directory and SIGKILL the process at the first moment `due` says so. */
  async function startAndKill(dataDir: string, due: (elapsed: number, firstWriteAt: number | null) => boolean) {
    const sizeAtSpawn = sizeOf(dataDir)
    const run = await startServer(dataDir)
    let firstWriteAt: number | null = null
    while (!run.hasExited) {
      const elapsed = Date.now() - run.startedAt
      if (firstWriteAt === null && sizeOf(dataDir) !== sizeAtSpawn) firstWriteAt = elapsed
      if (due(elapsed, firstWriteAt)) break
      if (elapsed > 60_000) throw new Error(`the moment to kill never came\n${run.transcript}`)
      await sleep(20)
    }
    expect(run.hasExited, `the server exited on its own before it was killed\n${run.transcript}`).toBe(false)
    const killedAt = Date.now() - run.startedAt
    await stopWith(run, 'SIGKILL', 10_000)
    return { killedAt, firstWriteAt, printedReady: run.log('database ready') !== undefined }
  }

  type Stage =
    'no cluster yet' | 'cluster, no tables' | 'tables, seed not begun' | 'seed in flight' | 'seeded' | 'PARTIAL'

  /**
   * What a kill left behind, read on a copy. Rows of an unfinished seed may be on disk, but never
   * visible; dead rows of earlier unfinished seeds stay on disk too, so only growth counts as this run's.
   */
  async function stageOf(
    dataDir: string,
    heapBytesBefore: number,
  ): Promise<{ stage: Stage; detail: string; heapBytes: number }> {
    const state = await storedState(dataDir, { copy: true })
    const visible = Object.values(state.counts).reduce((a, b) => a + b, 0)
    const { heapBytes } = state
    if (!state.cluster) return { stage: 'no cluster yet', detail: '', heapBytes }
    if (state.tables === 0) return { stage: 'cluster, no tables', detail: '', heapBytes }
    if (state.seededMarker === 1 && JSON.stringify(state.counts) === JSON.stringify(reference))
      return { stage: 'seeded', detail: '', heapBytes }
    if (visible > 0 || state.seededMarker > 0)
      return {
        stage: 'PARTIAL',
        detail: `marker ${state.seededMarker}, rows ${JSON.stringify(state.counts)}`,
        heapBytes,
      }
    return heapBytes > heapBytesBefore
      ? {
          stage: 'seed in flight',
          detail: `${heapBytes - heapBytesBefore} more bytes of uncommitted rows on disk, none visible`,
          heapBytes,
        }
      : {
          stage: 'tables, seed not begun',
          detail: heapBytes > 0 ? `(${heapBytes} bytes of dead rows from earlier kills)` : '',
          heapBytes,
        }
  }

  it(
    'comes up healthy with exactly one complete seed after being killed at many moments',
    { timeout: 180_000 },
    async () => {
      const dataDir = join(tempDir('nanan-crash-'), 'data')
      const observed: { moment: string; killedAt: number; stage: Stage; detail: string }[] = []
      let heapBytes = 0
      const record = async (moment: string, kill: { killedAt: number; printedReady: boolean }) => {
        const { stage, detail, heapBytes: now } = await stageOf(dataDir, heapBytes)
        heapBytes = Math.max(heapBytes, now)
        observed.push({
          moment,
          killedAt: kill.killedAt,
          stage,
          detail: `${detail}${kill.printedReady ? ' (had printed "database ready")' : ''}`,
        })
        expect(stage, `after the kill ${moment}: ${detail}`).not.toBe('PARTIAL')
        return stage
      }

      // While Node loads the code, and at the very first write (PGlite creating its cluster).
      await record('300 ms after spawn', await startAndKill(dataDir, (elapsed) => elapsed >= 300))
      await record(
        'at the first write to the data directory',
        await startAndKill(dataDir, (_, first) => first !== null),
      )

      // Then later and later after the first write (opening the cluster) until a kill lands inside the
      // seed transaction a few times, or a start gets through. Each kill undoes the unfinished seed, so
      // every start seeds anew.
      let delay = 300
      let inFlight = 0
      for (let attempt = 0; attempt < 8 && inFlight < 3; attempt++) {
        const moment = `${delay} ms after the first write`
        const stage = await record(
          moment,
          await startAndKill(dataDir, (elapsed, first) => first !== null && elapsed >= first + delay),
        )
        if (stage === 'seeded') break
        if (stage === 'seed in flight') inFlight++
        delay += stage === 'seed in flight' ? 150 : stage === 'tables, seed not begun' ? 100 : 400
      }
      const story = observed
        .map((o) => `${o.moment} (killed at ${o.killedAt} ms): ${o.stage} ${o.detail}`.trim())
        .join('\n')
      console.log(`crash test, what each kill left behind:\n${story}`)
      // Otherwise this test proved nothing about the seed being all-or-nothing.
      expect(inFlight, `no kill landed inside the seed transaction:\n${story}`).toBeGreaterThan(0)

      // Now start it normally.
      const run = await startServer(dataDir)
      await waitUntilHealthy(run)
      const seededBefore = observed.some((o) => o.stage === 'seeded')
      expect(run.log('database ready'), `${story}\n${run.transcript}`).toMatchObject({
        seeded: seededBefore ? 'already-seeded' : 'seeded',
      })
      await expectPublishedTotals(run)
      await stopWith(run, 'SIGTERM', 15_000)
      expect(run.exitCode, run.transcript).toBe(0)

      const stored = await storedState(dataDir, { copy: false })
      expect(stored.counts, story).toEqual(reference)
      expect(stored.seededMarker).toBe(1)
    },
  )
})

describe('killed during a burst of report writes', () => {
  const MONTH = '2024-10'
  /** A report's version after each step of its cycle, and the status and audit action it leaves. */
  const STEPS = [
    { version: 1, status: 'draft', action: 'report.save' },
    { version: 2, status: 'submitted', action: 'report.submit' },
    { version: 3, status: 'approved', action: 'report.approve' },
  ] as const
  /** Small, distinct amounts (no overrun) and 100% (never below an earlier month): every step is valid. */
  const amountOf = (i: number) => 11 + i

  async function signInAs(run: ServerRun, username: string): Promise<string> {
    const response = await fetch(run.url('/api/auth/login'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${run.port}` },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    })
    expect(response.status, `sign-in as ${username}\n${run.transcript}`).toBe(200)
    return response.headers.get('set-cookie')!.split(';')[0]!
  }

  /** One step of a project's report cycle, as the SPA sends it: the owner saves and submits, the staff approve. */
  function sendStep(run: ServerRun, cookies: { owner: string; staff: string }, projectId: string, step: number, actualWan: number) {
    const path = `/api/projects/${projectId}/reports/${MONTH}`
    const [url, cookie, method, body] =
      step === 0
        ? [path, cookies.owner, 'PUT', { actualWan, progressPercent: 100, progressText: '崩溃测试：主体工程完工', forecastYearWan: 1000, forecastCompletionDate: '2024-12-31', confidence: 'high' }]
        : step === 1
          ? [`${path}/submit`, cookies.owner, 'POST', { version: 1 }]
          : // 100% may be a jump of more than 30 points (需核实, decision 74): confirmed in the comment.
            [`${path}/approve`, cookies.staff, 'POST', { version: 2, comment: '已核实' }]
    return fetch(run.url(url), {
      method,
      headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${run.port}`, cookie },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    })
  }

  type October = {
    /** Every October report stored, by project. */
    reports: Map<string, { status: string; version: number; actualWan: number }>
    /** The October audit entries of each project, oldest first. */
    audit: Map<string, { action: string; statusAfter: unknown }[]>
    /** Each project's October row of the read model. */
    statusRows: Map<string, { actualWan: number | null; cumulative: number; previousCumulative: number; progressPercent: number | null }>
    /** Projects without exactly twelve read-model rows for the year (a refresh half done would leave some). */
    incompleteProjects: string[]
    statusRowCount: number
    /** monthly_totals rows that differ from the sums of the read model (either way). */
    totalsMismatches: unknown[]
    octoberTotalActualWan: number
    dataVersion: string
  }

  /** What a data directory holds for October, read by a separate PGlite (on a copy: the server's next start does the recovery). */
  async function octoberOf(dataDir: string, { copy }: { copy: boolean }): Promise<October> {
    let dir = dataDir
    if (copy) {
      dir = join(tempDir('nanan-snapshot-'), 'data')
      cpSync(dataDir, dir, { recursive: true })
    }
    const pg = await PGlite.create(dir)
    try {
      const reports = await pg.query<{ project_id: string; status: string; version: number; actual_wan: number }>(
        `select project_id, status, version, actual_wan from monthly_reports where year = 2024 and month = 10`,
      )
      const audit = await pg.query<{ target: string; action: string; changes: { field: string; after: unknown }[] }>(
        // The reports' own entries: publishing the month also audits any 挂牌督办 it proposes (decision 76).
        `select target, action, changes from audit_log where month = '${MONTH}' and action like 'report.%' order by id`,
      )
      const statusRows = await pg.query<{ project_id: string; actual_wan: number | null; cumulative_actual_wan: number; previous_cumulative_actual_wan: number; progress_percent: number | null }>(
        `select project_id, actual_wan, cumulative_actual_wan, previous_cumulative_actual_wan, progress_percent
         from project_month_status where year = 2024 and month = 10`,
      )
      const incomplete = await pg.query<{ id: string }>(
        `select p.id from projects p left join project_month_status s on s.project_id = p.id and s.year = 2024
         group by p.id having count(s.month) <> 12 or count(distinct s.month) <> 12`,
      )
      const [count] = (await pg.query<{ n: number }>(`select count(*)::int as n from project_month_status`)).rows
      const mismatches = await pg.query(`
        with expected as (
          select year, month, zone_id, coalesce(sum(plan_wan), 0)::int as plan_wan, coalesce(sum(actual_wan), 0)::int as actual_wan
          from project_month_status group by year, month, zone_id
        )
        select coalesce(e.zone_id, t.zone_id) as zone_id, coalesce(e.month, t.month) as month,
               e.plan_wan as expected_plan, t.plan_wan as stored_plan, e.actual_wan as expected_actual, t.actual_wan as stored_actual
        from expected e full join monthly_totals t on t.year = e.year and t.month = e.month and t.zone_id = e.zone_id
        where e.zone_id is null or t.zone_id is null or e.plan_wan <> t.plan_wan or e.actual_wan <> t.actual_wan`)
      const [octoberTotal] = (
        await pg.query<{ n: number }>(`select coalesce(sum(actual_wan), 0)::int as n from monthly_totals where year = 2024 and month = 10`)
      ).rows
      const [version] = (await pg.query<{ value: string }>(`select value from meta where key = 'data_version'`)).rows
      const auditBy = new Map<string, { action: string; statusAfter: unknown }[]>()
      for (const row of audit.rows) {
        const list = auditBy.get(row.target) ?? []
        list.push({ action: row.action, statusAfter: row.changes.find((c) => c.field === 'status')?.after })
        auditBy.set(row.target, list)
      }
      return {
        reports: new Map(reports.rows.map((r) => [r.project_id, { status: r.status, version: r.version, actualWan: r.actual_wan }])),
        audit: auditBy,
        statusRows: new Map(
          statusRows.rows.map((r) => [
            r.project_id,
            { actualWan: r.actual_wan, cumulative: r.cumulative_actual_wan, previousCumulative: r.previous_cumulative_actual_wan, progressPercent: r.progress_percent },
          ]),
        ),
        incompleteProjects: incomplete.rows.map((r) => r.id),
        statusRowCount: count!.n,
        totalsMismatches: mismatches.rows,
        octoberTotalActualWan: octoberTotal!.n,
        dataVersion: version?.value ?? '',
      }
    } finally {
      await pg.close()
      if (copy) rmSync(dir, { recursive: true, force: true })
    }
  }

  /**
   * Every write is all or nothing: each stored report has exactly one audit entry per version, in
   * order; an approved one has its figure in the read model and the zone totals, others have none;
   * the totals are the read model's sums everywhere; no project lost rows of the read model.
   * `range(id)` is the versions the report may have: from the last acknowledged to the last sent.
   */
  function expectWholeWrites(october: October, projectIds: readonly string[], amounts: Map<string, number>, range: (id: string) => [number, number], context: string) {
    expect([...october.reports.keys()].filter((id) => !projectIds.includes(id)), `${context}: October reports of projects nobody wrote`).toEqual([])
    expect(october.incompleteProjects, `${context}: projects without their twelve read-model rows`).toEqual([])
    expect(october.statusRowCount, context).toBe(reference.project_month_status)
    expect(october.totalsMismatches, `${context}: monthly_totals ≠ the sums of project_month_status`).toEqual([])
    let approvedSum = 0
    for (const id of projectIds) {
      const stored = october.reports.get(id)
      const version = stored?.version ?? 0
      const [lowest, highest] = range(id)
      expect(version, `${context}: ${id} stored version (acknowledged ${lowest}, last sent ${highest})`).toBeGreaterThanOrEqual(lowest)
      expect(version, `${context}: ${id} stored version (acknowledged ${lowest}, last sent ${highest})`).toBeLessThanOrEqual(highest)
      const steps = STEPS.slice(0, version)
      if (stored) expect(stored, `${context}: ${id}`).toEqual({ status: steps.at(-1)!.status, version, actualWan: amounts.get(id) })
      expect(
        october.audit.get(id) ?? [],
        `${context}: ${id} audit entries (one per stored version, each naming the status it left)`,
      ).toEqual(steps.map((s) => ({ action: s.action, statusAfter: s.status })))
      const row = october.statusRows.get(id)
      if (stored?.status === 'approved') {
        approvedSum += stored.actualWan
        expect(row, `${context}: ${id} approved, so its October read-model row has the figure`).toMatchObject({ actualWan: stored.actualWan, progressPercent: 100 })
        expect(row!.cumulative - row!.previousCumulative, `${context}: ${id} cumulative`).toBe(stored.actualWan)
      } else {
        expect(row?.actualWan, `${context}: ${id} not approved, so no October figure in the read model`).toBeNull()
      }
    }
    // The seed has no October figures: the month's totals are exactly the approved reports.
    expect(october.octoberTotalActualWan, `${context}: October total`).toBe(approvedSum)
  }

  it(
    'keeps every acknowledged write and no half of any other',
    { timeout: 120_000 },
    async () => {
      const started = Date.now()
      const phases: string[] = []
      let phaseStart = started
      const phase = (name: string) => {
        phases.push(`${name} ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`)
        phaseStart = Date.now()
      }
      // Seeded beforehand, as a first start leaves it (the seed's own crashes are the test above).
      const dataDir = join(tempDir('nanan-burst-'), 'data')
      await writeServerSeededDataDir(dataDir)
      phase('seeded data directory')
      const first = await startServer(dataDir)
      await waitUntilHealthy(first)
      phase('first start')
      const cookies = { owner: await signInAs(first, 'owner'), staff: await signInAs(first, 'staff') }

      // The owner's projects that report in October (the queue as the owner sees it).
      const queue = await fetch(first.url(`/api/reports?month=${MONTH}`), { headers: { cookie: cookies.owner } })
      expect(queue.status, first.transcript).toBe(200)
      const { items } = (await queue.json()) as { items: { projectId: string; state: string }[] }
      expect(items.length, 'the demo owner unit has projects to report').toBeGreaterThanOrEqual(10)
      expect(items.every((i) => i.state === 'missing'), 'nothing of October reported yet').toBe(true)
      const projectIds = items.map((i) => i.projectId)
      const amounts = new Map(projectIds.map((id, i) => [id, amountOf(i)]))
      const summaryBefore = await fetch(first.url('/api/summary'), { headers: { cookie: cookies.staff } })
      expect(SummarySchema.parse(await summaryBefore.json()).latestReportMonth).toBe(9)
      const etagBefore = summaryBefore.headers.get('etag') ?? ''

      // The burst: WORKERS clients, each taking the next project through save → submit → approve.
      // SIGKILL right when the KILL_AFTER-th write is acknowledged, while the other clients' writes are in flight.
      const WORKERS = 4
      const total = projectIds.length * STEPS.length
      const KILL_AFTER = Math.floor(total * 0.4)
      const acked = new Map<string, number>()
      const sent = new Map<string, number>()
      const unexpected: string[] = []
      let ackCount = 0
      let inFlight = 0
      let inFlightAtKill = -1
      let killed = false
      let next = 0
      const worker = async () => {
        while (!killed && next < projectIds.length) {
          const id = projectIds[next++]!
          for (let step = 0; step < STEPS.length && !killed; step++) {
            sent.set(id, step + 1)
            inFlight++
            let response: Response
            try {
              response = await sendStep(first, cookies, id, step, amounts.get(id)!)
            } catch {
              return // the connection died with the server: the write may or may not have been stored
            } finally {
              inFlight--
            }
            if (response.status !== (step === 0 ? 201 : 200)) {
              unexpected.push(`${id} step ${step + 1}: ${response.status} ${await response.text().catch(() => '')}`)
              return
            }
            acked.set(id, step + 1)
            ackCount++
            if (!killed && ackCount >= KILL_AFTER) {
              killed = true
              inFlightAtKill = inFlight
              first.child.kill('SIGKILL')
            }
            const body = (await response.json().catch(() => null)) as { version?: number; status?: string } | null
            if (body) expect(body, `${id} step ${step + 1}`).toMatchObject({ version: step + 1, status: STEPS[step]!.status })
          }
        }
      }
      await Promise.all(Array.from({ length: WORKERS }, worker))
      expect(unexpected, first.transcript).toEqual([])
      expect(killed, 'the burst ended before the kill').toBe(true)
      expect(await within(first.exited, 10_000), first.transcript).toBe(true)
      expect(first.exitSignal).toBe('SIGKILL')
      const approvedAcked = [...acked.values()].filter((v) => v === 3).length
      expect(approvedAcked, 'approvals were acknowledged before the kill').toBeGreaterThan(0)
      phase('burst')

      // What the kill left, read on a copy (the server's next start recovers the directory itself).
      const range = (id: string): [number, number] => [acked.get(id) ?? 0, sent.get(id) ?? 0]
      const crashed = await octoberOf(dataDir, { copy: true })
      const unacknowledgedStored = projectIds.filter((id) => (crashed.reports.get(id)?.version ?? 0) > (acked.get(id) ?? 0))
      const stored = (status: string) => [...crashed.reports.values()].filter((r) => r.status === status).length
      console.log(
        `burst crash test: ${ackCount} of ${total} writes acknowledged (${approvedAcked} approvals), ${inFlightAtKill} in flight at the kill; ` +
          `stored ${stored('draft')} drafts, ${stored('submitted')} submitted, ${stored('approved')} approved; ` +
          `${unacknowledgedStored.length} unacknowledged writes stored (${unacknowledgedStored.join(', ') || 'none'})`,
      )
      expectWholeWrites(crashed, projectIds, amounts, range, 'after the kill')
      phase('read the copy')
      const anyApproved = stored('approved') > 0
      expect(etagBefore.startsWith(`W/"${crashed.dataVersion}-`), 'the data version moved exactly when an approval was stored').toBe(!anyApproved)

      // The restarted server serves exactly that state.
      const second = await startServer(dataDir)
      await waitUntilHealthy(second)
      expect(second.log('database ready'), second.transcript).toMatchObject({ seeded: 'already-seeded' })
      phase('restart')
      const again = { owner: await signInAs(second, 'owner'), staff: await signInAs(second, 'staff') }
      const summary = await fetch(second.url('/api/summary'), { headers: { cookie: again.staff } })
      // Approvals move no reader: the default month is the latest published (September) until the staff publish October (decision 63).
      expect(SummarySchema.parse(await summary.json()).latestReportMonth, 'September stays the default month, approvals or not').toBe(9)
      const queueAfter = await fetch(second.url(`/api/reports?month=${MONTH}`), { headers: { cookie: again.owner } })
      const served = ((await queueAfter.json()) as { items: { projectId: string; state: string; version: number | null }[] }).items
      expect(new Map(served.map((i) => [i.projectId, { state: i.state, version: i.version ?? 0 }]))).toEqual(
        new Map(projectIds.map((id) => [id, { state: crashed.reports.get(id)?.status ?? 'missing', version: crashed.reports.get(id)?.version ?? 0 }])),
      )

      // And takes every report on from where it was: no lost lock, no phantom version.
      for (const id of projectIds) {
        for (let step = crashed.reports.get(id)?.version ?? 0; step < STEPS.length; step++) {
          const response = await sendStep(second, again, id, step, amounts.get(id)!)
          expect(response.status, `${id} step ${step + 1} after the restart: ${await response.clone().text()}`).toBe(step === 0 ? 201 : 200)
          await response.body?.cancel()
        }
      }
      phase('finish the cycles')
      const stillSeptember = await fetch(second.url('/api/summary'), { headers: { cookie: again.staff } })
      expect(SummarySchema.parse(await stillSeptember.json()).latestReportMonth).toBe(9)
      const published = await fetch(second.url(`/api/months/${MONTH}/publish`), { method: 'POST', headers: { cookie: again.staff, 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${second.port}` }, body: '{}' })
      expect(published.status, await published.clone().text()).toBe(200)
      const finalSummary = await fetch(second.url('/api/summary'), { headers: { cookie: again.staff } })
      expect(SummarySchema.parse(await finalSummary.json()).latestReportMonth).toBe(10)
      await stopWith(second, 'SIGTERM', 15_000)
      expect(second.exitCode, second.transcript).toBe(0)
      phase('stop')
      expectWholeWrites(await octoberOf(dataDir, { copy: false }), projectIds, amounts, () => [3, 3], 'after finishing on the restarted server')
      phase('read the directory')
      console.log(`burst crash test took ${((Date.now() - started) / 1000).toFixed(1)} s: ${phases.join(', ')}`)
    },
  )
})
