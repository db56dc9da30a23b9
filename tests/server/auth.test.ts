import { Writable } from 'node:stream'
import { sql } from 'drizzle-orm'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MeResponseSchema, ProjectListSchema } from '@/contract'
import { AccountListSchema, AccountSchema, AuditListSchema } from '@/contract/accounts'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { DEFAULT_THROTTLE_POLICY } from '../../server/auth/throttle'
import { SAME_ORIGIN, TEST_PASSWORD, clientWith, expectApiError, fakeBuiltSpa, login, seededMemoryDatabase, sessionCookieOf, signedIn, silentLogger } from './support'

/**
 * Sign-in, sessions and the defences around them, on one in-memory database with the five demo
 * accounts. Time is a clock the test moves, so idle and absolute expiry and the throttle window are
 * checked without waiting.
 */

let database: Database
let clock = new Date('2024-10-08T09:00:00Z')
const now = () => clock
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms))
const IDLE_MS = 30 * 60_000
const ABSOLUTE_MS = 8 * 3600_000
let app: ReturnType<typeof createApp>
/** Everything the server logged, to prove no password or cookie ever reaches the log. */
let logText = ''

beforeAll(async () => {
  database = await seededMemoryDatabase()
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logText += chunk.toString('utf8')
      done()
    },
  })
  app = createApp({
    database,
    logger: pino({ level: 'debug' }, sink),
    now,
    sessionPolicy: { idleMs: IDLE_MS, absoluteMs: ABSOLUTE_MS },
    trustProxy: true,
  })
})
afterAll(async () => {
  await database?.close()
})

/** Each test signs in from its own address, so the per-address throttle of one test does not touch another. */
let addressSeq = 0
const freshAddress = () => `10.0.${Math.floor(++addressSeq / 250)}.${addressSeq % 250}`

async function signIn(username: string, password = TEST_PASSWORD, address = freshAddress()) {
  return login(app, username, password, { 'X-Forwarded-For': address })
}

async function auditOf(action: string) {
  const admin = await signedInAs('admin')
  const response = await admin.request(`/api/audit?action=${action}&limit=500`)
  return AuditListSchema.parse(await response.json()).items
}

async function signedInAs(username: string) {
  const response = await signIn(username)
  expect(response.status, `sign-in as ${username}`).toBe(200)
  return clientWith(app, sessionCookieOf(response))
}

describe('POST /api/auth/login', () => {
  it('signs in with the right password: the user, and an HttpOnly SameSite session cookie', async () => {
    const response = await signIn('owner')
    expect(response.status).toBe(200)
    const body = MeResponseSchema.parse(await response.json())
    expect(body.user).toMatchObject({ username: 'owner', role: 'owner' })
    expect(body.user.ownerUnit, 'the demo owner is bound to a unit').toEqual(expect.any(String))
    const cookie = response.headers.get('set-cookie')!
    expect(cookie).toMatch(/^nanan_session=[A-Za-z0-9_-]{43};/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie, 'not Secure over plain HTTP, or the browser would drop it').not.toMatch(/Secure/i)
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('marks the cookie Secure when the client came over HTTPS', async () => {
    // The page was reached over HTTPS through the proxy, so its Origin is https:// (scheme, host and port are compared).
    const response = await login(app, 'leader', TEST_PASSWORD, { 'X-Forwarded-For': freshAddress(), 'X-Forwarded-Proto': 'https', Origin: 'https://localhost' })
    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i)
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
  })

  it('gives one answer for a wrong password, an unknown name and a disabled account’s wrong password; only the right password learns it is disabled', async () => {
    const admin = await signedInAs('admin')
    await admin.request('/api/admin/accounts', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'gone-user', displayName: '已停用', role: 'leader', password: 'long-enough-password' }),
    })
    const gone = AccountSchema.parse(
      await (
        await admin.request('/api/admin/accounts/gone-user', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: 1, disabled: true }) })
      ).json(),
    )
    expect(gone.disabled).toBe(true)
    const wrong = await signIn('staff', 'not-the-password')
    const unknown = await signIn('nobody-here', TEST_PASSWORD)
    const disabledGuess = await signIn('gone-user', 'a-guess-at-it')
    const answers = [wrong, unknown, disabledGuess]
    for (const response of answers) {
      expect(response.status).toBe(401)
      expect(response.headers.get('set-cookie')).toBeNull()
    }
    const bodies = await Promise.all(answers.map((r) => r.json()))
    expect(bodies[0]).toEqual({ error: { code: 'invalid_credentials', message: '用户名或密码错误' } })
    expect(bodies[1]).toEqual(bodies[0])
    expect(bodies[2], 'a wrong password does not learn the account is disabled').toEqual(bodies[0])

    const disabled = await signIn('gone-user', 'long-enough-password')
    expect(disabled.status).toBe(403)
    expect(disabled.headers.get('set-cookie')).toBeNull()
    expect(await disabled.json()).toEqual({ error: { code: 'account_disabled', message: '该账户已停用，请联系管理员' } })
    const failed = (await auditOf('auth.login_failed')).filter((e) => e.target === 'gone-user').map((e) => e.reason)
    expect(failed.slice(0, 2)).toEqual(['账户已停用', '密码错误（账户已停用）'])
  })

  it('accepts the name in any case: Staff and staff are one account', async () => {
    const response = await signIn('STAFF')
    expect(response.status).toBe(200)
    expect(MeResponseSchema.parse(await response.json()).user.username).toBe('staff')
  })

  it('refuses a body that is not the contract', async () => {
    const notJson = await app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: SAME_ORIGIN }, body: '{"username":' })
    expect(notJson.status).toBe(400)
    const extra = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: SAME_ORIGIN },
      body: JSON.stringify({ username: 'staff', password: 'x', admin: true }),
    })
    expect(extra.status).toBe(400)
    expect(expectApiError(await extra.json(), 'extra field')?.fields).toMatchObject({ admin: expect.any(String) })
    const form = await app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SAME_ORIGIN }, body: 'username=staff' })
    expect(form.status).toBe(415)
  })

  it('records sign-ins and failed sign-ins in the audit log, without the password', async () => {
    await signIn('reviewer', 'wrong-password-xyz')
    await signIn('reviewer')
    const failed = await auditOf('auth.login_failed')
    expect(failed.find((e) => e.target === 'reviewer')).toMatchObject({ actor: null, reason: '密码错误' })
    const ok = await auditOf('auth.login')
    expect(ok.find((e) => e.target === 'reviewer')).toMatchObject({ actor: 'reviewer', address: expect.any(String) })
    expect(JSON.stringify([...failed, ...ok])).not.toContain('wrong-password-xyz')
  })
})

describe('sessions', () => {
  it('GET /api/auth/me answers the signed-in user, and 401 without a session', async () => {
    const staff = await signedInAs('staff')
    const me = await staff.request('/api/auth/me')
    expect(me.status).toBe(200)
    expect(MeResponseSchema.parse(await me.json()).user).toEqual({ username: 'staff', displayName: '陈立新（演示）', role: 'staff', ownerUnit: null })
    const anonymous = await app.request('/api/auth/me')
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toEqual({ error: { code: 'unauthenticated', message: '请先登录' } })
    const forged = await app.request('/api/auth/me', { headers: { cookie: 'nanan_session=' + 'A'.repeat(43) } })
    expect(forged.status).toBe(401)
  })

  it('a new sign-in ends the session the browser already held', async () => {
    const first = await signedInAs('staff')
    const again = await login(app, 'leader', TEST_PASSWORD, { 'X-Forwarded-For': freshAddress(), cookie: first.cookie })
    expect(again.status).toBe(200)
    expect((await first.request('/api/auth/me')).status, 'the older session is gone').toBe(401)
  })

  it('sign-out ends the session: the same cookie replayed is refused', async () => {
    const staff = await signedInAs('staff')
    expect((await staff.request('/api/summary')).status).toBe(200)
    const out = await staff.request('/api/auth/logout', { method: 'POST' })
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/nanan_session=;.*Max-Age=0/i)
    expect((await staff.request('/api/summary')).status).toBe(401)
    expect((await staff.request('/api/auth/me')).status).toBe(401)
    expect((await auditOf('auth.logout')).some((e) => e.actor === 'staff')).toBe(true)
  })

  it('ends a session left idle too long, and keeps one in use alive', async () => {
    const busy = await signedInAs('leader')
    const idle = await signedInAs('leader')
    for (let i = 0; i < 3; i++) {
      advance(IDLE_MS / 2)
      expect((await busy.request('/api/auth/me')).status, `busy after ${i + 1} half-idle periods`).toBe(200)
    }
    expect((await idle.request('/api/auth/me')).status, 'idle for 1.5× the limit').toBe(401)
  })

  it('ends every session at its absolute limit, however busy', async () => {
    const busy = await signedInAs('reviewer')
    const step = IDLE_MS / 2
    let elapsed = 0
    while (elapsed + step < ABSOLUTE_MS) {
      advance(step)
      elapsed += step
      expect((await busy.request('/api/auth/me')).status).toBe(200)
    }
    advance(ABSOLUTE_MS - elapsed + 1000)
    expect((await busy.request('/api/auth/me')).status).toBe(401)
  })

  it('a disabled account is signed out at once and cannot sign in', async () => {
    const admin = await signedInAs('admin')
    const created = await admin.request('/api/admin/accounts', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'temp-user', displayName: '临时', role: 'reviewer', password: 'long-enough-password' }),
    })
    expect(created.status).toBe(201)
    const account = AccountSchema.parse(await created.json())
    const victim = clientWith(app, sessionCookieOf(await signIn('temp-user', 'long-enough-password')))
    expect((await victim.request('/api/summary')).status).toBe(200)

    const disabled = await admin.request('/api/admin/accounts/temp-user', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: account.version, disabled: true }),
    })
    expect(disabled.status).toBe(200)
    expect((await victim.request('/api/summary')).status, 'the open session stops working at once').toBe(401)
    expect((await signIn('temp-user', 'long-enough-password')).status).toBe(403)
  })
})

describe('cross-site requests', () => {
  const accountCount = async () => Number((await database.rows<{ n: number }>(sql`select count(*)::int as n from accounts`))[0]!.n)

  it('refuses a state-changing request from another origin, and changes nothing', async () => {
    const admin = await signedInAs('admin')
    const before = await accountCount()
    for (const origin of ['http://evil.example', 'null', 'http://localhost.evil.example', 'not a url']) {
      const response = await admin.request('/api/admin/accounts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin },
        body: JSON.stringify({ username: 'csrf-made', displayName: 'x', role: 'leader', password: 'long-enough-password' }),
      })
      expect(response.status, origin).toBe(403)
      expect(expectApiError(await response.json(), origin)?.code).toBe('cross_origin')
    }
    const logout = await admin.request('/api/auth/logout', { method: 'POST', headers: { Origin: 'http://evil.example' } })
    expect(logout.status).toBe(403)
    expect((await admin.request('/api/auth/me')).status, 'the forged sign-out did not end the session').toBe(200)
    expect(await accountCount()).toBe(before)
  })

  it('refuses a cross-site request that hides its origin but not the browser\'s Sec-Fetch-Site', async () => {
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site', 'X-Forwarded-For': freshAddress() },
      body: JSON.stringify({ username: 'staff', password: TEST_PASSWORD }),
    })
    expect(response.status).toBe(403)
  })

  it('accepts our own origin, and a script that sends none', async () => {
    expect((await signIn('staff')).status).toBe(200)
    const script = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': freshAddress() },
      body: JSON.stringify({ username: 'staff', password: TEST_PASSWORD }),
    })
    expect(script.status).toBe(200)
  })
})

// The throttle's own rules (pairs, NAT offices, the address ceiling, lifting) are in sign-in-throttle.test.ts.
describe('the sign-in throttle, as seen from here', () => {
  const WINDOW_MS = DEFAULT_THROTTLE_POLICY.windowMs

  it('cannot be outrun: attempts sent all at once are counted before any password is checked', async () => {
    const address = freshAddress()
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn('reviewer', `burst-guess-${i}`, address)))
    const statuses = burst.map((r) => r.status)
    expect(statuses.filter((s) => s === 401).length, statuses.join(',')).toBeLessThanOrEqual(5)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7)
    advance(WINDOW_MS + 1000)
  })

  it('behind a proxy, takes the address the proxy added, not what the client wrote before it', async () => {
    const real = freshAddress()
    for (let i = 0; i < 5; i++) expect((await signIn('leader', `guess-${i}`, `203.0.113.${i}, ${real}`)).status).toBe(401)
    const blocked = await signIn('leader', TEST_PASSWORD, `198.51.100.7, ${real}`)
    expect(blocked.status, 'a new first hop is not a new address').toBe(429)
    expect(expectApiError(await blocked.json(), '429')).toMatchObject({ code: 'too_many_attempts', message: expect.stringMatching(/^登录失败次数过多，请 \d+ (秒|分钟)后再试$/) })
    expect((await signIn('leader', TEST_PASSWORD, freshAddress())).status, 'the owner, from their own address').toBe(200)
    advance(WINDOW_MS + 1000)
  })

  it('takes as long for an unknown name as for a wrong password', async () => {
    const time = async (username: string) => {
      const started = performance.now()
      expect((await signIn(username, 'wrong-password')).status).toBe(401)
      return performance.now() - started
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    await time('warm-up-name')
    const unknown: number[] = []
    const wrong: number[] = []
    for (let i = 0; i < 4; i++) {
      unknown.push(await time(`no-such-user-${i}`))
      wrong.push(await time(['leader', 'staff', 'reviewer', 'owner'][i]!))
    }
    advance(WINDOW_MS + 1000)
    const ratio = median(unknown) / median(wrong)
    // Both pay for one scrypt (tens of ms); without the dummy check an unknown name answers in ~1 ms.
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms vs wrong ${median(wrong).toFixed(1)} ms`).toBeGreaterThan(0.5)
    expect(ratio).toBeLessThan(2)
  })
})

describe('security headers', () => {
  const CSP = /default-src 'self'.*script-src 'self'(?!.*unsafe-eval)/

  it('are on every API answer, including refusals', async () => {
    const staff = await signedInAs('staff')
    for (const response of [await staff.request('/api/summary'), await app.request('/api/summary'), await app.request('/api/health'), await staff.request('/api/nope')]) {
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp).toMatch(CSP)
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe('same-origin')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
    }
    const data = await staff.request('/api/summary')
    expect(data.headers.get('cache-control')).toBe('private, no-cache')
    expect(data.headers.get('vary')).toMatch(/Cookie/i)
  })

  it('are on the SPA page and its assets', async () => {
    const spa = fakeBuiltSpa()
    const site = createApp({ database, logger: silentLogger(), staticDir: spa.root })
    for (const path of ['/', '/projects/P001', '/assets/app-abc123.js', '/favicon.svg']) {
      const response = await site.request(path)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-security-policy'), path).toMatch(CSP)
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin')
    }
  })
})

describe('what is never disclosed', () => {
  it('no password or hash in any answer, and no password or session cookie in the log', async () => {
    const admin = await signedInAs('admin')
    const list = await (await admin.request('/api/admin/accounts')).text()
    AccountListSchema.parse(JSON.parse(list))
    expect(list).not.toMatch(/scrypt|password/i)
    expect(logText.length).toBeGreaterThan(0)
    expect(logText).not.toContain(TEST_PASSWORD)
    expect(logText).not.toContain(admin.cookie.split('=')[1]!)
  })
})

describe('OWNER_SEES=own: an owner unit sees only its own projects, and caches never mix scopes', () => {
  it('limits lists, summaries and project pages to the unit, per record', async () => {
    const scoped = createApp({ database, logger: silentLogger(), ownerSees: 'own' })
    const owner = await signedIn(scoped, 'owner')
    const staff = await signedIn(scoped, 'staff')
    const unit = MeResponseSchema.parse(await (await owner.request('/api/auth/me')).json()).user.ownerUnit!

    const ownList = ProjectListSchema.parse(await (await owner.request('/api/projects?pageSize=200')).json())
    const allList = ProjectListSchema.parse(await (await staff.request('/api/projects?pageSize=200')).json())
    expect(ownList.total).toBeGreaterThan(1)
    expect(ownList.items.every((p) => p.ownerUnit === unit)).toBe(true)
    expect(allList.total).toBe(132)
    // Asked again in the other order: the cache must not hand the staff view to the owner or back.
    expect(ProjectListSchema.parse(await (await owner.request('/api/projects?pageSize=200')).json()).total).toBe(ownList.total)

    const ownSummary = (await (await owner.request('/api/summary')).json()) as { projectCount: number }
    expect(ownSummary.projectCount).toBe(ownList.total)

    const foreign = allList.items.find((p) => p.ownerUnit !== unit)!
    const refused = await owner.request(`/api/projects/${foreign.id}`)
    expect(refused.status).toBe(403)
    expect((await owner.request(`/api/projects/${ownList.items[0]!.id}`)).status).toBe(200)

    // The staff's ETag does not validate the owner's view.
    const staffAnswer = await staff.request('/api/summary')
    const etag = staffAnswer.headers.get('etag')!
    const ownerAgain = await owner.request('/api/summary', { headers: { 'If-None-Match': etag } })
    expect(ownerAgain.status).toBe(200)
  })
})
