import ExcelJS from 'exceljs'
import { expect, test } from '@playwright/test'
import { signIn } from './support'

// Staff bring the ledger in from Excel: check, read the errors, fix, confirm; nothing half-imported.

const HEADERS = ['项目编号', '项目名称', '所属片区', '四个聚焦', '投资类别', '建设性质', '业主单位', '责任单位', '总投资（万元）', '年度计划投资（万元）', '计划开工日期', '计划竣工日期']
const row = (name: string, overrides: Record<string, ExcelJS.CellValue> = {}) => {
  const values: Record<string, ExcelJS.CellValue> = {
    项目名称: name,
    所属片区: '广阳岛',
    四个聚焦: '聚焦重点区域',
    投资类别: '社会投资',
    建设性质: '新开工',
    业主单位: '广阳岛文旅公司',
    责任单位: '区文化旅游委',
    '总投资（万元）': 30_000,
    '年度计划投资（万元）': 6_000,
    计划开工日期: '2024-08-01',
    计划竣工日期: '2025-12-31',
    ...overrides,
  }
  return HEADERS.map((h) => values[h] ?? null)
}
async function workbook(rows: ExcelJS.CellValue[][]) {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('项目台账')
  sheet.addRow(HEADERS)
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await book.xlsx.writeBuffer())
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

test('staff check a ledger, see each error by row and column, fix it and import it whole', async ({ page }) => {
  await signIn(page, 'staff')
  await page.getByRole('link', { name: '导入台账' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '导入项目台账' })).toBeVisible()

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: '下载导入模板（.xlsx）' }).click()
  expect((await download).suggestedFilename()).toBe('项目台账导入模板.xlsx')

  const file = page.getByLabel('选择填好的台账文件')
  await file.setInputFiles({ name: '台账-有错.xlsx', mimeType: XLSX, buffer: await workbook([row('广阳岛生态修复示范项目'), row('广阳岛智慧旅游项目', { 所属片区: '解放碑' })]) })
  await expect(page.getByText('“台账-有错.xlsx”共 2 行，发现 1 处错误。有错误时不会导入任何一行。')).toBeVisible()
  const errors = page.getByRole('table', { name: '文件中的错误（按行号）' })
  await expect(errors.getByRole('row').nth(1)).toContainText('3')
  await expect(errors.getByRole('row').nth(1)).toContainText('所属片区')
  await expect(page.getByRole('button', { name: /确认导入/ })).toHaveCount(0)

  await page.getByRole('button', { name: '重新选择文件' }).click()
  await file.setInputFiles({ name: '台账.xlsx', mimeType: XLSX, buffer: await workbook([row('广阳岛生态修复示范项目'), row('广阳岛智慧旅游项目')]) })
  await expect(page.getByText('“台账.xlsx”共 2 行，没有错误：将新增 2 个项目，更新 0 个，0 个没有变化。')).toBeVisible()
  await page.getByRole('button', { name: '确认导入（2 行）' }).click()
  await expect(page.getByText('已导入 2 行：新增 2 个项目，更新 0 个，0 个没有变化。', { exact: false })).toBeVisible()

  await page.getByRole('link', { name: '查看项目库' }).click()
  await page.getByRole('searchbox', { name: '搜索' }).fill('广阳岛智慧旅游')
  await page.getByRole('searchbox', { name: '搜索' }).press('Enter')
  await expect(page.getByRole('link', { name: '广阳岛智慧旅游项目' })).toBeVisible()
})

test('a reviewer exports the delayed list as a workbook that holds exactly the list on screen', async ({ page }) => {
  await signIn(page, 'reviewer')
  await page.goto('/delayed?zone=nanping')
  const totals = page.getByText(/^共 \d+ 个项目$/)
  await expect(totals).toBeVisible()
  const count = Number((await totals.textContent())!.match(/\d+/)![0])
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: `导出 Excel（${count} 个项目）` }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^南岸区重点项目滞后项目清单_2024年1-\d+月\.xlsx$/)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile((await file.path())!)
  const sheet = book.worksheets[0]!
  expect(String(sheet.getCell('A2').value)).toContain('片区：南坪')
  // Title, filters, header, one row per project, then the totals row.
  expect(sheet.getRow(4 + count).getCell(1).value).toBe('合计')
  const names = await page.getByRole('table', { name: '滞后项目清单' }).locator('tbody tr th a').allTextContents()
  expect(Array.from({ length: count }, (_, i) => sheet.getRow(4 + i).getCell(3).value)).toEqual(names.map((n) => n.trim()))
})
