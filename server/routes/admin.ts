import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { can } from '@/domain/access'
import { projects } from '../db/schema'
import { authRoutes } from '@/contract'
import { LiftThrottleResultSchema, LiftThrottleSchema, SignInThrottleListSchema, type LiftThrottleResult, type SignInThrottleList, ACCOUNT_AUDIT_ACTIONS, PROJECT_AUDIT_ACTIONS, AuditQuerySchema, CreateAccountSchema, ResetPasswordSchema, UpdateAccountSchema, UsernameSchema, type AccountList, type AuditList, type OwnerUnitList, AccountListSchema, AccountSchema, AuditListSchema, OwnerUnitListSchema } from '@/contract/accounts'
import { listAudit } from '../audit'
import { accountCreation, accountUpdate, listAccounts, ownerUnitsOf, passwordReset } from '../auth/accounts'
import { hashPassword } from '../auth/password'
import { accountKeyOf, liftThrottle, throttledSignIns } from '../auth/throttle'
import { answerWrite, fail, type Deps } from './context'
import type { Register } from './register'

/** Accounts, roles, owner-unit bindings, and the sign-in/account entries of the audit log (admin only). */
export function adminRoutesOf(register: Register, deps: Deps) {
  const { db } = deps.database
  const accountPath = z.object({ username: UsernameSchema.describe('用户名') })

  register('GET', authRoutes.accounts, { summary: '账户列表（管理员）', responses: { 200: { description: '账户', schema: AccountListSchema } } }, async (c) => c.json({ items: await listAccounts(db) } satisfies AccountList, 200))

  register('POST', authRoutes.accounts, { summary: '新建账户（管理员）', body: CreateAccountSchema, responses: { 201: { description: '已创建', schema: AccountSchema } }, errors: { 400: '请求内容无效（字段见 fields）', 409: '用户名已存在', 415: '请求体不是 JSON' } }, async (c, { body }) => {
    const passwordHash = await hashPassword(body.password)
    const now = deps.now()
    return answerWrite(c, deps, now, accountCreation(body, passwordHash, now))
  })

  register('PATCH', authRoutes.account, { summary: '修改账户的姓名、角色、业主单位或停用状态（管理员；须带 version）', params: accountPath, body: UpdateAccountSchema, responses: { 200: { description: '修改后的账户', schema: AccountSchema } }, errors: { 400: '请求内容无效（字段见 fields）', 404: '账户不存在', 409: '版本已过期（附 current）或会锁住最后一个管理员', 415: '请求体不是 JSON' } }, (c, { params: { username }, body }) => {
    const now = deps.now()
    return answerWrite(c, deps, now, accountUpdate(username, body, c.get('user').username, now))
  })

  register('POST', authRoutes.accountPassword, { summary: '重置密码（管理员）：该账户的会话全部失效', params: accountPath, body: ResetPasswordSchema, responses: { 200: { description: '账户', schema: AccountSchema } }, errors: { 400: '请求内容无效（字段见 fields）', 404: '账户不存在', 409: '版本已过期（附 current）', 415: '请求体不是 JSON' } }, async (c, { params: { username }, body }) => {
    const passwordHash = await hashPassword(body.password)
    const now = deps.now()
    return answerWrite(c, deps, now, passwordReset(username, body.version, passwordHash, now))
  })

  register('GET', authRoutes.signInThrottle, { summary: '登录限制（管理员）：暂停中的“用户名 + 来源地址”与失败过多的地址', noStore: true, responses: { 200: { description: '登录限制', schema: SignInThrottleListSchema } } }, async (c) =>
    c.json({ items: await throttledSignIns(db, deps.now(), deps.throttle) } satisfies SignInThrottleList, 200),
  )

  register('POST', authRoutes.signInThrottleLift, { summary: '解除登录限制（管理员）：某用户名（全部地址）、某用户名在某地址、或某地址（全部用户名）；记入操作日志', body: LiftThrottleSchema, responses: { 200: { description: '清除的失败记录数', schema: LiftThrottleResultSchema } }, errors: { 400: '请求内容无效（字段见 fields）', 415: '请求体不是 JSON' } }, (c, { body }) => {
    const now = deps.now()
    const accountKey = body.username === undefined ? undefined : accountKeyOf(body.username)
    const what = [accountKey && `用户名 ${accountKey}`, body.address && `来源地址 ${body.address}`].filter(Boolean).join('、')
    return answerWrite(c, deps, now, {
      change: async (tx) => {
        const lifted = await liftThrottle(tx, { accountKey, address: body.address })
        const answer: LiftThrottleResult = { lifted }
        return { answer, audit: lifted > 0 ? { action: 'auth.unlock', target: accountKey ?? null, reason: `解除${what}的登录限制（清除 ${lifted} 次失败记录）` } : undefined }
      },
    })
  })

  register('GET', authRoutes.ownerUnits, { summary: '可绑定的业主单位（管理员）', responses: { 200: { description: '业主单位', schema: OwnerUnitListSchema } } }, async (c) => c.json({ items: await ownerUnitsOf(db) } satisfies OwnerUnitList, 200))

  register('GET', authRoutes.audit, { summary: '操作日志，新的在前：管理员看到登录与账户变更；可查看项目数据的角色看到月报、问题与项目信息的每次修改（可按 projectId、month 筛选）', query: AuditQuerySchema, responses: { 200: { description: '日志', schema: AuditListSchema } }, errors: { 400: '查询参数无效' } }, async (c, { query }) => {
    // The admin sees the sign-in and account entries; the roles that read project data see the report entries.
    const user = c.get('user')
    if (can(user.role, 'accounts:manage')) return c.json({ items: await listAudit(db, query, ACCOUNT_AUDIT_ACTIONS) } satisfies AuditList, 200)
    if (!can(user.role, 'data:read')) return fail(c, 403, 'forbidden', '当前账户无权进行此操作')
    const scope = c.get('scope')
    if (scope.kind === 'none') return fail(c, 403, 'forbidden', '账户未绑定业主单位，无权查看项目数据')
    if (scope.kind === 'owner-unit') {
      // An owner unit limited to its own projects reads the entries of one of them at a time.
      const projectId = query.projectId ?? query.target
      if (!projectId) return fail(c, 400, 'invalid_query', '查询参数无效', { fields: { projectId: '请指定本单位的项目编号' } })
      const [project] = await db.select({ ownerUnit: projects.ownerUnit }).from(projects).where(eq(projects.id, projectId))
      if (!project || project.ownerUnit !== scope.ownerUnit) return fail(c, 403, 'forbidden', '该项目不属于本单位，无权查看')
    }
    return c.json({ items: await listAudit(db, query, PROJECT_AUDIT_ACTIONS) } satisfies AuditList, 200)
  })
}
