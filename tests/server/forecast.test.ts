import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { ForecastSchema, ProjectDetailSchema, ProjectListSchema, REPORT_PLAN_YEAR, type Forecast } from '@/contract'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { parseEnv } from '../../server/env'
import { bulletinContentOf } from '../../server/db/bulletins'
import { fillReportOutlook } from '../../server/db/write'
import { makeProject, reportedThrough } from '../factories'
import { expectApiError, memoryDatabaseWith, signedIn, silentLogger, type Client } from './support'

/**
 * GET /api/forecast, the catch-up on project answers and the 冲刺 sort, over five hand-made projects whose every
 * figure is worked out below (decision 75). Every plan is 100 a month, so the district's pattern (this year's plan
 * shape: no closed year) is even and the pace of a project is simply its actual ÷ N/12.
 */
const Y = REPORT_PLAN_YEAR
const NONE = null
const projects = [
  // On plan: 900 by September → 900 ÷ 0.75 = 1,200. Owner: 1,500 in June, then 1,000 in August (the latest counts).
  makeProject({ id: 'P901', zoneId: 'nanping', annualPlanWan: 1200, monthlyActualWan: reportedThrough(100, 9) }),
  // Behind: 850 → 1,133.3 → 1,133. Owner 1,400 > 1,133 × 1.2 = 1,359.6: 预计偏乐观. 冲刺 (1,200 − 850) ÷ 3 → 117, best 200.
  makeProject({ id: 'P902', zoneId: 'nanping', annualPlanWan: 1200, monthlyActualWan: [100, 200, 50, 100, 100, 100, 100, 50, 50, NONE, NONE, NONE] }),
  // Far behind: 300 → 400. No owner forecast: its plan, 1,200. 冲刺 300 a month, 6 × its best month of 50: 难以完成.
  makeProject({ id: 'P903', zoneId: 'gy-island', annualPlanWan: 1200, monthlyActualWan: [50, 50, 50, 50, 50, 50, 0, 0, 0, NONE, NONE, NONE] }),
  // Never reported: computed 0, owner (none) its plan 1,200. 冲刺 400 a month with no best month: the hardest.
  makeProject({ id: 'P904', zoneId: 'gy-island', annualPlanWan: 1200, monthlyActualWan: new Array<number | null>(12).fill(NONE) }),
  // Finished in June with 1,000: both forecasts its actual, no catch-up.
  makeProject({ id: 'P905', zoneId: 'nanshan', annualPlanWan: 1200, actualCompletionDate: `${Y}-06-20`, monthlyActualWan: [200, 200, 200, 200, 100, 100, NONE, NONE, NONE, NONE, NONE, NONE] }),
]

let database: Database
let staff: Client

beforeAll(async () => {
  database = await memoryDatabaseWith(projects)
  const forecast = (id: string, month: number, wan: number) =>
    database.db.execute(sql`update monthly_reports set forecast_year_wan = ${wan} where project_id = ${id} and year = ${Y} and month = ${month}`)
  // The seed gives simulated reports simulated forecasts (decision 74); these projects carry only the ones below.
  await database.db.execute(sql`update monthly_reports set forecast_year_wan = null`)
  await forecast('P901', 6, 1500)
  await forecast('P901', 8, 1000)
  await forecast('P902', 9, 1400)
  // A forecast of a later month than the one asked does not count in it.
  await forecast('P903', 10, 9999)
  // Written straight to the table, so the read model's owner forecasts are refreshed as a write would (decision 75).
  await fillReportOutlook(database.db, Y, ['P901', 'P902', 'P903', 'P904', 'P905'])
  staff = await signedIn(createApp({ database, logger: silentLogger() }))
})
afterAll(async () => {
  await database?.close()
})

async function forecastAt(query: string): Promise<Forecast> {
  const response = await staff.request(`/api/forecast?${query}`)
  expect(response.status, query).toBe(200)
  return ForecastSchema.parse(await response.json())
}

const FIELDS = ['projectCount', 'planWan', 'actualWan', 'ownerForecastWan', 'computedForecastWan', 'withoutOwnerForecastCount', 'optimisticCount'] as const

describe('GET /api/forecast', () => {
  it('gives the district’s plan, actual, owners’ and computed forecast as the projects’ sums', async () => {
    const answer = await forecastAt('asOf=2024-09')
    expect(answer).toMatchObject({
      asOf: '2024-09',
      asOfMonth: 9,
      projectCount: 5,
      planWan: 6000,
      // 900 + 850 + 300 + 0 + 1,000
      actualWan: 3050,
      // 1,000 + 1,400 + 1,200 (plan) + 1,200 (plan) + 1,000 (finished: actual)
      ownerForecastWan: 5800,
      // 1,200 + 1,133 + 400 + 0 + 1,000
      computedForecastWan: 3733,
      withoutOwnerForecastCount: 3,
      optimisticCount: 1,
      pattern: { source: 'plan' },
      settings: { optimismMarginPercent: 20, feasibleRatio: 2 },
    })
    // (6,000 − 3,050) ÷ 3 = 983.3 → 984 a month; July–September delivered 200, 150, 150: 166.7 → 167, ratio 5.9.
    expect(answer.catchUp).toEqual({ neededPerMonthWan: 984, recentMonthlyAverageWan: 167, ratio: 5.9 })
  })

  it('adds up by zone to the district exactly, every zone listed', async () => {
    const answer = await forecastAt('asOf=2024-09')
    expect(answer.byZone).toHaveLength(8)
    for (const field of FIELDS) expect(answer.byZone.reduce((a, z) => a + z[field], 0), field).toBe(answer[field])
    expect(answer.byZone.find((z) => z.zoneId === 'nanping')).toMatchObject({ name: '南坪', planWan: 2400, actualWan: 1750, ownerForecastWan: 2400, computedForecastWan: 2333 })
    // A zone is judged on its plan, not its projects': its one project finished 200 short, so the zone still needs
    // 200 ÷ 3 → 67 a month, and delivered nothing in July–September (no ratio).
    expect(answer.byZone.find((z) => z.zoneId === 'nanshan')).toMatchObject({
      planWan: 1200,
      actualWan: 1000,
      computedForecastWan: 1000,
      catchUp: { neededPerMonthWan: 67, recentMonthlyAverageWan: 0, ratio: null },
    })
    // A zone without projects has nothing to reach.
    expect(answer.byZone.find((z) => z.zoneId === 'nanbin')).toMatchObject({ projectCount: 0, planWan: 0, catchUp: null })
  })

  it('answers one zone with `zone`: its figures are the district’s', async () => {
    const answer = await forecastAt('asOf=2024-09&zone=gy-island')
    expect(answer.byZone.map((z) => z.zoneId)).toEqual(['gy-island'])
    expect(answer).toMatchObject({ projectCount: 2, planWan: 2400, actualWan: 300, ownerForecastWan: 2400, computedForecastWan: 400, withoutOwnerForecastCount: 2 })
    for (const field of FIELDS) expect(answer.byZone[0]![field], field).toBe(answer[field])
  })

  it('counts an owner’s forecast only from the months up to the one asked', async () => {
    // In July P901's latest is June's 1,500; P902 has none yet (its plan, 1,200).
    const july = await forecastAt('asOf=2024-07')
    expect(july.byZone.find((z) => z.zoneId === 'nanping')?.ownerForecastWan).toBe(1500 + 1200)
  })

  it.each(['asOf=2024-13', 'asOf=september', 'zone=atlantis', 'asOf=2024-09&sort=name'])('refuses a bad query (%s) with 400 and the one error shape', async (query) => {
    const response = await staff.request(`/api/forecast?${query}`)
    expect(response.status).toBe(400)
    expectApiError(await response.json())
  })
})

describe('the catch-up (冲刺) on project answers', () => {
  it('a project page carries its catch-up and both forecasts, 预计偏乐观 when marked', async () => {
    const response = await staff.request('/api/projects/P902?asOf=2024-09')
    const detail = ProjectDetailSchema.parse(await response.json())
    expect(detail.catchUp).toEqual({ neededPerMonthWan: 117, bestMonthWan: 200, averageMonthWan: 94, ratioToBest: 0.58, feasible: true })
    expect(detail.forecast).toEqual({ ownerForecastWan: 1400, ownerForecastMonth: 9, computedForecastWan: 1133, optimistic: true })
    const onPlan = ProjectDetailSchema.parse(await (await staff.request('/api/projects/P901?asOf=2024-09')).json())
    expect(onPlan.catchUp).toBeNull()
    expect(onPlan.forecast).toEqual({ ownerForecastWan: 1000, ownerForecastMonth: 8, computedForecastWan: 1200, optimistic: false })
  })

  it('list items carry the same catch-up, and sort=catchUpRatio puts the hardest first (no best month hardest, none last)', async () => {
    const response = await staff.request('/api/projects?asOf=2024-09&sort=catchUpRatio&order=desc')
    const list = ProjectListSchema.parse(await response.json())
    expect(list.items.map((i) => i.id)).toEqual(['P904', 'P903', 'P902', 'P901', 'P905'])
    expect(list.items[0]!.catchUp).toEqual({ neededPerMonthWan: 400, bestMonthWan: 0, averageMonthWan: 0, ratioToBest: null, feasible: false })
    expect(list.items[1]!.catchUp).toEqual({ neededPerMonthWan: 300, bestMonthWan: 50, averageMonthWan: 33, ratioToBest: 6, feasible: false })
    expect(list.items[2]!.catchUp).toEqual({ neededPerMonthWan: 117, bestMonthWan: 200, averageMonthWan: 94, ratioToBest: 0.58, feasible: true })
    const ascending = ProjectListSchema.parse(await (await staff.request('/api/projects?asOf=2024-09&sort=catchUpRatio&order=asc')).json())
    expect(ascending.items.map((i) => i.id)).toEqual(['P902', 'P903', 'P904', 'P901', 'P905'])
  })
})

describe('the settings', () => {
  it('FORECAST_OPTIMISM_MARGIN and CATCH_UP_MAX_RATIO default to 20% and 2, and move the marks', async () => {
    expect(parseEnv({})).toMatchObject({ FORECAST_OPTIMISM_MARGIN: 20, CATCH_UP_MAX_RATIO: 2 })
    expect(parseEnv({ FORECAST_OPTIMISM_MARGIN: '30', CATCH_UP_MAX_RATIO: '8' })).toMatchObject({ FORECAST_OPTIMISM_MARGIN: 30, CATCH_UP_MAX_RATIO: 8 })
    const lenient = await signedIn(createApp({ database, logger: silentLogger(), forecast: { optimismMarginPercent: 30, feasibleRatio: 8 } }))
    const answer = ForecastSchema.parse(await (await lenient.request('/api/forecast?asOf=2024-09')).json())
    // 1,400 ≤ 1,133 × 1.3 = 1,472.9: no longer marked.
    expect(answer.optimisticCount).toBe(0)
    const far = ProjectDetailSchema.parse(await (await lenient.request('/api/projects/P903?asOf=2024-09')).json())
    expect(far.catchUp?.feasible).toBe(true)
  })
})

describe('the bulletin’s 冲刺 table', () => {
  it('lists the projects hardest to land, highest need ÷ best month first, and none without a catch-up', async () => {
    const content = await bulletinContentOf(database, Y, 9, 9)
    expect(content.catchUp.map((i) => [i.id, i.catchUp?.neededPerMonthWan, i.catchUp?.bestMonthWan])).toEqual([
      ['P904', 400, 0],
      ['P903', 300, 50],
      ['P902', 117, 200],
    ])
  })
})
