import type { Role, SessionUser } from '@/contract'
import { compareZh } from './zh-order'

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
  /** 前期手续 (decision 80): the staff, and an owner unit for its own projects only (checked per record). */
  'approval:write': ['staff', 'owner'],
  /** Problems: register, assign (督办), close (办结); and the list of 问题类别 they are registered under. */
  'problem:manage': ['staff'],
  'problem:comment': ['leader', 'staff', 'reviewer'],
  'project:flag': ['reviewer'],
  /** Export a list (CSV, Excel). */
  'list:export': ['staff', 'reviewer'],
  'ledger:import': ['staff'],
  /** Monthly reports from an Excel sheet: an owner unit for its own projects, the staff for any (on an owner's behalf). */
  'report:import': ['owner', 'staff'],
  /** Publish (发布) a month of the open year; read a month not yet published (marked 未发布). */
  'month:publish': ['staff'],
  /** 挂牌督办: confirm or decline the rule's proposal, lift a listed project (each with a reason; decision 76). */
  'escalation:decide': ['staff'],
  /** Withdraw a month's publication, with a reason. */
  'month:unpublish': ['admin'],
  /** 待办: the roles with work to do each month (an owner unit's reports and problems; the staff's reviews and publication). */
  'todo:read': ['owner', 'staff'],
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

/** Whether a scope reads a project of this owner unit (an owner unit limited to its own, OWNER_SEES=own). */
export function scopeReads(scope: DataScope, ownerUnit: string): boolean {
  return scope.kind === 'all' || (scope.kind === 'owner-unit' && scope.ownerUnit === ownerUnit)
}

/** A stable key of a scope, for caches and ETags: two users with the same key see the same answers. */
export function scopeKey(scope: DataScope): string {
  return scope.kind === 'owner-unit' ? `owner:${scope.ownerUnit}` : scope.kind
}

/** The demo owner account is bound to the 业主单位 with the most projects (ties: zh-CN order). */
export function demoOwnerUnit(ownerUnits: readonly string[]): string | null {
  const counts = new Map<string, number>()
  for (const unit of ownerUnits) counts.set(unit, (counts.get(unit) ?? 0) + 1)
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || compareZh(a[0], b[0]))
  return ranked[0]?.[0] ?? null
}

/**
 * The demo accounts created at first start: one per role, each a made-up person marked （演示）, with the
 * unit they act for (the demo owner's is the 业主单位 it is bound to, chosen from the data).
 */
export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: Role; unit: string | null }[] = [
  { username: 'leader', displayName: '李国华（演示）', role: 'leader', unit: '区政府' },
  { username: 'staff', displayName: '陈立新（演示）', role: 'staff', unit: '区发改委' },
  { username: 'reviewer', displayName: '王敏（演示）', role: 'reviewer', unit: '区政府督查室' },
  { username: 'owner', displayName: '张伟（演示）', role: 'owner', unit: null },
  { username: 'admin', displayName: '刘洋（演示）', role: 'admin', unit: '区发改委' },
]

/** What a refused sign-in is told. */
export const SIGN_IN_MESSAGES = {
  invalid: '用户名或密码错误',
  disabled: '该账户已停用，请联系管理员',
} as const

export type SignInRefusal = {
  ok: false
  status: 401 | 403
  code: 'invalid_credentials' | 'account_disabled'
  message: string
  /** The audit entry: the account when the name exists (never the name typed otherwise — people type passwords into the name field), and why it failed. */
  audit: { target: string | null; reason: string }
}

/**
 * The answer to a sign-in, once its password has been checked. An unknown name and a wrong password
 * get one answer (用户名或密码错误), whether or not the account is disabled: only someone who knows the
 * password learns that the account is disabled (403 account_disabled), so the message tells a guesser
 * nothing about which names exist. Every refusal counts as a failure for the sign-in throttle.
 */
export function signInOutcome<A extends { username: string; disabled: boolean }>(account: A | null, passwordValid: boolean): { ok: true; account: A } | SignInRefusal {
  const invalid = (target: string | null, reason: string): SignInRefusal => ({ ok: false, status: 401, code: 'invalid_credentials', message: SIGN_IN_MESSAGES.invalid, audit: { target, reason } })
  if (!account) return invalid(null, '未知用户名')
  if (!passwordValid) return invalid(account.username, account.disabled ? '密码错误（账户已停用）' : '密码错误')
  if (account.disabled) return { ok: false, status: 403, code: 'account_disabled', message: SIGN_IN_MESSAGES.disabled, audit: { target: account.username, reason: '账户已停用' } }
  return { ok: true, account }
}

/** The audit entry of a demo account created at first start (server and demo mock alike). */
export function demoAccountCreated(account: { username: string; role: Role; ownerUnit: string | null; unit: string | null }) {
  return {
    actor: null,
    action: 'account.create' as const,
    target: account.username,
    reason: '首次启动创建的演示账户',
    changes: [
      { field: 'role', before: null, after: account.role },
      { field: 'ownerUnit', before: null, after: account.ownerUnit },
      { field: 'unit', before: null, after: account.unit },
    ],
  }
}
