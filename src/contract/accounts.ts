import { z } from 'zod'
import { RoleSchema, SessionUserSchema, normaliseUsername, type Role } from './auth'

/**
 * Accounts and the audit log: what the account admin pages, the server's admin routes and the demo
 * mock use. Kept out of the contract's index so the first page's JavaScript does not carry them.
 */

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/

/** Sign-in names: Latin letters, digits and . _ - (they appear in URLs and logs), stored in lower case. */
export const UsernameSchema = z
  .string()
  .min(2, '用户名至少 2 个字符')
  .max(32, '用户名最长 32 个字符')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, '用户名只能包含字母、数字、点、下划线和连字符，并以字母或数字开头')
  .transform(normaliseUsername)

/** A person's name as shown in the UI and the audit log: free text, so always rendered as text. */
export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, '请填写姓名')
  .max(40, '姓名最长 40 个字符')
  .regex(NO_CONTROL, '姓名含有不允许的控制字符')

/** 所在单位 of an account that is not an owner unit's (区发改委, 区政府督查室): shown beside the name in the audit log. */
export const UnitSchema = z.string().trim().min(1, '请填写所在单位').max(100, '所在单位最长 100 个字符').regex(NO_CONTROL, '所在单位含有不允许的控制字符')

export const OwnerUnitSchema = z.string().trim().min(1, '请选择业主单位').max(100, '业主单位最长 100 个字符').regex(NO_CONTROL, '含有不允许的控制字符')

/** A new password: long enough to resist guessing; anything a person can type. */
export const NewPasswordSchema = z
  .string()
  .min(10, '密码至少 10 个字符')
  .max(200, '密码最长 200 个字符')

export const AccountSchema = SessionUserSchema.extend({
  /** 所在单位 of an account of another role than owner (an owner's unit is its ownerUnit); null if not given. */
  unit: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  /** Row version: an update based on an older version is refused with 409. */
  version: z.number().int().min(1),
})
export type Account = z.infer<typeof AccountSchema>

export const AccountListSchema = z.object({ items: z.array(AccountSchema) })
export type AccountList = z.infer<typeof AccountListSchema>

/** An owner account is bound to exactly one 业主单位; no other role has one. */
const ownerUnitMatchesRole = (value: { role?: Role; ownerUnit?: string | null }) =>
  value.role === undefined || (value.role === 'owner') === (value.ownerUnit !== null && value.ownerUnit !== undefined)

export const CreateAccountSchema = z
  .strictObject({
    username: UsernameSchema,
    displayName: DisplayNameSchema,
    role: RoleSchema,
    ownerUnit: OwnerUnitSchema.nullable().default(null),
    /** 所在单位 (not for an owner account, whose unit is its 业主单位). */
    unit: UnitSchema.nullable().default(null),
    password: NewPasswordSchema,
  })
  .refine(ownerUnitMatchesRole, { message: '业主单位账户必须绑定一个业主单位，其他角色不绑定', path: ['ownerUnit'] })
export type CreateAccount = z.input<typeof CreateAccountSchema>

export const UpdateAccountSchema = z
  .strictObject({
    version: z.number().int().min(1),
    displayName: DisplayNameSchema.optional(),
    role: RoleSchema.optional(),
    ownerUnit: OwnerUnitSchema.nullable().optional(),
    unit: UnitSchema.nullable().optional(),
    disabled: z.boolean().optional(),
  })
export type UpdateAccount = z.infer<typeof UpdateAccountSchema>

export const ResetPasswordSchema = z.strictObject({
  version: z.number().int().min(1),
  password: NewPasswordSchema,
})
export type ResetPassword = z.infer<typeof ResetPasswordSchema>

/** The signed-in user's own new password: the current one first, the new one by the same rule as an admin's. */
export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(200, '密码过长'),
  newPassword: NewPasswordSchema,
})
export type ChangePassword = z.infer<typeof ChangePasswordSchema>

/**
 * One entry of the sign-in throttle (decision 69): a name tried from one address (`pair`), held back after
 * repeated failures with a growing delay, or an address that failed for many names (`address`), where only
 * names already signed in from it are still admitted.
 */
export const SignInThrottleEntrySchema = z.object({
  kind: z.enum(['pair', 'address']),
  /** The name tried (case-folded); null for an address entry. */
  username: z.string().nullable(),
  address: z.string(),
  failures: z.number().int().min(1),
  lastFailureAt: z.string(),
  /** Until when attempts are refused; in the past: no longer held, but the next failure holds it longer. */
  until: z.string(),
  active: z.boolean(),
})
export type SignInThrottleEntry = z.infer<typeof SignInThrottleEntrySchema>
export const SignInThrottleListSchema = z.object({ items: z.array(SignInThrottleEntrySchema) })
export type SignInThrottleList = z.infer<typeof SignInThrottleListSchema>

/** Lift the throttle: a name's (every address), a name from one address, or an address's (every name). */
export const LiftThrottleSchema = z
  .strictObject({
    username: z.string().trim().min(1).max(64, '用户名过长').regex(NO_CONTROL, '含有不允许的控制字符').optional(),
    address: z.string().trim().min(1).max(64, '地址过长').regex(NO_CONTROL, '含有不允许的控制字符').optional(),
  })
  .refine((v) => v.username !== undefined || v.address !== undefined, { message: '请指定用户名或来源地址', path: ['username'] })
export type LiftThrottle = z.infer<typeof LiftThrottleSchema>
export const LiftThrottleResultSchema = z.object({ lifted: z.number().int().min(0) })
export type LiftThrottleResult = z.infer<typeof LiftThrottleResultSchema>

/** Sign-in and account entries: the admin's part of the log. */
export const ACCOUNT_AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'account.create',
  'account.update',
  'account.password_reset',
  'account.password_change',
  'auth.lock',
  'auth.unlock',
] as const
/** Monthly-report and problem entries: the project data's part, for the roles that read project data. */
export const PROJECT_AUDIT_ACTIONS = [
  'report.save',
  'report.submit',
  'report.approve',
  'report.return',
  'report.commission-confidence',
  // 形象进度照片 (decision 81): one entry per photo added or deleted, naming its files.
  'report.photo-add',
  'report.photo-delete',
  'problem.create',
  'problem.assign',
  'problem.resolve',
  // 问题类别 (decision 79): the staff add, rename, retire and bring back a category.
  'problem-category.create',
  'problem-category.update',
  'project.create',
  'project.update',
  'project.retire',
  'month.publish',
  'month.unpublish',
  'month.remind',
  // 挂牌督办 (decision 76): proposed by the rule at a publication; confirmed, declined and lifted by the staff.
  'escalation.propose',
  'escalation.confirm',
  'escalation.decline',
  'escalation.lift',
  // 前期手续 (decision 80): a project's approval filled in; the list of kinds added to, renamed, retired.
  'approval.update',
  'approval-kind.create',
  'approval-kind.update',
] as const
export const AUDIT_ACTIONS = [...ACCOUNT_AUDIT_ACTIONS, ...PROJECT_AUDIT_ACTIONS] as const
export const AuditActionSchema = z.enum(AUDIT_ACTIONS)
export type AuditAction = z.infer<typeof AuditActionSchema>

export const AuditChangeSchema = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
})
export type AuditChange = z.infer<typeof AuditChangeSchema>

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** The account behind the change (null: nobody signed in, e.g. a failed sign-in). */
  actor: z.string().nullable(),
  /** The actor's name and unit as the account has them now (read at each request; null: no such account any more). */
  actorName: z.string().nullable(),
  actorUnit: z.string().nullable(),
  action: AuditActionSchema,
  /** The record changed: an account's username, a project id. */
  target: z.string().nullable(),
  changes: z.array(AuditChangeSchema),
  reason: z.string().nullable(),
  address: z.string().nullable(),
  /** The report month (YYYY-MM) of a monthly-report entry; null otherwise. */
  month: z.string().nullable(),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>

export const AuditListSchema = z.object({ items: z.array(AuditEntrySchema) })
export type AuditList = z.infer<typeof AuditListSchema>

export const AuditQuerySchema = z.strictObject({
  action: AuditActionSchema.optional(),
  actor: z.string().max(64).regex(NO_CONTROL).optional(),
  target: z.string().max(64).regex(NO_CONTROL).optional(),
  /** A project's entries (its monthly reports): the same as target=<projectId>. */
  projectId: z.string().regex(/^P\d{3,6}$/, '项目编号格式应为 P 加 3-6 位数字').optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM 格式').optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, '应为 1-500 的整数')
    .transform(Number)
    .pipe(z.number().int().min(1, '应为 1-500 的整数').max(500, '应为 1-500 的整数'))
    .optional(),
})
export type AuditQuery = z.infer<typeof AuditQuerySchema>

/** The 业主单位 an admin may bind an owner account to (the units of the project list). */
export const OwnerUnitListSchema = z.object({ items: z.array(z.string()) })
export type OwnerUnitList = z.infer<typeof OwnerUnitListSchema>
