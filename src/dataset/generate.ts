import {
  REPORT_PLAN_YEAR,
  type FocusArea,
  type InvestmentType,
  type Milestone,
  type Problem,
  type ProgressEntry,
  type ProjectRecord,
  type ProvenanceField,
  type Stage,
  type ZoneId,
} from '@/contract'
import { ZONES, zoneInfo } from '@/domain/labels'
import { allocateExactly } from '@/domain/money'
import { REPORT_FIGURES } from '@/domain/plan-report'
import { CARRIED_OVER_2023, NAMED_PROJECTS, type NamedProject, type ProjectKind } from './named-projects'
import {
  AFTER_COMPLETION_MILESTONES,
  COMPLETED_BEFORE_YEAR_WORDS,
  PREPARATORY_MILESTONES,
  STAGE_END_MILESTONES,
  STAGE_FLOORS,
  STAGELESS_MILESTONES,
  COMPLETED_WORDS,
  NOT_STARTED_WORDS,
  stageOfPercent,
  wordsFor,
  type LadderFamily,
} from './progress-ladder'
import { createRandom, type Random } from './random'

/** The demo dataset simulates approved reports for January to this month of the plan year. */
export const SIMULATED_THROUGH_MONTH = 9

export { REPORT_FIGURES }

export const DATASET_SEED = 20240204

/** How each kind of project is sized: relative annual plan and total ÷ annual. */
const KIND_PROFILE: Record<ProjectKind, { annualWeight: number; totalMultiple: number }> = {
  metro: { annualWeight: 120, totalMultiple: 12 },
  railway: { annualWeight: 90, totalMultiple: 16 },
  bridge: { annualWeight: 60, totalMultiple: 6 },
  road: { annualWeight: 14, totalMultiple: 4 },
  building: { annualWeight: 16, totalMultiple: 5 },
  industry: { annualWeight: 22, totalMultiple: 4 },
  commerce: { annualWeight: 20, totalMultiple: 6 },
  school: { annualWeight: 8, totalMultiple: 3 },
  hospital: { annualWeight: 15, totalMultiple: 5 },
  ecology: { annualWeight: 9, totalMultiple: 3.5 },
  renewal: { annualWeight: 26, totalMultiple: 8 },
  programme: { annualWeight: 30, totalMultiple: 3 },
}

/** Templates for the ~66 projects the report does not name (simulated, marked 模拟). */
const SIMULATED_TEMPLATES: readonly { suffix: string; focusArea: FocusArea; sub: string; kind: ProjectKind }[] = [
  { suffix: '城市更新示范片区', focusArea: 'key-zones', sub: '提升城市品质', kind: 'renewal' },
  { suffix: '滨江公共空间提升工程', focusArea: 'key-zones', sub: '提升城市品质', kind: 'ecology' },
  { suffix: '片区综合开发项目', focusArea: 'key-zones', sub: '新城建设', kind: 'renewal' },
  { suffix: '智能终端产业园标准厂房', focusArea: 'key-directions', sub: '工业倍增专项行动', kind: 'industry' },
  { suffix: '新材料产业化项目', focusArea: 'key-directions', sub: '工业倍增专项行动', kind: 'industry' },
  { suffix: '数字产业载体建设项目', focusArea: 'key-directions', sub: '数字经济跃升专项行动', kind: 'building' },
  { suffix: '商业街区提档升级项目', focusArea: 'key-directions', sub: '商旅文体融合专项行动', kind: 'commerce' },
  { suffix: '文旅融合示范项目', focusArea: 'key-directions', sub: '商旅文体融合专项行动', kind: 'commerce' },
  { suffix: '小学校新建工程', focusArea: 'livelihood', sub: '教育卫生', kind: 'school' },
  { suffix: '社区卫生服务中心建设项目', focusArea: 'livelihood', sub: '教育卫生', kind: 'hospital' },
  { suffix: '保障性租赁住房项目', focusArea: 'livelihood', sub: '人居环境', kind: 'renewal' },
  { suffix: '社区公园及绿道工程', focusArea: 'livelihood', sub: '人居环境', kind: 'ecology' },
  { suffix: '片区配套道路工程', focusArea: 'infrastructure', sub: '保障类道路', kind: 'road' },
  { suffix: '雨污分流管网改造工程', focusArea: 'infrastructure', sub: '生态环保', kind: 'ecology' },
  { suffix: '公共停车场及充电设施项目', focusArea: 'infrastructure', sub: '保障类道路', kind: 'road' },
]

const ORDINALS = ['', '（二期）', '（三期）', '（四期）', '（五期）', '（六期）', '（七期）', '（八期）']

/** Simulated units, grouped by kind. All owner/leader values are simulated and shown as such. */
const RESPONSIBLE_UNIT: Record<ProjectKind, readonly string[]> = {
  metro: ['区交通局'],
  railway: ['区交通局'],
  bridge: ['区交通局'],
  road: ['区交通局', '区住房城乡建委'],
  building: ['区住房城乡建委', '区科技局'],
  industry: ['区经济信息委', '重庆经开区管委会'],
  commerce: ['区商务委', '区文化旅游委'],
  school: ['区教委'],
  hospital: ['区卫生健康委'],
  ecology: ['区生态环境局', '区城市管理局', '区水利局'],
  renewal: ['区住房城乡建委', '区规划自然资源局'],
  programme: ['区住房城乡建委'],
}
const LEADER_BY_UNIT: Record<string, string> = {
  区交通局: '分管交通副区长',
  区住房城乡建委: '分管城建副区长',
  区科技局: '分管科技副区长',
  区经济信息委: '分管工业副区长',
  重庆经开区管委会: '经开区管委会主任',
  区商务委: '分管商务副区长',
  区文化旅游委: '分管文旅副区长',
  区教委: '分管教育副区长',
  区卫生健康委: '分管卫生副区长',
  区生态环境局: '分管生态环境副区长',
  区城市管理局: '分管城管副区长',
  区水利局: '分管生态环境副区长',
  区规划自然资源局: '常务副区长',
}
function ownerUnitFor(kind: ProjectKind, type: InvestmentType, zoneId: ZoneId, responsibleUnit: string, rng: Random): string {
  if (kind === 'metro') return '重庆市轨道交通（集团）有限公司'
  if (kind === 'railway') return '铁路建设项目法人单位'
  if (type === 'social') return rng.pick(['社会投资项目公司', '民营企业项目公司', '国有企业项目公司'])
  if (zoneId === 'gyw-city' || zoneId === 'gy-bay') return '广阳湾片区开发建设平台公司'
  if (zoneId === 'east-station') return '东站新城开发建设平台公司'
  if (zoneId === 'gy-island') return '广阳岛片区开发建设平台公司'
  if (kind === 'school' || kind === 'hospital') return responsibleUnit
  return rng.pick(['区城市建设发展平台公司', '区城市更新平台公司', responsibleUnit])
}

/** How the simulated year unfolds for one project. */
type Scenario =
  | { kind: 'perf'; rate: number }
  | { kind: 'completed'; month: number }
  | { kind: 'not-reported'; missingFrom: number; rate: number }
  | { kind: 'not-started' }
  | { kind: 'pending' }

type Draft = NamedProject & {
  id: string
  fromReport: boolean
  simulated: boolean
  baselineFromReport: boolean
}

const SEASON = [0.05, 0.055, 0.08, 0.085, 0.09, 0.09, 0.09, 0.09, 0.095, 0.095, 0.095, 0.095]

const pad = (n: number) => String(n).padStart(2, '0')
const date = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`
const lastDay = (month: number) => new Date(Date.UTC(REPORT_PLAN_YEAR, month, 0)).getUTCDate()

function draftProjects(rng: Random): Draft[] {
  const drafts: Draft[] = []
  const add = (p: NamedProject, simulated: boolean) =>
    drafts.push({
      ...p,
      id: `P${String(drafts.length + 1).padStart(3, '0')}`,
      fromReport: !simulated,
      simulated,
      baselineFromReport: !!p.baseline,
    })
  for (const p of NAMED_PROJECTS) add(p, false)
  for (const p of CARRIED_OVER_2023) add(p, false)

  const namedCount = (type: InvestmentType) => drafts.filter((d) => d.investmentType === type).length
  const toSimulate: InvestmentType[] = []
  for (const type of ['government', 'social', 'joint', 'unclassified'] as const) {
    const missing = REPORT_FIGURES.byInvestmentType[type].projectCount - namedCount(type)
    if (missing < 0) throw new Error(`too many named projects of type ${type}`)
    for (let i = 0; i < missing; i++) toSimulate.push(type)
  }
  const used = new Map<string, number>()
  const zones = ZONES.map((z) => z.id)
  for (const type of toSimulate) {
    const template = rng.pick(
      type === 'social' ? SIMULATED_TEMPLATES.filter((t) => t.kind !== 'school' && t.kind !== 'hospital') : SIMULATED_TEMPLATES,
    )
    const zoneId = rng.chance(0.3) ? 'district-wide' : rng.pick(zones)
    const place = zoneId === 'district-wide' ? '南岸区' : zoneInfo(zoneId).name
    const base = `${place}${template.suffix}`
    const n = used.get(base) ?? 0
    used.set(base, n + 1)
    const stageRoll = rng.next()
    const stage: Stage = stageRoll < 0.6 ? 'continuing' : stageRoll < 0.88 ? 'new-start' : 'preparatory'
    add(
      {
        name: `${base}${ORDINALS[n] ?? `（${n + 1}）`}`,
        focusArea: template.focusArea,
        focusSubCategory: template.sub,
        focusFromReport: false,
        zoneId,
        investmentType: type,
        stage,
        kind: template.kind,
      },
      true,
    )
  }
  return drafts
}

function chooseScenarios(drafts: readonly Draft[], rng: Random): Map<string, Scenario> {
  const scenarios = new Map<string, Scenario>()
  const perfRate = (): number => {
    const roll = rng.next()
    if (roll < 0.3) return rng.between(0.79, 0.96) // ahead of 序时
    if (roll < 0.62) return rng.between(0.74, 0.81) // about on pace
    if (roll < 0.79) return rng.between(0.67, 0.74) // slightly behind
    if (roll < 0.95) return rng.between(0.5, 0.64) // 滞后
    return rng.between(0.2, 0.42) // 严重滞后
  }
  // Projects nearly done at the end of 2023 finish during 2024; a few simulated ones too.
  const continuing = drafts.filter((d) => d.stage === 'continuing')
  const completers = [
    ...continuing.filter((d) => (d.baseline?.percent ?? 0) >= 90),
    ...rng.shuffle(continuing.filter((d) => d.simulated)).slice(0, 3),
  ]
  for (const d of completers) scenarios.set(d.id, { kind: 'completed', month: rng.int(3, 9) })
  // New starts: some due and not started, the rest started or not yet due.
  const newStarts = rng.shuffle(drafts.filter((d) => d.stage === 'new-start'))
  newStarts.forEach((d, i) => {
    if (i < 5) scenarios.set(d.id, { kind: 'not-started' })
    else if (i < 9) scenarios.set(d.id, { kind: 'pending' })
    else scenarios.set(d.id, { kind: 'perf', rate: perfRate() })
  })
  // A few owners have not reported the latest month (or the last two).
  const others = rng.shuffle(drafts.filter((d) => !scenarios.has(d.id)))
  others.forEach((d, i) => {
    if (i < 4) scenarios.set(d.id, { kind: 'not-reported', missingFrom: i === 0 ? 8 : 9, rate: perfRate() })
    else scenarios.set(d.id, { kind: 'perf', rate: perfRate() })
  })
  return scenarios
}

/** Monthly plan shape: nothing before the planned start, nothing after a planned completion. */
function planShape(firstMonth: number, lastMonth: number): number[] {
  return SEASON.map((w, i) => (i + 1 >= firstMonth && i + 1 <= lastMonth ? w : 0))
}

/** Which words of the one ladder (progress-ladder.ts) a project uses. */
function ladderFamily(kind: ProjectKind, stage: Stage): LadderFamily {
  if (stage === 'preparatory') return 'preparatory'
  if (kind === 'metro' || kind === 'railway') return 'transit'
  if (kind === 'road' || kind === 'bridge') return 'road'
  if (kind === 'ecology') return 'ecology'
  if (kind === 'programme') return 'programme'
  return 'building'
}

/** The sub-direction under which the report lists the 市级在区重大交通项目: the only projects it calls 市级. */
const CITY_LEVEL_SUB_CATEGORY = '市级在区重大交通项目'
const isCityLevel = (d: Draft) => d.focusFromReport && d.focusSubCategory === CITY_LEVEL_SUB_CATEGORY

const PROBLEM_POOL: readonly { category: string; description: string; measure: string }[] = [
  { category: '征地拆迁', description: '部分地块征收补偿未达成一致，影响施工作业面移交', measure: '属地街道牵头逐户协调，区征收中心加快补偿兑付' },
  { category: '资金保障', description: '建设资金到位不足，进度款支付滞后', measure: '积极争取专项债及上级资金，优化资金拨付计划' },
  { category: '审批手续', description: '施工许可等前期手续办理进度滞后', measure: '区发展改革委会同相关部门并联审批、容缺受理' },
  { category: '管线迁改', description: '燃气、通信管线迁改未完成，制约主体施工', measure: '召开专题协调会，明确产权单位迁改时限' },
  { category: '施工组织', description: '施工单位人员机械投入不足，工效偏低', measure: '约谈施工单位，督促增加作业面和人员投入' },
  { category: '设计变更', description: '方案调整导致设计变更，部分工程暂缓', measure: '加快变更审查，先行实施不受影响部分' },
  { category: '市场因素', description: '招商及销售不及预期，社会资本投资意愿下降', measure: '落实惠企政策，协助企业对接金融机构' },
]

function makeProblems(id: string, scenario: Scenario, rate: number | null, rng: Random, responsibleUnit: string): Problem[] {
  const behind =
    scenario.kind === 'not-started' ||
    (scenario.kind === 'perf' && scenario.rate < 0.65) ||
    (scenario.kind === 'not-reported' && rng.chance(0.5))
  const count = behind ? rng.int(1, 2) : rng.chance(0.15) ? 1 : 0
  const problems: Problem[] = []
  const pool = rng.shuffle(PROBLEM_POOL)
  for (let i = 0; i < count; i++) {
    const item = pool[i]!
    const raisedMonth = rng.int(3, SIMULATED_THROUGH_MONTH)
    const dueMonth = Math.min(12, raisedMonth + rng.int(1, 3))
    const resolved = !behind || (rate !== null && rate > 0.6 && rng.chance(0.3))
    const resolvedMonth = Math.min(SIMULATED_THROUGH_MONTH, dueMonth)
    problems.push({
      id: `${id}-Q${i + 1}`,
      ...item,
      status: resolved ? 'resolved' : raisedMonth >= SIMULATED_THROUGH_MONTH - 1 ? 'warning' : 'supervising',
      raisedDate: date(REPORT_PLAN_YEAR, raisedMonth, rng.int(5, 25)),
      dueDate: date(REPORT_PLAN_YEAR, dueMonth, lastDay(dueMonth)),
      resolvedDate: resolved ? date(REPORT_PLAN_YEAR, resolvedMonth, rng.int(1, 28)) : null,
      // Supervised and settled problems were assigned to the project's 责任单位 (simulated).
      assignedTo: resolved || raisedMonth < SIMULATED_THROUGH_MONTH - 1 ? responsibleUnit : null,
      resolution: null,
      version: 1,
    })
  }
  return problems
}

/** Builds the 132 projects of 2024. Deterministic: the same seed gives the same records. */
export function generateDataset(seed = DATASET_SEED): ProjectRecord[] {
  const rng = createRandom(seed)
  const drafts = draftProjects(rng)
  const scenarios = chooseScenarios(drafts, rng)

  // 1. Dates and plan windows.
  const plan = new Map<string, { plannedStart: number; startYear: number; completionMonth: number | null; endYear: number }>()
  for (const d of drafts) {
    const scenario = scenarios.get(d.id)!
    if (d.stage === 'new-start') {
      const plannedStart =
        scenario.kind === 'not-started' ? rng.int(3, 8) : scenario.kind === 'pending' ? rng.int(10, 11) : rng.pick([2, 2, 3, 3, 3, 4, 4, 5, 6])
      plan.set(d.id, { plannedStart, startYear: REPORT_PLAN_YEAR, completionMonth: null, endYear: REPORT_PLAN_YEAR + rng.int(1, 3) })
    } else if (d.stage === 'preparatory') {
      plan.set(d.id, { plannedStart: rng.int(1, 12), startYear: REPORT_PLAN_YEAR + 1, completionMonth: null, endYear: REPORT_PLAN_YEAR + rng.int(3, 5) })
    } else {
      const completionMonth = scenario.kind === 'completed' ? scenario.month : null
      const plannedStart = rng.int(1, 12)
      // Drawn even where the report gives the year, so that every later draw (and every amount) stays the same.
      const drawnStartYear = REPORT_PLAN_YEAR - rng.int(1, 4)
      plan.set(d.id, {
        plannedStart,
        startYear: d.startedIn ?? drawnStartYear,
        completionMonth,
        endYear: completionMonth ? REPORT_PLAN_YEAR : REPORT_PLAN_YEAR + rng.int(1, 4),
      })
    }
  }

  // 2. Annual plans: exact per investment type (FACTS §1), shared by size weights.
  const annual = new Map<string, number>()
  for (const type of ['government', 'social', 'joint', 'unclassified'] as const) {
    const group = drafts.filter((d) => d.investmentType === type)
    const weights = group.map((d) => {
      const stageFactor = d.stage === 'preparatory' ? 0.12 : d.stage === 'new-start' ? 0.7 : 1
      const completionFactor = plan.get(d.id)!.completionMonth ? 0.5 : 1
      return KIND_PROFILE[d.kind].annualWeight * stageFactor * completionFactor * rng.between(0.6, 1.5)
    })
    allocateExactly(REPORT_FIGURES.byInvestmentType[type].annualPlanWan, weights).forEach((v, i) => annual.set(group[i]!.id, v))
  }

  // 3. End-of-2023 standing of every continuing project: one percent that sets its stage, the money spent before
  // 2024 and the earliest start year (see baselineOf).
  const baselines = new Map<string, Baseline>()
  for (const d of drafts) baselines.set(d.id, baselineOf(d, plan.get(d.id)!, rng))

  // 4. Total investment: annual plan + the rest, so that the sum is exactly 2391 亿元. A continuing project's
  // total follows from its standing: spent before 2024 = total × startPercent, and the 2024 plan covers the
  // share g of the work left (all of it when it completes in 2024; 配套 only, 5% of the total, when 已完工).
  // The other projects share what is left by size.
  const rest = REPORT_FIGURES.totalInvestmentWan - REPORT_FIGURES.annualPlanWan
  const fixed = new Map<string, { restWan: number; beforeWan: number }>()
  for (const d of drafts) {
    const b = baselines.get(d.id)!
    if (d.stage !== 'continuing') continue
    const a = annual.get(d.id)!
    if (b.completedBeforeYear) {
      const restWan = a * 19
      fixed.set(d.id, { restWan, beforeWan: restWan })
    } else if (plan.get(d.id)!.completionMonth !== null) {
      const restWan = Math.round((a * b.startPercent) / (100 - b.startPercent))
      fixed.set(d.id, { restWan, beforeWan: restWan })
    } else {
      const total = Math.round((a * 100) / ((100 - b.startPercent) * b.yearShare))
      fixed.set(d.id, { restWan: total - a, beforeWan: Math.round((total * b.startPercent) / 100) })
    }
  }
  const fixedSum = [...fixed.values()].reduce((sum, f) => sum + f.restWan, 0)
  if (fixedSum >= rest * 0.9) throw new Error('continuing projects take up the whole total investment')
  const floating = drafts.filter((d) => !fixed.has(d.id))
  const floatingShares = allocateExactly(
    rest - fixedSum,
    floating.map((d) => {
      const multiple = KIND_PROFILE[d.kind].totalMultiple * (d.stage === 'preparatory' ? 6 : 1)
      return annual.get(d.id)! * (multiple - 1) * rng.between(0.7, 1.4)
    }),
  )
  const restShares = drafts.map((d) => fixed.get(d.id)?.restWan ?? floatingShares[floating.indexOf(d)]!)

  return drafts.map((d, index) => {
    const scenario = scenarios.get(d.id)!
    const window = plan.get(d.id)!
    const annualPlanWan = annual.get(d.id)!
    const remainingBeyondYear = restShares[index]!
    const totalInvestmentWan = annualPlanWan + remainingBeyondYear
    const standing = baselines.get(d.id)!
    const baselinePercent = standing.shownPercent
    // Money spent before 2024 is the share of the total that the end-of-2023 standing stands for.
    const completedBeforeYearWan = fixed.get(d.id)?.beforeWan ?? 0

    // Monthly plan.
    const firstPlanMonth = d.stage === 'new-start' ? window.plannedStart : 1
    const lastPlanMonth = window.completionMonth ?? 12
    const monthlyPlanWan = allocateExactly(annualPlanWan, planShape(firstPlanMonth, lastPlanMonth))

    // Actual start.
    let actualStartMonth: number | null = null
    if (d.stage === 'continuing' || d.stage === 'preparatory') actualStartMonth = 0
    else if (d.stage === 'new-start' && scenario.kind === 'perf')
      actualStartMonth = Math.min(SIMULATED_THROUGH_MONTH, Math.max(1, window.plannedStart + rng.pick([-1, 0, 0, 0, 1])))

    // Monthly actuals through the latest report month.
    const monthlyActualWan: (number | null)[] = Array.from({ length: 12 }, () => null)
    const lastMonthWithReport =
      scenario.kind === 'not-reported' ? scenario.missingFrom - 1 : scenario.kind === 'completed' ? scenario.month : SIMULATED_THROUGH_MONTH
    let targetCumulative = 0
    if (scenario.kind === 'completed') targetCumulative = Math.round(annualPlanWan * rng.between(0.97, 1.04))
    else if (scenario.kind === 'perf' || scenario.kind === 'not-reported') {
      const ownShare = monthlyPlanWan.slice(0, SIMULATED_THROUGH_MONTH).reduce((a, b) => a + b, 0) / Math.max(1, annualPlanWan)
      // New starts are judged against their own plan shape; the rate is of the 序时 share otherwise.
      const rate = d.stage === 'new-start' ? ownShare * (scenario.rate / 0.75) : scenario.rate
      targetCumulative = Math.round(annualPlanWan * rate * (lastMonthWithReport / SIMULATED_THROUGH_MONTH))
    }
    const trend = rng.between(-0.25, 0.25)
    const actualWeights = Array.from({ length: lastMonthWithReport }, (_, i) => {
      const month = i + 1
      if (actualStartMonth === null || month < Math.max(1, actualStartMonth)) return 0
      const base = monthlyPlanWan[i]! > 0 ? monthlyPlanWan[i]! : annualPlanWan / 12
      return base * Math.max(0.05, 1 + trend * ((month - 5) / 4)) * rng.between(0.75, 1.25)
    })
    const actualParts = allocateExactly(
      actualWeights.some((w) => w > 0) ? targetCumulative : 0,
      actualWeights.some((w) => w > 0) ? actualWeights : actualWeights.map(() => 1),
    )
    actualParts.forEach((v, i) => (monthlyActualWan[i] = v))

    // 形象进度 per reported month: one percent path from the end-of-2023 baseline, and the stage words read
    // off that percent on the one ladder (progress-ladder.ts), so words and percent always agree and never go
    // back. Words stay words: where the source has no percentage the path is kept internal and only the
    // words are shown. The path moves in proportion to the money spent this year.
    const family = ladderFamily(d.kind, d.stage)
    const wordsOnly = d.stage === 'preparatory' || (d.baseline !== undefined && (d.baseline.percent === null || !!d.baselineIsNotOverall))
    const completedBeforeYear = standing.completedBeforeYear
    const startPercent = standing.startPercent
    const remainingInvestment = Math.max(1, totalInvestmentWan - completedBeforeYearWan)
    const plannedYearEnd = Math.min(99, startPercent + (100 - startPercent) * (annualPlanWan / remainingInvestment))
    const progressHistory: ProgressEntry[] = []
    // The internal percent path, planned (by the monthly plan) and actual: milestones are read off them.
    const plannedPath: number[] = []
    const actualPath: number[] = []
    let planned = 0
    for (let m = 1; m <= 12; m++) {
      planned += monthlyPlanWan[m - 1]!
      plannedPath.push(
        window.completionMonth !== null && m >= window.completionMonth
          ? 100
          : startPercent + (plannedYearEnd - startPercent) * (annualPlanWan > 0 ? planned / annualPlanWan : 0),
      )
    }
    let cumulative = 0
    for (let m = 1; m <= lastMonthWithReport; m++) {
      cumulative += monthlyActualWan[m - 1] ?? 0
      const share = annualPlanWan > 0 ? cumulative / annualPlanWan : 0
      const started = actualStartMonth !== null && m >= actualStartMonth
      if (!started || scenario.kind === 'not-started') {
        progressHistory.push({ month: m, percent: wordsOnly ? null : 0, text: NOT_STARTED_WORDS })
        continue
      }
      if (scenario.kind === 'completed' && m === scenario.month) {
        progressHistory.push({ month: m, percent: wordsOnly ? null : 100, text: COMPLETED_WORDS })
        actualPath.push(100)
        continue
      }
      if (completedBeforeYear) {
        progressHistory.push({ month: m, percent: null, text: COMPLETED_BEFORE_YEAR_WORDS })
        continue
      }
      // 前期 projects: the same bands over the share of this year's preparatory work, never shown as a percent.
      const path =
        d.stage === 'preparatory'
          ? Math.min(99, Math.round(share * 1000) / 10)
          : Math.min(99, Math.round((startPercent + (plannedYearEnd - startPercent) * Math.min(share, 1.1)) * 10) / 10)
      progressHistory.push({ month: m, percent: wordsOnly ? null : path, text: wordsFor(family, stageOfPercent(path)) })
      actualPath.push(path)
    }

    const startYear = standing.startYear ?? window.startYear
    const plannedStartDate = date(startYear, window.plannedStart, 1)
    const actualStartDate =
      actualStartMonth === null ? null : actualStartMonth === 0 ? date(startYear, window.plannedStart, rng.int(1, 28)) : date(REPORT_PLAN_YEAR, actualStartMonth, rng.int(1, 28))
    const plannedCompletionMonth = window.completionMonth ?? rng.int(6, 12)
    // 已完工 at the end of 2023: planned and actual completion both in 2023 (the report's 2023 column); the
    // 2024 plan is the 配套完善 and 设备购置 that follow.
    const plannedCompletionDate = completedBeforeYear
      ? date(REPORT_PLAN_YEAR - 1, 12, 31)
      : date(window.endYear, plannedCompletionMonth, lastDay(plannedCompletionMonth))
    const actualCompletionDate = completedBeforeYear
      ? date(REPORT_PLAN_YEAR - 1, plannedCompletionMonth, rng.int(5, 28))
      : scenario.kind === 'completed'
        ? date(REPORT_PLAN_YEAR, scenario.month, rng.int(5, 28))
        : null

    const responsibleUnit = rng.pick(RESPONSIBLE_UNIT[d.kind])
    const rateSoFar = annualPlanWan > 0 ? cumulative / annualPlanWan : null
    const sourcedFields: ProvenanceField[] = []
    if (d.fromReport) sourcedFields.push('name')
    if (d.fromReport && d.focusFromReport) sourcedFields.push('focusArea', 'focusSubCategory')
    sourcedFields.push('investmentTypeGroup')
    if (d.baselineFromReport) sourcedFields.push('baselineProgress')
    if (isCityLevel(d)) sourcedFields.push('level')

    const record: ProjectRecord = {
      id: d.id,
      name: d.name,
      zoneId: d.zoneId,
      focusArea: d.focusArea,
      focusSubCategory: d.focusSubCategory,
      investmentType: d.investmentType,
      stage: d.stage,
      // 市级 only where the report says 市级在区; the report gives no level for the others (see docs/data.md).
      level: isCityLevel(d) ? 'city' : 'district',
      ownerUnit: ownerUnitFor(d.kind, d.investmentType, d.zoneId, responsibleUnit, rng),
      responsibleUnit,
      responsibleLeader: LEADER_BY_UNIT[responsibleUnit] ?? '常务副区长',
      buildStartYear: startYear,
      buildEndYear: window.endYear,
      plannedStartDate,
      actualStartDate,
      plannedCompletionDate,
      actualCompletionDate,
      totalInvestmentWan,
      completedBeforeYearWan,
      annualPlanWan,
      monthlyPlanWan,
      monthlyActualWan,
      baselineProgress: d.baseline ?? (baselinePercent !== null ? { percent: baselinePercent, text: `形象进度完成${baselinePercent}%` } : null),
      progressHistory,
      milestones: makeMilestones(d.stage, window, scenario, { completedBeforeYear, startPercent, plannedPath, actualPath }, rng),
      problems: makeProblems(d.id, scenario, rateSoFar, rng, responsibleUnit),
      sourcedFields,
      provenanceNote: provenanceNote(d),
      // The demo dataset: every figure beyond sourcedFields is simulated.
      simulated: true,
      version: 1,
      planAdjustment: null,
      pendingReportMonths: [],
      retired: null,
    }
    return record
  })
}

function provenanceNote(d: Draft): string {
  const parts: string[] = []
  if (d.simulated) parts.push('报告未列出本项目名称：名称、类别及全部数据均为模拟，仅用于演示。')
  else if (d.focusFromReport) parts.push('项目名称及所属领域来自《2024年计划草案的报告》。')
  if (d.note) parts.push(d.note)
  if (isCityLevel(d)) parts.push('报告将本项目列为“市级在区重大交通项目”，项目级别“市级”来自报告。')
  if (d.investmentType === 'unclassified')
    parts.push('报告未细分8个项目的投资类别（年度计划合计65.98亿元）；将本项目归入该组为推定。')
  parts.push(
    isCityLevel(d)
      ? '投资类别分组合计来自报告；单个项目的金额、片区、单位、日期、月度数据及形象进度均为模拟。'
      : '投资类别分组合计来自报告；单个项目的金额、级别、片区、单位、日期、月度数据及形象进度均为模拟。',
  )
  return parts.join('')
}

type Window = { plannedStart: number; startYear: number; completionMonth: number | null; endYear: number }

/** Where a project stands at the end of 2023: every 2024 figure continues from it. */
type Baseline = {
  /** Internal overall percent at the end of 2023 (100 when 已完工); 0 for projects not yet under way. */
  startPercent: number
  /** The percent shown as the baseline: the report's overall percent, or a simulated one; null for words. */
  shownPercent: number | null
  completedBeforeYear: boolean
  /** Share of the work left at the end of 2023 that the 2024 plan covers (projects not completing in 2024). */
  yearShare: number
  /** The start year, moved back where the standing needs more years of construction; null to keep the plan's. */
  startYear: number | null
}

/** At most 30 points of 形象进度 a year under construction before 2024 (less a margin of 5 points). */
const maxPercentAfterYears = (years: number) => 30 * years - 5
const yearsNeededFor = (percent: number) => Math.ceil((percent + 5) / 30)
/** Where inside a stage a status in words (or a figure that is not overall progress) is placed. */
const STAGE_RANGE: Record<0 | 1 | 2 | 3, [number, number]> = { 0: [5, 25], 1: [30, 55], 2: [60, 85], 3: [90, 95] }

function baselineOf(d: Draft, window: Window, rng: Random): Baseline {
  if (d.stage !== 'continuing') return { startPercent: 0, shownPercent: null, completedBeforeYear: false, yearShare: 0, startYear: null }
  const yearShare = rng.between(0.25, 0.6)
  const completedBeforeYear = d.baselineStage === 4
  const reported = d.baseline && !d.baselineIsNotOverall ? d.baseline.percent : null
  let startPercent: number
  let shownPercent: number | null = null
  if (completedBeforeYear) startPercent = 100
  else if (reported !== null) startPercent = shownPercent = reported
  else if (d.baseline) {
    const [lo, hi] = STAGE_RANGE[(d.baselineStage ?? 0) as 0 | 1 | 2 | 3]
    startPercent = Math.round(rng.between(lo, hi))
  } else {
    // Simulated: a project completing in 2024 was nearly done at the end of 2023.
    startPercent = shownPercent = window.completionMonth !== null ? rng.int(85, 95) : rng.int(10, 80)
  }
  if (d.startedIn !== undefined) {
    // The report gives the start year: the standing must fit the years since.
    const cap = maxPercentAfterYears(REPORT_PLAN_YEAR - d.startedIn)
    if (startPercent > cap) {
      if (reported !== null || completedBeforeYear) throw new Error(`${d.name}: report's standing does not fit its start year`)
      startPercent = cap
      if (shownPercent !== null) shownPercent = cap
    }
    return { startPercent, shownPercent, completedBeforeYear, yearShare, startYear: null }
  }
  return {
    startPercent,
    shownPercent,
    completedBeforeYear,
    yearShare,
    startYear: Math.min(window.startYear, REPORT_PLAN_YEAR - yearsNeededFor(startPercent)),
  }
}

/**
 * 2024 milestones chosen by the stage the project starts the year in: a continuing project gets the end of
 * each stage its planned path crosses (done in the month its actual path crosses it), never one of an earlier
 * stage; 已完工 projects only get after-completion work (结算、配套、设备).
 */
function makeMilestones(
  stage: Stage,
  window: Window,
  scenario: Scenario,
  path: { completedBeforeYear: boolean; startPercent: number; plannedPath: readonly number[]; actualPath: readonly number[] },
  rng: Random,
): Milestone[] {
  const slip = scenario.kind === 'perf' && scenario.rate < 0.65 ? rng.int(1, 3) : scenario.kind === 'not-started' ? 99 : 0
  const bySlip = (steps: readonly (readonly [string, number])[]): Milestone[] =>
    steps.map(([name, month]) => {
      const doneMonth = month + slip
      const done = doneMonth <= SIMULATED_THROUGH_MONTH && scenario.kind !== 'pending'
      return {
        name,
        plannedDate: date(REPORT_PLAN_YEAR, month, lastDay(month)),
        actualDate: done ? date(REPORT_PLAN_YEAR, doneMonth, rng.int(1, lastDay(doneMonth))) : null,
      }
    })
  if (stage === 'preparatory')
    return bySlip([[PREPARATORY_MILESTONES[0], 3], [PREPARATORY_MILESTONES[1], 7], [PREPARATORY_MILESTONES[2], 11]])
  if (stage === 'new-start')
    return bySlip([
      [PREPARATORY_MILESTONES[3], Math.max(1, window.plannedStart - 1)],
      [PREPARATORY_MILESTONES[4], window.plannedStart],
      [STAGE_END_MILESTONES[0], Math.min(12, window.plannedStart + 4)],
    ])
  if (path.completedBeforeYear)
    return bySlip([[AFTER_COMPLETION_MILESTONES[0], 4], [AFTER_COMPLETION_MILESTONES[1], 8], [AFTER_COMPLETION_MILESTONES[2], 12]])

  const milestones: Milestone[] = []
  const firstStage = stageOfPercent(path.startPercent)
  for (let k: number = firstStage; k <= 3; k++) {
    const target = STAGE_FLOORS[k + 1]!
    const plannedIndex = path.plannedPath.findIndex((p) => p >= target)
    if (plannedIndex < 0) break
    const actualIndex = path.actualPath.findIndex((p) => p >= target)
    milestones.push({
      name: STAGE_END_MILESTONES[k]!,
      plannedDate: date(REPORT_PLAN_YEAR, plannedIndex + 1, lastDay(plannedIndex + 1)),
      actualDate: actualIndex < 0 ? null : date(REPORT_PLAN_YEAR, actualIndex + 1, rng.int(1, lastDay(actualIndex + 1))),
    })
  }
  if (window.completionMonth !== null) return milestones
  if (milestones.length === 0) milestones.push(...bySlip([[STAGELESS_MILESTONES[0], 6]]))
  milestones.push(...bySlip([[STAGELESS_MILESTONES[1], 12]]))
  return milestones
}
