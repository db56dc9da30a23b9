import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { eq } from 'drizzle-orm'
import { LoginRequestSchema, MeResponseSchema, SESSION_COOKIE, authRoutes, normaliseUsername, type MeResponse } from '@/contract'
import { ChangePasswordSchema } from '@/contract/accounts'
import { signInOutcome } from '@/domain/access'
import { appendAudit } from '../audit'
import { findAccountRow, passwordChange } from '../auth/accounts'
import { dummyHash, hashPassword, verifyPassword } from '../auth/password'
import { createSession, revokeSession } from '../auth/sessions'
import { accountKeyOf, admitAttempt, clearPair, forgiveAttempt, recordFailure, throttleMessage, type Admission } from '../auth/throttle'
import { accounts } from '../db/schema'
import { versionedWrite } from '../db/versioned-write'
import { clientAddress, fail, isHttps, type Deps } from './context'
import type { Register } from './register'

/** A refused attempt: 429 with Retry-After in seconds and the wait in Chinese. */
function refuseAttempt(c: Context, attempt: Extract<Admission, { admitted: false }>, now: Date) {
  const seconds = Math.max(1, Math.ceil((attempt.until.getTime() - now.getTime()) / 1000))
  c.header('Retry-After', String(seconds))
  return fail(c, 429, 'too_many_attempts', throttleMessage(attempt.kind, seconds))
}

/** Sign-in, the signed-in user, sign-out, and changing one's own password. */
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
    errors: {
      400: '请求内容无效',
      401: '用户名或密码错误（未知用户名、密码错误，以及密码错误的已停用账户，同一答复）',
      403: '账户已停用（只在密码正确时告知：account_disabled）',
      415: '请求体不是 JSON',
      429: '同一用户名从同一地址连续失败 5 次后须等待（1 分钟起，每再失败一次加倍，至多 15 分钟）；或同一地址失败过多时，未在此地址登录过的用户名暂停。Retry-After 头给出可重试的秒数',
    },
    headers: { 429: { 'Retry-After': { description: '秒', schema: { type: 'integer' } } } },
  }, async (c, { body: { username, password } }) => {
    const now = deps.now()
    const address = clientAddress(c, deps.trustProxy)
    const accountKey = accountKeyOf(username)

    const attempt = await admitAttempt(db, accountKey, address, now, deps.throttle)
    if (!attempt.admitted) return refuseAttempt(c, attempt, now)

    const row = await findAccountRow(db, normaliseUsername(username))
    // Always one scrypt check: an unknown name or a disabled account takes as long as a wrong password.
    const valid = await verifyPassword(password, row?.passwordHash ?? (await dummyHash()))
    const outcome = signInOutcome(row, valid)
    if (!outcome.ok) {
      // The attempt's row stays: it is the failure the throttle counts (a disabled account's too).
      await appendAudit(db, { at: now, actor: null, action: 'auth.login_failed', address, ...outcome.audit })
      await recordFailure(db, attempt.attemptId, accountKey, address, now, deps.throttle)
      return fail(c, outcome.status, outcome.code, outcome.message)
    }

    const { account } = outcome
    // A session the browser already held ends here: a sign-in never inherits a planted or older session.
    const previous = getCookie(c, SESSION_COOKIE)
    const token = await db.transaction(async (tx) => {
      if (previous) await revokeSession(tx, previous, now)
      const created = await createSession(tx, account.username, now)
      await tx.update(accounts).set({ lastSignInAt: now }).where(eq(accounts.username, account.username))
      await appendAudit(tx, { at: now, actor: account.username, action: 'auth.login', target: account.username, address })
      return created
    })
    await forgiveAttempt(db, attempt.attemptId)
    await clearPair(db, accountKey, address)
    setCookie(c, SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c, deps.trustProxy),
      maxAge: Math.floor(deps.sessionPolicy.absoluteMs / 1000),
    })
    const answer: MeResponse = { user: { username: account.username, displayName: account.displayName, role: account.role as MeResponse['user']['role'], ownerUnit: account.ownerUnit } }
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

  register('POST', authRoutes.password, {
    summary: '修改本人密码：须给出当前密码；新密码规则与管理员设置的相同；本账户的其他会话全部失效，当前会话保留',
    body: ChangePasswordSchema,
    noStore: true,
    responses: { 204: { description: '已修改' } },
    errors: { 400: '请求内容无效，或当前密码不正确（字段见 fields）', 415: '请求体不是 JSON', 429: '当前密码错误次数过多（与登录共用限制），Retry-After 头给出可重试的秒数' },
    headers: { 429: { 'Retry-After': { description: '秒', schema: { type: 'integer' } } } },
  }, async (c, { body: { currentPassword, newPassword } }) => {
    const now = deps.now()
    const user = c.get('user')
    const address = clientAddress(c, deps.trustProxy)
    // A wrong current password is a failed sign-in for the throttle: a session left open is not a way to guess.
    const attempt = await admitAttempt(db, user.username, address, now, deps.throttle)
    if (!attempt.admitted) return refuseAttempt(c, attempt, now)
    const row = await findAccountRow(db, user.username)
    if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) {
      await appendAudit(db, { at: now, actor: user.username, action: 'auth.login_failed', target: user.username, address, reason: '修改密码时当前密码错误' })
      await recordFailure(db, attempt.attemptId, user.username, address, now, deps.throttle)
      return fail(c, 400, 'wrong_password', '当前密码不正确', { fields: { currentPassword: '当前密码不正确' } })
    }
    await forgiveAttempt(db, attempt.attemptId)
    const passwordHash = await hashPassword(newPassword)
    const result = await versionedWrite(db, { actor: user.username, address, now }, passwordChange(user.username, passwordHash, c.get('sessionToken'), address, now))
    if (!result.ok) return fail(c, result.status, result.code, result.message, { fields: result.fields })
    return c.body(null, 204)
  })
}
