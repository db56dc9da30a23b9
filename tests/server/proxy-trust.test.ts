import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { parseEnv } from '../../server/env'
import { seededMemoryDatabase, silentLogger } from './support'

// Decision 70: X-Forwarded-* are believed from the proxies TRUST_PROXY names only; the Origin check compares
// scheme, host and port. Requests carry a socket's peer address as the Node server gives it (c.env.incoming).

let database: Database
let app: ReturnType<typeof createApp>
beforeAll(async () => {
  database = await seededMemoryDatabase()
  app = createApp({ database, logger: silentLogger(), trustProxy: parseEnv({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }).TRUST_PROXY })
})
afterAll(async () => {
  await database.close()
})

/** A request as it reaches the server over a socket from `peer`. */
const fromPeer = (peer: string, path: string, init: RequestInit = {}) =>
  app.fetch(new Request(`http://xmjc.example${path}`, init), { incoming: { socket: { remoteAddress: peer } } })

const wrongSignIn = (peer: string, headers: Record<string, string>) =>
  fromPeer(peer, '/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://xmjc.example', ...headers }, body: JSON.stringify({ username: 'leader', password: 'wrong-password-1' }) })

const lastFailureAddress = async () => (await database.rows<{ address: string }>(sql`select address from audit_log where action = 'auth.login_failed' order by id desc limit 1`))[0]?.address

describe('TRUST_PROXY: X-Forwarded-* from our proxies only', () => {
  it('ignores X-Forwarded-For from any other peer: the throttle and the audit log see the socket', async () => {
    expect((await wrongSignIn('203.0.113.9', { 'X-Forwarded-For': '1.2.3.4' })).status).toBe(401)
    expect(await lastFailureAddress()).toBe('203.0.113.9')
  })

  it('believes it from a listed proxy, taking the rightmost address that is not one of ours', async () => {
    expect((await wrongSignIn('127.0.0.1', { 'X-Forwarded-For': '6.6.6.6, 198.51.100.7, 10.9.9.9' })).status).toBe(401)
    expect(await lastFailureAddress()).toBe('198.51.100.7')
  })

  it('lets X-Forwarded-Host make a foreign Origin pass from no one but our proxies', async () => {
    const write = (peer: string, headers: Record<string, string>) =>
      fromPeer(peer, '/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ username: 'leader', password: 'wrong-password-1' }) })
    const forged = await write('203.0.113.9', { Origin: 'http://evil.example', 'X-Forwarded-Host': 'evil.example' })
    expect(forged.status).toBe(403)
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('cross_origin')
    // Through our proxy, for the public name the proxy answers at over HTTPS: the same request is ours.
    const proxied = await write('127.0.0.1', { Origin: 'https://xmjc.nanan.gov.cn', 'X-Forwarded-Host': 'xmjc.nanan.gov.cn', 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '198.51.100.7' })
    expect(proxied.status).toBe(401)
  })
})

describe('the Origin check compares scheme, host and port', () => {
  const write = (origin: string) => fromPeer('203.0.113.9', '/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ username: 'leader', password: 'wrong-password-1' }) })
  it('refuses an https:// page on this http:// site, and another port', async () => {
    expect((await write('https://xmjc.example')).status).toBe(403)
    expect((await write('http://xmjc.example:8080')).status).toBe(403)
  })
  it('takes this site itself', async () => {
    expect((await write('http://xmjc.example')).status).toBe(401)
  })
})

describe('TRUST_PROXY settings', () => {
  it('reads a list, 1 for this machine, 0 for none, and refuses anything else with one line', () => {
    expect(parseEnv({ TRUST_PROXY: '10.0.0.0/8, ::1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '::1'])
    expect(parseEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toEqual(['127.0.0.1', '::1'])
    expect(parseEnv({}).TRUST_PROXY).toEqual([])
    expect(() => parseEnv({ TRUST_PROXY: 'proxy.local' })).toThrow(/TRUST_PROXY must list proxy addresses/)
  })
})
