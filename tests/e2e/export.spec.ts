import ExcelJS from 'exceljs'
import { expect, test } from './fixtures'
import { signIn } from './support'

// Lists out to Excel: the workbook holds exactly the list on screen.

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
