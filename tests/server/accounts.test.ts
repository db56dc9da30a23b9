import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccountListSchema, AccountSchema, AuditListSchema, OwnerUnitListSchema, type Account } from '@/contract/accounts'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { clientWith, expectApiError, login, seededMemoryDatabase, sessionCookieOf, signedIn, silentLogger, type Client } from './support'

/** The admin's work: accounts, roles, owner-unit bindings, password resets — each versioned and audited. */

let database: Database
let app: ReturnType<typeof createApp>
let admin: Client

beforeAll(async () => {
  database = await seededMemoryDatabase()
  app = createApp({ database, logger: silentLogger() })
  admin = await signedIn(app, 'admin')
})
afterAll(async () => {
  await database?.close()
})

const send = (method: string, path: string, body: unknown) =>
  admin.request(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

async function create(body: Record<string, unknown>) {
  return send('POST', '/api/admin/accounts', { displayName: '测试', role: 'reviewer', password: 'a-long-password', ...body })
}

describe('accounts', () => {
  it('lists the five demo accounts, one per role, the owner bound to a unit', async () => {
    const { items } = AccountListSchema.parse(await (await admin.request('/api/admin/accounts')).json())
    expect(items.map((a) => [a.username, a.role])).toEqual([
      ['admin', 'admin'],
      ['leader', 'leader'],
      ['owner', 'owner'],
      ['reviewer', 'reviewer'],
      ['staff', 'staff'],
    ])
    const units = OwnerUnitListSchema.parse(await (await admin.request('/api/admin/owner-units')).json()).items
    expect(units).toContain(items.find((a) => a.role === 'owner')!.ownerUnit)
    expect(items.filter((a) => a.role !== 'owner').every((a) => a.ownerUnit === null)).toBe(true)
  })

  it('creates an account that can then sign in; a taken name is 409', async () => {
    const response = await create({ username: 'zhang.san', displayName: '张三', role: 'staff' })
    expect(response.status).toBe(201)
    expect(AccountSchema.parse(await response.json())).toMatchObject({ username: 'zhang.san', displayName: '张三', role: 'staff', version: 1, disabled: false })
    expect((await login(app, 'zhang.san', 'a-long-password')).status).toBe(200)
    const again = await create({ username: 'zhang.san' })
    expect(again.status).toBe(409)
    expect(expectApiError(await again.json(), 'taken')?.code).toBe('username_taken')
  })

  it('names the field of every invalid value, in Chinese', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ username: 'a b' }, 'username'],
      [{ username: 'short-pw', password: 'short' }, 'password'],
      [{ username: 'no-unit', role: 'owner' }, 'ownerUnit'],
      [{ username: 'unit-for-leader', role: 'leader', ownerUnit: '某单位' }, 'ownerUnit'],
      [{ username: 'bad-role', role: 'superuser' }, 'role'],
      [{ username: 'extra', isAdmin: true }, 'isAdmin'],
      [{ username: 'ctl', displayName: 'a\u0000b' }, 'displayName'],
    ]
    for (const [body, field] of cases) {
      const response = await create(body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      const error = expectApiError(await response.json(), JSON.stringify(body))
      expect(error?.fields?.[field], `${field} of ${JSON.stringify(body)}`).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('refuses an update based on an old version with 409 and the current account; nothing is overwritten', async () => {
    const created = AccountSchema.parse(await (await create({ username: 'li.si', displayName: '李四' })).json())
    const first = await send('PATCH', '/api/admin/accounts/li.si', { version: created.version, displayName: '李四（督查一组）' })
    expect(first.status).toBe(200)
    const stale = await send('PATCH', '/api/admin/accounts/li.si', { version: created.version, role: 'staff' })
    expect(stale.status).toBe(409)
    const body = (await stale.json()) as { error: { code: string; current: Account } }
    expect(body.error.code).toBe('conflict')
    expect(AccountSchema.parse(body.error.current)).toMatchObject({ displayName: '李四（督查一组）', role: 'reviewer', version: 2 })
  })

  it('changes a role and the owner-unit binding, ending the sessions that had the old rights', async () => {
    const units = OwnerUnitListSchema.parse(await (await admin.request('/api/admin/owner-units')).json()).items
    const created = AccountSchema.parse(await (await create({ username: 'wang.wu' })).json())
    const session = sessionCookieOf(await login(app, 'wang.wu', 'a-long-password'))
    const missingUnit = await send('PATCH', '/api/admin/accounts/wang.wu', { version: created.version, role: 'owner' })
    expect(missingUnit.status).toBe(400)
    expect(expectApiError(await missingUnit.json(), 'owner without unit')?.fields?.ownerUnit).toBeDefined()
    const changed = await send('PATCH', '/api/admin/accounts/wang.wu', { version: created.version, role: 'owner', ownerUnit: units[0] })
    expect(changed.status).toBe(200)
    expect(AccountSchema.parse(await changed.json())).toMatchObject({ role: 'owner', ownerUnit: units[0], version: 2 })
    expect((await app.request('/api/auth/me', { headers: { cookie: session } })).status).toBe(401)
  })

  it('resets a password: the old one and the open sessions stop working, the new one works', async () => {
    const created = AccountSchema.parse(await (await create({ username: 'zhao.liu' })).json())
    const session = sessionCookieOf(await login(app, 'zhao.liu', 'a-long-password'))
    const reset = await send('POST', '/api/admin/accounts/zhao.liu/password', { version: created.version, password: 'another-long-password' })
    expect(reset.status).toBe(200)
    expect((await app.request('/api/auth/me', { headers: { cookie: session } })).status).toBe(401)
    expect((await login(app, 'zhao.liu', 'a-long-password')).status).toBe(401)
    expect((await login(app, 'zhao.liu', 'another-long-password')).status).toBe(200)
  })

  it('will not let an admin lock itself out', async () => {
    const me = AccountListSchema.parse(await (await admin.request('/api/admin/accounts')).json()).items.find((a) => a.username === 'admin')!
    for (const patch of [{ disabled: true }, { role: 'staff' }]) {
      const response = await send('PATCH', '/api/admin/accounts/admin', { version: me.version, ...patch })
      expect(response.status).toBe(409)
      expect(expectApiError(await response.json(), 'self')?.code).toBe('self_lockout')
    }
    expect((await admin.request('/api/auth/me')).status).toBe(200)
  })

  it('never leaves the deployment without an enabled admin, even when two admins act at once', async () => {
    const second = AccountSchema.parse(await (await create({ username: 'second.admin', role: 'admin' })).json())
    const other = clientWith(app, sessionCookieOf(await login(app, 'second.admin', 'a-long-password')))
    const me = AccountListSchema.parse(await (await admin.request('/api/admin/accounts')).json()).items.find((a) => a.username === 'admin')!
    const patch = (client: typeof admin, username: string, version: number) =>
      client.request(`/api/admin/accounts/${username}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version, disabled: true }) })
    // Each disables the other, at the same moment: one may win, never both. The loser is refused by the
    // last-admin rule or the version (409), or — when the winner committed before the loser's session was
    // checked — as an account already disabled (401).
    const [a, b] = await Promise.all([patch(admin, 'second.admin', second.version), patch(other, 'admin', me.version)])
    expect([a.status, b.status].filter((status) => status === 200)).toHaveLength(1)
    expect([409, 401]).toContain(a.status === 200 ? b.status : a.status)
    const { items } = AccountListSchema.parse(await (await (a.status === 200 ? admin : other).request('/api/admin/accounts')).json())
    expect(items.filter((x) => x.role === 'admin' && !x.disabled)).toHaveLength(1)
    const refused = (await (a.status === 200 ? b : a).json()) as { error: { code: string } }
    expect(['last_admin', 'conflict', 'unauthenticated']).toContain(refused.error.code)
    // Put things back for the tests after this one.
    const survivor = a.status === 200 ? admin : other
    const disabledName = a.status === 200 ? 'second.admin' : 'admin'
    const disabledNow = items.find((x) => x.username === disabledName)!
    await survivor.request(`/api/admin/accounts/${disabledName}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: disabledNow.version, disabled: false }) })
    if (a.status !== 200) admin = await signedIn(app, 'admin')
  })

  it('answers 404 for an account that does not exist and 400 for a malformed name', async () => {
    expect((await send('PATCH', '/api/admin/accounts/ghost', { version: 1, disabled: true })).status).toBe(404)
    expect((await send('PATCH', `/api/admin/accounts/${encodeURIComponent('bad name!')}`, { version: 1 })).status).toBe(400)
  })

  it('audits every account change with the admin behind it and each field before → after', async () => {
    const created = AccountSchema.parse(await (await create({ username: 'audit.me', displayName: '审计' })).json())
    await send('PATCH', '/api/admin/accounts/audit.me', { version: created.version, disabled: true })
    const { items } = AuditListSchema.parse(await (await admin.request('/api/audit?target=audit.me')).json())
    expect(items.map((e) => e.action)).toEqual(['account.update', 'account.create'])
    expect(items[0]).toMatchObject({ actor: 'admin', changes: [{ field: 'disabled', before: false, after: true }] })
    expect(items[1]!.changes).toContainEqual({ field: 'displayName', before: null, after: '审计' })
    const resets = AuditListSchema.parse(await (await admin.request('/api/audit?action=account.password_reset')).json()).items
    expect(resets.length).toBeGreaterThan(0)
    expect(JSON.stringify(resets)).not.toMatch(/long-password/)
    expect((await admin.request('/api/audit?limit=0')).status).toBe(400)
  })

  it('names the person and unit behind each entry as the account is named now; an unknown account by its login name alone', async () => {
    const response = await create({ username: 'qian.qi', displayName: '钱七', role: 'staff', unit: '区发改委' })
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(201)
    const created = AccountSchema.parse(await response.json())
    expect(created).toMatchObject({ unit: '区发改委', ownerUnit: null })
    expect((await login(app, 'qian.qi', 'a-long-password')).status).toBe(200)
    const entriesOf = async (actor: string) => AuditListSchema.parse(await (await admin.request(`/api/audit?actor=${actor}`)).json()).items
    expect((await entriesOf('qian.qi'))[0]).toMatchObject({ action: 'auth.login', actor: 'qian.qi', actorName: '钱七', actorUnit: '区发改委' })

    // Renamed and moved: the entry written before shows the new name, read at each request.
    await send('PATCH', '/api/admin/accounts/qian.qi', { version: created.version, displayName: '钱七一', unit: '区发改委投资科' })
    expect((await entriesOf('qian.qi')).at(-1)).toMatchObject({ action: 'auth.login', actorName: '钱七一', actorUnit: '区发改委投资科' })

    // An owner account's unit is its 业主单位; the demo accounts have their demo names and units.
    expect((await login(app, 'owner', (await import('./support')).TEST_PASSWORD)).status).toBe(200)
    const { items: accounts } = AccountListSchema.parse(await (await admin.request('/api/admin/accounts')).json())
    const owner = accounts.find((a) => a.username === 'owner')!
    expect((await entriesOf('owner'))[0]).toMatchObject({ actorName: '张伟（演示）', actorUnit: owner.ownerUnit })
    expect(accounts.find((a) => a.username === 'admin')).toMatchObject({ displayName: '刘洋（演示）', unit: '区发改委' })
    expect((await entriesOf('admin'))[0]).toMatchObject({ actorName: '刘洋（演示）', actorUnit: '区发改委' })

    // An account no longer there (or a name from before accounts were kept): no name, no unit.
    await database.rows(sql`insert into audit_log (at, actor, action, target, changes) values (now(), 'gone.person', 'account.update', 'gone.person', '[]'::jsonb)`)
    expect((await entriesOf('gone.person'))[0]).toMatchObject({ actor: 'gone.person', actorName: null, actorUnit: null })
  })

  it('keeps the audit log append-only in the database itself', async () => {
    const failure = (statement: string) =>
      database.rows(sql.raw(statement)).then(
        () => 'changed',
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      )
    expect(await failure('update audit_log set actor = null')).toMatch(/append-only/)
    expect(await failure('delete from audit_log')).toMatch(/append-only/)
  })
})
