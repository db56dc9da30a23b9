import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccountSchema, AuditListSchema, LiftThrottleResultSchema, SignInThrottleListSchema } from '@/contract/accounts'
import { createApp } from '../../server/app'
import { hashPassword } from '../../server/auth/password'
import { DEFAULT_THROTTLE_POLICY, pairDelayMs } from '../../server/auth/throttle'
import type { Database } from '../../server/db/client'
import { SAME_ORIGIN, TEST_PASSWORD, expectApiError, seededMemoryDatabase, sessionCookieOf } from './support'

/**
 * The sign-in throttle of decision 69, and the self-service password change. The client's address is the
 * socket's (no proxy is trusted here): each request is given its own, as Node's server would.
 */

let database: Database
let clock = new Date('2024-10-08T09:00:00Z')
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms))
/** A low address ceiling, so spraying is tried in a few requests; the pair rules are the defaults. */
const POLICY = { ...DEFAULT_THROTTLE_POLICY, addressFailures: 8 }
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  database = await seededMemoryDatabase()
  app = createApp({ database, logger: (await import('./support')).silentLogger(), now: () => clock, throttle: POLICY })
})
afterAll(async () => {
  await database?.close()
})

let addressSeq = 0
const freshAddress = () => `192.0.2.${++addressSeq}`

/** A request as it arrives on a socket from `address`. */
function from(address: string, path: string, init: RequestInit = {}, cookie = '') {
  const headers = new Headers(init.headers)
  if (cookie) headers.set('cookie', cookie)
  if ((init.method ?? 'GET') !== 'GET') headers.set('origin', SAME_ORIGIN)
  return Promise.resolve(app.request(path, { ...init, headers }, { incoming: { socket: { remoteAddress: address } } }))
}
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
const signIn = (username: string, password: string, address: string) => from(address, '/api/auth/login', json('POST', { username, password }))

/** Accounts made straight in the database with one hash (scrypt is slow; these tests need many). */
async function makeAccounts(names: string[], password: string) {
  const hash = await hashPassword(password)
  for (const name of names)
    await database.rows(sql`insert into accounts (username, display_name, role, password_hash) values (${name}, ${name}, 'leader', ${hash}) on conflict do nothing`)
}

async function adminClient() {
  const address = freshAddress()
  const response = await signIn('admin', TEST_PASSWORD, address)
  expect(response.status).toBe(200)
  const cookie = sessionCookieOf(response)
  return (path: string, init: RequestInit = {}) => from(address, path, init, cookie)
}

async function auditOf(action: string) {
  const admin = await adminClient()
  return AuditListSchema.parse(await (await admin(`/api/audit?action=${action}&limit=500`)).json()).items
}

describe('failures count per name and address', () => {
  it("an attacker's wrong passwords from other addresses never stop the owner's correct sign-in", async () => {
    await makeAccounts(['victim'], 'victim-password-1')
    const attackers = [freshAddress(), freshAddress(), freshAddress()]
    for (const attacker of attackers) {
      for (let i = 0; i < 5; i++) expect((await signIn('victim', `guess-${i}`, attacker)).status).toBe(401)
      expect((await signIn('Victim', 'guess-again', attacker)).status, 'the attacker is held back').toBe(429)
    }
    const owner = await signIn('victim', 'victim-password-1', freshAddress())
    expect(owner.status, '15 failures from three other addresses').toBe(200)
    advance(POLICY.windowMs + 1000)
  })

  it('after 5 failures a pair waits (429, Retry-After, in Chinese); the name from elsewhere and other names from there still sign in', async () => {
    const office = freshAddress()
    for (let i = 0; i < 5; i++) expect((await signIn('staff', `typo-${i}`, office)).status).toBe(401)
    const held = await signIn('staff', TEST_PASSWORD, office)
    expect(held.status, 'the pair waits, whatever the password: else the wait would answer the guess').toBe(429)
    const retryAfter = Number(held.headers.get('retry-after'))
    expect(retryAfter).toBe(POLICY.baseDelayMs / 1000)
    expect(expectApiError(await held.json(), '429')).toMatchObject({ code: 'too_many_attempts', message: '登录失败次数过多，请 1 分钟后再试' })

    expect((await signIn('staff', TEST_PASSWORD, freshAddress())).status, 'the same name from another address').toBe(200)
    expect((await signIn('reviewer', TEST_PASSWORD, office)).status, 'another name from the same address').toBe(200)

    // The wait grows with each further failure: 1, then 2 minutes.
    advance(retryAfter * 1000 + 1000)
    expect((await signIn('staff', 'typo-again', office)).status).toBe(401)
    const longer = await signIn('staff', TEST_PASSWORD, office)
    expect(longer.status).toBe(429)
    expect(Number(longer.headers.get('retry-after'))).toBe(2 * retryAfter)
    advance(2 * retryAfter * 1000 + 1000)
    expect((await signIn('staff', TEST_PASSWORD, office)).status, 'the wait is over').toBe(200)
    expect((await signIn('staff', 'one-typo', office)).status, 'a success cleared the pair: one typo is one typo').toBe(401)
    expect((await signIn('staff', TEST_PASSWORD, office)).status).toBe(200)
  })

  it('a disabled account’s attempts count as failures, as before: after 5 even its right password waits', async () => {
    await makeAccounts(['left-office'], 'left-office-password')
    await database.rows(sql`update accounts set disabled = true where username = 'left-office'`)
    const office = freshAddress()
    for (let i = 0; i < 5; i++) {
      const answer = await signIn('left-office', 'left-office-password', office)
      expect(answer.status).toBe(403)
      expect(expectApiError(await answer.json(), '403')).toMatchObject({ code: 'account_disabled', message: '该账户已停用，请联系管理员' })
    }
    expect((await signIn('left-office', 'left-office-password', office)).status, 'held like any name that failed 5 times').toBe(429)
  })

  it('the wait doubles up to its cap', () => {
    const waits = [4, 5, 6, 7, 8, 9, 10, 40].map((n) => pairDelayMs(n, DEFAULT_THROTTLE_POLICY) / 60_000)
    expect(waits).toEqual([0, 1, 2, 4, 8, 15, 15, 15])
  })

  it('20 colleagues behind one NAT address, after a few typos among them, all sign in at once', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `colleague-${i}`)
    await makeAccounts(names, 'office-password-1')
    const nat = freshAddress()
    // Five typos by five colleagues: the old per-address count blocked everyone here.
    for (let i = 0; i < 5; i++) expect((await signIn(names[i]!, 'typo', nat)).status).toBe(401)
    const all = await Promise.all(names.map((name) => signIn(name, 'office-password-1', nat)))
    expect(all.map((r) => r.status)).toEqual(names.map(() => 200))
    advance(POLICY.windowMs + 1000)
  })

  it('one address spraying many names is held back at its ceiling, but not for names that signed in from it before', async () => {
    await makeAccounts(['sprayed-known', 'sprayed-new'], 'sprayed-password-1')
    const cafe = freshAddress()
    expect((await signIn('sprayed-known', 'sprayed-password-1', cafe)).status).toBe(200)
    for (let i = 0; i < POLICY.addressFailures; i++) expect((await signIn(`spray-${i}`, 'Password123', cafe)).status).toBe(401)
    const refused = await signIn('spray-next', 'Password123', cafe)
    expect(refused.status).toBe(429)
    expect(expectApiError(await refused.json(), 'ceiling')?.message).toMatch(/^此网络地址登录失败次数过多/)
    expect((await signIn('sprayed-known', 'sprayed-password-1', cafe)).status, 'a name known at this address').toBe(200)
    expect((await signIn('sprayed-new', 'sprayed-password-1', freshAddress())).status, 'elsewhere, nothing is held').toBe(200)

    const admin = await adminClient()
    const list = SignInThrottleListSchema.parse(await (await admin('/api/admin/sign-in-throttle')).json())
    expect(list.items).toContainEqual(expect.objectContaining({ kind: 'address', address: cafe, failures: POLICY.addressFailures, active: true }))
    const lift = await admin('/api/admin/sign-in-throttle/lift', json('POST', { address: cafe }))
    expect(lift.status).toBe(200)
    expect(LiftThrottleResultSchema.parse(await lift.json()).lifted).toBe(POLICY.addressFailures)
    expect((await signIn('sprayed-new', 'sprayed-password-1', cafe)).status, 'lifted').toBe(200)
    expect((await auditOf('auth.lock')).some((e) => e.target === null && e.address === cafe)).toBe(true)
  })
})

describe('an admin sees and lifts the throttle', () => {
  it('lists the held pair, lifts it, and the audit log records the lock and the unlock', async () => {
    const laptop = freshAddress()
    for (let i = 0; i < 5; i++) expect((await signIn('leader', `wrong-${i}`, laptop)).status).toBe(401)
    expect((await signIn('leader', TEST_PASSWORD, laptop)).status).toBe(429)

    const admin = await adminClient()
    const list = SignInThrottleListSchema.parse(await (await admin('/api/admin/sign-in-throttle')).json())
    expect(list.items).toContainEqual(expect.objectContaining({ kind: 'pair', username: 'leader', address: laptop, failures: 5, active: true }))

    const lift = await admin('/api/admin/sign-in-throttle/lift', json('POST', { username: 'LEADER', address: laptop }))
    expect(lift.status).toBe(200)
    expect(LiftThrottleResultSchema.parse(await lift.json())).toEqual({ lifted: 5 })
    expect((await signIn('leader', TEST_PASSWORD, laptop)).status, 'lifted: the right password gets in').toBe(200)
    const after = SignInThrottleListSchema.parse(await (await admin('/api/admin/sign-in-throttle')).json())
    expect(after.items.some((e) => e.username === 'leader')).toBe(false)

    const locks = await auditOf('auth.lock')
    expect(locks.find((e) => e.target === 'leader' && e.address === laptop)).toMatchObject({ actor: null, reason: expect.stringContaining('5 次') })
    const unlocks = await auditOf('auth.unlock')
    expect(unlocks.find((e) => e.target === 'leader')).toMatchObject({ actor: 'admin', reason: expect.stringContaining(laptop) })

    const empty = await admin('/api/admin/sign-in-throttle/lift', json('POST', {}))
    expect(empty.status, 'neither a name nor an address').toBe(400)
  })

  it("an admin's password reset lifts the name's throttle from every address, audited", async () => {
    await makeAccounts(['forgetful'], 'forgetful-password-1')
    const home = freshAddress()
    for (let i = 0; i < 5; i++) expect((await signIn('forgetful', `maybe-${i}`, home)).status).toBe(401)
    expect((await signIn('forgetful', 'forgetful-password-1', home)).status).toBe(429)
    const admin = await adminClient()
    const account = AccountSchema.parse(await (await admin('/api/admin/accounts')).json().then((b) => (b as { items: unknown[] }).items.find((a) => (a as { username: string }).username === 'forgetful')))
    const reset = await admin('/api/admin/accounts/forgetful/password', json('POST', { version: account.version, password: 'brand-new-password' }))
    expect(reset.status).toBe(200)
    expect((await signIn('forgetful', 'brand-new-password', home)).status, 'no wait after the reset').toBe(200)
    expect((await auditOf('auth.unlock')).find((e) => e.target === 'forgetful')).toMatchObject({ actor: 'admin', reason: expect.stringContaining('重置密码') })
  })
})

describe('POST /api/auth/password: changing one\'s own password', () => {
  it('204; the other sessions end, this one stays; the old password no longer works; audited', async () => {
    await makeAccounts(['changer'], 'old-password-123')
    const desk = freshAddress()
    const phone = freshAddress()
    const here = sessionCookieOf(await signIn('changer', 'old-password-123', desk))
    const there = sessionCookieOf(await signIn('changer', 'old-password-123', phone))
    expect((await from(phone, '/api/auth/me', {}, there)).status).toBe(200)

    const changed = await from(desk, '/api/auth/password', json('POST', { currentPassword: 'old-password-123', newPassword: 'new-password-456' }), here)
    expect(changed.status, await changed.clone().text()).toBe(204)
    expect((await from(phone, '/api/auth/me', {}, there)).status, 'the other session ended').toBe(401)
    expect((await from(desk, '/api/auth/me', {}, here)).status, 'this session goes on').toBe(200)
    expect((await signIn('changer', 'old-password-123', freshAddress())).status).toBe(401)
    expect((await signIn('changer', 'new-password-456', freshAddress())).status).toBe(200)
    const entry = (await auditOf('account.password_change')).find((e) => e.target === 'changer')
    expect(entry).toMatchObject({ actor: 'changer', address: desk })
    expect(JSON.stringify(entry)).not.toContain('new-password-456')
  })

  it('refuses a wrong current password (400, in Chinese, on the field) and a weak new one, and changes nothing', async () => {
    await makeAccounts(['careful'], 'careful-password-1')
    const desk = freshAddress()
    const cookie = sessionCookieOf(await signIn('careful', 'careful-password-1', desk))
    const [before] = await database.rows<{ h: string }>(sql`select password_hash as h from accounts where username = 'careful'`)

    const wrong = await from(desk, '/api/auth/password', json('POST', { currentPassword: 'not-my-password', newPassword: 'another-password-1' }), cookie)
    expect(wrong.status).toBe(400)
    expect(expectApiError(await wrong.json(), 'wrong current')).toMatchObject({ code: 'wrong_password', message: '当前密码不正确', fields: { currentPassword: '当前密码不正确' } })

    const weak = await from(desk, '/api/auth/password', json('POST', { currentPassword: 'careful-password-1', newPassword: 'short' }), cookie)
    expect(weak.status).toBe(400)
    expect(expectApiError(await weak.json(), 'weak')?.fields).toMatchObject({ newPassword: '密码至少 10 个字符' })

    const [after] = await database.rows<{ h: string }>(sql`select password_hash as h from accounts where username = 'careful'`)
    expect(after!.h).toBe(before!.h)
    expect((await from(desk, '/api/auth/me', {}, cookie)).status).toBe(200)
    expect((await from(desk, '/api/auth/password', json('POST', { currentPassword: 'careful-password-1', newPassword: 'another-password-1' }))).status, 'signed out').toBe(401)
  })

  it('wrong current passwords count with the sign-in throttle: a session left open is no way to guess', async () => {
    await makeAccounts(['guessed'], 'guessed-password-1')
    const desk = freshAddress()
    const cookie = sessionCookieOf(await signIn('guessed', 'guessed-password-1', desk))
    for (let i = 0; i < 5; i++)
      expect((await from(desk, '/api/auth/password', json('POST', { currentPassword: `try-${i}`, newPassword: 'another-password-1' }), cookie)).status).toBe(400)
    const held = await from(desk, '/api/auth/password', json('POST', { currentPassword: 'guessed-password-1', newPassword: 'another-password-1' }), cookie)
    expect(held.status).toBe(429)
    expect(held.headers.get('retry-after')).toBe('60')
  })
})
