import { issueFields, type ProblemStatus, type ProjectRecord, type SessionUser } from '@/contract'
import type { AuditChange } from '@/contract/accounts'
import {
  ReportFieldsSchema,
  type Confidence,
  type QueueItem,
  type QueueState,
  type Report,
  type ReportAction,
  type ReportDraftFields,
  type ReportFields,
  type ReportQueue,
  type ReportStatus,
  type UnitCounts,
} from '@/contract/reports'
import { can } from './access'
import { chinaDate, isFutureMonth, isPastDeadline, reportDeadline, zhDate } from './calendar'
import { compareZh } from './zh-order'
import { groupThousands } from './money'
import { CONFIDENCE_LABELS, PROBLEM_STATUS_LABELS } from './labels'
import { PROJECT_EDIT_FIELD_LABELS } from './project-edit'
import { FORECAST_FIELD_LABELS, NO_FORECAST_NEED, missingForecastFields, type ForecastNeed } from './forecast-report'

/**
 * The rules of 月报, once: who may do what to a report in which state, what a valid report is, and what
 * each step changes. The server and the mock API both call these and only store the result.
 */

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '已通过',
  returned: '已退回',
}
export const QUEUE_STATE_LABELS: Record<QueueState, string> = { ...REPORT_STATUS_LABELS, missing: '未填报' }

/** What the audit log calls each field of a report or a problem, and how it shows a value. */
export const PROJECT_FIELD_LABELS: Record<string, string> = {
  status: '状态',
  photos: '形象进度照片',
  actualWan: '当月完成投资（万元）',
  progressPercent: '形象进度（%）',
  progressText: '形象进度描述',
  milestonesReached: '完成的节点',
  problems: '存在问题',
  coordination: '需协调事项',
  nextMonthPlan: '下月计划',
  progressDropReason: '进度回退原因',
  overrunConfirmed: '超计划确认',
  returnComment: '退回原因',
  ...FORECAST_FIELD_LABELS,
  flags: '需核实',
  category: '问题类别',
  categoryRetired: '类别已停用',
  description: '问题描述',
  measure: '措施',
  assignedTo: '督办部门',
  dueDate: '办结时限',
  resolvedDate: '办结日期',
  resolution: '办结情况',
  /** A month's publication: its bulletin's 文号 (decision 64). */
  bulletin: '通报文号',
  ...PROJECT_EDIT_FIELD_LABELS,
}

/** A logged value in words: states by name, milestones as name（date）, booleans as 是/否. */
export function projectValueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (field === 'status' && typeof value === 'string') return REPORT_STATUS_LABELS[value as ReportStatus] ?? PROBLEM_STATUS_LABELS[value as ProblemStatus] ?? value
  if (typeof value === 'boolean') return value ? '是' : '否'
  if ((field === 'confidence' || field === 'commissionConfidence') && typeof value === 'string') return CONFIDENCE_LABELS[value as Confidence] ?? value
  if (field === 'flags' && Array.isArray(value)) return value.length === 0 ? '—' : (value as { message: string }[]).map((f) => f.message).join('；')
  // A photo added or deleted (decision 81 names its files in the log): read as its caption, not as its record.
  if (field === 'photos' && typeof value === 'object' && typeof (value as { caption?: unknown }).caption === 'string') return `照片「${(value as { caption: string }).caption}」`
  if (field === 'milestonesReached' && Array.isArray(value)) {
    return value.length === 0 ? '—' : (value as { name: string; date: string }[]).map((m) => `${m.name}（${zhDate(m.date)}）`).join('；')
  }
  // Dates (dueDate, plannedStartDate …) are stored as YYYY-MM-DD and read as 2024年6月15日.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return zhDate(value)
  return typeof value === 'string' ? value : JSON.stringify(value)
}

export const REPORT_ACTION_LABELS: Record<ReportAction, string> = {
  save: '保存草稿',
  submit: '提交',
  approve: '审核通过',
  return: '退回',
}

/** Which states each action starts from and where it leads. */
const TRANSITIONS: Record<ReportAction, { from: readonly (ReportStatus | null)[]; to: ReportStatus }> = {
  save: { from: [null, 'draft', 'returned'], to: 'draft' },
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
}

/** 'YYYY-MM' of a plan year's month, and back. */
export const reportMonthOf = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`
export const parseReportMonth = (value: string) => ({ year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)) })

export type ReportActor = Pick<SessionUser, 'username' | 'role' | 'ownerUnit'>
type Refusal = { ok: false; status: 403 | 409; code: string; message: string }

/**
 * May this account take this action on this project's report? Filling in is for the project's own
 * 业主单位; approving and returning is for the commission's staff.
 */
export function mayAct(actor: ReportActor, action: ReportAction, project: Pick<ProjectRecord, 'ownerUnit'> & { retired?: unknown }): Refusal | null {
  if (project.retired) return { ok: false, status: 409, code: 'invalid_transition', message: '项目已退出重点项目清单，不再填报或审核月报' }
  if (action === 'save' || action === 'submit') {
    if (!can(actor.role, 'report:write')) return { ok: false, status: 403, code: 'forbidden', message: '只有业主单位可以填报月报' }
    if (actor.ownerUnit !== project.ownerUnit) return { ok: false, status: 403, code: 'forbidden', message: '该项目不属于本单位，不能填报' }
    return null
  }
  if (!can(actor.role, 'report:review')) return { ok: false, status: 403, code: 'forbidden', message: '只有发改委工作人员可以审核月报' }
  return null
}

/**
 * Four eyes (四眼原则): a report is approved by someone other than the person who last submitted it — the
 * owner unit's account, or the staff member who imported it on the unit's behalf. Figures a staff member
 * put in never count on that same member's word alone.
 */
export function reviewerProblem(action: ReportAction, current: Pick<Report, 'submittedBy'> | null, actor: Pick<ReportActor, 'username'>): Refusal | null {
  if (action !== 'approve' || !current?.submittedBy || current.submittedBy !== actor.username) return null
  return { ok: false, status: 403, code: 'four_eyes', message: '该月报由您本人提交或导入（代业主单位报送），须由另一位发改委工作人员审核通过' }
}

/** The version check and the state check of a write, before anything is changed. */
export function checkTransition(action: ReportAction, current: Report | null, version: number | undefined): Refusal | null {
  if (current && version === undefined) {
    return { ok: false, status: 409, code: 'conflict', message: '该月月报已存在，请在最新版本上修改' }
  }
  if (!current && version !== undefined) {
    return { ok: false, status: 409, code: 'conflict', message: '该月月报已不存在或尚未创建，请刷新后重试' }
  }
  if (current && version !== current.version) {
    return { ok: false, status: 409, code: 'conflict', message: `月报已被他人修改（当前第 ${current.version} 版，您编辑的是第 ${version} 版），请查看最新内容后重新操作` }
  }
  const rule = TRANSITIONS[action]
  const state = current?.status ?? null
  if (!rule.from.includes(state)) {
    const now = state ? REPORT_STATUS_LABELS[state] : '未填报'
    return { ok: false, status: 409, code: 'invalid_transition', message: `月报当前为「${now}」，不能${REPORT_ACTION_LABELS[action]}` }
  }
  return null
}

/** What the validation of a report's content needs to know about its project and the clock. */
export type ReportContext = {
  year: number
  month: number
  planYear: number
  now: Date
  annualPlanWan: number
  /** Approved 当月完成投资 of the plan year's other months. */
  otherMonthsApprovedWan: number
  /** 形象进度 (%) of the latest approved report before this month, else the year-start baseline. */
  previousProgressPercent: number | null
}

/** A report's figures may exceed the annual plan by this much before the owner must confirm them. */
export const OVERRUN_CONFIRM_RATIO = 1.5

/** Why no report can be filled in for this month (another year, or a month not yet begun), or null. */
export function reportMonthProblem(year: number, month: number, planYear: number, now: Date): string | null {
  if (year !== planYear) return `只能填报 ${planYear} 年的月报（${year} 年不在本年度计划内）`
  if (isFutureMonth(year, month, now)) return `${year}年${month}月尚未开始，不能填报`
  return null
}

/** Why a report of this year can no longer be reviewed (null: it can): a closed year's figures are a record. */
export function reviewYearProblem(year: number, planYear: number): string | null {
  return year === planYear ? null : `${year} 年度已结束，月报不能再审核（现在报送的是 ${planYear} 年度）`
}

/**
 * Is a draft complete enough to submit (decision 65)? The complete report's fields, or a message per
 * missing or unfinished field and one sentence naming them all. A draft may leave anything empty; submit
 * may not leave empty 当月完成投资, 形象进度 (%) or 形象进度描述, nor — from the month the deployment names
 * (decision 74) — 全年预计完成投资, 完成信心 and, for a project due to finish this year or next, 预计完工日期;
 * a 完成信心 of 中 or lower always needs its 信心说明.
 */
export function completeReport(
  draft: ReportDraftFields,
  need: ForecastNeed = NO_FORECAST_NEED,
): { ok: true; fields: ReportFields } | { ok: false; message: string; fields: Record<string, string> } {
  const parsed = ReportFieldsSchema.safeParse(draft)
  const forecast = missingForecastFields(draft, need)
  if (parsed.success && Object.keys(forecast).length === 0) return { ok: true, fields: parsed.data }
  const fields = { ...(parsed.success ? {} : issueFields(parsed.error.issues)), ...forecast }
  const names = Object.keys(fields).map((key) => PROJECT_FIELD_LABELS[key] ?? key)
  return { ok: false, message: `月报尚未填写完整，不能提交：请填写${names.join('、')}`, fields }
}

/** Field → Chinese message for each rule a complete report breaks (empty when valid); run at submit and on Excel import. */
export function validateReport(fields: ReportFields, ctx: ReportContext): Record<string, string> {
  const problems: Record<string, string> = {}
  const monthProblem = reportMonthProblem(ctx.year, ctx.month, ctx.planYear, ctx.now)
  if (monthProblem) problems.month = monthProblem
  if (ctx.previousProgressPercent !== null && fields.progressPercent < ctx.previousProgressPercent && !fields.progressDropReason) {
    problems.progressDropReason = `形象进度低于上次审核通过的 ${ctx.previousProgressPercent}%，请说明进度回退的原因`
  }
  const cumulative = ctx.otherMonthsApprovedWan + fields.actualWan
  if (cumulative > ctx.annualPlanWan * OVERRUN_CONFIRM_RATIO && fields.actualWan > 0 && !fields.confirmOverrun) {
    problems.confirmOverrun =
      ctx.annualPlanWan > 0
        ? `本年累计完成 ${groupThousands(cumulative)} 万元，超过年度计划 ${groupThousands(ctx.annualPlanWan)} 万元的 150%，请核实后勾选确认`
        : `该项目本年无年度计划投资，填报完成投资 ${groupThousands(cumulative)} 万元，请核实后勾选确认`
  }
  const today = chinaDate(ctx.now)
  fields.milestonesReached.forEach((m, i) => {
    if (m.date > today) problems[`milestonesReached.${i}.date`] = `节点「${m.name}」的日期晚于今天`
  })
  return problems
}

/** The report after a save: the owner's fields (a draft's: any may be empty), a new version, back to draft. */
export function applySave(before: Report | null, fields: ReportDraftFields, projectId: string, month: string, actor: ReportActor, now: Date, simulated = false): Report {
  return {
    projectId,
    month,
    status: TRANSITIONS.save.to,
    version: (before?.version ?? 0) + 1,
    actualWan: fields.actualWan,
    progressPercent: fields.progressPercent,
    progressText: fields.progressText,
    milestonesReached: fields.milestonesReached,
    problems: fields.problems,
    coordination: fields.coordination,
    nextMonthPlan: fields.nextMonthPlan,
    progressDropReason: fields.progressDropReason,
    overrunConfirmed: fields.confirmOverrun,
    // A returned report keeps the reason it was returned for until it is submitted again.
    returnComment: before?.returnComment ?? null,
    forecastYearWan: fields.forecastYearWan,
    forecastCompletionDate: fields.forecastCompletionDate,
    confidence: fields.confidence,
    confidenceReason: fields.confidenceReason?.trim() ? fields.confidenceReason : null,
    // The commission's rating is its own: an owner's edit keeps it.
    commissionConfidence: before?.commissionConfidence ?? null,
    commissionConfidenceReason: before?.commissionConfidenceReason ?? null,
    // 需核实 is judged at submit, on the content then: an edited draft has none yet.
    flags: [],
    updatedAt: now.toISOString(),
    updatedBy: actor.username,
    submittedAt: before?.submittedAt ?? null,
    submittedBy: before?.submittedBy ?? null,
    reviewedAt: before?.reviewedAt ?? null,
    reviewedBy: before?.reviewedBy ?? null,
    simulated: before?.simulated ?? simulated,
    // Photos are added and deleted one by one (their own routes); a save keeps them.
    photos: before?.photos ?? [],
  }
}

/**
 * The report after submit, approve or return (already checked by checkTransition). A submit stores the
 * 需核实 flags found on it (src/domain/report-flags.ts).
 */
export function applyTransition(before: Report, action: Exclude<ReportAction, 'save'>, actor: ReportActor, now: Date, comment?: string, flags: Report['flags'] = []): Report {
  const at = now.toISOString()
  const next: Report = { ...before, status: TRANSITIONS[action].to, version: before.version + 1, updatedAt: at, updatedBy: actor.username }
  if (action === 'submit') return { ...next, submittedAt: at, submittedBy: actor.username, returnComment: null, flags }
  if (action === 'return') return { ...next, reviewedAt: at, reviewedBy: actor.username, returnComment: comment ?? null }
  return { ...next, reviewedAt: at, reviewedBy: actor.username }
}

/** A return must say why. */
export function missingReturnReason(action: ReportAction, comment: string | undefined): Record<string, string> | null {
  return action === 'return' && !comment?.trim() ? { comment: '退回时请填写退回原因' } : null
}

const AUDITED_FIELDS = [
  'status',
  'actualWan',
  'progressPercent',
  'progressText',
  'milestonesReached',
  'problems',
  'coordination',
  'nextMonthPlan',
  'progressDropReason',
  'overrunConfirmed',
  'returnComment',
  'forecastYearWan',
  'forecastCompletionDate',
  'confidence',
  'confidenceReason',
  'commissionConfidence',
  'commissionConfidenceReason',
  'flags',
] as const satisfies readonly (keyof Report)[]

/** JSON with object keys sorted: a stored value (jsonb reorders keys) compares equal to the same value typed in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** Each audited field before → after (creation: before is null). */
export function reportChanges(before: Report | null, after: Report): AuditChange[] {
  return AUDITED_FIELDS.flatMap((field) => {
    // A new report has no 需核实 yet: no flags is no change.
    const was = before ? before[field] : field === 'flags' ? [] : null
    const now = after[field]
    return stableJson(was) === stableJson(now) ? [] : [{ field, before: was, after: now }]
  })
}

/** A stored report's fields, to check them for completeness and validate them again on submit. */
export function fieldsOfReport(report: Report): ReportDraftFields {
  return {
    actualWan: report.actualWan,
    progressPercent: report.progressPercent,
    progressText: report.progressText,
    milestonesReached: report.milestonesReached,
    problems: report.problems,
    coordination: report.coordination,
    nextMonthPlan: report.nextMonthPlan,
    progressDropReason: report.progressDropReason,
    confirmOverrun: report.overrunConfirmed,
    forecastYearWan: report.forecastYearWan,
    forecastCompletionDate: report.forecastCompletionDate,
    confidence: report.confidence,
    confidenceReason: report.confidenceReason,
  }
}

/**
 * The project's milestones once a report is approved: a planned milestone the report says was reached
 * (same name, ignoring spaces) gets that date, unless it already has one.
 */
export function milestonesAfterApproval(milestones: ProjectRecord['milestones'], reached: Report['milestonesReached']): ProjectRecord['milestones'] {
  const key = (name: string) => name.replace(/\s+/g, '')
  const dates = new Map(reached.map((m) => [key(m.name), m.date]))
  return milestones.map((m) => (m.actualDate === null && dates.has(key(m.name)) ? { ...m, actualDate: dates.get(key(m.name))! } : m))
}

/** What validateReport needs from the project's approved figures. */
export function reportContextOf(record: ProjectRecord, year: number, month: number, planYear: number, now: Date): ReportContext {
  return {
    year,
    month,
    planYear,
    now,
    annualPlanWan: record.annualPlanWan,
    otherMonthsApprovedWan: otherMonthsApprovedWan(record, month),
    previousProgressPercent: previousProgressPercent(record, month),
  }
}

/** Approved 当月完成投资 of the plan year's months other than this one. */
export const otherMonthsApprovedWan = (record: Pick<ProjectRecord, 'monthlyActualWan'>, month: number) =>
  record.monthlyActualWan.reduce<number>((sum, v, i) => (i === month - 1 ? sum : sum + (v ?? 0)), 0)

/** 形象进度 (%) of the latest approved report before this month, else the year-start baseline. */
export function previousProgressPercent(record: Pick<ProjectRecord, 'baselineProgress' | 'progressHistory'>, month: number): number | null {
  let previous = record.baselineProgress?.percent ?? null
  for (const h of record.progressHistory) if (h.month < month && h.percent !== null) previous = h.percent
  return previous
}

export type QueueProject = Pick<ProjectRecord, 'id' | 'name' | 'ownerUnit' | 'responsibleUnit' | 'actualCompletionDate'>

/** Whether a project still reports in a month: not when it was completed before the month began. */
export function reportsInMonth(project: Pick<ProjectRecord, 'actualCompletionDate'>, year: number, month: number): boolean {
  return project.actualCompletionDate === null || project.actualCompletionDate >= `${reportMonthOf(year, month)}-01`
}

function countBy(items: readonly QueueItem[], unitOf: (item: QueueItem) => string): UnitCounts[] {
  const counts = new Map<string, UnitCounts>()
  for (const item of items) {
    const unit = unitOf(item)
    let c = counts.get(unit)
    if (!c) counts.set(unit, (c = { unit, projects: 0, approved: 0, submitted: 0, returned: 0, draft: 0, missing: 0, overdue: 0 }))
    c.projects += 1
    c[item.state] += 1
    if (item.overdue) c.overdue += 1
  }
  // The units with most overdue first, then zh-CN order: the order a staff member chases them in.
  return [...counts.values()].sort((a, b) => b.overdue - a.overdue || compareZh(a.unit, b.unit))
}

const QUEUE_ORDER: Record<QueueState, number> = { submitted: 0, returned: 1, draft: 2, missing: 3, approved: 4 }

/**
 * A month's reporting state: every project that reports in it, its report's state, and counts per unit.
 * A report not approved is late (逾期) once the month's deadline has passed or the month is published,
 * whichever comes first; before that it is still due (待报送), not a failure.
 */
export function buildReportQueue(
  projects: readonly QueueProject[],
  reportOf: (projectId: string) => Report | null,
  year: number,
  month: number,
  now: Date,
  deadlineDay: number,
  published = false,
): ReportQueue {
  const pastDeadline = isPastDeadline(year, month, now, deadlineDay)
  const late = pastDeadline || published
  const items: QueueItem[] = projects
    .filter((p) => reportsInMonth(p, year, month))
    .map((p) => {
      const report = reportOf(p.id)
      const state: QueueState = report?.status ?? 'missing'
      return {
        projectId: p.id,
        projectName: p.name,
        ownerUnit: p.ownerUnit,
        responsibleUnit: p.responsibleUnit,
        state,
        overdue: late && state !== 'approved',
        version: report?.version ?? null,
        actualWan: report?.actualWan ?? null,
        progressPercent: report?.progressPercent ?? null,
        submittedAt: report?.submittedAt ?? null,
        returnComment: report?.returnComment ?? null,
        forecastYearWan: report?.forecastYearWan ?? null,
        confidence: report?.confidence ?? null,
        commissionConfidence: report?.commissionConfidence ?? null,
        flags: report?.flags ?? [],
        photos: report?.photos ?? [],
      }
    })
    // Flagged reports (需核实) first within their state: a reviewer looks at them before the others.
    .sort((a, b) => QUEUE_ORDER[a.state] - QUEUE_ORDER[b.state] || Number(b.flags.length > 0) - Number(a.flags.length > 0) || (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0))
  return {
    month: reportMonthOf(year, month),
    deadline: reportDeadline(year, month, deadlineDay),
    pastDeadline,
    items,
    byOwnerUnit: countBy(items, (i) => i.ownerUnit),
    byResponsibleUnit: countBy(items, (i) => i.responsibleUnit),
  }
}
