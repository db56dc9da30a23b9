import { BulletinSchema } from '@/contract/bulletins'
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProjectDetailSchema, ProjectListSchema } from '@/contract'
import { ImportSummarySchema, XLSX_TYPE, importPaths } from '@/contract/imports'
import { LEDGER_COLUMNS, MONTH_PLAN_HEADERS } from '@/domain/ledger'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { expectApiError, rowCounts, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

// The commission's ledger in and out of Excel, through the real server and its database.

let database: Database
let app: ReturnType<typeof createApp>
let staff: Client

beforeAll(async () => {
  database = await seededMemoryDatabase()
  app = createApp({ database, logger: silentLogger() })
  staff = await signedIn(app, 'staff')
})
afterAll(async () => {
  await database?.close()
})

const HEADERS = LEDGER_COLUMNS.filter((c) => !c.key.startsWith('month')).map((c) => c.header)
type Row = Record<string, ExcelJS.CellValue>
const newRow = (overrides: Row = {}): Row => ({
  项目编号: null,
  项目名称: '南坪东路综合管廊工程',
  所属片区: '南坪',
  四个聚焦: '聚焦基础支撑',
  投资类别: '政府投资',
  建设性质: '新开工',
  业主单位: '区城市建设发展平台公司',
  责任单位: '区住房城乡建委',
  '总投资（万元）': 80_000,
  '年度计划投资（万元）': 12_000,
  计划开工日期: new Date(Date.UTC(2024, 5, 1)),
  计划竣工日期: new Date(Date.UTC(2026, 11, 31)),
  ...overrides,
})

/** A workbook as staff would save it: the header row, then the rows. */
async function workbookOf(rows: Row[], headers: string[] = HEADERS): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('项目台账')
  sheet.addRow(headers)
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null))
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

const upload = (bytes: Uint8Array, query = '', type = XLSX_TYPE) =>
  staff.request(`${importPaths.projects}${query}`, { method: 'POST', headers: { 'Content-Type': type }, body: new Blob([bytes as BlobPart]) })

async function project(id: string) {
  const response = await staff.request(`/api/projects/${id}`)
  return response.status === 200 ? ProjectDetailSchema.parse(await response.json()) : null
}
const projectCount = async () => ProjectListSchema.parse(await (await staff.request('/api/projects?pageSize=1')).json()).total
const auditCount = async () => Number((await database.rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action like 'project.%'`))[0]!.n)

/** A row that repeats an existing project exactly as the list has it. */
async function rowOf(id: string): Promise<Row> {
  const p = (await project(id))!
  const zone = { nanbin: '南滨路', nanping: '南坪', nanshan: '南山', 'gyw-city': '广阳湾智创生态城', 'east-station': '重庆东站枢纽新城', 'gy-island': '广阳岛', 'gy-bay': '广阳湾', 'district-wide': '跨片区/全区' }[p.zoneId]
  const focus = { 'key-zones': '聚焦重点区域', 'key-directions': '聚焦重点方向', livelihood: '聚焦民生所盼', infrastructure: '聚焦基础支撑' }[p.focusArea]
  const type = { government: '政府投资', social: '社会投资', joint: '政社共同投资', unclassified: '未细分' }[p.investmentType]
  const stage = { continuing: '续建', 'new-start': '新开工', preparatory: '前期' }[p.stage]
  return {
    项目编号: p.id,
    项目名称: p.name,
    所属片区: zone,
    四个聚焦: focus,
    投资类别: type,
    建设性质: stage,
    业主单位: p.ownerUnit,
    责任单位: p.responsibleUnit,
    '总投资（万元）': p.totalInvestmentWan,
    '年度计划投资（万元）': p.annualPlanWan,
    计划开工日期: p.plannedStartDate,
    计划竣工日期: p.plannedCompletionDate,
  }
}

describe('the ledger template', () => {
  it('is a workbook with the Chinese header row, drop-down lists and a sheet explaining each column', async () => {
    const response = await staff.request(importPaths.projectTemplate)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(XLSX_TYPE)
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('项目台账导入模板.xlsx'))
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const sheet = workbook.getWorksheet('项目台账')!
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(LEDGER_COLUMNS.map((c) => c.header))
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const zoneColumn = LEDGER_COLUMNS.findIndex((c) => c.key === 'zoneId') + 1
    expect(sheet.getCell(500, zoneColumn).dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining('南坪')] })
    const notes = workbook.getWorksheet('填写说明')!
    expect(notes.getColumn(1).values).toContain('所属片区')
    expect(notes.getColumn(4).values).toContain('南滨路、南坪、南山、广阳湾智创生态城、重庆东站枢纽新城、广阳岛、广阳湾、跨片区/全区')
  })

  it('round trip: the template filled in imports, and the list reads back what was typed', async () => {
    const template = await (await staff.request(importPaths.projectTemplate)).arrayBuffer()
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(template)
    const sheet = workbook.getWorksheet('项目台账')!
    const row = newRow({ 项目名称: '模板往返测试项目', 项目编号: 'P950' })
    sheet.getRow(2).values = LEDGER_COLUMNS.map((c) => row[c.header] ?? null)
    const months = LEDGER_COLUMNS.findIndex((c) => c.header === MONTH_PLAN_HEADERS[0]) + 1
    for (let i = 0; i < 12; i++) sheet.getCell(2, months + i).value = 1_000
    const filled = new Uint8Array(await workbook.xlsx.writeBuffer())
    const response = await upload(filled)
    expect(response.status).toBe(200)
    expect(ImportSummarySchema.parse(await response.json())).toEqual({ rows: 1, created: 1, updated: 0, unchanged: 0, errors: [] })
    const back = (await project('P950'))!
    expect(back).toMatchObject({
      name: '模板往返测试项目',
      zoneId: 'nanping',
      focusArea: 'infrastructure',
      investmentType: 'government',
      stage: 'new-start',
      totalInvestmentWan: 80_000,
      annualPlanWan: 12_000,
      plannedStartDate: '2024-06-01',
      plannedCompletionDate: '2026-12-31',
      simulated: false,
    })
    expect(back.monthlyPlanWan).toEqual(new Array(12).fill(1_000))
  })
})

describe('importing the ledger', () => {
  it('a dry run reports what would happen and writes nothing', async () => {
    const before = await rowCounts(database)
    const audits = await auditCount()
    const existing = await rowOf('P002')
    const bytes = await workbookOf([newRow(), { ...existing, 项目名称: `${String(existing.项目名称)}（更名）` }, await rowOf('P003')])
    const response = await upload(bytes, '?dryRun=1')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ rows: 3, created: 1, updated: 1, unchanged: 1, errors: [] })
    expect(await rowCounts(database)).toEqual(before)
    expect(await auditCount()).toBe(audits)
    expect((await project('P002'))!.name).toBe(existing.项目名称)
  })

  it('imports: new projects created, changed ones updated with a new version and audited; the same file again changes nothing', async () => {
    const count = await projectCount()
    const existing = await rowOf('P004')
    const p4 = (await project('P004'))!
    const bytes = await workbookOf([newRow({ 项目名称: '导入新增项目甲' }), { ...existing, '年度计划投资（万元）': p4.annualPlanWan + 1_000, 项目名称: '导入更名项目' }])
    const audits = await auditCount()
    const first = await upload(bytes)
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ rows: 2, created: 1, updated: 1, unchanged: 0, errors: [] })
    expect(await projectCount()).toBe(count + 1)
    const after = (await project('P004'))!
    expect(after).toMatchObject({ name: '导入更名项目', annualPlanWan: p4.annualPlanWan + 1_000, version: p4.version + 1 })
    expect(after.planAdjustment).toMatchObject({ originalAnnualPlanWan: p4.annualPlanWan })
    expect(await auditCount()).toBe(audits + 2)
    const log = (await (await staff.request('/api/audit?projectId=P004')).json()) as { items: { action: string; changes: { field: string }[] }[] }
    expect(log.items[0]).toMatchObject({ action: 'project.update' })
    expect(log.items[0]!.changes.map((c) => c.field)).toEqual(['name', 'annualPlanWan'])

    // Idempotent: importing the very same file again creates no duplicate, changes nothing, logs nothing.
    const again = await upload(await workbookOf([{ ...newRow({ 项目名称: '导入新增项目甲' }), 项目编号: (await findByName('导入新增项目甲'))! }, { ...existing, '年度计划投资（万元）': p4.annualPlanWan + 1_000, 项目名称: '导入更名项目' }]))
    expect(await again.json()).toMatchObject({ rows: 2, created: 0, updated: 0, unchanged: 2 })
    expect(await auditCount()).toBe(audits + 2)
    expect((await project('P004'))!.version).toBe(p4.version + 1)
  })

  it('all or nothing: one bad row among many writes nothing, and the answer names that row', async () => {
    const before = await rowCounts(database)
    const rows = Array.from({ length: 60 }, (_, i) => newRow({ 项目名称: `批量项目${i + 1}` }))
    rows[41] = newRow({ 项目名称: '坏行', '年度计划投资（万元）': '一万二' })
    const response = await upload(await workbookOf(rows))
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({
      rows: 60,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [{ row: 43, column: '年度计划投资（万元）', message: '年度计划投资（万元）应为数值，不能是文字' }],
    })
    expect(await rowCounts(database)).toEqual(before)
  })

  it('refuses, in Chinese, each thing a ledger must not hold — by row and column', async () => {
    const p5 = await rowOf('P005')
    const response = await upload(
      await workbookOf([
        newRow({ 项目名称: '公式行', '总投资（万元）': { formula: 'A1*2', result: 2 } as ExcelJS.CellFormulaValue }),
        newRow({ 项目名称: '未知片区', 所属片区: '解放碑' }),
        p5,
        { ...p5, 项目名称: '重复编号' },
        newRow({ 项目名称: '未知类别', 投资类别: '外资' }),
        newRow({ 项目名称: '计划超总投资', '年度计划投资（万元）': 90_000 }),
      ]),
      '?dryRun=1',
    )
    expect(response.status).toBe(200)
    const { errors } = ImportSummarySchema.parse(await response.json())
    expect(errors).toContainEqual({ row: 2, column: '总投资（万元）', message: '不能使用公式，请复制后“粘贴为数值”' })
    expect(errors).toContainEqual(expect.objectContaining({ row: 3, column: '所属片区', message: expect.stringContaining('“解放碑”不是可选的所属片区') }))
    expect(errors).toContainEqual({ row: 5, column: '项目编号', message: '项目编号 P005 与第 4 行重复' })
    expect(errors).toContainEqual(expect.objectContaining({ row: 6, column: '投资类别' }))
    expect(errors).toContainEqual({ row: 7, column: '年度计划投资（万元）', message: '年度计划投资不能超过总投资' })
  })

  it('refuses a file that is not a workbook, the wrong type, a file too large, and wrong headers', async () => {
    const notXlsx = await upload(new TextEncoder().encode('项目编号,项目名称\nP001,x'))
    expect(notXlsx.status).toBe(422)
    expect(expectApiError(await notXlsx.json())!.message).toContain('不是有效的 Excel 工作簿')

    const csv = await upload(new TextEncoder().encode('a,b'), '', 'text/csv')
    expect(csv.status).toBe(415)

    const big = await upload(new Uint8Array(10 * 1024 * 1024 + 1))
    expect(big.status).toBe(413)
    expect(expectApiError(await big.json())!.message).toContain('10 MB')

    const headers = await upload(await workbookOf([newRow()], [...HEADERS.filter((h) => h !== '所属片区'), '备注']), '?dryRun=1')
    expect(headers.status).toBe(200)
    expect((await headers.json()).errors).toEqual([
      { row: 1, column: '所属片区', message: '缺少列“所属片区”' },
      { row: 1, column: '备注', message: '无法识别的列“备注”，请使用导入模板的列名' },
    ])
  })

  it('is for the commission’s staff only', async () => {
    for (const role of ['owner', 'reviewer', 'leader']) {
      const other = await signedIn(app, role)
      const response = await other.request(importPaths.projects, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE }, body: new Blob([(await workbookOf([newRow()])) as BlobPart]) })
      expect(response.status, role).toBe(403)
    }
  })
})

describe('exporting a list', () => {
  it('gives the filtered, sorted list exactly as the API does, with a title, units, a frozen header, totals and the simulated note', async () => {
    const query = 'zone=nanping&sort=shortfall&order=desc&asOf=2024-08'
    const response = await staff.request(`${importPaths.exportProjects}?${query}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(XLSX_TYPE)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const sheet = workbook.worksheets[0]!
    const list = ProjectListSchema.parse(await (await staff.request(`/api/projects?${query}&pageSize=200`)).json())
    expect(String(sheet.getCell('A1').value), 'not 项目 twice').toBe('南岸区重点项目清单（数据截至2024年1-8月）')
    expect(String(sheet.getCell('A2').value)).toContain('片区：南坪')
    expect(sheet.getRow(3).getCell(3).value).toBe('项目名称')
    expect(sheet.getRow(3).getCell(12).value).toBe('年度计划（亿元）')
    expect(sheet.getRow(3).getCell(16).value).toBe('欠序时进度（万元）')
    expect(sheet.getRow(3).getCell(21).value).toBe('形象进度描述')
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 })
    const ids = list.items.map((_, i) => sheet.getRow(4 + i).getCell(2).value)
    expect(ids).toEqual(list.items.map((i) => i.id))
    const first = sheet.getRow(4)
    expect(first.getCell(12).value).toBe(list.items[0]!.annualPlanWan / 10_000)
    expect(first.getCell(12).numFmt).toBe('#,##0.00')
    expect(first.getCell(16).value).toBe(list.items[0]!.status.shortfallWan)
    expect(first.getCell(4).value).toBe('模拟')
    const totals = sheet.getRow(4 + list.total)
    expect(totals.getCell(1).value).toBe('合计')
    expect(totals.getCell(12).value).toBe(list.totals.annualPlanWan / 10_000)
    expect(totals.getCell(13).value).toBe(list.totals.cumulativeActualWan / 10_000)
    expect(totals.getCell(16).value).toBe(list.totals.shortfallWan)
    expect(String(sheet.getRow(6 + list.total).getCell(1).value)).toContain('模拟')
  })

  it('is for the roles that export lists (staff, reviewers), and refuses a bad filter in Chinese', async () => {
    const reviewer = await signedIn(app, 'reviewer')
    expect((await reviewer.request(`${importPaths.exportProjects}?status=severe`)).status).toBe(200)
    for (const role of ['owner', 'leader']) expect((await (await signedIn(app, role)).request(importPaths.exportProjects)).status, role).toBe(403)
    const bad = await staff.request(`${importPaths.exportProjects}?zone=atlantis`)
    expect(bad.status).toBe(400)
    expect(expectApiError(await bad.json())!.message).toBe('查询参数无效')
  })
})

describe('the bulletin as a workbook', () => {
  it('has a sheet per section, with the figures of the month’s issued bulletin (not the live ones, which moved since)', async () => {
    const response = await staff.request(`${importPaths.exportBulletin}?asOf=2024-07`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('南岸区重点项目2024年1-7月进展情况通报.xlsx'))
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['总体情况', '按投资类别', '按四个聚焦', '按建设性质', '片区排名', '严重滞后项目', '滞后项目', '应开未开', '未报送'])
    // July is published: the workbook is its issued bulletin (decision 64), whatever this file imported since.
    const issued = BulletinSchema.parse(await (await staff.request('/api/bulletins/2024-07')).json())
    const summary = issued.content.summary
    const live = (await (await staff.request('/api/summary?asOf=2024-07')).json()) as { projectCount: number }
    expect(live.projectCount).toBeGreaterThan(summary.projectCount)
    const overall = workbook.getWorksheet('总体情况')!
    expect(overall.getRow(3).values).toEqual([undefined, '重点项目（个）', summary.projectCount])
    expect(overall.getRow(5).getCell(2).value).toBe(summary.cumulativeActualWan / 10_000)
    // 严重滞后 and 滞后 on sheets of their own, as the bulletin lists them.
    for (const [list, name] of [[issued.content.severe, '严重滞后项目'], [issued.content.lagging, '滞后项目']] as const) {
      const rows = (workbook.getWorksheet(name)!.getColumn(2).values as unknown[]).filter((v) => typeof v === 'string' && /^P\d+$/.test(v))
      expect(rows, name).toEqual(expect.arrayContaining(list.map((p) => p.id)))
      expect(rows, name).toHaveLength(list.length)
    }
    const sheet = workbook.getWorksheet('滞后项目')!
    expect(sheet.getRow(2).getCell(7).value).toBe('欠序时进度（万元）')
  })
})

async function findByName(name: string): Promise<string | null> {
  const list = ProjectListSchema.parse(await (await staff.request(`/api/projects?q=${encodeURIComponent(name)}`)).json())
  return list.items[0]?.id ?? null
}
