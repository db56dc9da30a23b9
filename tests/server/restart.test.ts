import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProjectListSchema, SummarySchema } from '@/contract'
import { SAME_ORIGIN, SEEDED_TABLES, TEST_PASSWORD, rowCounts, seededMemoryDatabase } from './support'

/**
 * The server as an operator runs it: a real process (`node --import tsx server/main.ts`) on a data
 * directory. It seeds once, stops cleanly on SIGTERM, does not seed again on restart, refuses bad
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

/** A port nobody is listening on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

let staticDir: string

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
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
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
    const add = spawn(process.execPath, ['--import', 'tsx', 'server/cli/user-add.ts', '--username', 'chief', '--name', '首位管理员', '--role', 'admin', '--password-stdin'], {
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
