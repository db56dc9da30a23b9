import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SessionUserSchema } from '@/contract'
import { ImportSummarySchema, XLSX_TYPE, importPaths } from '@/contract/imports'
import { ReportListSchema, ReportSchema, type Report } from '@/contract/reports'
import { REPORT_IMPORT_REASON, REPORT_SHEET_COLUMNS } from '@/domain/report-sheet'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { TEST_PASSWORD, expectApiError, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

// Owner units (and the staff on their behalf) send a month's reports as an Excel sheet: through the real
// server and its database, each row checked like a report typed in, all or nothing.

let database: Database
let app: ReturnType<typeof createApp>
let staff: Client
let owner: Client
let leader: Client
let ownUnit: string

beforeAll(async () => {
  database = await seededMemoryDatabase()
  app = createApp({ database, logger: silentLogger() })
  staff = await signedIn(app, 'staff')
  owner = await signedIn(app, 'owner')
  leader = await signedIn(app, 'leader')
  ownUnit = SessionUserSchema.parse((await (await owner.request('/api/auth/me')).json() as { user: unknown }).user).ownerUnit!
})
afterAll(async () => {
  await database?.close()
})

const HEADERS = REPORT_SHEET_COLUMNS.map((c) => c.header)
type Row = Record<string, ExcelJS.CellValue>

/** A sheet as an owner would save it. */
async function workbookOf(rows: Row[], headers: string[] = HEADERS): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('月报')
  sheet.addRow(headers)
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null))
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

const figures = (projectId: string, overrides: Row = {}): Row => ({
  项目编号: projectId,
  '当月完成投资（万元）': 320,
  '形象进度（%）': 99,
  形象进度描述: '主体结构施工',
  存在问题: '征地拆迁未完成',
  // From 6月 the forecast columns are filled in, as the form asks (decision 74).
  '全年预计完成投资（万元）': 2000,
  预计完工日期: '2025-06-30',
  完成信心: '较高',
  ...overrides,
})

const upload = (client: Client, bytes: Uint8Array, query: string) =>
  client.request(`${importPaths.reports}?${query}`, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE }, body: new Blob([bytes as BlobPart]) })

async function summaryOf(response: Response) {
  return ImportSummarySchema.parse(await response.json())
}

async function reportOf(projectId: string, month: string): Promise<Report | undefined> {
  const list = ReportListSchema.parse(await (await staff.request(`/api/projects/${projectId}/reports`)).json())
  return list.items.find((r) => r.month === month)
}

const importAudits = async () =>
  Number((await database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log where reason = ${REPORT_IMPORT_REASON}`))[0]!.n)

/** The projects that report in October: the owner's own (its template's rows) and one of another unit (the staff's). */
async function projectIds() {
  const idsOf = async (client: Client) => (await templateOf(client, '2024-10')).workbook.worksheets[0]!.getColumn(1).values.slice(2) as string[]
  const own = await idsOf(owner)
  const other = (await idsOf(staff)).find((id) => !own.includes(id))!
  return { own, other }
}

async function templateOf(client: Client, month: string) {
  const response = await client.request(`${importPaths.reportTemplate}?month=${month}`)
  expect(response.status).toBe(200)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  return { workbook, response }
}

describe("an owner unit's monthly reports from Excel", () => {
  it("the template lists the unit's own projects, pre-filled for reference, with a sheet explaining each column", async () => {
    const list = (await (await staff.request('/api/projects?pageSize=200')).json()) as { items: { id: string; ownerUnit: string }[] }
    const unitProjects = list.items.filter((p) => p.ownerUnit === ownUnit).map((p) => p.id)
    const { workbook, response } = await templateOf(owner, '2024-10')
    expect(response.headers.get('content-type')).toBe(XLSX_TYPE)
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('2024年10月月报.xlsx'))
    const sheet = workbook.worksheets[0]!
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS)
    const ids = sheet.getColumn(1).values.slice(2) as string[]
    // Every project of the unit but those completed before October (P014 was completed in 2023).
    expect(ids.length).toBeGreaterThan(5)
    expect(unitProjects.filter((id) => !ids.includes(id))).toEqual(['P014'])
    expect(ids.every((id) => unitProjects.includes(id))).toBe(true)
    expect(sheet.getCell(2, 2).value).toBeTruthy()
    // Nothing reported for October yet: the figures are left for the owner.
    expect(sheet.getCell(2, HEADERS.indexOf('当月完成投资（万元）') + 1).value).toBeNull()
    expect(workbook.getWorksheet('填写说明')!.getColumn(1).values).toContain('形象进度（%）')
  })

  it('round trip: the template filled in, checked (nothing written), imported as submitted reports, and audited', async () => {
    const { own } = await projectIds()
    const { workbook } = await templateOf(owner, '2024-10')
    const sheet = workbook.worksheets[0]!
    const col = (header: string) => HEADERS.indexOf(header) + 1
    // Two of the unit's projects reported; the others' rows left empty (not reported this time).
    for (const r of [2, 3]) {
      sheet.getCell(r, col('当月完成投资（万元）')).value = 100 * r
      sheet.getCell(r, col('形象进度（%）')).value = 99
      sheet.getCell(r, col('形象进度描述')).value = `第${r}行的进度`
      sheet.getCell(r, col('全年预计完成投资（万元）')).value = 1000 * r
      sheet.getCell(r, col('预计完工日期')).value = new Date(Date.UTC(2025, 5, 30))
      sheet.getCell(r, col('完成信心')).value = '较低'
      sheet.getCell(r, col('信心说明')).value = '征地拆迁尚未完成'
    }
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
    const audits = await importAudits()

    const check = await upload(owner, bytes, 'month=2024-10&dryRun=1')
    expect(check.status).toBe(200)
    expect(await summaryOf(check)).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0, errors: [] })
    expect(await reportOf(own[0]!, '2024-10')).toBeUndefined()

    const done = await upload(owner, bytes, 'month=2024-10')
    expect(done.status).toBe(200)
    expect(await summaryOf(done)).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0, errors: [] })
    const back = ReportSchema.parse(await reportOf(own[0]!, '2024-10'))
    expect(back).toMatchObject({ status: 'submitted', actualWan: 200, progressPercent: 99, progressText: '第2行的进度', submittedBy: 'owner' })
    expect(back).toMatchObject({ forecastYearWan: 2000, forecastCompletionDate: '2025-06-30', confidence: 'fairly-low', confidenceReason: '征地拆迁尚未完成' })
    expect(Array.isArray(back.flags)).toBe(true)
    expect(await importAudits()).toBe(audits + 2)
    // The template of the month now carries what was imported, the level in words: it round-trips.
    const { workbook: filled } = await templateOf(owner, '2024-10')
    const row = filled.worksheets[0]!.getRow(2)
    expect([row.getCell(col('全年预计完成投资（万元）')).value, row.getCell(col('预计完工日期')).value, row.getCell(col('完成信心')).value, row.getCell(col('信心说明')).value]).toEqual([
      2000,
      '2025-06-30',
      '较低',
      '征地拆迁尚未完成',
    ])

    // The same file again changes nothing and logs nothing.
    const again = await upload(owner, bytes, 'month=2024-10')
    expect(await summaryOf(again)).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2, errors: [] })
    expect(await importAudits()).toBe(audits + 2)
    expect((await reportOf(own[0]!, '2024-10'))!.version).toBe(back.version)

    // Submitted figures await review: they are not counted yet.
    const summary = (await (await staff.request('/api/summary?asOf=2024-10')).json()) as { lagCounts: Record<string, number> }
    expect(summary.lagCounts['not-reported']).toBeGreaterThan(0)
  })

  it("a row for another unit's project is an error, never skipped, and nothing of the file is written", async () => {
    const { own, other } = await projectIds()
    const response = await upload(owner, await workbookOf([figures(own[0]!), figures(other)]), 'month=2024-11')
    expect(response.status).toBe(422)
    const summary = await summaryOf(response)
    expect(summary).toMatchObject({ rows: 2, created: 0, updated: 0, unchanged: 0 })
    expect(summary.errors).toEqual([{ row: 3, column: '项目编号', message: expect.stringContaining('不是本单位的项目') }])
    expect(await reportOf(own[0]!, '2024-11')).toBeUndefined()
  })

  it('one bad row among many: every error by row and column, and none of the rows is written', async () => {
    const { own } = await projectIds()
    const rows = own.slice(0, 3).map((id) => figures(id))
    rows.push(figures(own[3]!, { '当月完成投资（万元）': '三百', '形象进度（%）': 120, 形象进度描述: null }))
    rows.push(figures(own[0]!))
    const response = await upload(owner, await workbookOf(rows), 'month=2024-11')
    expect(response.status).toBe(422)
    const { errors } = await summaryOf(response)
    expect(errors).toEqual([
      { row: 5, column: '当月完成投资（万元）', message: '当月完成投资（万元）应为数值，不能是文字' },
      { row: 5, column: '形象进度（%）', message: '形象进度应为 0-100' },
      { row: 5, column: '形象进度描述', message: '请填写形象进度描述' },
      { row: 6, column: '项目编号', message: `项目编号 ${own[0]} 与第 2 行重复：一个项目每月只填一行` },
    ])
    for (const id of own.slice(0, 3)) expect(await reportOf(id, '2024-11')).toBeUndefined()
  })

  it('the rules of a report typed in apply: progress going back needs a reason, a total over 150% of the plan needs a confirmation', async () => {
    const { own } = await projectIds()
    const response = await upload(owner, await workbookOf([figures(own[0]!, { '形象进度（%）': 0 }), figures(own[1]!, { '当月完成投资（万元）': 9_000_000 })]), 'month=2024-11&dryRun=1')
    expect(response.status).toBe(200)
    const { errors } = await summaryOf(response)
    expect(errors).toEqual([
      { row: 2, column: '进度回退原因', message: expect.stringContaining('请说明进度回退的原因') },
      { row: 3, column: '超计划确认', message: expect.stringContaining('150%') },
    ])
    const fixed = await upload(
      owner,
      await workbookOf([figures(own[0]!, { '形象进度（%）': 0, 进度回退原因: '设计变更，重新计量' }), figures(own[1]!, { '当月完成投资（万元）': 9_000_000, 超计划确认: '是' })]),
      'month=2024-11&dryRun=1',
    )
    expect((await summaryOf(fixed)).errors).toEqual([])
  })

  it('from 6月 the forecast columns are required like the form’s: each missing one named by row and column; the reason of 较低 too', async () => {
    const { own } = await projectIds()
    const none = { '全年预计完成投资（万元）': null, 预计完工日期: null, 完成信心: null }
    const response = await upload(owner, await workbookOf([figures(own[5]!, none), figures(own[6]!, { 完成信心: '低' })]), 'month=2024-11&dryRun=1')
    const { errors } = await summaryOf(response)
    const rowTwo = errors.filter((e) => e.row === 2)
    expect(rowTwo).toContainEqual({ row: 2, column: '全年预计完成投资（万元）', message: '请填写全年预计完成投资（万元）' })
    expect(rowTwo).toContainEqual({ row: 2, column: '完成信心', message: '请选择完成信心' })
    expect(errors.filter((e) => e.row === 3)).toEqual([{ row: 3, column: '信心说明', message: '完成信心为“低”时，请用一句话说明原因（信心说明）' }])
  })

  it('a draft is saved with the figures and submitted (its milestones kept); an approved month cannot be changed by a file', async () => {
    const { own } = await projectIds()
    const id = own[4]!
    const draft = await owner.request(`/api/projects/${id}/reports/2024-12`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ actualWan: 1, progressPercent: 99, progressText: '草稿', milestonesReached: [{ name: '主体封顶', date: '2024-11-20' }] }),
    })
    expect(draft.status).toBe(201)
    const response = await upload(owner, await workbookOf([figures(id)]), 'month=2024-12')
    expect(await summaryOf(response)).toEqual({ rows: 1, created: 0, updated: 1, unchanged: 0, errors: [] })
    expect(await reportOf(id, '2024-12')).toMatchObject({ status: 'submitted', version: 3, actualWan: 320, milestonesReached: [{ name: '主体封顶', date: '2024-11-20' }] })

    // September is published (decision 63): no file changes it, the whole month is refused, named.
    const september = (await reportOf(id, '2024-09'))!
    expect(september.status).toBe('approved')
    const published = await upload(owner, await workbookOf([figures(id, { '当月完成投资（万元）': september.actualWan! + 1 })]), 'month=2024-09')
    expect(published.status).toBe(409)
    expect(JSON.stringify(await published.json())).toContain('2024年9月已发布')
    // In a month still open, an approved report is not changed by a file either: that row is the error.
    const december = (await reportOf(id, '2024-12'))!
    const approved = await staff.request(`/api/projects/${id}/reports/2024-12/approve`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: december.version, comment: '已核实' }) })
    expect(approved.status).toBe(200)
    const changed = await upload(owner, await workbookOf([figures(id, { '当月完成投资（万元）': december.actualWan! + 1 })]), 'month=2024-12')
    expect(changed.status).toBe(422)
    expect((await summaryOf(changed)).errors[0]!.message).toContain('已通过，不能通过导入修改')
  })
})

describe('the staff import on behalf of any owner unit', () => {
  it("imports another unit's reports as submitted, for review", async () => {
    const { other } = await projectIds()
    const response = await upload(staff, await workbookOf([figures(other)]), 'month=2024-10')
    expect(await summaryOf(response)).toEqual({ rows: 1, created: 1, updated: 0, unchanged: 0, errors: [] })
    expect(await reportOf(other, '2024-10')).toMatchObject({ status: 'submitted', submittedBy: 'staff' })
  })

  it('four eyes: the staff member who imported a report may not approve it; another staff member may', async () => {
    const { other } = await projectIds()
    const report = (await reportOf(other, '2024-10'))!
    expect(report).toMatchObject({ status: 'submitted', submittedBy: 'staff' })
    const approve = (client: Client) =>
      client.request(`/api/projects/${other}/reports/2024-10/approve`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: report.version, comment: '已核实' }) })
    const refused = await approve(staff)
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'four_eyes',
      message: '该月报由您本人提交或导入（代业主单位报送），须由另一位发改委工作人员审核通过',
    })
    expect(await reportOf(other, '2024-10')).toMatchObject({ status: 'submitted', version: report.version })
    const admin = await signedIn(app, 'admin')
    const made = await admin.request('/api/admin/accounts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'staff-second', displayName: '第二审核人', role: 'staff', password: TEST_PASSWORD }) })
    expect(made.status).toBe(201)
    const second = await signedIn(app, 'staff-second')
    expect((await approve(second)).status).toBe(200)
  })

  it('four eyes: a report typed and submitted by the owner unit is approved by staff as before', async () => {
    const { own } = await projectIds()
    let id: string | undefined
    for (const candidate of own) if (!(await reportOf(candidate, '2024-10'))) (id ??= candidate)
    expect(id, 'an own project without an October report').toBeDefined()
    const path = `/api/projects/${id}/reports/2024-10`
    const json = { 'Content-Type': 'application/json' }
    const saved = (await (await owner.request(path, { method: 'PUT', headers: json, body: JSON.stringify({ actualWan: 10, progressPercent: 100, progressText: '完工', forecastYearWan: 500, forecastCompletionDate: '2024-12-31', confidence: 'high' }) })).json()) as Report
    const submitted = (await (await owner.request(`${path}/submit`, { method: 'POST', headers: json, body: JSON.stringify({ version: saved.version }) })).json()) as Report
    expect(submitted.submittedBy).toBe('owner')
    // 100% may be a jump of more than 30 points (需核实): confirmed in the comment.
    expect((await staff.request(`${path}/approve`, { method: 'POST', headers: json, body: JSON.stringify({ version: submitted.version, comment: '已核实' }) })).status).toBe(200)
  })

  it("the staff's template lists every project that reports in the month", async () => {
    const { workbook } = await templateOf(staff, '2024-10')
    const total = ((await (await staff.request('/api/projects?pageSize=1')).json()) as { total: number }).total
    expect(workbook.worksheets[0]!.actualRowCount - 1).toBeLessThanOrEqual(total)
    expect(workbook.worksheets[0]!.actualRowCount - 1).toBeGreaterThan(100)
  })
})

describe('refusals', () => {
  it('a month not begun, another year, or no month at all is a 400 with the reason', async () => {
    for (const [query, text] of [
      ['month=2099-01', '2099 年不在本年度计划内'],
      ['month=2023-05', '只能填报 2024 年'],
      ['', '月份'],
      ['month=2024-13', '月份'],
    ] as const) {
      const response = await owner.request(`${importPaths.reportTemplate}?${query}`)
      expect(response.status, query).toBe(400)
      const body = await response.json()
      expectApiError(body, query)
      expect(JSON.stringify(body), query).toContain(text)
    }
    const upload400 = await upload(owner, await workbookOf([]), 'month=2099-01')
    expect(upload400.status).toBe(400)
  })

  it('a wrong header, a file that is not a workbook and a text body are refused with Chinese messages', async () => {
    const header = await upload(owner, await workbookOf([], ['项目编号', '当月完成投资（万元）', '进度']), 'month=2024-10')
    expect(header.status).toBe(422)
    expect((await summaryOf(header)).errors).toEqual([
      { row: 1, column: '形象进度（%）', message: '缺少列“形象进度（%）”' },
      { row: 1, column: '形象进度描述', message: '缺少列“形象进度描述”' },
      { row: 1, column: '进度', message: '无法识别的列“进度”，请使用导入模板的列名' },
    ])
    const notWorkbook = await upload(owner, new TextEncoder().encode('项目编号,当月完成投资'), 'month=2024-10')
    expect(notWorkbook.status).toBe(422)
    expect(JSON.stringify(await notWorkbook.json())).toContain('不是有效的 Excel 工作簿')
    const text = await owner.request(`${importPaths.reports}?month=2024-10`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: 'x' })
    expect(text.status).toBe(415)
  })

  it('a leader may neither download the template nor import', async () => {
    expect((await leader.request(`${importPaths.reportTemplate}?month=2024-10`)).status).toBe(403)
    expect((await upload(leader, await workbookOf([]), 'month=2024-10')).status).toBe(403)
  })
})
