import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAG_CLASSES, SummarySchema, ZONE_IDS, ZoneListSchema, type GroupFigures, type InvestmentType, type Summary } from '@/contract'
import { generateDataset, SIMULATED_THROUGH_MONTH } from '@/dataset/generate'
import { RANKED_ZONES } from '@/domain/labels'
import { cumulativeTo } from '@/domain/rules'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { FACTS } from '../report-facts'
import { seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

/**
 * The server's answers over the seeded demo dataset reconcile with the source report (FACTS.md §1) and
 * with the records they are computed from: the district figures, every breakdown, the monthly series, the
 * zone ranks at every month and the 最落后 list. The records themselves are checked in tests/unit/dataset.test.ts.
 */

let database: Database
let staff: Client

beforeAll(async () => {
  database = await seededMemoryDatabase()
  staff = await signedIn(createApp({ database, logger: silentLogger() }))
})
afterAll(async () => {
  await database?.close()
})

const sumOf = <T>(items: readonly T[], get: (item: T) => number) => items.reduce((a, item) => a + get(item), 0)
const month = (m: number) => `2024-${String(m).padStart(2, '0')}`

async function get(path: string): Promise<unknown> {
  const response = await staff.request(path)
  expect(response.status, path).toBe(200)
  return response.json()
}

describe('the district figures reconcile with the report and with every breakdown (GET /api/summary)', () => {
  const dataset = generateDataset()
  const expectedActual = sumOf(dataset, (r) => cumulativeTo(r.monthlyActualWan, SIMULATED_THROUGH_MONTH))
  let summary: Summary
  beforeAll(async () => {
    summary = SummarySchema.parse(await get(`/api/summary?asOf=${month(SIMULATED_THROUGH_MONTH)}`))
  })

  it('the district totals are the report’s and the sums of the records', () => {
    expect(summary.projectCount).toBe(FACTS.projectCount)
    expect(summary.totalInvestmentWan).toBe(FACTS.totalInvestmentWan)
    expect(summary.annualPlanWan).toBe(FACTS.annualPlanWan)
    expect(summary.cumulativeActualWan).toBe(expectedActual)
    expect(summary.completionRate).toBeCloseTo(expectedActual / FACTS.annualPlanWan, 12)
    expect(sumOf(LAG_CLASSES, (c) => summary.lagCounts[c])).toBe(FACTS.projectCount)
  })

  it.each(['byZone', 'byInvestmentType', 'byFocusArea', 'byStage'] as const)('%s adds up to the district exactly', (breakdown) => {
    const rows: readonly GroupFigures[] = summary[breakdown]
    expect(sumOf(rows, (r) => r.projectCount)).toBe(summary.projectCount)
    expect(sumOf(rows, (r) => r.totalInvestmentWan)).toBe(summary.totalInvestmentWan)
    expect(sumOf(rows, (r) => r.annualPlanWan)).toBe(summary.annualPlanWan)
    expect(sumOf(rows, (r) => r.cumulativeActualWan)).toBe(summary.cumulativeActualWan)
    expect(sumOf(rows, (r) => r.shortfallWan)).toBe(summary.shortfallWan)
    for (const c of LAG_CLASSES) expect(sumOf(rows, (r) => r.lagCounts[c]), c).toBe(summary.lagCounts[c])
  })

  it('byInvestmentType repeats the report’s four groups', () => {
    for (const row of summary.byInvestmentType) {
      const fact = FACTS.byInvestmentType[row.key as InvestmentType]
      expect(row.projectCount, row.key).toBe(fact.projects)
      expect(row.annualPlanWan, row.key).toBe(fact.annualPlanWan)
    }
  })

  it('the monthly series ends at the annual plan and at the 1-N月 actual', () => {
    expect(summary.monthly[11]!.cumulativePlanWan).toBe(FACTS.annualPlanWan)
    expect(summary.monthly[SIMULATED_THROUGH_MONTH - 1]!.cumulativeActualWan).toBe(expectedActual)
    expect(sumOf(summary.monthly, (p) => p.actualWan ?? 0)).toBe(expectedActual)
    expect(summary.monthly[SIMULATED_THROUGH_MONTH]!.actualWan).toBeNull()
  })

  it('lists the projects most behind by shortfall, largest first, none that is on pace', () => {
    const shortfalls = summary.mostBehind.map((p) => p.status.shortfallWan)
    expect(shortfalls.length).toBeGreaterThan(0)
    expect(shortfalls.length).toBeLessThanOrEqual(10)
    expect(shortfalls.every((s) => s > 0)).toBe(true)
    expect(shortfalls).toEqual([...shortfalls].sort((a, b) => b - a))
  })
})

describe('zone ranks over the demo dataset (GET /api/zones)', () => {
  // The seven zones are ranked 1..7; 跨片区/全区 is counted apart and has no rank.
  const isPermutation = (ranks: readonly (number | null)[]) => {
    expect(ranks.filter((r) => r === null)).toHaveLength(1)
    expect(ranks.filter((r) => r !== null).sort((a, b) => a! - b!)).toEqual(Array.from({ length: RANKED_ZONES.length }, (_, i) => i + 1))
  }

  it('are a permutation of 1..7 at every reported month, and so are last month’s; 跨片区/全区 has none', async () => {
    for (let m = 1; m <= SIMULATED_THROUGH_MONTH; m++) {
      const zones = ZoneListSchema.parse(await get(`/api/zones?asOf=${month(m)}`)).items
      expect(zones).toHaveLength(ZONE_IDS.length)
      isPermutation(zones.map((z) => z.rank))
      if (m === 1) expect(zones.every((z) => z.previousRank === null)).toBe(true)
      else isPermutation(zones.map((z) => z.previousRank))
      expect(zones.find((z) => z.id === 'district-wide')!.rank).toBeNull()
    }
  })

  it('rank 1 is the best completion rate and ranks follow the rates down', async () => {
    const zones = ZoneListSchema.parse(await get(`/api/zones?asOf=${month(9)}`))
      .items.filter((z) => z.rank !== null)
      .sort((a, b) => a.rank! - b.rank!)
    for (let i = 1; i < zones.length; i++) expect(zones[i - 1]!.completionRate!).toBeGreaterThanOrEqual(zones[i]!.completionRate!)
  })
})
