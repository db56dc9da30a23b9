import type { ProjectRecord } from '@/contract'
import type { AuditChange } from '@/contract/accounts'
import type { CreateProject, UpdateProject } from '@/contract/project-edit'
import { allocateExactly } from './money'

/**
 * Corrections of the project list by the commission's staff, once for the server and the mock. The list
 * is final only when the district government issues it (以区政府发文为准), so names, zones, units and plans
 * change; nothing is deleted — a project is retired with a reason and then counts in no figure.
 */

type Refusal = { ok: false; status: 409 | 422; code: string; message: string; fields?: Record<string, string> }

export function checkProjectEdit(record: ProjectRecord, version: number): Refusal | null {
  if (version !== record.version) {
    return { ok: false, status: 409, code: 'conflict', message: `项目信息已被他人修改（当前第 ${record.version} 版，您编辑的是第 ${version} 版），请查看最新内容后重新修改` }
  }
  if (record.retired) return { ok: false, status: 409, code: 'invalid_transition', message: '项目已退出重点项目清单，不能修改' }
  return null
}

export const EDITABLE_FIELDS = [
  'name',
  'zoneId',
  'focusArea',
  'investmentType',
  'stage',
  'ownerUnit',
  'responsibleUnit',
  'totalInvestmentWan',
  'annualPlanWan',
  'plannedStartDate',
  'plannedCompletionDate',
] as const satisfies readonly (keyof UpdateProject & keyof ProjectRecord)[]

/**
 * The record after an edit, or what is wrong with it (field → message). A new annual plan is 中期调整:
 * it needs a reason, keeps the plan first issued beside it, and is spread over the months in the shape
 * of the old monthly plan (evenly when that was all zero).
 */
export function applyProjectUpdate(
  record: ProjectRecord,
  patch: UpdateProject,
  now: Date,
): { ok: true; record: ProjectRecord; changes: AuditChange[] } | Refusal {
  const next: ProjectRecord = { ...record }
  for (const field of EDITABLE_FIELDS) {
    if (patch[field] !== undefined) (next as Record<string, unknown>)[field] = patch[field]
  }
  const fields: Record<string, string> = {}
  const planChanged = next.annualPlanWan !== record.annualPlanWan
  if (planChanged && !patch.reason) fields.reason = '调整年度计划投资（中期调整）须说明原因'
  if (next.annualPlanWan > next.totalInvestmentWan) fields.annualPlanWan = '年度计划投资不能超过总投资'
  if (next.plannedCompletionDate < next.plannedStartDate) fields.plannedCompletionDate = '计划竣工日期不能早于计划开工日期'
  if (Object.keys(fields).length > 0) return { ok: false, status: 422, code: 'invalid_project', message: '项目信息有误，请按提示修改', fields }

  if (planChanged) {
    const shape = record.monthlyPlanWan.some((v) => v > 0) ? record.monthlyPlanWan : record.monthlyPlanWan.map(() => 1)
    next.monthlyPlanWan = allocateExactly(next.annualPlanWan, shape)
    next.planAdjustment = {
      originalAnnualPlanWan: record.planAdjustment?.originalAnnualPlanWan ?? record.annualPlanWan,
      reason: patch.reason!,
      adjustedAt: now.toISOString(),
    }
  }
  const changes = EDITABLE_FIELDS.flatMap((field) =>
    next[field] === record[field] ? [] : [{ field, before: record[field] as unknown, after: next[field] as unknown }],
  )
  if (changes.length === 0) return { ok: true, record, changes }
  next.version = record.version + 1
  return { ok: true, record: next, changes }
}

export function applyRetire(record: ProjectRecord, reason: string, now: Date): { record: ProjectRecord; changes: AuditChange[] } {
  const retired = { reason, at: now.toISOString() }
  return { record: { ...record, retired, version: record.version + 1 }, changes: [{ field: 'retired', before: null, after: reason }] }
}

/** The next free 项目编号 after the highest in use (P132 → P133), keeping at least three digits. */
export function nextProjectId(existing: Iterable<string>): string {
  let highest = 0
  for (const id of existing) highest = Math.max(highest, Number(id.slice(1)))
  return `P${String(highest + 1).padStart(3, '0')}`
}

/**
 * A project added by hand: the staff's own record (not simulated, nothing reported yet), its plan spread
 * evenly over the months. The same rules as an edit; a 项目编号 in use is a conflict.
 */
export function newProjectRecord(
  input: CreateProject,
  existingIds: readonly string[] | ReadonlySet<string>,
  planYear: number,
): { ok: true; record: ProjectRecord } | Refusal {
  const id = input.id ?? nextProjectId(existingIds)
  if ('has' in existingIds ? existingIds.has(id) : existingIds.includes(id)) return { ok: false, status: 409, code: 'conflict', message: `项目编号 ${id} 已存在`, fields: { id: `项目编号 ${id} 已存在` } }
  const fields: Record<string, string> = {}
  if (input.annualPlanWan > input.totalInvestmentWan) fields.annualPlanWan = '年度计划投资不能超过总投资'
  if (input.completedBeforeYearWan > input.totalInvestmentWan) fields.completedBeforeYearWan = '截至上年底累计完成不能超过总投资'
  if (input.plannedCompletionDate < input.plannedStartDate) fields.plannedCompletionDate = '计划竣工日期不能早于计划开工日期'
  if (Object.keys(fields).length > 0) return { ok: false, status: 422, code: 'invalid_project', message: '项目信息有误，请按提示修改', fields }
  return {
    ok: true,
    record: {
      id,
      name: input.name,
      zoneId: input.zoneId,
      focusArea: input.focusArea,
      focusSubCategory: input.focusSubCategory,
      investmentType: input.investmentType,
      stage: input.stage,
      level: 'district',
      ownerUnit: input.ownerUnit,
      responsibleUnit: input.responsibleUnit,
      responsibleLeader: '',
      buildStartYear: Number(input.plannedStartDate.slice(0, 4)),
      buildEndYear: Number(input.plannedCompletionDate.slice(0, 4)),
      plannedStartDate: input.plannedStartDate,
      actualStartDate: null,
      plannedCompletionDate: input.plannedCompletionDate,
      actualCompletionDate: null,
      totalInvestmentWan: input.totalInvestmentWan,
      completedBeforeYearWan: input.completedBeforeYearWan,
      annualPlanWan: input.annualPlanWan,
      monthlyPlanWan: allocateExactly(input.annualPlanWan, new Array<number>(12).fill(1)),
      monthlyActualWan: new Array<number | null>(12).fill(null),
      baselineProgress: null,
      progressHistory: [],
      milestones: [],
      problems: [],
      sourcedFields: [],
      provenanceNote: `由发改委工作人员于${planYear}年度清单中录入。`,
      simulated: false,
      version: 1,
      planAdjustment: null,
      pendingReportMonths: [],
      retired: null,
    },
  }
}

/** The projects that count: every one not retired. */
export const activeRecords = (records: readonly ProjectRecord[]): ProjectRecord[] => records.filter((r) => !r.retired)

export const PROJECT_EDIT_FIELD_LABELS: Record<(typeof EDITABLE_FIELDS)[number] | 'retired', string> = {
  name: '项目名称',
  zoneId: '所属片区',
  focusArea: '四个聚焦',
  investmentType: '投资类别',
  stage: '建设性质',
  ownerUnit: '业主单位',
  responsibleUnit: '责任单位',
  totalInvestmentWan: '总投资（万元）',
  annualPlanWan: '年度计划投资（万元）',
  plannedStartDate: '计划开工日期',
  plannedCompletionDate: '计划竣工日期',
  retired: '退出重点项目',
}
