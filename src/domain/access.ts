import { CreateAccountSchema, issueFields, type Account, type AuditAction, type AuditChange, type Role, type SessionUser, type UpdateAccount } from '@/contract'

/**
 * Who may do what: the one table of permissions. The server checks it on every route (and, for an
 * owner unit, on every record); the UI reads the same table only to avoid offering what would be refused.
 */
export const PERMISSIONS = {
  /** Read the project data: lists, zones, summaries, project pages. */
  'data:read': ['leader', 'staff', 'reviewer', 'owner'],
  /** Drafts and submissions of monthly reports, for the owner unit's own projects only. */
  'report:write': ['owner'],
  /** Approve or return submitted reports. */
  'report:review': ['staff'],
  /** Project master data and plans (add, correct, retire, 中期调整). */
  'project:edit': ['staff'],
  /** Problems: assign (督办), close (办结). */
  'problem:manage': ['staff'],
  'problem:comment': ['leader', 'staff', 'reviewer'],
  'project:flag': ['reviewer'],
  /** Export a list (CSV, Excel). */
  'list:export': ['staff', 'reviewer'],
  'ledger:import': ['staff'],
  /** Accounts, roles and owner-unit bindings; the sign-in and account entries of the audit log. */
  'accounts:manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}

export const ROLE_LABELS: Record<Role, string> = {
  leader: '区领导',
  staff: '发改委工作人员',
  reviewer: '督查',
  owner: '业主单位',
  admin: '管理员',
}

/** What each role is for, in the words the admin page shows when an account is given a role. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  leader: '查看全部数据；不能修改，可对问题发表意见',
  staff: '查看全部数据；审核月报，维护项目和计划，管理问题，导入台账，导出',
  reviewer: '查看全部数据；标记项目，发表意见，导出',
  owner: '填报并提交本单位项目的月报',
  admin: '只管理账户、角色和业主单位绑定；不查看项目数据',
}

/** How much of the project data an account sees. */
export type DataScope = { kind: 'all' } | { kind: 'owner-unit'; ownerUnit: string } | { kind: 'none' }

/**
 * An owner unit sees everything, or only its own unit's projects where the deployment says so
 * (`OWNER_SEES=own`); an admin sees no project data at all.
 */
export function dataScopeOf(user: Pick<SessionUser, 'role' | 'ownerUnit'>, ownerSees: 'all' | 'own'): DataScope {
  if (!can(user.role, 'data:read')) return { kind: 'none' }
  if (user.role === 'owner' && ownerSees === 'own') return user.ownerUnit ? { kind: 'owner-unit', ownerUnit: user.ownerUnit } : { kind: 'none' }
  return { kind: 'all' }
}

/** A stable key of a scope, for caches and ETags: two users with the same key see the same answers. */
export function scopeKey(scope: DataScope): string {
  return scope.kind === 'owner-unit' ? `owner:${scope.ownerUnit}` : scope.kind
}

/** The demo owner account is bound to the 业主单位 with the most projects (ties: zh-CN order). */
export function demoOwnerUnit(ownerUnits: readonly string[]): string | null {
  const counts = new Map<string, number>()
  for (const unit of ownerUnits) counts.set(unit, (counts.get(unit) ?? 0) + 1)
  const collator = new Intl.Collator('zh-CN', { numeric: true })
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]))
  return ranked[0]?.[0] ?? null
}

/** The demo accounts created at first start: one per role. */
export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'leader', displayName: '区领导（演示）', role: 'leader' },
  { username: 'staff', displayName: '发改委工作人员（演示）', role: 'staff' },
  { username: 'reviewer', displayName: '督查（演示）', role: 'reviewer' },
  { username: 'owner', displayName: '业主单位（演示）', role: 'owner' },
  { username: 'admin', displayName: '管理员（演示）', role: 'admin' },
]

/** What the audit log calls each action. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'account.create': '新建账户',
  'account.update': '修改账户',
  'account.password_reset': '重置密码',
}

/** The account fields an audit entry can name. */
export const ACCOUNT_FIELD_LABELS: Record<string, string> = {
  displayName: '姓名',
  role: '角色',
  ownerUnit: '业主单位',
  disabled: '状态',
  password: '密码',
}

export const ACCOUNT_MESSAGES = {
  conflict: '该账户已被他人修改，请查看最新内容后重试',
  selfLockout: '不能停用自己的账户或取消自己的管理员角色',
  lastAdmin: '这是最后一个启用的管理员账户，不能停用或改为其他角色',
  usernameTaken: '用户名已存在',
  invalidBody: '请求内容无效',
  notFound: (username: string) => `账户 ${username} 不存在`,
} as const

/** A password in the audit log: that it changed, never what it is. */
export const MASKED_PASSWORD = '******'

export const sessionUserOf = (account: Pick<Account, 'username' | 'displayName' | 'role' | 'ownerUnit'>): SessionUser => ({
  username: account.username,
  displayName: account.displayName,
  role: account.role,
  ownerUnit: account.ownerUnit,
})

const ACCOUNT_AUDITED_FIELDS = ['displayName', 'role', 'ownerUnit', 'disabled'] as const

/** The audited fields that differ between two versions of an account. */
export function accountChanges(before: Account, after: Account): AuditChange[] {
  return ACCOUNT_AUDITED_FIELDS.filter((field) => before[field] !== after[field]).map((field) => ({
    field,
    before: before[field],
    after: after[field],
  }))
}

/** A refused account write: the status, code and message of the error answer. */
export type AccountRefusal = {
  ok: false
  status: 400 | 409
  code: string
  message: string
  fields?: Record<string, string>
  current?: Account
}

/** A new account from a validated create request (the store checks the name is free). */
export function newAccount(input: CreateAccountInput, now: Date): { account: Account; changes: AuditChange[] } {
  const account: Account = {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    ownerUnit: input.ownerUnit,
    disabled: false,
    createdAt: now.toISOString(),
    lastSignInAt: null,
    version: 1,
  }
  const changes = (['displayName', 'role', 'ownerUnit'] as const).map((field) => ({ field, before: null, after: account[field] }))
  return { account, changes }
}

type CreateAccountInput = Pick<Account, 'username' | 'displayName' | 'role' | 'ownerUnit'>

/**
 * Apply an admin's change to an account, or say why not: a stale version (409 with the current
 * record), a role and owner-unit binding that do not fit (400), or an admin locking itself out (409).
 * `endSessions`: the account's open sessions end (disabled, or what it may do changed).
 * An unchanged account keeps its version and writes no audit entry (`changes` empty).
 */
export function applyAccountUpdate(
  before: Account,
  patch: UpdateAccount,
  actor: string | null,
  /** Enabled admin accounts right now (the caller holds them locked), so two admins cannot remove each other at once. */
  enabledAdmins: number,
): { ok: true; account: Account; changes: AuditChange[]; endSessions: boolean } | AccountRefusal {
  if (patch.version !== before.version)
    return { ok: false, status: 409, code: 'conflict', message: ACCOUNT_MESSAGES.conflict, current: before }
  const role = patch.role ?? before.role
  // An owner keeps its unit unless told otherwise; any other role has none.
  const ownerUnit = patch.ownerUnit !== undefined ? patch.ownerUnit : role === 'owner' ? before.ownerUnit : null
  const checked = CreateAccountSchema.safeParse({
    username: before.username,
    displayName: patch.displayName ?? before.displayName,
    role,
    ownerUnit,
    password: 'x'.repeat(10),
  })
  if (!checked.success)
    return { ok: false, status: 400, code: 'invalid_body', message: ACCOUNT_MESSAGES.invalidBody, fields: issueFields(checked.error.issues) }
  const disabled = patch.disabled ?? before.disabled
  if (actor === before.username && (disabled || role !== 'admin'))
    return { ok: false, status: 409, code: 'self_lockout', message: ACCOUNT_MESSAGES.selfLockout }
  const removesAnAdmin = before.role === 'admin' && !before.disabled && (disabled || role !== 'admin')
  if (removesAnAdmin && enabledAdmins <= 1) return { ok: false, status: 409, code: 'last_admin', message: ACCOUNT_MESSAGES.lastAdmin }
  const next: Account = { ...before, displayName: checked.data.displayName, role, ownerUnit, disabled }
  const changes = accountChanges(before, next)
  if (changes.length === 0) return { ok: true, account: before, changes, endSessions: false }
  const endSessions = disabled || role !== before.role || ownerUnit !== before.ownerUnit
  return { ok: true, account: { ...next, version: before.version + 1 }, changes, endSessions }
}

/** A new password for an account if `version` is current; its sessions end either way it succeeds. */
export function applyPasswordReset(
  before: Account,
  version: number,
): { ok: true; account: Account; changes: AuditChange[] } | AccountRefusal {
  if (version !== before.version)
    return { ok: false, status: 409, code: 'conflict', message: ACCOUNT_MESSAGES.conflict, current: before }
  return {
    ok: true,
    account: { ...before, version: before.version + 1 },
    changes: [{ field: 'password', before: MASKED_PASSWORD, after: MASKED_PASSWORD }],
  }
}

/**
 * How a failed sign-in is written in the audit log: the account when the name exists (never the
 * name typed otherwise — people type passwords into the name field), and why it failed. The person
 * signing in is told only 用户名或密码错误.
 */
export function failedSignIn(account: { username: string; disabled: boolean } | null): { target: string | null; reason: string } {
  if (!account) return { target: null, reason: '未知用户名' }
  return { target: account.username, reason: account.disabled ? '账户已停用' : '密码错误' }
}

/** The audit entry of a demo account created at first start (server and demo mock alike). */
export function demoAccountCreated(account: { username: string; role: Role; ownerUnit: string | null }) {
  return {
    actor: null,
    action: 'account.create' as const,
    target: account.username,
    reason: '首次启动创建的演示账户',
    changes: [
      { field: 'role', before: null, after: account.role },
      { field: 'ownerUnit', before: null, after: account.ownerUnit },
    ],
  }
}
