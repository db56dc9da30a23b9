import { issueFields, type SessionUser } from '@/contract'
import { CreateAccountSchema, type Account, type AuditAction, type AuditChange, type UpdateAccount } from '@/contract/accounts'

/**
 * The rules of account changes, shared by the server and the demo mock: what an admin may change,
 * what the audit log records, in which words. Apart from access.ts so the first page does not load them.
 */

/** What the audit log calls each action. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'account.create': '新建账户',
  'account.update': '修改账户',
  'account.password_reset': '重置密码',
  'account.password_change': '修改本人密码',
  'auth.lock': '暂停登录',
  'auth.unlock': '解除登录限制',
  'report.save': '保存月报草稿',
  'report.submit': '提交月报',
  'report.approve': '审核通过月报',
  'report.return': '退回月报',
  'report.commission-confidence': '发改委评定完成信心',
  'report.photo-add': '添加月报照片',
  'report.photo-delete': '删除月报照片',
  'problem.create': '登记问题',
  'problem.assign': '督办问题',
  'problem.resolve': '办结问题',
  'problem-category.create': '新增问题类别',
  'problem-category.update': '修改问题类别',
  'project.create': '新增项目',
  'project.update': '修改项目信息',
  'project.retire': '退出重点项目',
  'month.publish': '发布月份',
  'month.unpublish': '撤回月份发布',
  'month.remind': '催报',
  'escalation.propose': '提出挂牌督办',
  'escalation.confirm': '确认挂牌督办',
  'escalation.decline': '不予挂牌督办',
  'escalation.lift': '摘牌',
  'approval.update': '填写前期手续',
  'approval-kind.create': '新增前期手续类别',
  'approval-kind.update': '修改前期手续类别',
}

/** The account fields an audit entry can name. */
export const ACCOUNT_FIELD_LABELS: Record<string, string> = {
  displayName: '姓名',
  role: '角色',
  ownerUnit: '业主单位',
  unit: '所在单位',
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

const ACCOUNT_AUDITED_FIELDS = ['displayName', 'role', 'ownerUnit', 'unit', 'disabled'] as const

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
    unit: input.role === 'owner' ? null : (input.unit ?? null),
    disabled: false,
    createdAt: now.toISOString(),
    lastSignInAt: null,
    version: 1,
  }
  const changes = (['displayName', 'role', 'ownerUnit', 'unit'] as const).map((field) => ({ field, before: null, after: account[field] }))
  return { account, changes }
}

type CreateAccountInput = Pick<Account, 'username' | 'displayName' | 'role' | 'ownerUnit'> & { unit?: string | null }

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
    unit: patch.unit !== undefined ? patch.unit : before.unit,
    password: 'x'.repeat(10),
  })
  if (!checked.success)
    return { ok: false, status: 400, code: 'invalid_body', message: ACCOUNT_MESSAGES.invalidBody, fields: issueFields(checked.error.issues) }
  const disabled = patch.disabled ?? before.disabled
  if (actor === before.username && (disabled || role !== 'admin'))
    return { ok: false, status: 409, code: 'self_lockout', message: ACCOUNT_MESSAGES.selfLockout }
  const removesAnAdmin = before.role === 'admin' && !before.disabled && (disabled || role !== 'admin')
  if (removesAnAdmin && enabledAdmins <= 1) return { ok: false, status: 409, code: 'last_admin', message: ACCOUNT_MESSAGES.lastAdmin }
  // An owner's unit is its 业主单位: it keeps no 所在单位 of its own.
  const unit = role === 'owner' ? null : checked.data.unit
  const next: Account = { ...before, displayName: checked.data.displayName, role, ownerUnit, unit, disabled }
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

/** The unit an account acts for: an owner account's 业主单位, else its 所在单位 (null when neither is known). */
export const accountUnit = (account: { ownerUnit: string | null; unit: string | null }): string | null => account.ownerUnit ?? account.unit

/**
 * Who made an audit entry, as the log shows them: the person's name with their unit (张三（区发改委）), and the
 * account's login name beside it. An account deleted since, or a name never given, falls back to the login name.
 */
export function actorLabel(entry: { actor: string | null; actorName: string | null; actorUnit: string | null }): { name: string; account: string | null } {
  if (entry.actor === null) return { name: '—', account: null }
  if (entry.actorName === null) return { name: entry.actor, account: null }
  return { name: entry.actorUnit ? `${entry.actorName}（${entry.actorUnit}）` : entry.actorName, account: entry.actor }
}
