import { ApiErrorSchema, MeResponseSchema, SESSION_COOKIE, authPaths } from '@/contract'
import { AccountSchema } from '@/contract/accounts'
import { MOCK_DEMO_PASSWORD, accountStore, signInAs, signOut } from '@mocks/accounts'

/**
 * The mock API's sign-in and access rules as a client sees them: real fetch calls through the MSW node
 * server, with the session carried by the page's cookie (document.cookie in jsdom) as in a browser.
 */
const url = (path: string) => new URL(path, location.origin)
const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url(path), {
    method,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null }
}
const errorOf = (body: unknown) => ApiErrorSchema.parse(body).error

describe('sessions of the mock API', () => {
  it('answers 401 to a request without a session, with the server’s message', async () => {
    signOut()
    for (const path of ['/api/summary', '/api/projects', authPaths.me, authPaths.accounts]) {
      const response = await call('GET', path)
      expect(response.status, path).toBe(401)
      expect(response.body).toEqual({ error: { code: 'unauthenticated', message: '请先登录' } })
    }
  })

  it('signs in: the answer names the user and sets the session cookie, which the next request carries', async () => {
    signOut()
    const response = await call('POST', authPaths.login, { username: 'reviewer', password: MOCK_DEMO_PASSWORD })
    expect(response.status).toBe(200)
    expect(MeResponseSchema.parse(response.body).user).toEqual({ username: 'reviewer', displayName: '督查（演示）', role: 'reviewer', ownerUnit: null })
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; SameSite=Lax$`))
    expect(MeResponseSchema.parse((await call('GET', authPaths.me)).body).user.role).toBe('reviewer')
    expect(accountStore.get('reviewer')!.lastSignInAt).not.toBeNull()
  })

  it('refuses a wrong password, an unknown name and a disabled account alike', async () => {
    signOut()
    accountStore.touch('leader', { disabled: true })
    for (const [username, password] of [['staff', 'wrong-password'], ['nobody', MOCK_DEMO_PASSWORD], ['leader', MOCK_DEMO_PASSWORD]]) {
      const response = await call('POST', authPaths.login, { username, password })
      expect(response.status).toBe(401)
      expect(response.body).toEqual({ error: { code: 'invalid_credentials', message: '用户名或密码错误' } })
    }
    const failed = accountStore.audit().filter((e) => e.action === 'auth.login_failed')
    expect(failed.map((e) => [e.target, e.reason])).toEqual([
      ['leader', '账户已停用'],
      [null, '未知用户名'],
      ['staff', '密码错误'],
    ])
  })

  it('checks the sign-in body with the contract', async () => {
    const response = await call('POST', authPaths.login, { username: '', password: 'x', extra: 1 })
    expect(response.status).toBe(400)
    expect(errorOf(response.body)).toMatchObject({ code: 'invalid_body', fields: { username: '请输入用户名', extra: '不支持的字段' } })
    expect((await call('POST', authPaths.login, 'username=a', { 'Content-Type': 'text/plain' })).status).toBe(415)
  })

  it('signs out with 204; the session is then gone', async () => {
    signInAs('staff')
    const response = await call('POST', authPaths.logout, {})
    expect(response.status).toBe(204)
    expect(response.headers.get('set-cookie')).toContain('Max-Age=0')
    expect((await call('GET', authPaths.me)).status).toBe(401)
  })
})

describe('permissions of the mock API', () => {
  const forbidden = { error: { code: 'forbidden', message: '当前账户无权进行此操作' } }

  it('keeps an admin out of the project data', async () => {
    signInAs('admin')
    for (const path of ['/api/summary', '/api/zones', '/api/zones/nanping', '/api/projects', '/api/projects/P001', '/api/filter-options']) {
      const response = await call('GET', path)
      expect(response.status, path).toBe(403)
      expect(response.body).toEqual(forbidden)
    }
  })

  it.each(['leader', 'staff', 'reviewer', 'owner'] as const)('keeps %s out of accounts and their part of the log', async (role) => {
    signInAs(role)
    expect((await call('GET', '/api/summary')).status).toBe(200)
    for (const path of [authPaths.accounts, authPaths.ownerUnits]) expect((await call('GET', path)).body).toEqual(forbidden)
    // The log answers, but with the monthly-report entries only: never a sign-in or an account change.
    const log = (await call('GET', authPaths.audit)).body as { items: { action: string }[] }
    expect(log.items.filter((e) => !e.action.startsWith('report.'))).toEqual([])
    expect((await call('PATCH', authPaths.account('staff'), { version: 1, disabled: true })).status).toBe(403)
  })

  it('refuses a state-changing request from another site', async () => {
    signInAs('admin')
    const response = await call('PATCH', authPaths.account('leader'), { version: 1, disabled: true }, { Origin: 'https://evil.example' })
    expect(response.status).toBe(403)
    expect(errorOf(response.body).code).toBe('cross_origin')
    expect(accountStore.get('leader')!.disabled).toBe(false)
  })

  it('answers 405 with the methods a route does answer', async () => {
    signInAs('admin')
    const response = await call('DELETE', authPaths.account('leader'))
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('PATCH')
  })
})

describe('account changes in the mock API', () => {
  beforeEach(() => {
    signInAs('admin')
  })

  it('refuses a stale version with 409 and the current record', async () => {
    accountStore.touch('leader', { displayName: '已被改名' })
    const response = await call('PATCH', authPaths.account('leader'), { version: 1, displayName: '我的改名' })
    expect(response.status).toBe(409)
    const error = errorOf(response.body)
    expect(error).toMatchObject({ code: 'conflict', message: '该账户已被他人修改，请查看最新内容后重试' })
    expect(AccountSchema.parse(error.current)).toMatchObject({ displayName: '已被改名', version: 2 })
  })

  it('does not let an admin lock itself out', async () => {
    for (const patch of [{ disabled: true }, { role: 'staff' }]) {
      const response = await call('PATCH', authPaths.account('admin'), { version: 1, ...patch })
      expect(response.status).toBe(409)
      expect(response.body).toEqual({ error: { code: 'self_lockout', message: '不能停用自己的账户或取消自己的管理员角色' } })
    }
  })

  it('binds exactly the owner role to a 业主单位', async () => {
    const toOwner = await call('PATCH', authPaths.account('leader'), { version: 1, role: 'owner' })
    expect(toOwner.status).toBe(400)
    expect(errorOf(toOwner.body).fields).toHaveProperty('ownerUnit')
    const unitForLeader = await call('PATCH', authPaths.account('leader'), { version: 1, ownerUnit: '某单位' })
    expect(errorOf(unitForLeader.body).fields).toHaveProperty('ownerUnit')
    // Leaving the owner role drops the binding.
    const fromOwner = await call('PATCH', authPaths.account('owner'), { version: 1, role: 'staff' })
    expect(AccountSchema.parse(fromOwner.body)).toMatchObject({ role: 'staff', ownerUnit: null, version: 2 })
  })

  it('ends the sessions of a disabled account and of one whose password is reset', async () => {
    const leader = accountStore.startSession('leader')
    const staff = accountStore.startSession('staff')
    expect((await call('PATCH', authPaths.account('leader'), { version: 1, disabled: true })).status).toBe(200)
    expect((await call('POST', authPaths.accountPassword('staff'), { version: 1, password: 'another-long-one' })).status).toBe(200)
    expect(accountStore.sessionUser(leader)).toBeNull()
    expect(accountStore.sessionUser(staff)).toBeNull()
  })

  it('answers 404 for an unknown account and 409 for a taken name', async () => {
    const missing = await call('PATCH', authPaths.account('nobody'), { version: 1, displayName: 'x' })
    expect(missing.status).toBe(404)
    expect(errorOf(missing.body)).toEqual({ code: 'not_found', message: '账户 nobody 不存在' })
    const taken = await call('POST', authPaths.accounts, { username: 'staff', displayName: 'x', role: 'staff', password: 'long-enough-1' })
    expect(taken.body).toEqual({ error: { code: 'username_taken', message: '用户名已存在' } })
  })

  it('logs sign-ins and changes, newest first, filtered on request', async () => {
    await call('PATCH', authPaths.account('leader'), { version: 1, displayName: '新名字' })
    const all = (await call('GET', authPaths.audit)).body as { items: { action: string; changes: unknown[] }[] }
    expect(all.items[0]).toMatchObject({ action: 'account.update', changes: [{ field: 'displayName', before: '区领导（演示）', after: '新名字' }] })
    const filtered = (await call('GET', `${authPaths.audit}?action=account.create&limit=2`)).body as { items: unknown[] }
    expect(filtered.items).toHaveLength(2)
    expect((await call('GET', `${authPaths.audit}?limit=0`)).status).toBe(400)
  })
})
