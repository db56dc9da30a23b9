import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { eq } from 'drizzle-orm'
import { LoginRequestSchema, MeResponseSchema, SESSION_COOKIE, authRoutes, normaliseUsername, type MeResponse } from '@/contract'
import { failedSignIn } from '@/domain/access'
import { appendAudit } from '../audit'
import { findAccountRow } from '../auth/accounts'
import { dummyHash, verifyPassword } from '../auth/password'
import { createSession, revokeSession } from '../auth/sessions'
import { accountKeyOf, admitAttempt, clearFailures, forgiveAttempt } from '../auth/throttle'
import { accounts } from '../db/schema'
import { clientAddress, fail, isHttps, type Deps } from './context'
import type { Register } from './register'

/** Sign-in, the signed-in user, sign-out. */
export function authRoutesOf(register: Register, deps: Deps) {
  const { database } = deps
  const db = database.db
  // Made now, in the background: else the first unknown name would pay for it and answer measurably slower.
  void dummyHash()

  register('POST', authRoutes.login, {
    summary: '登录：成功后设置会话 Cookie（HttpOnly、SameSite=Lax，HTTPS 下 Secure）',
    body: LoginRequestSchema,
    noStore: true,
    responses: { 200: { description: '当前用户', schema: MeResponseSchema } },
    errors: { 400: '请求内容无效', 415: '请求体不是 JSON', 429: '15 分钟内失败 5 次（按用户名和来源地址分别计），Retry-After 头给出可重试的秒数' },
    headers: { 429: { 'Retry-After': { description: '秒', schema: { type: 'integer' } } } },
  }, async (c, { body: { username, password } }) => {
    const now = deps.now()
    const address = clientAddress(c, deps.trustProxy)
    const accountKey = accountKeyOf(username)

    const attempt = await admitAttempt(db, accountKey, address, now)
    if (!attempt.admitted) {
      const seconds = Math.max(1, Math.ceil((attempt.until.getTime() - now.getTime()) / 1000))
      c.header('Retry-After', String(seconds))
      return fail(c, 429, 'too_many_attempts', `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`)
    }

    const row = await findAccountRow(db, normaliseUsername(username))
    // Always one scrypt check: an unknown name or a disabled account takes as long as a wrong password.
    const valid = await verifyPassword(password, row?.passwordHash ?? (await dummyHash()))
    if (!row || row.disabled || !valid) {
      // The attempt's row stays: it is the failure the throttle counts.
      await appendAudit(db, {
        at: now,
        actor: null,
        action: 'auth.login_failed',
        address,
        ...failedSignIn(row),
      })
      return fail(c, 401, 'invalid_credentials', '用户名或密码错误')
    }

    // A session the browser already held ends here: a sign-in never inherits a planted or older session.
    const previous = getCookie(c, SESSION_COOKIE)
    const token = await db.transaction(async (tx) => {
      if (previous) await revokeSession(tx, previous, now)
      const created = await createSession(tx, row.username, now)
      await tx.update(accounts).set({ lastSignInAt: now }).where(eq(accounts.username, row.username))
      await appendAudit(tx, { at: now, actor: row.username, action: 'auth.login', target: row.username, address })
      return created
    })
    await forgiveAttempt(db, attempt.attemptId)
    await clearFailures(db, accountKey)
    setCookie(c, SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c, deps.trustProxy),
      maxAge: Math.floor(deps.sessionPolicy.absoluteMs / 1000),
    })
    const answer: MeResponse = { user: { username: row.username, displayName: row.displayName, role: row.role as MeResponse['user']['role'], ownerUnit: row.ownerUnit } }
    return c.json(answer, 200)
  })

  register('GET', authRoutes.me, { summary: '当前登录的用户', noStore: true, responses: { 200: { description: '当前用户', schema: MeResponseSchema } } }, (c) =>
    c.json({ user: c.get('user') } satisfies MeResponse, 200),
  )

  register('POST', authRoutes.logout, { summary: '退出登录：会话立即失效（重放 Cookie 也无效）', responses: { 204: { description: '已退出' } } }, async (c) => {
    const now = deps.now()
    const token = c.get('sessionToken')
    await db.transaction(async (tx) => {
      await revokeSession(tx, token, now)
      await appendAudit(tx, { at: now, actor: c.get('user').username, action: 'auth.logout', target: c.get('user').username, address: clientAddress(c, deps.trustProxy) })
    })
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c, deps.trustProxy) })
    return c.body(null, 204)
  })
}
