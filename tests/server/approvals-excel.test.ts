import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditListSchema } from '@/contract/accounts'
import { ApprovalListSchema } from '@/contract/approvals'
import { ImportSummarySchema, XLSX_TYPE } from '@/contract/imports'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

/**
 * 前期手续 in the ledger workbook (decision 80): the export's second sheet lists every listed project's approvals;
 * the import reads a 前期手续 sheet beside the ledger, row by row with Chinese messages, all or nothing.
 */

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

const LEDGER_HEADER = ['项目编号', '项目名称', '所属片区', '四个聚焦', '投资类别', '建设性质', '业主单位', '责任单位', '总投资（万元）', '年度计划投资（万元）', '计划开工日期', '计划竣工日期']
const APPROVAL_HEADER = ['项目编号', '手续', '状态', '取得日期', '文号', '办理部门']

/** A workbook of an empty ledger (its header only) and a 前期手续 sheet with these rows. */
async function workbookWith(rows: (string | null)[][]): Promise<Blob> {
  const workbook = new ExcelJS.Workbook()
  workbook.addWorksheet('项目台账').addRow(LEDGER_HEADER)
  const sheet = workbook.addWorksheet('前期手续')
  sheet.addRow(APPROVAL_HEADER)
  for (const row of rows) sheet.addRow(row)
  return new Blob([new Uint8Array(await workbook.xlsx.writeBuffer())])
}
const importing = async (rows: (string | null)[][], dryRun: boolean) => {
  const response = await staff.request(`/api/import/projects${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE }, body: await workbookWith(rows) })
  return { status: response.status, summary: ImportSummarySchema.parse(await response.json()) }
}
const approvalsOf = async (projectId: string) => ApprovalListSchema.parse(await (await staff.request(`/api/projects/${projectId}/approvals`)).json()).items

describe('前期手续 in Excel', () => {
  it('the ledger template has a 前期手续 sheet with the import’s columns and a drop-down of the statuses', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await (await staff.request('/api/import/projects/template.xlsx')).arrayBuffer())
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['项目台账', '前期手续', '填写说明'])
    const sheet = workbook.getWorksheet('前期手续')!
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(APPROVAL_HEADER)
    expect(sheet.getCell(100, 3).dataValidation).toMatchObject({ type: 'list', formulae: ['"未启动,办理中,已取得,不需要"'] })
    expect(workbook.getWorksheet('填写说明')!.getColumn(1).values).toContain('前期手续·取得日期')
  })

  it('the import checks every row in Chinese, names the sheet in the column, and writes nothing when any row is wrong', async () => {
    const { status, summary } = await importing(
      [
        ['P001', '施工许可', '已取得', '2024-05-06', '渝建施〔2024〕0001号', '区住房城乡建委'],
        ['P001', '施工许可', '办理中', null, null, null],
        ['P002', '规划许可', '已取得', '2024-05-06', null, null],
        ['P003', '环评批复', '完成', null, null, null],
        ['P004', '用地规划许可', '已取得', null, null, null],
        ['P005', '工程规划许可', '办理中', '2024-05-06', null, null],
        ['P999', '环评批复', '不需要', null, null, null],
      ],
      false,
    )
    expect(status).toBe(422)
    expect(summary.errors).toEqual([
      { row: 3, column: '前期手续·手续', message: 'P001 的施工许可与第 2 行重复' },
      { row: 4, column: '前期手续·手续', message: '“规划许可”不在前期手续清单中（可选：立项（可研）批复、用地预审与选址意见、用地规划许可、工程规划许可、施工许可、环评批复）' },
      { row: 5, column: '前期手续·状态', message: '“完成”不是可选的状态（可选：未启动、办理中、已取得、不需要）' },
      { row: 6, column: '前期手续·取得日期', message: '已取得的手续请填写取得日期' },
      { row: 7, column: '前期手续·取得日期', message: '只有已取得的手续填写取得日期' },
      { row: 8, column: '前期手续·项目编号', message: '项目 P999 不存在（新项目请在“项目台账”表中填写其项目编号）' },
    ])
    // All or nothing: the good first row was not written either.
    expect((await approvalsOf('P001')).find((a) => a.kind === 'construction-permit')).toMatchObject({ status: 'not-started', version: 0 })
  })

  it('a good sheet: the dry run counts, the import saves each approval as the form would, audited', async () => {
    const rows = [
      ['P001', '施工许可', '已取得', '2024-05-06', '渝建施〔2024〕0001号', '区住房城乡建委'],
      ['p002', '环评批复', '不需要', null, null, null],
      ['P002', '立项（可研）批复', '未启动', null, null, null],
    ]
    const dry = await importing(rows, true)
    expect(dry.status).toBe(200)
    expect(dry.summary.approvals).toEqual({ rows: 3, updated: 2, unchanged: 1 })
    expect((await approvalsOf('P001')).find((a) => a.kind === 'construction-permit')?.version).toBe(0)

    const done = await importing(rows, false)
    expect(done.status).toBe(200)
    expect(done.summary).toMatchObject({ errors: [], approvals: { rows: 3, updated: 2, unchanged: 1 } })
    expect((await approvalsOf('P001')).find((a) => a.kind === 'construction-permit')).toMatchObject({ status: 'obtained', obtainedOn: '2024-05-06', number: '渝建施〔2024〕0001号', department: '区住房城乡建委', version: 1 })
    expect((await approvalsOf('P002')).find((a) => a.kind === 'eia-approval')).toMatchObject({ status: 'not-needed', version: 1 })
    const { items } = AuditListSchema.parse(await (await staff.request('/api/audit?action=approval.update&projectId=P002')).json())
    expect(items[0]).toMatchObject({ reason: '导入项目台账', changes: [{ field: '环评批复·状态', before: '未启动', after: '不需要' }] })
    // The same file again changes nothing.
    expect((await importing(rows, false)).summary.approvals).toEqual({ rows: 3, updated: 0, unchanged: 3 })
  })

  it('the export’s second sheet 前期手续 lists every listed project’s approvals, the import’s columns, in words', async () => {
    const response = await staff.request('/api/export/projects.xlsx?q=P001')
    expect(response.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['项目清单', '前期手续'])
    const sheet = workbook.getWorksheet('前期手续')!
    const values = sheet.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1))
    expect(values[0]).toEqual(APPROVAL_HEADER)
    const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from projects where search_text like '%p001%'`)
    expect(values.slice(1)).toHaveLength(Number(row!.n) * 6)
    expect(values.slice(1)).toContainEqual(['P001', '施工许可', '已取得', '2024-05-06', '渝建施〔2024〕0001号', '区住房城乡建委'])
    expect(values.slice(1)).toContainEqual(['P001', '用地规划许可', '未启动'])
  })
})
