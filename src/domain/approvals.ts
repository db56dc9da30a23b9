import type { LagClass, MissingApproval, SessionUser } from '@/contract'
import type { AuditChange } from '@/contract/accounts'
import type { Approval, ApprovalKind, ApprovalStatus, SaveApproval, UpdateApprovalKind } from '@/contract/approvals'

/**
 * 前期手续 (decision 80), once for the server and the UI: the kinds a new list starts with, the statuses in
 * words, who may write, what a save must hold, which approvals are missing and when that matters.
 */

/** The kinds a database starts with (the staff may add, rename and retire from then on). */
export const DEFAULT_APPROVAL_KINDS: readonly { kind: string; name: string }[] = [
  { kind: 'project-approval', name: '立项（可研）批复' },
  { kind: 'land-pre-review', name: '用地预审与选址意见' },
  { kind: 'land-planning-permit', name: '用地规划许可' },
  { kind: 'works-planning-permit', name: '工程规划许可' },
  { kind: 'construction-permit', name: '施工许可' },
  { kind: 'eia-approval', name: '环评批复' },
]

export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  'not-started': '未启动',
  'in-progress': '办理中',
  obtained: '已取得',
  'not-needed': '不需要',
}

/** The small mark beside each status word (colour is never the only signal). */
export const APPROVAL_STATUS_MARKS: Record<ApprovalStatus, string> = {
  'not-started': '○',
  'in-progress': '◐',
  obtained: '✓',
  'not-needed': '—',
}

/** The statuses that settle an approval: anything else is missing. */
export const SETTLED_APPROVAL_STATUSES: readonly ApprovalStatus[] = ['obtained', 'not-needed']

/**
 * The departments an approval is handled by, offered in the form (with 其他 and a name for the rare one):
 * the district's and the city's, as the approvals of a Chongqing district project are issued.
 */
export const APPROVAL_DEPARTMENTS: readonly string[] = [
  '区发改委',
  '区规划自然资源局',
  '区住房城乡建委',
  '区生态环境局',
  '重庆经开区管委会',
  '市发展改革委',
  '市规划自然资源局',
  '市住房城乡建委',
  '市生态环境局',
]

/** The approval a project has no record of: 未启动, version 0. */
export function approvalOf(kind: Pick<ApprovalKind, 'kind' | 'name'>, record?: Omit<Approval, 'kind' | 'name'> | null): Approval {
  return record ? { kind: kind.kind, name: kind.name, ...record } : { kind: kind.kind, name: kind.name, status: 'not-started', obtainedOn: null, number: null, department: null, fileUrl: null, version: 0 }
}

/**
 * The approvals a project has not settled: every active kind, in the list's order, whose status is neither
 * 已取得 nor 不需要 (no record counts as 未启动).
 */
export function missingApprovals(
  kinds: readonly Pick<ApprovalKind, 'kind' | 'name' | 'retired'>[],
  records: readonly { kind: string; status: ApprovalStatus }[],
): MissingApproval[] {
  const status = new Map(records.map((r) => [r.kind, r.status]))
  return kinds.filter((k) => !k.retired && !SETTLED_APPROVAL_STATUSES.includes(status.get(k.kind) ?? 'not-started')).map((k) => ({ kind: k.kind, name: k.name }))
}

/**
 * Whether the missing approvals matter now: the project is 应开未开 (a 新开工 project whose planned start has
 * passed without a start, as classifyProject judges it in src/domain/rules.ts).
 */
export const approvalsMatter = (lagClass: LagClass): boolean => lagClass === 'not-started'

/** The missing approvals as a page, list or bulletin names them: only while they matter, none otherwise. */
export function missingApprovalsNow(
  lagClass: LagClass,
  kinds: readonly Pick<ApprovalKind, 'kind' | 'name' | 'retired'>[],
  records: readonly { kind: string; status: ApprovalStatus }[],
): MissingApproval[] {
  return approvalsMatter(lagClass) ? missingApprovals(kinds, records) : []
}

/**
 * How many 应开未开 projects lack each approval: kinds with none left out, the most first, ties in the
 * list's order.
 */
export function missingApprovalCounts(
  projects: readonly { missingApprovals: readonly MissingApproval[] }[],
  kinds: readonly Pick<ApprovalKind, 'kind' | 'name'>[],
): { kind: string; name: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const p of projects) for (const m of p.missingApprovals) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1)
  const position = new Map(kinds.map((k, i) => [k.kind, i]))
  const names = new Map(projects.flatMap((p) => p.missingApprovals.map((m) => [m.kind, m.name] as const)))
  return [...counts]
    .map(([kind, count]) => ({ kind, name: names.get(kind)!, count }))
    .sort((a, b) => b.count - a.count || (position.get(a.kind) ?? Infinity) - (position.get(b.kind) ?? Infinity))
}

/** The bulletin's sentence: 应开未开5个：其中施工许可未取得3个、用地规划许可未取得2个。 */
export function notStartedApprovalsText(notStarted: number, counts: readonly { name: string; count: number }[]): string {
  if (notStarted === 0) return '没有应开未开的项目。'
  if (counts.length === 0) return `应开未开${notStarted}个，前期手续均已取得或不需要。`
  return `应开未开${notStarted}个：其中${counts.map((c) => `${c.name}未取得${c.count}个`).join('、')}。`
}

/**
 * Who may write a project's approvals: the staff, and the owner unit the project belongs to (whatever it may
 * read). Null when allowed, else why not.
 */
export function approvalWriteProblem(user: Pick<SessionUser, 'role' | 'ownerUnit'>, projectOwnerUnit: string): string | null {
  if (user.role === 'staff') return null
  if (user.role === 'owner' && user.ownerUnit !== null && user.ownerUnit === projectOwnerUnit) return null
  return user.role === 'owner' ? '该项目不属于本单位，不能填写其前期手续' : '只有发改委工作人员和项目的业主单位可以填写前期手续'
}

export const APPROVAL_MESSAGES = {
  conflict: '该手续已被他人修改，请查看最新内容后重试',
  invalid: '前期手续内容有误，请按提示修改',
  unknownKind: (kind: string) => `手续类别 ${kind} 不在清单中`,
  retiredKind: (name: string) => `手续“${name}”已停用，不再填写`,
  kindConflict: '该手续类别已被他人修改，请查看最新内容后重试',
  kindTaken: (name: string) => `已有名为“${name}”的手续（含已停用的），请换一个名称或恢复原手续`,
  slugTaken: (kind: string) => `手续类别编号 ${kind} 已被使用`,
} as const

type Refusal = { ok: false; status: 409 | 422; code: string; message: string; fields?: Record<string, string>; current?: unknown }

/**
 * A save checked against the approval as it is (`before`, version 0 when there is no record) and the day
 * (`today`, YYYY-MM-DD, China time): a stale version is 409 with the approval as it is; 已取得 needs its date,
 * no later than today; only 已取得 has one. Returns the approval as it will be, with what changed.
 */
export function applyApprovalSave(
  before: Approval,
  body: SaveApproval,
  today: string,
): { ok: true; approval: Approval; changes: AuditChange[] } | Refusal {
  if ((body.version ?? 0) !== before.version) return { ok: false, status: 409, code: 'conflict', message: APPROVAL_MESSAGES.conflict, current: before }
  const obtainedOn = body.obtainedOn ?? null
  const fields = approvalFieldProblems(body.status, obtainedOn, today)
  if (Object.keys(fields).length > 0) return { ok: false, status: 422, code: 'invalid_approval', message: APPROVAL_MESSAGES.invalid, fields }
  const next: Approval = {
    ...before,
    status: body.status,
    obtainedOn,
    number: body.number ?? null,
    department: body.department ?? null,
  }
  const changes = approvalChanges(before, next)
  return { ok: true, approval: changes.length === 0 ? before : { ...next, version: before.version + 1 }, changes }
}

/** 已取得 needs its date, no later than today; only 已取得 has one (the form, the API and the workbook alike). */
export function approvalFieldProblems(status: ApprovalStatus, obtainedOn: string | null, today: string): { obtainedOn?: string } {
  if (status === 'obtained' && obtainedOn === null) return { obtainedOn: '已取得的手续请填写取得日期' }
  if (obtainedOn !== null && status !== 'obtained') return { obtainedOn: '只有已取得的手续填写取得日期' }
  if (obtainedOn !== null && obtainedOn > today) return { obtainedOn: '取得日期不能晚于今天' }
  return {}
}

/** What an approval's audit entry says changed, each field named with the approval (施工许可·状态), statuses in words. */
export function approvalChanges(before: Approval, after: Approval): AuditChange[] {
  const changes: AuditChange[] = []
  const field = (label: string) => `${after.name}·${label}`
  if (before.status !== after.status) changes.push({ field: field('状态'), before: APPROVAL_STATUS_LABELS[before.status], after: APPROVAL_STATUS_LABELS[after.status] })
  if (before.obtainedOn !== after.obtainedOn) changes.push({ field: field('取得日期'), before: before.obtainedOn, after: after.obtainedOn })
  if (before.number !== after.number) changes.push({ field: field('文号'), before: before.number, after: after.number })
  if (before.department !== after.department) changes.push({ field: field('办理部门'), before: before.department, after: after.department })
  return changes
}

/** What a kind's audit entry says changed: its name and whether it is retired. */
export function approvalKindChanges(before: Pick<ApprovalKind, 'name' | 'retired'> | null, after: Pick<ApprovalKind, 'name' | 'retired'>): AuditChange[] {
  const changes: AuditChange[] = []
  if (before?.name !== after.name) changes.push({ field: '手续名称', before: before?.name ?? null, after: after.name })
  if (before ? before.retired !== after.retired : after.retired) changes.push({ field: '手续已停用', before: before?.retired ?? null, after: after.retired })
  return changes
}

/** Rename, retire or bring back a kind on the version seen (409 with the kind as it is on a stale one). */
export function applyApprovalKindUpdate(before: ApprovalKind, patch: UpdateApprovalKind): { ok: true; kind: ApprovalKind; changes: AuditChange[] } | Refusal {
  if (patch.version !== before.version) return { ok: false, status: 409, code: 'conflict', message: APPROVAL_MESSAGES.kindConflict, current: before }
  const next = { ...before, name: patch.name ?? before.name, retired: patch.retired ?? before.retired }
  const changes = approvalKindChanges(before, next)
  return { ok: true, kind: changes.length === 0 ? before : { ...next, version: before.version + 1 }, changes }
}

/** The slug of a kind the staff add without one: other-N, the first N not taken. */
export function nextKindSlug(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`other-${n}`)) return `other-${n}`
}
