import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CalendarSchema,
  FilterOptionsSchema,
  ProjectListSchema,
  SummarySchema,
  ZONE_IDS,
  ZoneDetailSchema,
  ZoneListSchema,
  type ProjectList,
  type ProjectRecord,
} from '@/contract'
import { RANKED_ZONES } from '@/domain/labels'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { makeNewStart, makeProject, reportedThrough, withMonths } from '../factories'
import { memoryDatabaseWith, signedIn, silentLogger, type Client } from './support'

/**
 * The rules of the read answers — filters, search, sort order, paging, totals, zone ranks, filter options,
 * the month the dashboard opens on — asked of the server's API (the SQL in server/db/queries.ts) over
 * hand-made projects whose standing follows from the rules.
 *
 * Six projects at 9月 (annual plan 1,200 万元 each, 序时 at 9月 = 900):
 *   P001 中山路改造  南坪  100/月 → 900   on pace
 *   P002 安澜大道    南滨  60/月  → 540   −30 points: lagging
 *   P003 北湖公园    南滨  100/月 1-8月, 9月 no report: not-reported
 *   P004 东港码头    南山  20/月  → 180   −60 points: severe; owner ABC建设有限公司
 *   P005 南滨步道    南滨  done in May after 100/月 → 500: completed
 *   P006 西城小学    跨片区  new start planned for June, not started (0 万元 reported each month): not-started
 * They are listed out of id order so that sorting has work to do; 9月 is their latest reported month.
 */
function sixProjects(): ProjectRecord[] {
  return [
    makeProject({ id: 'P004', name: '东港码头', zoneId: 'nanshan', ownerUnit: 'ABC建设有限公司', monthlyActualWan: reportedThrough(20, 9) }),
    makeNewStart(6, { id: 'P006', name: '西城小学', zoneId: 'district-wide', ownerUnit: '区教委', monthlyActualWan: reportedThrough(0, 9) }),
    makeProject({ id: 'P001', name: '中山路改造', zoneId: 'nanping', ownerUnit: '区城市更新平台公司' }),
    makeProject({
      id: 'P005',
      name: '南滨步道',
      zoneId: 'nanbin',
      ownerUnit: '区城市更新平台公司',
      actualCompletionDate: '2024-05-10',
      monthlyActualWan: reportedThrough(100, 5),
    }),
    makeProject({ id: 'P002', name: '安澜大道', zoneId: 'nanbin', ownerUnit: '区城市建设发展平台公司', monthlyActualWan: reportedThrough(60, 9) }),
    makeProject({ id: 'P003', name: '北湖公园', zoneId: 'nanbin', ownerUnit: '区城市建设发展平台公司', monthlyActualWan: reportedThrough(100, 8) }),
  ]
}

const NOTHING_REPORTED = reportedThrough(0, 0)
const withProgress = (id: string, percent: number | null) =>
  makeProject({ id, zoneId: 'nanshan', progressHistory: [{ month: 9, percent, text: percent === null ? '车站主体结构全部完成' : `完成${percent}%` }] })

/**
 * Shapes the six do not have, each in a zone of its own: 南山, progress with and without a percentage;
 * 南滨路, two projects of the same name; 广阳岛, reports with gaps, the latest a 0 万元 report in 10月.
 */
function otherProjects(): ProjectRecord[] {
  return [
    withProgress('P001', null),
    withProgress('P002', 60),
    withProgress('P003', 20),
    withProgress('P004', null),
    makeProject({ id: 'P020', name: '同名项目', zoneId: 'nanbin' }),
    makeProject({ id: 'P010', name: '同名项目', zoneId: 'nanbin' }),
    // Reported January, then nothing until August.
    makeProject({ id: 'P030', zoneId: 'gy-island', monthlyActualWan: withMonths(NOTHING_REPORTED, { 1: 300, 8: 120 }) }),
    // 1-3月, then nothing until a report of 0 万元 in October: zero is a report, null the absence of one.
    makeProject({ id: 'P031', zoneId: 'gy-island', monthlyActualWan: withMonths(reportedThrough(50, 3), { 10: 0 }) }),
  ]
}

const databases: Database[] = []
let six: Client
let others: Client

beforeAll(async () => {
  const sixDb = await memoryDatabaseWith(sixProjects())
  const othersDb = await memoryDatabaseWith(otherProjects())
  databases.push(sixDb, othersDb)
  six = await signedIn(createApp({ database: sixDb, logger: silentLogger() }))
  others = await signedIn(createApp({ database: othersDb, logger: silentLogger() }))
})
afterAll(async () => {
  for (const database of databases) await database.close()
})

async function get(client: Client, path: string, status = 200): Promise<unknown> {
  const response = await client.request(path)
  expect(response.status, path).toBe(status)
  return response.json()
}
const listOf = async (client: Client, query = '') => ProjectListSchema.parse(await get(client, `/api/projects?${query}`))
const ids = (list: ProjectList) => list.items.map((i) => i.id)
const enc = encodeURIComponent

describe('GET /api/projects: the project list', () => {
  it('lists everything in id order by default, judged at the latest report month', async () => {
    const list = await listOf(six)
    expect(ids(list)).toEqual(['P001', 'P002', 'P003', 'P004', 'P005', 'P006'])
    expect(list.asOfMonth).toBe(9)
    expect(list.items.map((i) => i.status.lagClass)).toEqual(['on-pace', 'lagging', 'not-reported', 'severe', 'completed', 'not-started'])
  })

  describe('filters', () => {
    it('by zone', async () => {
      expect(ids(await listOf(six, 'zone=nanbin'))).toEqual(['P002', 'P003', 'P005'])
      expect((await listOf(six, 'zone=gy-island')).total).toBe(0)
    })

    it('by a list of statuses (any of them)', async () => {
      expect(ids(await listOf(six, 'status=lagging,severe'))).toEqual(['P002', 'P004'])
      expect(ids(await listOf(six, 'status=not-reported'))).toEqual(['P003'])
    })

    it('by zone and status together', async () => {
      expect(ids(await listOf(six, 'zone=nanbin&status=lagging,severe,completed'))).toEqual(['P002', 'P005'])
    })

    it('by search text, case-insensitively, in the owner unit too', async () => {
      expect(ids(await listOf(six, `q=abc`))).toEqual(['P004'])
      expect(ids(await listOf(six, `q=${enc('Abc建设')}`))).toEqual(['P004'])
      expect(ids(await listOf(six, `q=${enc('ＡＢＣ')}`))).toEqual(['P004']) // full-width letters fold
      expect(ids(await listOf(six, `q=${enc('更新平台')}`))).toEqual(['P001', 'P005'])
    })

    it('by search text in the name and the id', async () => {
      expect(ids(await listOf(six, `q=${enc('公园')}`))).toEqual(['P003'])
      expect(ids(await listOf(six, 'q=p006'))).toEqual(['P006'])
      expect((await listOf(six, `q=${enc('不存在的项目')}`)).total).toBe(0)
    })

    it('judges statuses at the requested month: P006 is not yet due in May', async () => {
      const may = await listOf(six, 'asOf=2024-05&status=pending-start')
      expect(may.asOfMonth).toBe(5)
      expect(ids(may)).toEqual(['P006'])
    })
  })

  describe('sorting', () => {
    it('sorts names in pinyin order (安 北 东 南 西 中), not by code point', async () => {
      const names = (await listOf(six, 'sort=name')).items.map((i) => i.name)
      expect(names).toEqual(['安澜大道', '北湖公园', '东港码头', '南滨步道', '西城小学', '中山路改造'])
      // The same order as the zh-CN collator the brief names; code-point order would start with 东.
      const collator = new Intl.Collator('zh-CN')
      const given = sixProjects().map((r) => r.name)
      expect(names).toEqual([...given].sort(collator.compare))
      expect([...given].sort()[0]).toBe('东港码头')
    })

    it('reverses for order=desc', async () => {
      const names = (await listOf(six, 'sort=name&order=desc')).items.map((i) => i.name)
      expect(names).toEqual(['中山路改造', '西城小学', '南滨步道', '东港码头', '北湖公园', '安澜大道'])
    })

    it('sorts by money: the cumulative actual, smallest first', async () => {
      // P006 0, P004 180, P005 500, P002 540, P003 800, P001 900
      expect(ids(await listOf(six, 'sort=actual'))).toEqual(['P006', 'P004', 'P005', 'P002', 'P003', 'P001'])
    })

    it('breaks ties by id, ascending, in both directions', async () => {
      // Every project plans 1,200 万元, so sorting by annual plan is all ties.
      const inIdOrder = ['P001', 'P002', 'P003', 'P004', 'P005', 'P006']
      expect(ids(await listOf(six, 'sort=annualPlan'))).toEqual(inIdOrder)
      expect(ids(await listOf(six, 'sort=annualPlan&order=desc'))).toEqual(inIdOrder)
      // Two projects of the same name, given P020 first.
      expect(ids(await listOf(others, 'zone=nanbin&sort=name'))).toEqual(['P010', 'P020'])
      expect(ids(await listOf(others, 'zone=nanbin&sort=name&order=desc'))).toEqual(['P010', 'P020'])
    })

    it('puts projects without a progress percentage last, whichever the direction', async () => {
      expect(ids(await listOf(others, 'zone=nanshan&asOf=2024-09&sort=progress'))).toEqual(['P003', 'P002', 'P001', 'P004'])
      expect(ids(await listOf(others, 'zone=nanshan&asOf=2024-09&sort=progress&order=desc'))).toEqual(['P002', 'P003', 'P001', 'P004'])
    })
  })

  describe('paging', () => {
    it('cuts pages of pageSize in sort order', async () => {
      const second = await listOf(six, 'page=2&pageSize=4')
      expect(ids(second)).toEqual(['P005', 'P006'])
      expect(second).toMatchObject({ page: 2, pageSize: 4, total: 6 })
    })

    it('clamps a page past the end to the last page rather than answering with nothing', async () => {
      const list = await listOf(six, 'page=99&pageSize=4')
      expect(list.page).toBe(2)
      expect(ids(list)).toEqual(['P005', 'P006'])
    })

    it('answers page 1 of an empty result', async () => {
      const list = await listOf(six, 'zone=gy-island&page=3')
      expect(list).toMatchObject({ page: 1, total: 0, items: [] })
      expect(list.totals.completionRate).toBeNull()
    })

    it('gives totals of the whole filtered set, not of the page', async () => {
      const list = await listOf(six, 'zone=nanbin&pageSize=1')
      expect(list.items).toHaveLength(1)
      expect(list.total).toBe(3)
      // P002 540 + P003 800 + P005 500 = 1,840 of 3 × 1,200.
      expect(list.totals.annualPlanWan).toBe(3600)
      expect(list.totals.cumulativeActualWan).toBe(1840)
      expect(list.totals.completionRate).toBeCloseTo(1840 / 3600, 12)
      // Short of 序时 (900 each): P002 360, P003 100; a completed project is never short.
      expect(list.totals.shortfallWan).toBe(460)
      expect(list.lagCounts).toMatchObject({ lagging: 1, 'not-reported': 1, completed: 1, 'on-pace': 0 })
    })
  })
})

describe('GET /api/zones/:id', () => {
  it('answers 404 for an unknown zone', async () => {
    await get(six, '/api/zones/nowhere', 404)
  })

  it('gives a zone’s own figures and only its own projects behind pace, largest shortfall first', async () => {
    const zone = ZoneDetailSchema.parse(await get(six, '/api/zones/nanbin?asOf=2024-09'))
    expect(zone).toMatchObject({ id: 'nanbin', name: '南滨路', projectCount: 3, annualPlanWan: 3600, cumulativeActualWan: 1840 })
    expect(zone.shortfallProjects.map((p) => p.id)).toEqual(['P002', 'P003'])
    expect(zone.monthly[11]!.cumulativePlanWan).toBe(3600)
  })
})

describe('GET /api/summary over time', () => {
  const summaryAt = async (month: number) => SummarySchema.parse(await get(six, `/api/summary?asOf=2024-${String(month).padStart(2, '0')}`))

  it('has no previous month in January', async () => {
    expect((await summaryAt(1)).previous).toBeNull()
  })

  it('reports last month’s figures as "previous" from February on', async () => {
    const [june, may] = [await summaryAt(6), await summaryAt(5)]
    expect(june.previous).toEqual({ cumulativeActualWan: may.cumulativeActualWan, completionRate: may.completionRate, gapPoints: may.gapPoints })
  })

  it('measures against 序时 for the month asked', async () => {
    expect((await summaryAt(4)).scheduleRate).toBeCloseTo(1 / 3, 12)
    expect((await summaryAt(9)).scheduleRate).toBe(0.75)
  })
})

describe('zone ranks (GET /api/zones)', () => {
  it('stay a permutation when zones tie or have no projects at all, empty zones last', async () => {
    const zones = ZoneListSchema.parse(await get(six, '/api/zones?asOf=2024-09')).items
    const ranks = zones.map((z) => z.rank)
    expect(ranks.filter((r) => r === null)).toHaveLength(1)
    expect(ranks.filter((r) => r !== null).sort((a, b) => a! - b!)).toEqual(Array.from({ length: RANKED_ZONES.length }, (_, i) => i + 1))
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

describe('GET /api/filter-options', () => {
  it('offers every zone and each unit once, in pinyin order', async () => {
    const options = FilterOptionsSchema.parse(await get(six, '/api/filter-options'))
    expect(options.zones.map((z) => z.id)).toEqual([...ZONE_IDS])
    // 城(cheng) < 教(jiao), 更(geng) < 建(jian); CLDR's zh order puts Han before Latin letters.
    expect(options.ownerUnits).toEqual(['区城市更新平台公司', '区城市建设发展平台公司', '区教委', 'ABC建设有限公司'])
    expect(new Set(options.ownerUnits).size).toBe(options.ownerUnits.length)
  })
})

describe('GET /api/calendar: the dashboard opens on the latest published month (a seed publishes through its latest month with an approved figure)', () => {
  it('is the last month reported over all projects, looking past months without a report; a 0 万元 report counts', async () => {
    expect(CalendarSchema.parse(await get(others, '/api/calendar'))).toMatchObject({ planYear: 2024, latestReportMonth: 10, publishedMonth: '2024-10' })
    expect(SummarySchema.parse(await get(others, '/api/summary')).asOfMonth).toBe(10)
  })

  it('is the latest report month of the six: 9月', async () => {
    expect(CalendarSchema.parse(await get(six, '/api/calendar')).latestReportMonth).toBe(9)
  })
})
