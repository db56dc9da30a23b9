import { HttpResponse } from 'msw'
import { LoginRequestSchema, authRoutes, normaliseUsername, type MeResponse } from '@/contract'
import { ACCOUNT_AUDIT_ACTIONS, PROJECT_AUDIT_ACTIONS, AuditQuerySchema, CreateAccountSchema, ResetPasswordSchema, UpdateAccountSchema, type AccountList, type AuditList, type OwnerUnitList } from '@/contract/accounts'
import { can, failedSignIn } from '@/domain/access'
import { ACCOUNT_MESSAGES, applyAccountUpdate, applyPasswordReset, newAccount, sessionUserOf, type AccountRefusal } from '@/domain/accounts'
import { buildFilterOptions } from '@/domain/answers'
import { accountStore, clearedSessionCookie, keepCookieInDocument, sessionCookie } from '../accounts'
import { store } from '../store'
import { errorResponse, methodNotAllowed, parseBody, parseQuery, route, withCookie } from './respond'

const refused = (refusal: AccountRefusal) =>
  errorResponse(refusal.status, refusal.code, refusal.message, { fields: refusal.fields, current: refusal.current })

const notFound = (username: string) => errorResponse(404, 'not_found', ACCOUNT_MESSAGES.notFound(username))

/** Sign-in, sessions, accounts and the audit log, as the server answers them (throttling left out). */
export const authHandlers = [
  route('POST', authRoutes.login, async ({ request }) => {
    const body = await parseBody(request, LoginRequestSchema)
    if (!body.ok) return body.response
    const { username, password } = body.data
    const account = accountStore.get(normaliseUsername(username))
    if (!account || account.disabled || !accountStore.passwordMatches(username, password)) {
      accountStore.record({ actor: null, action: 'auth.login_failed', ...failedSignIn(account ?? null) })
      return errorResponse(401, 'invalid_credentials', '用户名或密码错误')
    }
    const signedIn = { ...account, lastSignInAt: new Date().toISOString() }
    accountStore.put(signedIn)
    accountStore.record({ actor: account.username, action: 'auth.login', target: account.username })
    const token = accountStore.startSession(account.username)
    const cookie = sessionCookie(token)
    keepCookieInDocument(cookie)
    return withCookie(HttpResponse.json<MeResponse>({ user: sessionUserOf(signedIn) }), cookie)
  }),
  route('GET', authRoutes.me, ({ user }) => HttpResponse.json<MeResponse>({ user: user! })),
  route('POST', authRoutes.logout, ({ user, token }) => {
    if (token) accountStore.endSession(token)
    accountStore.record({ actor: user!.username, action: 'auth.logout', target: user!.username })
    keepCookieInDocument(clearedSessionCookie())
    return withCookie(new HttpResponse(null, { status: 204 }), clearedSessionCookie())
  }),

  route('GET', authRoutes.accounts, () => HttpResponse.json<AccountList>({ items: accountStore.list() })),
  route('POST', authRoutes.accounts, async ({ request, user }) => {
    const body = await parseBody(request, CreateAccountSchema)
    if (!body.ok) return body.response
    if (accountStore.get(body.data.username)) return errorResponse(409, 'username_taken', ACCOUNT_MESSAGES.usernameTaken)
    const { account, changes } = newAccount(body.data, new Date())
    accountStore.put(account, body.data.password)
    accountStore.record({ actor: user!.username, action: 'account.create', target: account.username, changes })
    return HttpResponse.json(account, { status: 201 })
  }),
  route('PATCH', authRoutes.account, async ({ request, params, user }) => {
    const body = await parseBody(request, UpdateAccountSchema)
    if (!body.ok) return body.response
    const username = String(params.username)
    const before = accountStore.get(username)
    if (!before) return notFound(username)
    const enabledAdmins = accountStore.list().filter((a) => a.role === 'admin' && !a.disabled).length
    const result = applyAccountUpdate(before, body.data, user!.username, enabledAdmins)
    if (!result.ok) return refused(result)
    if (result.changes.length > 0) {
      accountStore.put(result.account)
      if (result.endSessions) accountStore.endSessionsOf(username)
      accountStore.record({ actor: user!.username, action: 'account.update', target: username, changes: result.changes })
    }
    return HttpResponse.json(result.account)
  }),
  route('POST', authRoutes.accountPassword, async ({ request, params, user }) => {
    const body = await parseBody(request, ResetPasswordSchema)
    if (!body.ok) return body.response
    const username = String(params.username)
    const before = accountStore.get(username)
    if (!before) return notFound(username)
    const result = applyPasswordReset(before, body.data.version)
    if (!result.ok) return refused(result)
    accountStore.put(result.account, body.data.password)
    accountStore.endSessionsOf(username)
    accountStore.record({ actor: user!.username, action: 'account.password_reset', target: username, changes: result.changes })
    return HttpResponse.json(result.account)
  }),
  route('GET', authRoutes.ownerUnits, () => HttpResponse.json<OwnerUnitList>({ items: buildFilterOptions(store.all()).ownerUnits })),
  route('GET', authRoutes.audit, ({ request, user }) => {
    const query = parseQuery(request, AuditQuerySchema)
    if (!query.ok) return query.response
    const { action, actor, target, projectId, month, limit = 200 } = query.data
    // The admin reads the sign-in and account entries; the roles that read project data read the report entries.
    const role = user!.role
    if (!can(role, 'accounts:manage') && !can(role, 'data:read')) return errorResponse(403, 'forbidden', '当前账户无权进行此操作')
    const actions: readonly string[] = can(role, 'accounts:manage') ? ACCOUNT_AUDIT_ACTIONS : PROJECT_AUDIT_ACTIONS
    const items = accountStore
      .audit()
      .filter((e) => actions.includes(e.action))
      .filter((e) => (!action || e.action === action) && (!actor || e.actor === actor) && (!target || e.target === target))
      .filter((e) => (!projectId || e.target === projectId || e.target?.startsWith(`${projectId}-Q`)) && (!month || e.month === month))
      .slice(0, limit)
    return HttpResponse.json<AuditList>({ items })
  }),
  ...methodNotAllowed(Object.values(authRoutes)),
]
