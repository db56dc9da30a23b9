import ExcelJS from 'exceljs'
import { expect, test } from './fixtures'
import { signIn, watchForProblems } from './support'

// A real deployment starts empty (SEED_DATA=empty): every page copes with zero projects, and staff are told
// how to bring the ledger in.

test('@empty every page copes with no projects, and the first page says how to import the ledger', async ({ page }) => {
  const problems = watchForProblems(page)
  await signIn(page, 'staff')
  // Staff land on their 待办 (decision 67); nothing is due in a deployment with no projects.
  await expect(page.getByRole('heading', { level: 1, name: '待办' })).toBeVisible()
  await expect(page.getByText('没有待审核的月报。')).toBeVisible()
  await page.getByRole('link', { name: '总览' }).click()
  // An empty deployment plans the current year (China time) until its first ledger names one.
  const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
  await expect(page.getByText(`尚无${thisYear}年重点项目。`)).toBeVisible()
  await expect(page.getByRole('link', { name: '导入项目台账' })).toHaveAttribute('href', '/import')
  for (const path of ['/zones', '/zones/nanping', '/projects', '/delayed', '/reports', '/history', '/help', '/import']) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await page.waitForLoadState('networkidle')
    const text = await page.locator('main').innerText()
    expect(text, path).not.toMatch(/NaN|undefined|Infinity|数据加载失败/)
  }
  await page.goto('/projects')
  await expect(page.getByText('没有符合条件的项目。')).toBeVisible()
  expect(problems).toEqual([])
})

test('@empty a leader sees that the list is not in yet, not an error', async ({ page }) => {
  await signIn(page, 'leader')
  await expect(page.getByText('项目清单由发改委工作人员导入后，这里将显示各片区和项目的进度。')).toBeVisible()
})

// Then staff bring the ledger in from Excel: check, read the errors, fix, confirm; nothing half-imported.

const HEADERS = ['项目编号', '项目名称', '所属片区', '四个聚焦', '投资类别', '建设性质', '业主单位', '责任单位', '总投资（万元）', '年度计划投资（万元）', '计划开工日期', '计划竣工日期', '计划年度']
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
    // The commission's ledger for 2025: the deployment (empty, planning the current year) takes that year.
    计划年度: 2025,
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

test('@empty staff check a ledger, see each error by row and column, fix it and import it whole; the overview then shows it', async ({ page }) => {
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

  await page.getByRole('link', { name: '总览' }).click()
  await expect(page.getByTestId('headline')).toContainText('2个重点项目')
  await expect(page.getByRole('heading', { level: 1, name: '2025年重点项目总览' })).toBeVisible()
  await expect(page.getByRole('combobox', { name: '截至月份' })).toHaveValue('2025-01')
  await expect(page.getByRole('combobox', { name: '截至月份' }).getByRole('option').first()).toHaveText('2025年1月（未发布）')

  // The district issues the 2026 list: P001 goes on, P002 is not in it, two projects are new. 2025 stays readable.
  await page.goto('/import')
  const next2026 = await workbook([
    row('广阳岛生态修复示范项目', { 项目编号: 'P001', 建设性质: '续建', '年度计划投资（万元）': 9_000, 计划年度: 2026 }),
    row('广阳岛国际会议中心二期', { 计划年度: 2026, 计划开工日期: '2026-05-01', 计划竣工日期: '2027-12-31' }),
    row('广阳岛码头改造', { 计划年度: 2026, 计划开工日期: '2026-06-01', 计划竣工日期: '2027-06-30' }),
  ])
  await page.getByLabel('选择填好的台账文件').setInputFiles({ name: '2026台账.xlsx', mimeType: XLSX, buffer: next2026 })
  await expect(page.getByText('“2026台账.xlsx”共 3 行，没有错误：将新增 2 个项目，更新 1 个，0 个没有变化。')).toBeVisible()
  await expect(page.getByText('导入后开始 2026 年度：2025 年度转为已结束（数据保留，只能查看），未列入本台账的项目不在 2026 年度清单中。')).toBeVisible()
  await page.getByRole('button', { name: '确认导入（3 行）' }).click()
  await expect(page.getByText('已导入 3 行：新增 2 个项目，更新 1 个，0 个没有变化。', { exact: false })).toBeVisible()

  await page.getByRole('link', { name: '总览' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '2026年重点项目总览' })).toBeVisible()
  await expect(page.getByTestId('headline')).toContainText('3个重点项目')
  await expect(page.getByText('2026年尚无审核通过的月报。')).toBeVisible()
  const asOf = page.getByRole('combobox', { name: '截至月份' })
  await expect(asOf).toHaveValue('2026-01')
  // Nothing was reported, so no month of either year is published: staff see them marked as such.
  await expect(asOf.locator('optgroup')).toHaveText(['2026年1月（未发布）', '2025年1月（未发布）'])
  expect(await asOf.locator('optgroup').evaluateAll((groups) => groups.map((g) => g.getAttribute('label')))).toEqual(['2026年度（当前）', '2025年度（已结束）'])
  await asOf.selectOption({ label: '2025年1月（未发布）' })
  await expect(page).toHaveURL(/asOf=2025-01/)
  await expect(page.getByRole('heading', { level: 1, name: '2025年重点项目总览' })).toBeVisible()
  await expect(page.getByTestId('headline')).toContainText('2个重点项目')
  await expect(page.getByText('正在查看已结束的 2025 年度（按该年度的清单和计划，只能查看）；当前报送的是 2026 年度。')).toBeVisible()
})
