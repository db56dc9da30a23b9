import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MeResponse, ProjectDetail, Summary } from '@/contract'
import { ReportSchema } from '@/contract/reports'
import { generateDataset } from '@/dataset/generate'
import { asksCompletionDate } from '@/domain/forecast-report'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

/**
 * Drafts save anything (decision 65): a report never completed can be stored without its amount, and the
 * database itself keeps such a report out of every state that counts — so a null amount can reach no
 * figure, no export and no bulletin, whatever code path wrote the row.
 */

const NOW = () => new Date('2024-11-20T02:00:00Z')
const json = { 'Content-Type': 'application/json' }

let database: Database
let owner: Client
let staff: Client
let projectId: string
let asksDate: boolean

beforeAll(async () => {
  database = await seededMemoryDatabase()
  const app = createApp({ database, logger: silentLogger(), now: NOW })
  owner = await signedIn(app, 'owner')
  staff = await signedIn(app, 'staff')
  const { user } = (await (await owner.request('/api/auth/me')).json()) as MeResponse
  const project = generateDataset().find((r) => r.ownerUnit === user.ownerUnit && r.actualCompletionDate === null)!
  projectId = project.id
  asksDate = asksCompletionDate(project, 2024)
}, 60_000)
afterAll(async () => {
  await database?.close()
})

describe('a draft without its amount', () => {
  it('saves with only 存在问题 filled in; submit answers 422 naming the missing fields (October: the forecast too); nothing is counted', async () => {
    const before = (await (await staff.request('/api/summary?asOf=2024-10')).json()) as Summary
    const saved = await owner.request(`/api/projects/${projectId}/reports/2024-10`, { method: 'PUT', headers: json, body: JSON.stringify({ problems: '施工许可待办' }) })
    expect(saved.status).toBe(201)
    expect(ReportSchema.parse(await saved.json())).toMatchObject({ status: 'draft', actualWan: null, progressPercent: null, progressText: '', problems: '施工许可待办' })

    const submitted = await owner.request(`/api/projects/${projectId}/reports/2024-10/submit`, { method: 'POST', headers: json, body: JSON.stringify({ version: 1 }) })
    expect(submitted.status).toBe(422)
    const { error } = (await submitted.json()) as { error: { code: string; message: string; fields: Record<string, string> } }
    expect(error.code).toBe('invalid_report')
    expect(error.message).toBe(`月报尚未填写完整，不能提交：请填写当月完成投资（万元）、形象进度（%）、形象进度描述、全年预计完成投资（万元）${asksDate ? '、预计完工日期' : ''}、完成信心`)
    expect(error.fields).toEqual({
      actualWan: '请填写当月完成投资（万元）',
      progressPercent: '请填写形象进度（%）',
      progressText: '请填写形象进度描述',
      forecastYearWan: '请填写全年预计完成投资（万元）',
      ...(asksDate ? { forecastCompletionDate: '请填写预计完工日期（本年或明年完工的项目）' } : {}),
      confidence: '请选择完成信心',
    })

    const after = (await (await staff.request('/api/summary?asOf=2024-10')).json()) as Summary
    expect(after.cumulativeActualWan).toBe(before.cumulativeActualWan)
    const detail = (await (await staff.request(`/api/projects/${projectId}?asOf=2024-10`)).json()) as ProjectDetail
    expect(detail.monthlyActualWan[9]).toBeNull()
  })

  it('cannot be stored as submitted, returned or approved: the database refuses a counted report without an amount', async () => {
    for (const status of ['submitted', 'returned', 'approved']) {
      const failure = await database.db.execute(sql`update monthly_reports set status = ${status} where project_id = ${projectId} and year = 2024 and month = 10`).then(
        () => null,
        (error: unknown) => error as Error & { cause?: Error },
      )
      expect(failure?.cause?.message, status).toMatch(/monthly_reports_amount_unless_draft/)
    }
  })
})
