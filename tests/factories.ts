import { SIMULATED_THROUGH_MONTH } from '@/dataset/generate'
import { REPORT_PLAN_YEAR, ProjectRecordSchema, type ProjectRecord } from '@/contract'
import { createRandom } from '@/dataset/random'
import { allocateExactly } from '@/domain/money'

/**
 * Test data builders (ARCHITECTURE rule 8): seeded, so every run builds the same records, and taking
 * overrides, so a test spells out only the fields it checks. Every record goes through
 * ProjectRecordSchema.parse, so a fixture can never be something the API could not hold.
 */

const FACTORY_SEED = 4242
let sequence = 0

/** Start numbering again (call in beforeEach when a test depends on generated ids or names). */
export function resetFactory() {
  sequence = 0
}

/** Twelve monthly values: `perMonth` for months 1..through, null (no report) afterwards. */
export function reportedThrough(perMonth: number, through: number): (number | null)[] {
  return Array.from({ length: 12 }, (_, i) => (i < through ? perMonth : null))
}

/** Twelve monthly values with the given months (1-based) replaced. */
export function withMonths(
  values: readonly (number | null)[],
  changes: Record<number, number | null>,
): (number | null)[] {
  return values.map((v, i) => (i + 1 in changes ? changes[i + 1]! : v))
}

const OWNERS = ['区城市建设发展平台公司', '区城市更新平台公司', '社会投资项目公司'] as const
const DEPTS = ['区住房城乡建委', '区交通局', '区教委'] as const

/**
 * A valid continuing project that is exactly on 序时 pace through the latest report month: annual plan
 * 1,200 万元 planned as 100 a month, and each month's plan reported as done up to SIMULATED_THROUGH_MONTH.
 * If `annualPlanWan` is overridden without `monthlyPlanWan`, the plan is spread evenly over the year.
 */
export function makeProject(overrides: Partial<ProjectRecord> = {}): ProjectRecord {
  sequence += 1
  const rng = createRandom(FACTORY_SEED + sequence)
  const annualPlanWan = overrides.annualPlanWan ?? 1200
  const completedBeforeYearWan = overrides.completedBeforeYearWan ?? rng.int(0, 5) * 1000
  const monthlyPlanWan =
    overrides.monthlyPlanWan ??
    allocateExactly(
      annualPlanWan,
      Array.from({ length: 12 }, () => 1),
    )
  const defaults: ProjectRecord = {
    id: `P${String(900 + sequence).padStart(3, '0')}`,
    name: `测试项目${sequence}`,
    zoneId: 'nanping',
    focusArea: 'livelihood',
    focusSubCategory: '人居环境',
    investmentType: 'government',
    stage: 'continuing',
    level: 'district',
    ownerUnit: rng.pick(OWNERS),
    responsibleUnit: rng.pick(DEPTS),
    responsibleLeader: '分管城建副区长',
    buildStartYear: REPORT_PLAN_YEAR - 1,
    buildEndYear: REPORT_PLAN_YEAR + 1,
    plannedStartDate: `${REPORT_PLAN_YEAR - 1}-03-01`,
    actualStartDate: `${REPORT_PLAN_YEAR - 1}-03-15`,
    plannedCompletionDate: `${REPORT_PLAN_YEAR + 1}-06-30`,
    actualCompletionDate: null,
    totalInvestmentWan: completedBeforeYearWan + annualPlanWan + rng.int(1, 20) * 1000,
    completedBeforeYearWan,
    annualPlanWan,
    monthlyPlanWan,
    monthlyActualWan: monthlyPlanWan.map((planned, i) => (i < SIMULATED_THROUGH_MONTH ? planned : null)),
    baselineProgress: null,
    progressHistory: [],
    milestones: [],
    problems: [],
    sourcedFields: ['investmentTypeGroup'],
    provenanceNote: '测试数据',
    simulated: true,
    version: 1,
    planAdjustment: null,
    pendingReportMonths: [],
    retired: null,
  }
  return ProjectRecordSchema.parse({ ...defaults, ...overrides })
}

/** A 2024 new start, planned to start in `plannedStartMonth`, reporting 0 万元 each month so far. */
export function makeNewStart(plannedStartMonth: number, overrides: Partial<ProjectRecord> = {}): ProjectRecord {
  const mm = String(plannedStartMonth).padStart(2, '0')
  return makeProject({
    stage: 'new-start',
    buildStartYear: REPORT_PLAN_YEAR,
    plannedStartDate: `${REPORT_PLAN_YEAR}-${mm}-01`,
    actualStartDate: null,
    monthlyActualWan: reportedThrough(0, 12),
    ...overrides,
  })
}
