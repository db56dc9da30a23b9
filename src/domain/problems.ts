import type { Problem, ProjectRecord } from '@/contract'
import type { AuditChange } from '@/contract/accounts'
import type { AssignProblem, CreateProblem, OverdueProblem, ProblemCategory, ResolveProblem, UpdateProblemCategory } from '@/contract/problems'
import { chinaDate, zhDate } from './calendar'
import { zoneInfo } from './labels'

/**
 * 存在问题 tracked to closure, once for the server and the mock: 预警 (raised) → 督办中 (assigned to a
 * department with a due date; it may be re-assigned) → 已办结 (settled, with how). A step on another
 * version is 409; nothing follows 已办结.
 */

/**
 * The 问题类别 the list starts with (a database is seeded with them once; from then on the staff maintain the
 * list: decision 79): every one the demo's data uses, and the ones the commission's reports name.
 */
export const DEFAULT_PROBLEM_CATEGORIES = ['要素保障', '资金保障', '审批手续', '征地拆迁', '管线迁改', '规划设计', '设计变更', '市政配套', '施工组织', '市场因素', '其他'] as const

type Refusal = { ok: false; status: 409 | 422; code: string; message: string; fields?: Record<string, string>; current?: unknown }

export function checkProblemStep(problem: Problem, version: number): Refusal | null {
  if (version !== problem.version) {
    return { ok: false, status: 409, code: 'conflict', message: `问题已被他人处理（当前第 ${problem.version} 版，您操作的是第 ${version} 版），请查看最新状态后重新操作` }
  }
  if (problem.status === 'resolved') return { ok: false, status: 409, code: 'invalid_transition', message: '问题已办结，不能再督办或办结' }
  return null
}

/** A retired project takes no more problem steps (its page and log stay). */
export function retiredRefusal(project: { retired?: unknown }): Refusal | null {
  return project.retired ? { ok: false, status: 409, code: 'invalid_transition', message: '项目已退出重点项目清单，不再登记或督办问题' } : null
}

/** A due date before the day the problem was raised is a typo. */
export function invalidDueDate(dueDate: string, raisedDate: string, field = 'dueDate'): Refusal | null {
  return dueDate < raisedDate
    ? { ok: false, status: 422, code: 'invalid_problem', message: '日期有误', fields: { [field]: `不能早于问题提出日期（${zhDate(raisedDate)}）` } }
    : null
}

/** The next problem id of a project: its id and the next sequence number (P001-Q3). */
export function nextProblemId(projectId: string, existing: readonly Pick<Problem, 'id'>[]): { id: string; seq: number } {
  const taken = existing.map((p) => Number(p.id.split('-Q')[1] ?? 0))
  const seq = Math.max(0, ...taken) + 1
  return { id: `${projectId}-Q${seq}`, seq }
}

export function newProblem(projectId: string, existing: readonly Pick<Problem, 'id'>[], input: CreateProblem, now: Date): Problem {
  return {
    id: nextProblemId(projectId, existing).id,
    category: input.category,
    description: input.description,
    measure: input.measure,
    status: 'warning',
    raisedDate: chinaDate(now),
    dueDate: input.dueDate,
    resolvedDate: null,
    assignedTo: null,
    resolution: null,
    version: 1,
  }
}

export function applyAssign(problem: Problem, input: AssignProblem): Problem {
  return { ...problem, status: 'supervising', assignedTo: input.department, dueDate: input.dueDate, version: problem.version + 1 }
}

export function applyResolve(problem: Problem, input: ResolveProblem, now: Date): Problem {
  return { ...problem, status: 'resolved', resolution: input.resolution, resolvedDate: chinaDate(now), version: problem.version + 1 }
}

const AUDITED: readonly (keyof Problem)[] = ['status', 'category', 'description', 'measure', 'assignedTo', 'dueDate', 'resolvedDate', 'resolution']

/** Each audited field before → after (creation: before is null). */
export function problemChanges(before: Problem | null, after: Problem): AuditChange[] {
  return AUDITED.flatMap((field) => {
    const was = before ? before[field] : null
    return was === after[field] ? [] : [{ field, before: was, after: after[field] }]
  })
}

const DAY_MS = 86_400_000

/**
 * Whole days a problem is past its due date as of a day (ISO, China time: the end of the month in view,
 * docs/decisions/066); 0 when it was not overdue then — not yet raised, settled by then, or not yet due. A
 * problem settled after that day was still open on it.
 */
export function daysOverdue(problem: Pick<Problem, 'dueDate' | 'raisedDate' | 'resolvedDate'>, asOfDate: string): number {
  if (problem.raisedDate > asOfDate || (problem.resolvedDate !== null && problem.resolvedDate <= asOfDate) || problem.dueDate >= asOfDate) return 0
  return Math.round((Date.parse(asOfDate) - Date.parse(problem.dueDate)) / DAY_MS)
}

const byId = new Intl.Collator('en', { numeric: true }).compare

/** A problem with the project it belongs to: what the overdue list is made of. */
export type ProblemOfProject = { problem: Problem; projectId: string; projectName: string; zoneId: ProjectRecord['zoneId'] }

/** Every problem of the records, with its project. */
export const problemsOf = (records: readonly ProjectRecord[]): ProblemOfProject[] =>
  records.flatMap((r) => r.problems.map((problem) => ({ problem, projectId: r.id, projectName: r.name, zoneId: r.zoneId })))

/**
 * Problems not settled by their due date, most overdue first (ties by problem id, P001-Q2 before
 * P001-Q10). The server passes only unsettled problems past due (an SQL filter); the rule is this one.
 */
export function overdueProblems(entries: readonly ProblemOfProject[], asOfDate: string): OverdueProblem[] {
  return entries
    .flatMap((entry) => {
      const days = daysOverdue(entry.problem, asOfDate)
      return days > 0 ? [{ ...entry, zoneName: zoneInfo(entry.zoneId).name, daysOverdue: days }] : []
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue || byId(a.problem.id, b.problem.id))
}

/** The most overdue problems shown on the overview. */
export const OVERDUE_PROBLEMS_SHOWN = 20

/** The categories a new problem may be registered under: the active ones, in the list's order. */
export const activeCategories = (categories: readonly Pick<ProblemCategory, 'name' | 'retired'>[]): string[] => categories.filter((c) => !c.retired).map((c) => c.name)

/** A new problem's 问题类别 must be on the list and not retired (422, on the field). */
export function categoryRefusal(category: string, active: readonly string[]): Refusal | null {
  if (active.includes(category)) return null
  return { ok: false, status: 422, code: 'invalid_category', message: '问题类别不在类别清单中', fields: { category: '请从问题类别清单中选择（已停用的类别不再用于新问题）' } }
}

export const CATEGORY_MESSAGES = {
  conflict: '该问题类别已被他人修改，请查看最新内容后重试',
  taken: (name: string) => `已有名为“${name}”的问题类别（含已停用的），请换一个名称或恢复原类别`,
  notFound: (id: number) => `问题类别 ${id} 不存在`,
} as const

/** What a category's audit entry says changed: its name (field category) and whether it is retired. */
export function categoryChanges(before: Pick<ProblemCategory, 'name' | 'retired'> | null, after: Pick<ProblemCategory, 'name' | 'retired'>) {
  const changes = []
  if (before?.name !== after.name) changes.push({ field: 'category', before: before?.name ?? null, after: after.name })
  if (before ? before.retired !== after.retired : after.retired) changes.push({ field: 'categoryRetired', before: before?.retired ?? null, after: after.retired })
  return changes
}

/**
 * Rename, retire or bring back a category, on the version the staff saw: a stale version is 409 with the
 * category as it is. An unchanged category keeps its version (no audit entry: `changes` empty).
 */
export function applyCategoryUpdate(before: ProblemCategory, patch: UpdateProblemCategory): { ok: true; category: ProblemCategory; changes: ReturnType<typeof categoryChanges> } | Refusal {
  if (patch.version !== before.version) return { ok: false, status: 409, code: 'conflict', message: CATEGORY_MESSAGES.conflict, current: before }
  const next = { ...before, name: patch.name ?? before.name, retired: patch.retired ?? before.retired }
  const changes = categoryChanges(before, next)
  return { ok: true, category: changes.length === 0 ? before : { ...next, version: before.version + 1 }, changes }
}
