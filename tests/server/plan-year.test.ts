import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CalendarSchema, ProjectDetailSchema, ProjectListSchema, SummarySchema } from '@/contract'
import { ImportSummarySchema, XLSX_TYPE, importPaths } from '@/contract/imports'
import { ReportSchema } from '@/contract/reports'
import { createAccount, seedDemoAccounts } from '../../server/auth/accounts'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { freshMemoryDatabase } from '../support/seeded-snapshot'
import { seedIfEmpty } from '../../server/db/write'
import { rejudgeIfRulesChanged } from '../../server/db/rejudge'
import { sql } from 'drizzle-orm'
import { TEST_PASSWORD, secondStaff, expectApiError, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

// The plan year is data, not code: an empty deployment plans the current year until its first ledger
// names another; from then on that year's months are the ones reported, shown and refused.

const HEADERS = ['项目名称', '所属片区', '四个聚焦', '投资类别', '建设性质', '业主单位', '责任单位', '总投资（万元）', '年度计划投资（万元）', '计划开工日期', '计划竣工日期', '计划年度']
const row = (name: string, year: number | string | null, owner = '区城市建设发展平台公司') => [name, '广阳岛', '聚焦重点区域', '政府投资', '续建', owner, '区住房城乡建委', 90_000, 24_000, '2024-03-01', '2027-12-31', year]

async function ledger(rows: unknown[][], headers: readonly string[] = HEADERS) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('项目台账')
  sheet.addRow([...headers])
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
  /** Another staff member: what `staff` imports, this one approves (four eyes, decision 71). */
  let reviewer: Client

  beforeAll(async () => {
    database = await freshMemoryDatabase()
    // As `SEED_DATA=empty` starts in 2026: no projects, the current year planned.
    await seedIfEmpty(database.db, () => [], 2026)
    await seedDemoAccounts(database.db, { password: TEST_PASSWORD })
    app = createApp({ database, logger: silentLogger(), now: () => new Date('2025-04-20T02:00:00Z') })
    staff = await signedIn(app, 'staff')
    reviewer = await secondStaff(app)
  })
  afterAll(async () => {
    await database?.close()
  })

  it('a 2025 ledger makes 2025 the plan year: its months are shown, reported and the only ones asked for', async () => {
    // No project at all: the dashboard opens on 1月.
    expect(await calendarOf(staff)).toMatchObject({ planYear: 2026, latestReportMonth: 1, hasApprovedReports: false })
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
    expect(await calendarOf(staff)).toMatchObject({ planYear: 2025, latestReportMonth: 1, hasApprovedReports: false })

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
    const other = await importLedger(staff, await ledger([row('广阳岛生态修复三期', 2027)]))
    expect(other.status).toBe(422)
    expect(ImportSummarySchema.parse(await other.json()).errors[0]).toMatchObject({
      column: '计划年度',
      message: '不能导入 2027 年度的台账：本系统现为 2025 年度，只能导入本年度或下一年（2026 年）的台账',
    })
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
    const approved = await reviewer.request(`/api/projects/${id}/reports/2025-03/approve`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: submitted.version }),
    })
    expect(approved.status).toBe(200)
    // An approval moves no reader (decision 63): the default month moves when staff publish, in order.
    expect(await calendarOf(staff)).toMatchObject({ planYear: 2025, latestReportMonth: 1, publishedMonth: null, hasApprovedReports: true })
    for (const month of ['2025-01', '2025-02', '2025-03']) {
      const published = await staff.request(`/api/months/${month}/publish`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      expect(published.status, month).toBe(200)
    }
    expect(await calendarOf(staff)).toMatchObject({ planYear: 2025, latestReportMonth: 3, publishedMonth: '2025-03', hasApprovedReports: true })
    const summary = SummarySchema.parse(await (await staff.request('/api/summary')).json())
    expect(summary).toMatchObject({ planYear: 2025, asOfMonth: 3, cumulativeActualWan: 6_000 })
  })
})

describe('the next year’s ledger opens that year beside the closed one', () => {
  let database: Database
  let app: ReturnType<typeof createApp>
  let staff: Client
  /** Another staff member: what `staff` imports, this one approves (four eyes, decision 71). */
  let reviewer: Client
  const json = async (client: Client, path: string) => {
    const response = await client.request(path)
    expect(response.status, path).toBe(200)
    return response.json()
  }
  const reportSheet = async (rows: [string, number, number, string][]) => {
    const workbook = new ExcelJS.Workbook()
    // From 6月 a report carries the year's forecast and 完成信心 (decision 74).
    workbook.addWorksheet('月报').addRow(['项目编号', '当月完成投资（万元）', '形象进度（%）', '形象进度描述', '全年预计完成投资（万元）', '完成信心'])
    for (const r of rows) workbook.worksheets[0]!.addRow([...r, 20_000, '高'])
    return new Blob([new Uint8Array(await workbook.xlsx.writeBuffer()) as BlobPart])
  }
  const submitByExcel = async (month: string, rows: [string, number, number, string][]) => {
    const imported = await staff.request(`${importPaths.reports}?month=${month}`, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE }, body: await reportSheet(rows) })
    expect(ImportSummarySchema.parse(await imported.json())).toMatchObject({ errors: [] })
  }
  const act = (id: string, month: string, action: string, body: object, as: Client = staff) =>
    as.request(`/api/projects/${id}/reports/${month}/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  const approveAll = async (id: string) => {
    const reports = (await json(staff, `/api/projects/${id}/reports`)) as { items: unknown[] }
    for (const item of reports.items.map((r) => ReportSchema.parse(r)).filter((r) => r.status === 'submitted')) {
      expect((await act(id, item.month, 'approve', { version: item.version }, reviewer)).status).toBe(200)
    }
  }
  /** A ledger whose rows name their 项目编号 (the first column). */
  const withIds = (rows: unknown[][]) => ledger(rows, ['项目编号', ...HEADERS])

  beforeAll(async () => {
    database = await freshMemoryDatabase()
    await seedIfEmpty(database.db, () => [], 2025)
    await seedDemoAccounts(database.db, { password: TEST_PASSWORD })
    // Mid-January 2026: December's reports are in, and the district has issued the 2026 list.
    app = createApp({ database, logger: silentLogger(), now: () => new Date('2026-01-20T02:00:00Z') })
    staff = await signedIn(app, 'staff')
    reviewer = await secondStaff(app)
    const first = await importLedger(staff, await ledger([row('广阳岛生态修复二期', 2025), row('广阳岛智慧旅游', 2025)]))
    expect(first.status).toBe(200)
    await submitByExcel('2025-11', [['P001', 10_000, 60, '主体完工']])
    await approveAll('P001')
    await submitByExcel('2025-12', [['P001', 8_000, 75, '装饰装修'], ['P002', 5_000, 40, '主体施工']])
  })
  afterAll(async () => {
    await database?.close()
  })

  it('refuses to open 2026 while 2025 has reports awaiting review, then opens it: 2025 stays as it was, 2026 is its own list', async () => {
    const ledger2026 = await withIds([
      // P001 goes on in 2026 with a new plan; P002 is not in the 2026 list; one project is new.
      ['P001', '广阳岛生态修复二期', '广阳岛', '聚焦重点区域', '政府投资', '续建', '区城市建设发展平台公司', '区住房城乡建委', 90_000, 30_000, '2024-03-01', '2027-12-31', 2026],
      [null, '广阳岛国际会议中心二期', '广阳岛', '聚焦重点区域', '政府投资', '新开工', '区城市建设发展平台公司', '区住房城乡建委', 50_000, 12_000, '2026-03-01', '2028-06-30', 2026],
    ])
    const blocked = await importLedger(staff, ledger2026)
    expect(blocked.status).toBe(422)
    expect(ImportSummarySchema.parse(await blocked.json()).errors).toEqual([
      { row: 1, column: '计划年度', message: '2025 年度还有 2 份月报待审核，请审核（通过或退回）后再导入 2026 年度的台账' },
    ])
    expect((await calendarOf(staff)).planYear).toBe(2025)

    await approveAll('P001')
    await approveAll('P002')
    // The staff publish 2025 month by month (decision 63): its readers' view of December is then final.
    for (let m = 1; m <= 12; m++) {
      const month = `2025-${String(m).padStart(2, '0')}`
      expect((await staff.request(`/api/months/${month}/publish`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status, month).toBe(200)
    }
    const closedSummary = await json(staff, '/api/summary?asOf=2025-12')
    const closedList = await json(staff, '/api/projects?asOf=2025-12')
    const closedP002 = await json(staff, '/api/projects/P002?asOf=2025-12')
    expect(SummarySchema.parse(closedSummary)).toMatchObject({ planYear: 2025, projectCount: 2, annualPlanWan: 48_000, cumulativeActualWan: 23_000 })

    const opened = await importLedger(staff, ledger2026)
    expect(opened.status).toBe(200)
    expect(ImportSummarySchema.parse(await opened.json())).toEqual({ rows: 2, created: 1, updated: 1, unchanged: 0, errors: [], opensYear: 2026 })
    expect(await calendarOf(staff)).toEqual({
      planYear: 2026,
      latestReportMonth: 1,
      publishedMonth: null,
      months: Array.from({ length: 12 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, status: 'open', publishedAt: null, publishedBy: null })),
      // The server's day, from its clock (this file's is fixed): the page judges by it, not by its own.
      today: '2026-01-20',
      reportDeadlineDay: 5,
      // The report's checks as the form states them (decision 74: defaults).
      reportChecks: { forecastRequiredFrom: 6, flagAmountRatio: 3, flagProgressJumpPoints: 30 },
      hasApprovedReports: false,
      years: [
        { year: 2026, latestReportMonth: 1, publishedMonth: null },
        { year: 2025, latestReportMonth: 12, publishedMonth: 12 },
      ],
    })

    // 2025 answers exactly as before the rollover.
    expect(await json(staff, '/api/summary?asOf=2025-12')).toEqual(closedSummary)
    expect(await json(staff, '/api/projects?asOf=2025-12')).toEqual(closedList)
    expect(await json(staff, '/api/projects/P002?asOf=2025-12')).toEqual(closedP002)

    // 2026 is the default: its own list, plans and nothing reported yet.
    const summary = SummarySchema.parse(await json(staff, '/api/summary'))
    expect(summary).toMatchObject({ planYear: 2026, asOfMonth: 1, projectCount: 2, annualPlanWan: 42_000, cumulativeActualWan: 0 })
    const list = ProjectListSchema.parse(await json(staff, '/api/projects'))
    expect(list.items.map((i) => i.id)).toEqual(['P001', 'P003'])
    const p001 = ProjectDetailSchema.parse(await json(staff, '/api/projects/P001'))
    expect(p001).toMatchObject({ annualPlanWan: 30_000, stage: 'continuing', planAdjustment: null })
    // Completed before 2026: nothing before 2025 plus 2025's approved 18,000; the year starts from December's progress.
    expect(p001).toMatchObject({ completedBeforeYearWan: 18_000, baselineProgress: { percent: 75, text: '装饰装修' } })
    expect(p001.monthlyActualWan.every((v: number | null) => v === null)).toBe(true)
    const p001Then = ProjectDetailSchema.parse(await json(staff, '/api/projects/P001?asOf=2025-12'))
    expect(p001Then).toMatchObject({ annualPlanWan: 24_000, completedBeforeYearWan: 0 })
    expect(p001Then.monthlyActualWan.slice(10)).toEqual([10_000, 8_000])

    // P002 is in 2025's list only.
    const gone = await staff.request('/api/projects/P002')
    expect(gone.status).toBe(404)
    expect(JSON.stringify(await gone.json())).toContain('项目 P002 不在 2026 年度的重点项目清单中')
    const closedQueue = await staff.request('/api/reports?month=2025-12')
    expect(closedQueue.status).toBe(400)
    expect(JSON.stringify(await closedQueue.json())).toContain('2025 年度已结束，只能查看；现在报送的是 2026 年度的月报')
    const queue = (await json(staff, '/api/reports?month=2026-01')) as { items: { projectId?: string; id?: string }[] }
    expect(JSON.stringify(queue)).not.toContain('P002')
    expect(JSON.stringify(queue)).toContain('P003')

    // 2025 is closed: no more reports or edits for it.
    const late = await staff.request(`${importPaths.reports}?month=2025-12`, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE }, body: await reportSheet([['P001', 1, 80, '补报']]) })
    expect(late.status).toBe(400)
    expect(JSON.stringify(await late.json())).toContain('只能填报 2026 年的月报（2025 年不在本年度计划内）')
    const edit = await staff.request('/api/projects/P002', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: 1, name: '改名' }) })
    expect(edit.status).toBe(409)
    expect(JSON.stringify(await edit.json())).toContain('不在 2026 年度的重点项目清单中')

    // A 2026 mid-year change leaves 2025's plan alone; the audit says when P001 entered 2026's list.
    const patched = await staff.request('/api/projects/P001', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: p001.version, annualPlanWan: 33_000, reason: '区政府调整' }),
    })
    expect(patched.status).toBe(200)
    expect(ProjectDetailSchema.parse(await json(staff, '/api/projects/P001?asOf=2025-12')).annualPlanWan).toBe(24_000)
    expect(ProjectDetailSchema.parse(await json(staff, '/api/projects/P001'))).toMatchObject({ annualPlanWan: 33_000, planAdjustment: { originalAnnualPlanWan: 30_000 } })
    const audit = (await json(staff, '/api/audit?projectId=P001')) as { items: { reason?: string | null; changes: { field: string; after: unknown }[] }[] }
    expect(audit.items.some((e) => e.reason === '列入 2026 年度重点项目清单（导入项目台账）' && e.changes.some((c) => c.field === 'planYear' && c.after === 2026))).toBe(true)

    // A year with no list, or a closed year's ledger, is refused with the years there are.
    const refused = await staff.request('/api/summary?asOf=2024-12')
    expect(JSON.stringify(await refused.json())).toContain('只有 2025、2026 年度计划的数据（2024 年不在本系统的计划年度内）')
    const closedLedger = await importLedger(staff, await ledger([row('广阳岛补录项目', 2025)]))
    expect(ImportSummarySchema.parse(await closedLedger.json()).errors[0]?.message).toBe('不能导入 2025 年度的台账：本系统现为 2026 年度，只能导入本年度或下一年（2027 年）的台账')

    // Later in 2026 the district adds P002 back to the list: it is carried in from 2025, where it was last listed.
    const relisted = await importLedger(
      staff,
      await withIds([['P002', '广阳岛智慧旅游', '广阳岛', '聚焦重点区域', '政府投资', '续建', '区城市建设发展平台公司', '区住房城乡建委', 90_000, 10_000, '2024-03-01', '2027-12-31', 2026]]),
    )
    expect(ImportSummarySchema.parse(await relisted.json())).toMatchObject({ created: 0, updated: 1, errors: [] })
    expect(ProjectListSchema.parse(await json(staff, '/api/projects')).items.map((i) => i.id)).toEqual(['P001', 'P002', 'P003'])
    expect(ProjectDetailSchema.parse(await json(staff, '/api/projects/P002'))).toMatchObject({ annualPlanWan: 10_000, completedBeforeYearWan: 5_000 })
    // 2025's figures for it are as they were; only the record's version (one per project) moved on.
    expect(await json(staff, '/api/projects/P002?asOf=2025-12')).toEqual({ ...closedP002, version: 2 })
  })

  it('keeps a closed year as it was: a retirement since, a re-judgement, a late review change none of its figures', async () => {
    const closed = await json(staff, '/api/summary?asOf=2025-12')
    // P002 (in both years' lists) is retired in 2026.
    const p002 = ProjectDetailSchema.parse(await json(staff, '/api/projects/P002'))
    const retire = await staff.request('/api/projects/P002/retire', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: p002.version, reason: '并入其他项目' }),
    })
    expect(retire.status).toBe(200)
    expect(SummarySchema.parse(await json(staff, '/api/summary')).projectCount).toBe(2)

    // An owner unit limited to its own projects sees 2025 as the staff do (every project here is its own).
    await createAccount(database.db, { username: 'pingtai', displayName: '平台公司', role: 'owner', ownerUnit: '区城市建设发展平台公司', password: TEST_PASSWORD }, { username: null, address: null, now: new Date() })
    const ownApp = createApp({ database, logger: silentLogger(), ownerSees: 'own', now: () => new Date('2026-01-20T02:00:00Z') })
    const owner = await signedIn(ownApp, 'pingtai')
    expect(await json(owner, '/api/summary?asOf=2025-12')).toEqual(closed)
    // So are the closed year's other answers (P002 retired since is counted there), and the open year's.
    for (const path of [
      '/api/zones?asOf=2025-12',
      '/api/zones/gy-island?asOf=2025-12',
      '/api/projects?asOf=2025-12&sort=name&order=desc',
      '/api/projects/P002?asOf=2025-12',
      '/api/summary',
      '/api/zones/gy-island',
      '/api/projects?status=not-reported',
      '/api/projects/P002',
      '/api/filter-options',
    ]) {
      expect(await json(owner, path), path).toEqual(await json(staff, path))
    }
    // A unit with no project here: nothing counted; a project outside the year's list is 404 before it is another unit's (403).
    await createAccount(database.db, { username: 'jiaotong', displayName: '交通局', role: 'owner', ownerUnit: '区交通局', password: TEST_PASSWORD }, { username: null, address: null, now: new Date() })
    const stranger = await signedIn(ownApp, 'jiaotong')
    expect(SummarySchema.parse(await json(stranger, '/api/summary?asOf=2025-12'))).toMatchObject({ projectCount: 0, cumulativeActualWan: 0, mostBehind: [] })
    expect(ProjectListSchema.parse(await json(stranger, '/api/projects')).total).toBe(0)
    expect(await json(stranger, '/api/filter-options')).toMatchObject({ ownerUnits: [], responsibleUnits: [] })
    for (const [path, status, message] of [
      ['/api/projects/P001', 403, '该项目不属于本单位，无权查看'],
      ['/api/projects/P003?asOf=2025-12', 404, '项目 P003 不在 2025 年度的重点项目清单中'],
      ['/api/projects/P999', 404, '项目 P999 不存在'],
    ] as const) {
      const refused = await stranger.request(path)
      expect(refused.status, path).toBe(status)
      expect(JSON.stringify(await refused.json()), path).toContain(message)
    }

    // A report of the closed year left awaiting review (stored before this release) cannot be approved into it.
    await database.db.execute(sql`insert into monthly_reports (project_id, year, month, actual_wan, status, version) values ('P001', 2025, 10, 1, 'submitted', 1)`)
    const late = await act('P001', '2025-10', 'approve', { version: 1 })
    expect(late.status).toBe(409)
    expect(JSON.stringify(await late.json())).toContain('2025 年度已结束，月报不能再审核（现在报送的是 2026 年度）')

    // A rules change re-judges the open year; the closed year keeps the judgements it closed with.
    await database.db.execute(sql`delete from meta where key = 'rules_version'`)
    expect(await rejudgeIfRulesChanged(database.db)).toBe('rejudged')
    expect(await json(staff, '/api/summary?asOf=2025-12')).toEqual(closed)
    expect(SummarySchema.parse(await json(staff, '/api/summary')).projectCount).toBe(2)
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
