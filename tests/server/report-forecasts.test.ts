import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MeResponse } from '@/contract'
import { CalendarSchema } from '@/contract/calendar'
import { ProjectListSchema } from '@/contract'
import { CONFIDENCE_LEVELS, ReportListSchema, ReportSchema } from '@/contract/reports'
import { generateDataset } from '@/dataset/generate'
import { previousProgressPercent } from '@/domain/monthly-report'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { parseEnv } from '../../server/env'
import { seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

/**
 * The forecast's month and the 需核实 thresholds are the deployment's settings (decision 74): a commission
 * that asks for the forecast from 11月 accepts October without it, and one that flags jumps above 50
 * points lets a 40-point month through unflagged. The page learns the settings from the calendar.
 */

const NOW = () => new Date('2024-11-20T02:00:00Z')
const json = { 'Content-Type': 'application/json' }

let database: Database
let owner: Client
let staff: Client
let ids: string[]

beforeAll(async () => {
  database = await seededMemoryDatabase()
  const app = createApp({ database, logger: silentLogger(), now: NOW, reportChecks: { forecastRequiredFrom: 11, flagAmountRatio: 3, flagProgressJumpPoints: 50 } })
  owner = await signedIn(app, 'owner')
  staff = await signedIn(app, 'staff')
  const { user } = (await (await owner.request('/api/auth/me')).json()) as MeResponse
  ids = generateDataset()
    .filter((r) => r.ownerUnit === user.ownerUnit && r.actualCompletionDate === null && r.annualPlanWan > 1000 && (previousProgressPercent(r, 10) ?? 100) <= 45)
    .map((r) => r.id)
}, 60_000)
afterAll(async () => {
  await database?.close()
})

const fill = async (projectId: string, month: string, fields: Record<string, unknown>) => {
  const saved = ReportSchema.parse(await (await owner.request(`/api/projects/${projectId}/reports/${month}`, { method: 'PUT', headers: json, body: JSON.stringify(fields) })).json())
  return owner.request(`/api/projects/${projectId}/reports/${month}/submit`, { method: 'POST', headers: json, body: JSON.stringify({ version: saved.version }) })
}

describe('FORECAST_REQUIRED_FROM and the 需核实 thresholds', () => {
  it('default to 6月, 3× and 30 points, and refuse a month that is none', () => {
    expect(parseEnv({})).toMatchObject({ FORECAST_REQUIRED_FROM: 6, FLAG_AMOUNT_RATIO: 3, FLAG_PROGRESS_JUMP_POINTS: 30 })
    expect(parseEnv({ FORECAST_REQUIRED_FROM: '9' }).FORECAST_REQUIRED_FROM).toBe(9)
    expect(() => parseEnv({ FORECAST_REQUIRED_FROM: '13' })).toThrow(/FORECAST_REQUIRED_FROM/)
  })

  it('are stated in the calendar for the page (and /help)', async () => {
    const calendar = CalendarSchema.parse(await (await staff.request('/api/calendar')).json())
    expect(calendar.reportChecks).toEqual({ forecastRequiredFrom: 11, flagAmountRatio: 3, flagProgressJumpPoints: 50 })
  })

  it('from 11月: October is submitted without a forecast, November is refused naming the fields', async () => {
    const october = await fill(ids[0]!, '2024-10', { actualWan: 10, progressPercent: 50, progressText: '主体施工' })
    expect(october.status).toBe(200)
    const november = await fill(ids[1]!, '2024-11', { actualWan: 10, progressPercent: 50, progressText: '主体施工' })
    expect(november.status).toBe(422)
    const { error } = (await november.json()) as { error: { fields: Record<string, string> } }
    expect(error.fields).toMatchObject({ forecastYearWan: '请填写全年预计完成投资（万元）', confidence: '请选择完成信心' })
    // A low confidence needs its reason even before the month it is required from.
    const low = await fill(ids[2]!, '2024-10', { actualWan: 10, progressPercent: 50, progressText: '主体施工', confidence: 'low' })
    expect(low.status).toBe(422)
    expect(((await low.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ confidenceReason: '完成信心为“低”时，请用一句话说明原因（信心说明）' })
  })

  it('with 50 points, a rise of 40 is not flagged; one of 51 is', async () => {
    const previousOf = (id: string) => previousProgressPercent(generateDataset().find((r) => r.id === id)!, 10)!
    const forty = ReportSchema.parse(await (await fill(ids[3]!, '2024-10', { actualWan: 10, progressPercent: previousOf(ids[3]!) + 40, progressText: '主体施工' })).json())
    expect(forty.flags).toEqual([])
    const before = previousOf(ids[4]!)
    const jump = ReportSchema.parse(await (await fill(ids[4]!, '2024-10', { actualWan: 10, progressPercent: before + 51, progressText: '主体施工' })).json())
    expect(jump.flags).toEqual([{ code: 'progress-jump', message: `形象进度由 ${before}% 升至 ${Math.round((before + 51) * 10) / 10}%，一个月上升 51 个百分点（超过 50 个百分点）` }])
  })
})

describe('an approved forecast reaches the year’s forecast at once', () => {
  it('the district’s owners’ forecast moves by exactly what the approval changed, as the project page says', async () => {
    const id = ids[5]!
    const ownerForecastOnPage = async () => ((await (await staff.request(`/api/projects/${id}?asOf=2024-10`)).json()) as { forecast: { ownerForecastWan: number } }).forecast.ownerForecastWan
    const districtOwnerForecast = async () => ((await (await staff.request('/api/forecast?asOf=2024-10')).json()) as { ownerForecastWan: number }).ownerForecastWan
    const [pageBefore, districtBefore] = [await ownerForecastOnPage(), await districtOwnerForecast()]
    const previous = previousProgressPercent(generateDataset().find((r) => r.id === id)!, 10)!
    const submitted = ReportSchema.parse(await (await fill(id, '2024-10', { actualWan: 10, progressPercent: previous, progressText: '主体施工', forecastYearWan: 54_321, confidence: 'high' })).json())
    // Submitted is not yet counted.
    expect(await districtOwnerForecast()).toBe(districtBefore)
    const approved = await staff.request(`/api/projects/${id}/reports/2024-10/approve`, { method: 'POST', headers: json, body: JSON.stringify({ version: submitted.version }) })
    expect(approved.status).toBe(200)
    expect(await ownerForecastOnPage()).toBe(54_321)
    expect(await districtOwnerForecast()).toBe(districtBefore - pageBefore + 54_321)
  })

  it('lists carry 完成信心 and rank by it, the commission’s rating first when it gives one', async () => {
    const id = ids[5]!
    const list = async () => ProjectListSchema.parse(await (await staff.request('/api/projects?asOf=2024-10&sort=confidence&order=desc&pageSize=200')).json()).items
    // Approved above with the owner's 高.
    expect((await list()).find((i) => i.id === id)?.confidence).toEqual({ level: 'high', by: 'owner', month: 10 })
    const reports = ReportListSchema.parse(await (await staff.request(`/api/projects/${id}/reports`)).json())
    const report = reports.items.find((r) => r.month === '2024-10')!
    const rated = await staff.request(`/api/projects/${id}/reports/2024-10/commission-confidence`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ version: report.version, confidence: 'low', reason: '资金未落实，征拆未完成' }),
    })
    expect(rated.status).toBe(200)
    const items = await list()
    expect(items.find((i) => i.id === id)?.confidence).toEqual({ level: 'low', by: 'commission', month: 10 })
    // 低 first, then 较低 … 高, then the projects without a rating.
    const ranks = items.map((i) => (i.confidence ? CONFIDENCE_LEVELS.indexOf(i.confidence.level) : -1))
    const rated_ = ranks.filter((r) => r >= 0)
    expect(rated_).toEqual([...rated_].sort((a, b) => b - a))
    expect(ranks.slice(0, rated_.length)).toEqual(rated_)
    expect(items[0]!.confidence?.level).toBe('low')
    // Ascending puts 高 first and still leaves the unrated last.
    const ascending = ProjectListSchema.parse(await (await staff.request('/api/projects?asOf=2024-10&sort=confidence&order=asc&pageSize=200')).json()).items
    expect(ascending[0]!.confidence?.level).toBe('high')
    expect(ascending.at(-1)!.confidence).toBe(items.at(-1)!.confidence)
  })
})
