import { ProjectListQuerySchema, ZONE_IDS, type ProjectRecord } from '@/contract'
import { RANKED_ZONES } from '@/domain/labels'
import { generateDataset, SIMULATED_THROUGH_MONTH } from '@/dataset/generate'
import {
  buildFilterOptions,
  buildProjectDetail,
  buildSummary,
  buildZoneDetail,
  buildZoneList,
  queryProjects,
} from '@/domain/answers'
import { makeNewStart, makeProject, reportedThrough } from '../factories'

/**
 * Six hand-made projects whose standing at 9月 follows from the rules (annual plan 1,200 万元 each,
 * 序时 at 9月 = 900):
 *   P001 中山路改造  南坪  100/月 → 900   on pace
 *   P002 安澜大道    南滨  60/月  → 540   −30 points: lagging
 *   P003 北湖公园    南滨  100/月 1-8月, 9月 no report: not-reported
 *   P004 东港码头    南山  20/月  → 180   −60 points: severe; owner ABC建设有限公司
 *   P005 南滨步道    南滨  done in May after 100/月 → 500: completed
 *   P006 西城小学    跨片区  new start planned for June, not started: not-started
 * They are listed out of id order so that sorting has work to do.
 */
function sixProjects(): ProjectRecord[] {
  return [
    makeProject({
      id: 'P004',
      name: '东港码头',
      zoneId: 'nanshan',
      ownerUnit: 'ABC建设有限公司',
      monthlyActualWan: reportedThrough(20, 9),
    }),
    makeNewStart(6, { id: 'P006', name: '西城小学', zoneId: 'district-wide', ownerUnit: '区教委' }),
    makeProject({ id: 'P001', name: '中山路改造', zoneId: 'nanping', ownerUnit: '区城市更新平台公司' }),
    makeProject({
      id: 'P005',
      name: '南滨步道',
      zoneId: 'nanbin',
      ownerUnit: '区城市更新平台公司',
      actualCompletionDate: '2024-05-10',
      monthlyActualWan: reportedThrough(100, 5),
    }),
    makeProject({
      id: 'P002',
      name: '安澜大道',
      zoneId: 'nanbin',
      ownerUnit: '区城市建设发展平台公司',
      monthlyActualWan: reportedThrough(60, 9),
    }),
    makeProject({
      id: 'P003',
      name: '北湖公园',
      zoneId: 'nanbin',
      ownerUnit: '区城市建设发展平台公司',
      monthlyActualWan: reportedThrough(100, 8),
    }),
  ]
}

/** The API's query, parsed from strings exactly as the handler does. */
/** A list query as the API parses it; the routes resolve the month, here the fixtures' last reported month. */
const query = (params: Record<string, string> = {}) => ProjectListQuerySchema.parse({ asOf: `2024-0${SIMULATED_THROUGH_MONTH}`, ...params })
const ids = (list: ReturnType<typeof queryProjects>) => list.items.map((i) => i.id)

describe('queryProjects: the project list', () => {
  const records = sixProjects()

  it('lists everything in id order by default, judged at the latest report month', () => {
    const list = queryProjects(records, query())
    expect(ids(list)).toEqual(['P001', 'P002', 'P003', 'P004', 'P005', 'P006'])
    expect(list.asOfMonth).toBe(SIMULATED_THROUGH_MONTH)
    expect(list.items.map((i) => i.status.lagClass)).toEqual([
      'on-pace',
      'lagging',
      'not-reported',
      'severe',
      'completed',
      'not-started',
    ])
  })

  describe('filters', () => {
    it('by zone', () => {
      expect(ids(queryProjects(records, query({ zone: 'nanbin' })))).toEqual(['P002', 'P003', 'P005'])
      expect(queryProjects(records, query({ zone: 'gy-island' })).total).toBe(0)
    })

    it('by a list of statuses (any of them)', () => {
      expect(ids(queryProjects(records, query({ status: 'lagging,severe' })))).toEqual(['P002', 'P004'])
      expect(ids(queryProjects(records, query({ status: 'not-reported' })))).toEqual(['P003'])
    })

    it('by zone and status together', () => {
      expect(ids(queryProjects(records, query({ zone: 'nanbin', status: 'lagging,severe,completed' })))).toEqual([
        'P002',
        'P005',
      ])
    })

    it('by search text, case-insensitively, in the owner unit too', () => {
      expect(ids(queryProjects(records, query({ q: 'abc' })))).toEqual(['P004'])
      expect(ids(queryProjects(records, query({ q: 'Abc建设' })))).toEqual(['P004'])
      expect(ids(queryProjects(records, query({ q: 'ＡＢＣ' })))).toEqual(['P004']) // full-width letters fold
      expect(ids(queryProjects(records, query({ q: '更新平台' })))).toEqual(['P001', 'P005'])
    })

    it('by search text in the name and the id', () => {
      expect(ids(queryProjects(records, query({ q: '公园' })))).toEqual(['P003'])
      expect(ids(queryProjects(records, query({ q: 'p006' })))).toEqual(['P006'])
      expect(queryProjects(records, query({ q: '不存在的项目' })).total).toBe(0)
    })

    it('judges statuses at the requested month: P006 is not yet due in May', () => {
      const may = queryProjects(records, query({ asOf: '2024-05', status: 'pending-start' }))
      expect(may.asOfMonth).toBe(5)
      expect(ids(may)).toEqual(['P006'])
    })
  })

  describe('sorting', () => {
    it('sorts names in pinyin order (安 北 东 南 西 中), not by code point', () => {
      const list = queryProjects(records, query({ sort: 'name' }))
      expect(list.items.map((i) => i.name)).toEqual([
        '安澜大道',
        '北湖公园',
        '东港码头',
        '南滨步道',
        '西城小学',
        '中山路改造',
      ])
      // The same order as the zh-CN collator the brief names; code-point order would start with 东.
      const collator = new Intl.Collator('zh-CN')
      expect(list.items.map((i) => i.name)).toEqual(records.map((r) => r.name).sort(collator.compare))
      expect(records.map((r) => r.name).sort()[0]).toBe('东港码头')
    })

    it('reverses for order=desc', () => {
      const list = queryProjects(records, query({ sort: 'name', order: 'desc' }))
      expect(list.items.map((i) => i.name)).toEqual([
        '中山路改造',
        '西城小学',
        '南滨步道',
        '东港码头',
        '北湖公园',
        '安澜大道',
      ])
    })

    it('sorts by money: the cumulative actual, smallest first', () => {
      // P006 0, P004 180, P005 500, P002 540, P003 800, P001 900
      expect(ids(queryProjects(records, query({ sort: 'actual' })))).toEqual([
        'P006',
        'P004',
        'P005',
        'P002',
        'P003',
        'P001',
      ])
    })

    it('breaks ties by id, ascending, in both directions', () => {
      // Every project plans 1,200 万元, so sorting by annual plan is all ties.
      expect(ids(queryProjects(records, query({ sort: 'annualPlan' })))).toEqual([
        'P001',
        'P002',
        'P003',
        'P004',
        'P005',
        'P006',
      ])
      expect(ids(queryProjects(records, query({ sort: 'annualPlan', order: 'desc' })))).toEqual([
        'P001',
        'P002',
        'P003',
        'P004',
        'P005',
        'P006',
      ])
      const twins = [makeProject({ id: 'P020', name: '同名项目' }), makeProject({ id: 'P010', name: '同名项目' })]
      expect(ids(queryProjects(twins, query({ sort: 'name' })))).toEqual(['P010', 'P020'])
      expect(ids(queryProjects(twins, query({ sort: 'name', order: 'desc' })))).toEqual(['P010', 'P020'])
    })

    it('puts projects without a progress percentage last, whichever the direction', () => {
      const withProgress = (id: string, percent: number | null) =>
        makeProject({
          id,
          progressHistory: [{ month: 9, percent, text: percent === null ? '车站主体结构全部完成' : `完成${percent}%` }],
        })
      const mixed = [
        withProgress('P001', null),
        withProgress('P002', 60),
        withProgress('P003', 20),
        withProgress('P004', null),
      ]
      expect(ids(queryProjects(mixed, query({ sort: 'progress' })))).toEqual(['P003', 'P002', 'P001', 'P004'])
      expect(ids(queryProjects(mixed, query({ sort: 'progress', order: 'desc' })))).toEqual([
        'P002',
        'P003',
        'P001',
        'P004',
      ])
    })
  })

  describe('paging', () => {
    it('cuts pages of pageSize in sort order', () => {
      const second = queryProjects(records, query({ page: '2', pageSize: '4' }))
      expect(ids(second)).toEqual(['P005', 'P006'])
      expect(second.page).toBe(2)
      expect(second.pageSize).toBe(4)
      expect(second.total).toBe(6)
    })

    it('clamps a page past the end to the last page rather than answering with nothing', () => {
      const list = queryProjects(records, query({ page: '99', pageSize: '4' }))
      expect(list.page).toBe(2)
      expect(ids(list)).toEqual(['P005', 'P006'])
    })

    it('answers page 1 of an empty result', () => {
      const list = queryProjects(records, query({ zone: 'gy-island', page: '3' }))
      expect(list).toMatchObject({ page: 1, total: 0, items: [] })
      expect(list.totals.completionRate).toBeNull()
    })

    it('gives totals of the whole filtered set, not of the page', () => {
      const list = queryProjects(records, query({ zone: 'nanbin', pageSize: '1' }))
      expect(list.items).toHaveLength(1)
      expect(list.total).toBe(3)
      // P002 540 + P003 800 + P005 500 = 1,840 of 3 × 1,200.
      expect(list.totals.annualPlanWan).toBe(3600)
      expect(list.totals.actualWan).toBe(1840)
      expect(list.totals.completionRate).toBeCloseTo(1840 / 3600, 12)
      // Short of 序时 (900 each): P002 360, P003 100; a completed project is never short.
      expect(list.totals.shortfallWan).toBe(460)
      expect(list.lagCounts).toMatchObject({ lagging: 1, 'not-reported': 1, completed: 1, 'on-pace': 0 })
    })
  })
})

describe('buildProjectDetail and buildZoneDetail', () => {
  const records = sixProjects()

  it('answers null for an unknown project id', () => {
    expect(buildProjectDetail(records, 'P999', 9)).toBeNull()
  })

  it('gives a known project with its zone name and its status at the month', () => {
    const detail = buildProjectDetail(records, 'P004', 9)
    expect(detail).toMatchObject({ id: 'P004', zoneName: '南山', asOfMonth: 9 })
    expect(detail!.status.lagClass).toBe('severe')
    expect(detail!.status.shortfallWan).toBe(720)
  })

  it('answers null for an unknown zone', () => {
    expect(buildZoneDetail(records, 'nowhere', 9)).toBeNull()
    expect(buildZoneDetail(records, '', 9)).toBeNull()
  })

  it('gives a zone’s own figures and only its own projects behind pace, largest shortfall first', () => {
    const zone = buildZoneDetail(records, 'nanbin', 9)!
    expect(zone).toMatchObject({ id: 'nanbin', name: '南滨路', projectCount: 3, annualPlanWan: 3600, actualWan: 1840 })
    expect(zone.shortfallProjects.map((p) => p.id)).toEqual(['P002', 'P003'])
    expect(zone.monthly[11]!.cumulativePlanWan).toBe(3600)
  })
})

describe('buildSummary over time', () => {
  const records = sixProjects()

  it('has no previous month in January', () => {
    expect(buildSummary(records, 1).previous).toBeNull()
  })

  it('reports last month’s figures as "previous" from February on', () => {
    const june = buildSummary(records, 6)
    const may = buildSummary(records, 5)
    expect(june.previous).toEqual({
      actualWan: may.actualWan,
      completionRate: may.completionRate,
      gapPoints: may.gapPoints,
    })
  })

  it('measures against 序时 for the month asked', () => {
    expect(buildSummary(records, 4).scheduleRate).toBeCloseTo(1 / 3, 12)
    expect(buildSummary(records, 9).scheduleRate).toBe(0.75)
  })

  it('lists the projects most behind by shortfall, largest first, none that is on pace', () => {
    const summary = buildSummary(generateDataset(), SIMULATED_THROUGH_MONTH)
    const shortfalls = summary.mostBehind.map((p) => p.status.shortfallWan)
    expect(shortfalls.length).toBeGreaterThan(0)
    expect(shortfalls.length).toBeLessThanOrEqual(10)
    expect(shortfalls.every((s) => s > 0)).toBe(true)
    expect(shortfalls).toEqual([...shortfalls].sort((a, b) => b - a))
  })
})

describe('zone ranks', () => {
  // The seven zones are ranked 1..7; 跨片区/全区 is counted apart and has no rank.
  const isPermutation = (ranks: readonly (number | null)[]) => {
    expect(ranks.filter((r) => r === null)).toHaveLength(1)
    expect(ranks.filter((r) => r !== null).sort((a, b) => a! - b!)).toEqual(Array.from({ length: RANKED_ZONES.length }, (_, i) => i + 1))
  }

  it('are a permutation of 1..7 at every month of the real dataset, and so are last month’s; 跨片区/全区 has none', () => {
    const dataset = generateDataset()
    for (let month = 1; month <= SIMULATED_THROUGH_MONTH; month++) {
      const zones = buildZoneList(dataset, month).items
      expect(zones).toHaveLength(ZONE_IDS.length)
      isPermutation(zones.map((z) => z.rank))
      if (month === 1) expect(zones.every((z) => z.previousRank === null)).toBe(true)
      else isPermutation(zones.map((z) => z.previousRank))
      expect(zones.find((z) => z.id === 'district-wide')!.rank).toBeNull()
    }
  })

  it('rank 1 is the best completion rate and ranks follow the rates down', () => {
    const zones = [...buildZoneList(generateDataset(), 9).items].filter((z) => z.rank !== null).sort((a, b) => a.rank! - b.rank!)
    for (let i = 1; i < zones.length; i++)
      expect(zones[i - 1]!.completionRate!).toBeGreaterThanOrEqual(zones[i]!.completionRate!)
  })

  it('stay a permutation when zones tie or have no projects at all, empty zones last', () => {
    const zones = buildZoneList(sixProjects(), 9).items
    isPermutation(zones.map((z) => z.rank))
    const empty = zones.filter((z) => z.projectCount === 0)
    expect(empty.length).toBe(4)
    const rankedEmpty = empty.filter((e) => e.rank !== null)
    for (const z of rankedEmpty) expect(z.rank).toBeGreaterThan(RANKED_ZONES.length - rankedEmpty.length)
    // 南坪 (P001 on pace, 75%) beats 南滨路 (51%) and 南山 (15%).
    const rank = (id: string) => zones.find((z) => z.id === id)!.rank!
    expect(rank('nanping')).toBeLessThan(rank('nanbin'))
    expect(rank('nanbin')).toBeLessThan(rank('nanshan'))
  })
})

describe('buildFilterOptions', () => {
  it('offers every zone and each unit once, in pinyin order', () => {
    const options = buildFilterOptions(sixProjects())
    expect(options.zones.map((z) => z.id)).toEqual([...ZONE_IDS])
    // 城(cheng) < 教(jiao), 更(geng) < 建(jian); CLDR's zh order puts Han before Latin letters.
    expect(options.ownerUnits).toEqual(['区城市更新平台公司', '区城市建设发展平台公司', '区教委', 'ABC建设有限公司'])
    expect(new Set(options.ownerUnits).size).toBe(options.ownerUnits.length)
  })
})
