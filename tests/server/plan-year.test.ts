import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CalendarSchema, ProjectDetailSchema, ProjectListSchema, SummarySchema } from '@/contract'
import { ImportSummarySchema, XLSX_TYPE, importPaths } from '@/contract/imports'
import { ReportSchema } from '@/contract/reports'
import { seedDemoAccounts } from '../../server/auth/accounts'
import { createApp } from '../../server/app'
import { openDatabase, type Database } from '../../server/db/client'
import { seedIfEmpty } from '../../server/db/write'
import { TEST_PASSWORD, expectApiError, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

// The plan year is data, not code: an empty deployment plans the current year until its first ledger
// names another; from then on that year's months are the ones reported, shown and refused.

const HEADERS = ['项目名称', '所属片区', '四个聚焦', '投资类别', '建设性质', '业主单位', '责任单位', '总投资（万元）', '年度计划投资（万元）', '计划开工日期', '计划竣工日期', '计划年度']
const row = (name: string, year: number | string | null, owner = '区城市建设发展平台公司') => [name, '广阳岛', '聚焦重点区域', '政府投资', '续建', owner, '区住房城乡建委', 90_000, 24_000, '2024-03-01', '2027-12-31', year]

async function ledger(rows: unknown[][]) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('项目台账')
  sheet.addRow(HEADERS)
  for (const r of rows) sheet.addRow(r)
  return new Blob([new Uint8Array(await workbook.xlsx.writeBuffer()) as BlobPart])
}
const importLedger = async (client: Client, body: Blob, query = '') =>
  client.request(`${importPaths.projects}${query}`, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE }, body })
const calendarOf = async (client: Client) => CalendarSchema.parse(await (await client.request('/api/calendar')).json())

describe('an empty deployment takes the plan year of its first ledger', () => {
  let database: Database
  let app: ReturnType<typeof createApp>
  let staff: Client

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' })
    // As `SEED_DATA=empty` starts in 2026: no projects, the current year planned.
    await seedIfEmpty(database.db, () => [], 2026)
    await seedDemoAccounts(database.db, { password: TEST_PASSWORD })
    app = createApp({ database, logger: silentLogger(), now: () => new Date('2025-04-20T02:00:00Z') })
    staff = await signedIn(app, 'staff')
  })
  afterAll(async () => {
    await database?.close()
  })

  it('a 2025 ledger makes 2025 the plan year: its months are shown, reported and the only ones asked for', async () => {
    expect((await calendarOf(staff)).planYear).toBe(2026)
    // Mixed years in one file: refused, nothing written.
    const mixed = await importLedger(staff, await ledger([row('广阳岛生态修复二期', 2025), row('广阳岛智慧旅游', 2024)]))
    expect(mixed.status).toBe(422)
    expect(ImportSummarySchema.parse(await mixed.json()).errors).toEqual([
      { row: 3, column: '计划年度', message: '同一台账只能是一个计划年度：第 2 行为 2025 年，本行为 2024 年' },
    ])
    expect((await calendarOf(staff)).planYear).toBe(2026)

    // A dry run says what would happen and changes nothing, the year included.
    const check = await importLedger(staff, await ledger([row('广阳岛生态修复二期', 2025), row('广阳岛智慧旅游', null)]), '?dryRun=1')
    expect(ImportSummarySchema.parse(await check.json())).toMatchObject({ created: 2, errors: [] })
    expect((await calendarOf(staff)).planYear).toBe(2026)

    const done = await importLedger(staff, await ledger([row('广阳岛生态修复二期', 2025), row('广阳岛智慧旅游', null)]))
    expect(done.status).toBe(200)
    expect(await calendarOf(staff)).toMatchObject({ planYear: 2025, latestReportMonth: 1 })

    const summary = SummarySchema.parse(await (await staff.request('/api/summary?asOf=2025-03')).json())
    expect(summary).toMatchObject({ planYear: 2025, asOfMonth: 3, projectCount: 2, annualPlanWan: 48_000 })
    const list = ProjectListSchema.parse(await (await staff.request('/api/projects')).json())
    expect(list.planYear).toBe(2025)
    const detail = ProjectDetailSchema.parse(await (await staff.request(`/api/projects/${list.items[0]!.id}`)).json())
    expect(detail.planYear).toBe(2025)
    // The 12 monthly plans are 2025's: a quarter of the plan is due by the end of March.
    expect(summary.scheduleRate).toBe(0.25)

    // 2024 is not this deployment's year; May 2025 has not begun on 20 April 2025.
    for (const [asOf, text] of [
      ['2024-09', '只有 2025 年度计划的数据（2024 年不在本系统的计划年度内）'],
      ['2025-05', '2025年5月尚未开始'],
    ] as const) {
      const refused = await staff.request(`/api/summary?asOf=${asOf}`)
      expect(refused.status, asOf).toBe(400)
      const body = await refused.json()
      expectApiError(body)
      expect(JSON.stringify(body)).toContain(text)
    }

    // Once it has projects, a ledger of another year is refused row by row.
    const other = await importLedger(staff, await ledger([row('广阳岛生态修复三期', 2026)]))
    expect(other.status).toBe(422)
    expect(ImportSummarySchema.parse(await other.json()).errors[0]).toMatchObject({ column: '计划年度', message: expect.stringContaining('本系统为 2025 年度计划') })
  })

  it("2025's reports are filled in, approved and counted; the dashboard moves to 1-3月", async () => {
    // No owner unit has an account in an empty deployment yet: the staff enter the month's figures by Excel on its behalf.
    const list = ProjectListSchema.parse(await (await staff.request('/api/projects')).json())
    const id = list.items[0]!.id
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('月报').addRow(['项目编号', '当月完成投资（万元）', '形象进度（%）', '形象进度描述'])
    workbook.worksheets[0]!.addRow([id, 6_000, 30, '主体施工'])
    const body = new Blob([new Uint8Array(await workbook.xlsx.writeBuffer()) as BlobPart])
    const wrongYear = await staff.request(`${importPaths.reports}?month=2024-03`, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE }, body })
    expect(wrongYear.status).toBe(400)
    const imported = await staff.request(`${importPaths.reports}?month=2025-03`, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE }, body })
    expect(ImportSummarySchema.parse(await imported.json())).toMatchObject({ created: 1, errors: [] })
    const submitted = ReportSchema.parse((await (await staff.request(`/api/projects/${id}/reports`)).json() as { items: unknown[] }).items[0])
    expect(submitted).toMatchObject({ month: '2025-03', status: 'submitted' })
    const approved = await staff.request(`/api/projects/${id}/reports/2025-03/approve`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: submitted.version }),
    })
    expect(approved.status).toBe(200)
    expect(await calendarOf(staff)).toMatchObject({ planYear: 2025, latestReportMonth: 3 })
    const summary = SummarySchema.parse(await (await staff.request('/api/summary')).json())
    expect(summary).toMatchObject({ planYear: 2025, asOfMonth: 3, actualWan: 6_000 })
  })
})

describe('the demo deployment is the report’s year', () => {
  it('plans 2024 and refuses a month of 2025 with the reason', async () => {
    const database = await seededMemoryDatabase()
    try {
      const app = createApp({ database, logger: silentLogger() })
      const staff = await signedIn(app, 'staff')
      expect((await calendarOf(staff)).planYear).toBe(2024)
      const refused = await staff.request('/api/projects?asOf=2025-01')
      expect(refused.status).toBe(400)
      expect(JSON.stringify(await refused.json())).toContain('2025 年不在本系统的计划年度内')
      const queue = await staff.request('/api/reports?month=2025-01')
      expect(queue.status).toBe(400)
    } finally {
      await database.close()
    }
  })
})
