import { FOCUS_AREAS, INVESTMENT_TYPES, REPORT_PLAN_YEAR, ProjectRecordSchema, type FocusArea, type LagClass, type ProjectRecord } from '@/contract'
import { DATASET_SEED, generateDataset, SIMULATED_THROUGH_MONTH } from '@/dataset/generate'
import {
  COMPLETED_PREFIX,
  LADDERS,
  NOT_STARTED_WORDS,
  STAGE_FLOORS,
  stageOfMilestone,
  stageOfPercent,
  stageOfWords,
  type StageIndex,
} from '@/dataset/progress-ladder'
import { classifyProject, cumulativeTo } from '@/domain/rules'
import { FACTS } from '../report-facts'

/**
 * The simulated dataset must reconcile EXACTLY with the source report (FACTS.md): the records here, the
 * server's answers over them in tests/server/report-figures.test.ts.
 */

/** FACTS §3: every project the 2024 plan names, under its focus area (江南立交改造工程 only once). */
const NAMED_IN_2024_PLAN: Record<FocusArea, readonly string[]> = {
  'key-zones': [
    '碳金国际中心',
    '黄葛晚渡片区开发项目',
    '江南立交改造工程',
    '重庆人家片区开发项目',
    '江南春城',
    '重庆东站站前区城市T型台',
    '站前区丝路文体会展中心',
    '广阳大道生态修复及景观提升工程',
    '广阳岛生态修复二期',
  ],
  'key-directions': [
    '台达电子西部制造基地',
    '重庆鹰谷光电总部基地',
    '长江绿色创新产业园核心区城市更新项目一至三期',
    '重庆卷烟厂制丝线升级改造项目',
    '重庆脑与智能科学中心',
    '迎龙创新港',
    '重庆软件园D区',
    '中国移动江南数据中心（一期）',
    '成渝地区双城经济圈产业数字化赋能基地',
    '新加坡鹏瑞利医疗综合体',
    '南岸龙门浩老街二期',
    '国瑞·龙门里',
    '上海城商业改造城市更新项目',
    '铜元局重庆时光',
  ],
  livelihood: [
    '江南新城A46-2/03地块小学校新建工程',
    '五院迁建项目（重庆市第五人民医院迁建工程）',
    '首都师范大学附属中小学',
    '广阳湾中学工程',
    '广阳湾小学工程',
    '莲花村石龙村城中村改造项目',
    '南岸长生河流域系统综合治理二期',
    '高铁体育公园',
    '同景公园升级改造工程',
    '拦马河生态修复整治工程',
    '中建壹品南滨星光城',
    '国瑞长嘉外滩',
    '老旧小区改造',
    '旧城改建征收',
    '棚户区改造',
    '成片开发',
  ],
  infrastructure: [
    '群慧立交及配套道路',
    '黄桷坪长江大桥',
    '渝长高速复线连接道工程',
    '轨道交通10号线二期',
    '轨道交通24号线一期工程',
    '轨道27号线',
    '轨道6号线东延伸段',
    '重庆枢纽东环线',
    '渝湘高铁',
    '广阳湾一期市政道路',
    '湾二区8路',
    '东港北滨路',
    '华港路',
    '横十路西段',
    '鸡冠石污水处理厂四期',
    '广阳湾生态修复',
    '团结湖生态保护治理',
  ],
}

/** FACTS §3 (二): the three 专项行动 each project of 聚焦重点方向 belongs to. */
const SPECIAL_ACTIONS: Record<string, readonly string[]> = {
  工业倍增专项行动: [
    '台达电子西部制造基地',
    '重庆鹰谷光电总部基地',
    '长江绿色创新产业园核心区城市更新项目一至三期',
    '重庆卷烟厂制丝线升级改造项目',
  ],
  数字经济跃升专项行动: [
    '重庆脑与智能科学中心',
    '迎龙创新港',
    '重庆软件园D区',
    '中国移动江南数据中心（一期）',
    '成渝地区双城经济圈产业数字化赋能基地',
  ],
  商旅文体融合专项行动: [
    '新加坡鹏瑞利医疗综合体',
    '南岸龙门浩老街二期',
    '国瑞·龙门里',
    '上海城商业改造城市更新项目',
    '铜元局重庆时光',
  ],
}

/** FACTS §4: unfinished projects of the 2023 column that the 2024 plan text does not name. */
const CARRIED_OVER_FROM_2023 = [
  '两江四岸治理提升长江南岸线贯通工程',
  '呼归路道路工程',
  '弹子石CBD群慧公园一期二标段（群慧公园上盖广场）',
  '三峡库区重庆市南岸区消落区综合治理工程二塘段',
  '白洋滩水厂至黄桷渡水厂互联互通管道工程',
  '南岸区江南隧道及茶黄路工程',
  '大南山区域水环境综合治理二期工程',
  '茶惠大道',
  '重庆工商大学一期工程',
  '重庆东站交通枢纽项目',
]

/** FACTS §4: where a project stood at the end of 2023. percent null where the report gives only words. */
const BASELINES_2023: readonly { name: string; percent: number | null; words?: string }[] = [
  { name: '江南立交改造工程', percent: 80 },
  { name: '五院迁建项目（重庆市第五人民医院迁建工程）', percent: 95 },
  { name: '轨道交通10号线二期', percent: null, words: '车站主体结构全部完成' },
  { name: '轨道交通24号线一期工程', percent: 38 },
  { name: '轨道27号线', percent: 35 },
  { name: '轨道6号线东延伸段', percent: 44 },
  { name: '鸡冠石污水处理厂四期', percent: 68.7 },
  { name: '两江四岸治理提升长江南岸线贯通工程', percent: 77 },
  { name: '呼归路道路工程', percent: 83 },
  { name: '弹子石CBD群慧公园一期二标段（群慧公园上盖广场）', percent: 90 },
  { name: '三峡库区重庆市南岸区消落区综合治理工程二塘段', percent: 83 },
  { name: '白洋滩水厂至黄桷渡水厂互联互通管道工程', percent: 92 },
  { name: '南岸区江南隧道及茶黄路工程', percent: 56 },
  { name: '大南山区域水环境综合治理二期工程', percent: 90 },
  { name: '茶惠大道', percent: 50.9 },
  { name: '重庆工商大学一期工程', percent: 30 },
  { name: '重庆东站交通枢纽项目', percent: null, words: '路网工程施工' },
  { name: '重庆脑与智能科学中心', percent: null, words: '已完工' },
]

const sumOf = <T>(items: readonly T[], get: (item: T) => number) => items.reduce((a, item) => a + get(item), 0)

const dataset = generateDataset()
const byName = (name: string): ProjectRecord[] => dataset.filter((r) => r.name === name)
const only = (name: string): ProjectRecord => {
  const found = byName(name)
  expect(found, `exactly one project named ${name}`).toHaveLength(1)
  return found[0]!
}

describe('the dataset reconciles exactly with the report’s plan (FACTS §1)', () => {
  it('has 132 projects', () => {
    expect(dataset).toHaveLength(FACTS.projectCount)
  })

  it('totals 2,391 亿元 of investment and 277.08 亿元 planned for 2024, to the 万元', () => {
    expect(sumOf(dataset, (r) => r.totalInvestmentWan)).toBe(FACTS.totalInvestmentWan)
    expect(sumOf(dataset, (r) => r.annualPlanWan)).toBe(FACTS.annualPlanWan)
  })

  it.each(INVESTMENT_TYPES)('has the report’s count and annual plan for investment type %s', (type) => {
    const group = dataset.filter((r) => r.investmentType === type)
    expect(group).toHaveLength(FACTS.byInvestmentType[type].projects)
    expect(sumOf(group, (r) => r.annualPlanWan)).toBe(FACTS.byInvestmentType[type].annualPlanWan)
  })

  it('still reconciles with another seed: the totals are a constraint, not a lucky draw', () => {
    for (const seed of [1, 7, 99]) {
      const other = generateDataset(seed)
      expect(other).toHaveLength(FACTS.projectCount)
      expect(sumOf(other, (r) => r.totalInvestmentWan)).toBe(FACTS.totalInvestmentWan)
      expect(sumOf(other, (r) => r.annualPlanWan)).toBe(FACTS.annualPlanWan)
      for (const type of INVESTMENT_TYPES) {
        const group = other.filter((r) => r.investmentType === type)
        expect(group).toHaveLength(FACTS.byInvestmentType[type].projects)
        expect(sumOf(group, (r) => r.annualPlanWan)).toBe(FACTS.byInvestmentType[type].annualPlanWan)
      }
    }
  })
})

describe('every record is well formed', () => {
  it('passes the contract’s ProjectRecordSchema', () => {
    for (const record of dataset) {
      const result = ProjectRecordSchema.safeParse(record)
      expect(result.success, `${record.id} ${record.name}: ${result.error?.message ?? ''}`).toBe(true)
    }
  })

  it('has unique ids', () => {
    expect(new Set(dataset.map((r) => r.id)).size).toBe(dataset.length)
  })

  it('has a monthly plan that adds up to its annual plan', () => {
    for (const record of dataset)
      expect(
        sumOf(record.monthlyPlanWan, (v) => v),
        record.id,
      ).toBe(record.annualPlanWan)
  })

  it('has a total investment that covers what was spent before 2024 plus the 2024 plan', () => {
    for (const record of dataset)
      expect(record.totalInvestmentWan, record.id).toBeGreaterThanOrEqual(
        record.completedBeforeYearWan + record.annualPlanWan,
      )
  })

  it('has no reports from months that have not come yet', () => {
    for (const record of dataset) {
      expect(record.monthlyActualWan.slice(SIMULATED_THROUGH_MONTH), record.id).toEqual(
        Array.from({ length: 12 - SIMULATED_THROUGH_MONTH }, () => null),
      )
      for (const entry of record.progressHistory) expect(entry.month).toBeLessThanOrEqual(SIMULATED_THROUGH_MONTH)
    }
  })

  it('is the same on every call (seeded, deterministic)', () => {
    expect(generateDataset()).toEqual(generateDataset())
    expect(generateDataset()).toEqual(dataset)
  })
})

describe('the projects the report names keep their names and focus areas (FACTS §3)', () => {
  it.each(FOCUS_AREAS)(
    'every project named under %s is present once, under that focus area, marked as sourced',
    (area) => {
      for (const name of NAMED_IN_2024_PLAN[area]) {
        const record = only(name)
        expect(record.focusArea, name).toBe(area)
        expect(record.sourcedFields, name).toEqual(expect.arrayContaining(['name', 'focusArea']))
      }
    },
  )

  it('lists 江南立交改造工程 once although the report names it twice', () => {
    expect(byName('江南立交改造工程')).toHaveLength(1)
  })

  it('keeps the 五院 under its full name, not as a second project', () => {
    expect(byName('五院迁建项目')).toHaveLength(0)
    expect(byName('重庆市第五人民医院迁建工程')).toHaveLength(0)
    only('五院迁建项目（重庆市第五人民医院迁建工程）')
  })

  it('puts the projects of 聚焦重点方向 under the report’s 专项行动', () => {
    for (const [action, names] of Object.entries(SPECIAL_ACTIONS))
      for (const name of names) expect(only(name).focusSubCategory, name).toBe(action)
  })

  it('carries the unfinished 2023 projects of FACTS §4 under their own names', () => {
    for (const name of CARRIED_OVER_FROM_2023) expect(only(name).sourcedFields).toContain('name')
  })

  it('claims a sourced name only for names in FACTS §3 or §4', () => {
    const known = new Set([...Object.values(NAMED_IN_2024_PLAN).flat(), ...CARRIED_OVER_FROM_2023])
    const claimed = dataset.filter((r) => r.sourcedFields.includes('name')).map((r) => r.name)
    for (const name of claimed) expect(known, name).toContain(name)
    expect(claimed).toHaveLength(known.size)
  })

  it('marks every other project as simulated: no "name" in sourcedFields, and a note that says 模拟', () => {
    const known = new Set([...Object.values(NAMED_IN_2024_PLAN).flat(), ...CARRIED_OVER_FROM_2023])
    const unnamed = dataset.filter((r) => !known.has(r.name))
    expect(unnamed).toHaveLength(FACTS.projectCount - known.size)
    for (const record of unnamed) {
      expect(record.sourcedFields, record.name).not.toContain('name')
      expect(record.sourcedFields, record.name).not.toContain('focusArea')
      expect(record.provenanceNote, record.name).toContain('模拟')
    }
  })

  it('says in the record that the 8 unclassified projects are not broken down in the report', () => {
    for (const record of dataset.filter((r) => r.investmentType === 'unclassified'))
      expect(record.provenanceNote, record.name).toContain('未细分')
  })
})

describe('end-of-2023 standing is kept as the 2024 baseline (FACTS §4)', () => {
  it.each(BASELINES_2023)('$name starts 2024 from $percent', ({ name, percent, words }) => {
    const record = only(name)
    expect(record.baselineProgress).not.toBeNull()
    expect(record.baselineProgress!.percent).toBe(percent)
    if (words) expect(record.baselineProgress!.text).toContain(words)
    expect(record.sourcedFields).toContain('baselineProgress')
  })

  it('轨道交通10号线二期 has no percentage anywhere: words stay words', () => {
    const metro10 = only('轨道交通10号线二期')
    expect(metro10.baselineProgress).toEqual({ percent: null, text: '车站主体结构全部完成' })
    expect(metro10.progressHistory.length).toBeGreaterThan(0)
    for (const entry of metro10.progressHistory) expect(entry.percent, `month ${entry.month}`).toBeNull()
  })

  it('no project whose sourced baseline is words gets a percentage invented later in the year', () => {
    const wordsOnly = dataset.filter(
      (r) => r.sourcedFields.includes('baselineProgress') && r.baselineProgress?.percent === null,
    )
    expect(wordsOnly.map((r) => r.name)).toEqual(expect.arrayContaining(['轨道交通10号线二期', '重庆东站交通枢纽项目']))
    for (const record of wordsOnly)
      for (const entry of record.progressHistory) expect(entry.percent, `${record.name} ${entry.month}月`).toBeNull()
  })

  it('does not continue 鸡冠石’s 2023 annual 工程量 (68.7%) as if it were overall 形象进度', () => {
    for (const entry of only('鸡冠石污水处理厂四期').progressHistory) expect(entry.percent).toBeNull()
  })

  it('a project with a sourced overall percentage never reports less than it during 2024', () => {
    const overall = BASELINES_2023.filter((b) => b.percent !== null && b.name !== '鸡冠石污水处理厂四期')
    for (const { name, percent } of overall) {
      const history = only(name).progressHistory
      expect(history.length, name).toBeGreaterThan(0)
      for (const entry of history) {
        expect(entry.percent, `${name} ${entry.month}月`).not.toBeNull()
        expect(entry.percent!, `${name} ${entry.month}月`).toBeGreaterThanOrEqual(percent!)
      }
    }
  })
})

describe('the simulated year is realistic at the latest report month', () => {
  const statuses = dataset.map((r) => classifyProject(r, SIMULATED_THROUGH_MONTH, REPORT_PLAN_YEAR))

  it.each(['on-pace', 'slightly-behind', 'lagging', 'severe', 'not-started', 'not-reported', 'completed'] as const)(
    'has at least one project that is %s',
    (lagClass: LagClass) => {
      expect(statuses.filter((s) => s.lagClass === lagClass).length).toBeGreaterThanOrEqual(1)
    },
  )

  it('has no project reported as done before it was started', () => {
    for (const record of dataset) {
      if (record.actualStartDate === null) {
        expect(cumulativeTo(record.monthlyActualWan, SIMULATED_THROUGH_MONTH), record.name).toBe(0)
      }
    }
  })
})

/**
 * FACTS §4 and the 2023 review of the report: statuses in words, and the least stage of the ladder each one
 * means. A status that is a percentage needs no entry: its stage is stageOfPercent(percent).
 */
const STATUS_IN_WORDS: readonly { name: string; words: string; atLeast: StageIndex }[] = [
  { name: '重庆脑与智能科学中心', words: '已完工', atLeast: 4 },
  { name: '轨道交通10号线二期', words: '车站主体结构全部完成', atLeast: 2 },
  { name: '五院迁建项目（重庆市第五人民医院迁建工程）', words: '基本建成', atLeast: 3 },
]

/** The report's 市级在区重大交通项目 (FACTS §3 (四)): the only projects it calls 市级. */
const CITY_LEVEL_IN_REPORT = [
  '轨道交通10号线二期',
  '轨道交通24号线一期工程',
  '轨道27号线',
  '轨道6号线东延伸段',
  '重庆枢纽东环线',
  '渝湘高铁',
]

/** Stage words that belong to early works: never at 60% or more. */
const EARLY_WORKS = /土石方|基础|地下室|可行性|土建|围护|基坑/

const monthOfDate = (iso: string) => Number(iso.slice(5, 7))
const yearOfDate = (iso: string) => Number(iso.slice(0, 4))

/**
 * Everything in a record's 形象进度 that would contradict the report or itself, as readable lines. An empty list
 * is a consistent record. Run over several seeds so that a generator change cannot pass by a lucky draw.
 */
function progressContradictions(record: ProjectRecord): string[] {
  const found: string[] = []
  const at = (month: number) => `${record.id} ${record.name} ${month}月`
  const history = record.progressHistory
  const baseline = record.baselineProgress
  // 鸡冠石's 68.7% is the 2023 annual workload, not overall progress: its entries carry no percent.
  const baselinePercent = baseline?.percent ?? null
  const baselineStage = baselinePercent === null ? -1 : stageOfPercent(baselinePercent)
  const wordsStage = STATUS_IN_WORDS.find((s) => s.name === record.name)?.atLeast ?? -1
  // A 前期 project is in its preparatory work all year: construction starts after 2024.
  const startMonth =
    record.stage === 'preparatory' || (record.actualStartDate !== null && yearOfDate(record.actualStartDate) < REPORT_PLAN_YEAR)
      ? 1
      : record.actualStartDate === null
        ? 13
        : monthOfDate(record.actualStartDate)
  // A completion in 2023 (已完工 at the end of 2023) is not a 2024 month.
  const completionMonth =
    record.actualCompletionDate === null || yearOfDate(record.actualCompletionDate) !== REPORT_PLAN_YEAR
      ? null
      : monthOfDate(record.actualCompletionDate)
  const families = new Set<string>()
  let previous: { percent: number | null; stage: number } | null = null

  for (const entry of history) {
    const read = stageOfWords(entry.text)
    if (read === null) {
      found.push(`${at(entry.month)}: "${entry.text}" is not on the ladder`)
      continue
    }
    if (read.family) families.add(read.family)
    if (entry.percent !== null) {
      if (read.stage === -1 ? entry.percent !== 0 : read.stage !== stageOfPercent(entry.percent))
        found.push(`${at(entry.month)}: "${entry.text}" at ${entry.percent}%`)
      if (entry.percent >= STAGE_FLOORS[2] && EARLY_WORKS.test(entry.text))
        found.push(`${at(entry.month)}: early works "${entry.text}" at ${entry.percent}%`)
      if (baselinePercent !== null && entry.percent < baselinePercent)
        found.push(`${at(entry.month)}: ${entry.percent}% is below the end-of-2023 ${baselinePercent}%`)
    }
    if (record.stage === 'continuing') {
      if (read.stage < baselineStage && entry.percent !== null)
        found.push(`${at(entry.month)}: "${entry.text}" is an earlier stage than the end-of-2023 ${baselinePercent}%`)
      if (read.stage < wordsStage) found.push(`${at(entry.month)}: "${entry.text}" goes back before the report's status`)
    }
    if (previous) {
      if (entry.percent !== null && previous.percent !== null && entry.percent < previous.percent)
        found.push(`${at(entry.month)}: percent falls from ${previous.percent} to ${entry.percent}`)
      if (read.stage < previous.stage) found.push(`${at(entry.month)}: "${entry.text}" goes back a stage`)
    }
    if (entry.month < startMonth && read.stage !== -1) found.push(`${at(entry.month)}: "${entry.text}" before the start`)
    if (entry.month >= startMonth && read.stage === -1 && record.stage !== 'new-start')
      found.push(`${at(entry.month)}: not started, but it started`)
    const completesNow = completionMonth !== null && entry.month === completionMonth
    if (completesNow && !(entry.text.startsWith(COMPLETED_PREFIX) && (entry.percent === 100 || entry.percent === null)))
      found.push(`${at(entry.month)}: completed this month but "${entry.text}" at ${entry.percent}%`)
    if (!completesNow && entry.percent === 100) found.push(`${at(entry.month)}: 100% without completing`)
    if (completionMonth !== null && entry.month > completionMonth) found.push(`${at(entry.month)}: a report after completion`)
    if (read.stage === 4 && !completesNow && wordsStage !== 4) found.push(`${at(entry.month)}: "${entry.text}" but not completed`)
    previous = { percent: entry.percent, stage: read.stage }
  }
  if (completionMonth !== null && history.at(-1)?.month !== completionMonth)
    found.push(`${record.id} ${record.name}: completed in ${completionMonth}月 but its last report is another month`)
  if (families.size > 1) found.push(`${record.id} ${record.name}: mixes the words of ${[...families].join(', ')}`)
  return found
}

describe('the ladder: one monotone mapping from percent to stage words', () => {
  it('goes up with the percent and never back', () => {
    let last = stageOfPercent(0)
    for (let tenths = 0; tenths <= 1000; tenths++) {
      const stage = stageOfPercent(tenths / 10)
      expect(stage, `${tenths / 10}%`).toBeGreaterThanOrEqual(last)
      last = stage
    }
    expect(stageOfPercent(99.9)).toBeLessThan(4)
    expect(stageOfPercent(100)).toBe(4)
  })

  it('reads every word back to its own stage, and no early works from 60% on', () => {
    for (const [family, words] of Object.entries(LADDERS))
      words.forEach((text, stage) => {
        expect(stageOfWords(text), text).toEqual({ stage, family })
        if (stage >= 2) expect(text, `${family} stage ${stage}`).not.toMatch(EARLY_WORKS)
      })
    expect(stageOfWords(NOT_STARTED_WORDS)?.stage).toBe(-1)
  })
})

describe('the simulated 形象进度 never contradicts the report or itself', () => {
  it.each([DATASET_SEED, 1, 7, 99])(
    'seed %i: percent never falls, words agree with it, no stage goes back, a completion is 100 percent and 已完工',
    (seed) => {
      const records = seed === DATASET_SEED ? dataset : generateDataset(seed)
      expect(records.flatMap(progressContradictions)).toEqual([])
    },
  )

  it.each(STATUS_IN_WORDS)('$name, $words at the end of 2023, stays at or beyond that stage all year', ({ name, atLeast }) => {
    const history = only(name).progressHistory
    expect(history.length).toBeGreaterThan(0)
    for (const entry of history) expect(stageOfWords(entry.text)?.stage, `${entry.month}月 ${entry.text}`).toBeGreaterThanOrEqual(atLeast)
  })

  it('the 五院 (基本建成 at the end of 2023) is never in 基础及地下室施工 or 主体结构施工 in 2024', () => {
    for (const entry of only('五院迁建项目（重庆市第五人民医院迁建工程）').progressHistory)
      expect(entry.text, `${entry.month}月`).toMatch(/^(基本建成|已完工)/)
  })

  it('呼归路 follows 专栏2 (83%), and its note says why the report’s 完工投用 is not followed', () => {
    const road = only('呼归路道路工程')
    expect(road.baselineProgress).toEqual({ percent: 83, text: '总进度完成83%' })
    expect(road.provenanceNote).toContain('完工投用')
    expect(road.provenanceNote).toContain('83%')
    for (const entry of road.progressHistory) expect(entry.percent!).toBeGreaterThanOrEqual(83)
  })

  it('a project the 2023 review says began construction in 2023 started in 2023', () => {
    for (const name of ['鸡冠石污水处理厂四期', '黄葛晚渡片区开发项目', '台达电子西部制造基地']) {
      const record = only(name)
      expect(record.buildStartYear, name).toBe(2023)
      expect(yearOfDate(record.actualStartDate!), name).toBe(2023)
    }
  })
})

describe('the level (市级/区级) says 市级 only where the report does', () => {
  it('the six 市级在区重大交通项目 are 市级, and the note says the level is from the report', () => {
    for (const name of CITY_LEVEL_IN_REPORT) {
      expect(only(name).level, name).toBe('city')
      expect(only(name).provenanceNote, name).toContain('市级在区')
    }
  })

  it('no other project is 市级', () => {
    expect(dataset.filter((r) => r.level === 'city').map((r) => r.name).sort()).toEqual([...CITY_LEVEL_IN_REPORT].sort())
  })

  it('marks the level as from the report exactly for those six, so the project page shows 报告 there and 模拟 elsewhere', () => {
    expect(dataset.filter((r) => r.sourcedFields.includes('level')).map((r) => r.name).sort()).toEqual([...CITY_LEVEL_IN_REPORT].sort())
  })
})

/**
 * The stage a project starts 2024 in, read from the record: the report's status in words where it gives one;
 * an overall percent where the record continues it as a percent; otherwise (鸡冠石's annual 工程量, 东站's
 * 路网工程施工) the share of the total spent before 2024. −1 for projects not under way at the end of 2023.
 */
function startingStage(record: ProjectRecord): StageIndex {
  if (record.stage !== 'continuing') return -1
  const words = STATUS_IN_WORDS.find((s) => s.name === record.name)
  if (words) return words.atLeast
  const percent = record.baselineProgress?.percent ?? null
  if (percent !== null && record.progressHistory.some((e) => e.percent !== null)) return stageOfPercent(percent)
  return stageOfPercent((100 * record.completedBeforeYearWan) / record.totalInvestmentWan)
}

/**
 * Milestones, dates and money that would contradict the 2023 baseline. Rules:
 * - every milestone name is on the milestone lists, and none is of a stage earlier than the starting stage;
 * - 已完工 at the end of 2023: only after-completion milestones, planned and actual completion in 2023, and
 *   nothing left beyond the 2024 plan (total = spent before 2024 + 2024 plan);
 * - planned completion is not before the planned or actual start, actual completion not before the start;
 * - money spent before 2024 (share s of the total): 0 for projects not under way; for a continuing project s is
 *   its overall end-of-2023 percent (±0.5 point) where the record continues one, in its reported stage where the
 *   report gives words (已完工: s ≥ 90%), and in the stage of its January 形象进度 words otherwise;
 * - start year and standing are one story: s < 30 points per year under construction before 2024.
 */
function baselineContradictions(record: ProjectRecord): string[] {
  const found: string[] = []
  const who = `${record.id} ${record.name}`
  const start = startingStage(record)
  const completedBefore = STATUS_IN_WORDS.some((s) => s.name === record.name && s.atLeast === 4)
  for (const m of record.milestones) {
    const stage = stageOfMilestone(m.name)
    if (stage === undefined) found.push(`${who}: milestone "${m.name}" is not on the milestone lists`)
    else if (stage !== null && stage < start) found.push(`${who}: milestone "${m.name}" (stage ${stage}) is before its starting stage ${start}`)
    if (completedBefore && stage !== 4) found.push(`${who}: 已完工 in 2023 but milestone "${m.name}" in 2024`)
  }
  if (completedBefore) {
    if (record.actualCompletionDate === null || yearOfDate(record.actualCompletionDate) !== REPORT_PLAN_YEAR - 1)
      found.push(`${who}: 已完工 in 2023 but actual completion ${record.actualCompletionDate}`)
    if (yearOfDate(record.plannedCompletionDate) !== REPORT_PLAN_YEAR - 1)
      found.push(`${who}: 已完工 in 2023 but planned completion ${record.plannedCompletionDate}`)
    if (record.totalInvestmentWan !== record.completedBeforeYearWan + record.annualPlanWan)
      found.push(`${who}: 已完工 in 2023 but investment is left beyond 2024`)
  }
  const starts = [record.plannedStartDate, record.actualStartDate].filter((d): d is string => d !== null)
  for (const s of starts) {
    if (record.plannedCompletionDate < s) found.push(`${who}: planned completion ${record.plannedCompletionDate} before start ${s}`)
    if (record.actualCompletionDate !== null && record.actualCompletionDate < s)
      found.push(`${who}: actual completion ${record.actualCompletionDate} before start ${s}`)
  }
  const spent = (100 * record.completedBeforeYearWan) / record.totalInvestmentWan
  if (record.stage !== 'continuing') {
    if (record.completedBeforeYearWan !== 0) found.push(`${who}: not under way before 2024 but ${spent.toFixed(1)}% spent`)
    return found
  }
  const percent = record.baselineProgress?.percent ?? null
  const words = STATUS_IN_WORDS.find((s) => s.name === record.name)
  if (words) {
    if (words.atLeast === 4 ? spent < 90 : stageOfPercent(spent) !== words.atLeast)
      found.push(`${who}: ${spent.toFixed(1)}% spent before 2024 does not fit "${words.words}"`)
  } else if (percent !== null && record.progressHistory.some((e) => e.percent !== null)) {
    if (Math.abs(spent - percent) > 0.5) found.push(`${who}: ${spent.toFixed(1)}% spent before 2024 but ${percent}% done`)
  } else {
    const january = record.progressHistory[0]
    const read = january ? stageOfWords(january.text) : null
    if (read && read.stage !== stageOfPercent(spent) && read.stage !== stageOfPercent(spent) + 1)
      found.push(`${who}: ${spent.toFixed(1)}% spent before 2024 but "${january!.text}" in January`)
  }
  const years = REPORT_PLAN_YEAR - record.buildStartYear
  if (spent >= 30 * years) found.push(`${who}: ${spent.toFixed(1)}% before 2024 after ${years} year(s) of construction`)
  return found
}

describe('milestones, dates and money before 2024 agree with the end-of-2023 baseline', () => {
  it.each([DATASET_SEED, 1, 7, 99])('seed %i: no milestone of an earlier stage, dates and spending fit the baseline', (seed) => {
    const records = seed === DATASET_SEED ? dataset : generateDataset(seed)
    expect(records.flatMap(baselineContradictions)).toEqual([])
  })

  it('重庆脑与智能科学中心 (已完工 in 2023) was completed in 2023 and only has after-completion work in 2024', () => {
    const brain = only('重庆脑与智能科学中心')
    expect(yearOfDate(brain.actualCompletionDate!)).toBe(2023)
    expect(brain.plannedCompletionDate <= '2023-12-31').toBe(true)
    expect(brain.milestones.map((m) => stageOfMilestone(m.name))).toEqual([4, 4, 4])
    expect(classifyProject(brain, SIMULATED_THROUGH_MONTH, REPORT_PLAN_YEAR).lagClass).toBe('completed')
  })

  it('the 五院 (基本建成) gets no milestone before 竣工验收, and 鸡冠石 (started 2023) starts 2024 below 30%', () => {
    for (const m of only('五院迁建项目（重庆市第五人民医院迁建工程）').milestones) expect(stageOfMilestone(m.name)).toBeGreaterThanOrEqual(3)
    const plant = only('鸡冠石污水处理厂四期')
    expect(stageOfWords(plant.progressHistory[0]!.text)?.stage).toBe(0)
    expect(plant.completedBeforeYearWan / plant.totalInvestmentWan).toBeLessThan(0.3)
  })
})
