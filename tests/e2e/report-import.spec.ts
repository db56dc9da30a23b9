import ExcelJS from 'exceljs'
import { readFile } from 'node:fs/promises'
import { expect, test } from './fixtures'
import { signIn, watchForProblems } from './support'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * An owner unit reports a month from Excel: the month's template lists its projects, two are filled in
 * (one wrongly at first), the file is checked, corrected and imported, and the two reports then await
 * the commission's review on the month's page. November: the October journey stays untouched.
 */
test('an owner fills in the month template, fixes the error the check names, and imports two reports for review', async ({ page }) => {
  const problems = watchForProblems(page)
  await signIn(page, 'owner', '/reports?month=2024-11')
  await page.getByText('用 Excel 批量填报11月月报').click()
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: '下载2024年11月月报模板（.xlsx）' }).click()
  const template = await download
  expect(template.suggestedFilename()).toMatch(/2024年11月月报\.xlsx$/)

  const workbook = new ExcelJS.Workbook()
  const downloaded = await readFile((await template.path())!)
  await workbook.xlsx.load(downloaded.buffer.slice(downloaded.byteOffset, downloaded.byteOffset + downloaded.byteLength) as ArrayBuffer)
  const sheet = workbook.worksheets[0]!
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[]
  const col = (name: string) => header.indexOf(name) + 1
  const ids = [String(sheet.getCell(2, 1).value), String(sheet.getCell(3, 1).value)]
  const fill = async (secondAmount: string | number) => {
    sheet.getCell(2, col('当月完成投资（万元）')).value = 150
    sheet.getCell(2, col('形象进度（%）')).value = 100
    sheet.getCell(2, col('形象进度描述')).value = '完成竣工验收资料整理'
    sheet.getCell(3, col('当月完成投资（万元）')).value = secondAmount
    sheet.getCell(3, col('形象进度（%）')).value = 100
    sheet.getCell(3, col('形象进度描述')).value = '附属工程施工'
    // From 6月 each report carries the year's forecast and 完成信心 (decision 74).
    for (const row of [2, 3]) {
      sheet.getCell(row, col('全年预计完成投资（万元）')).value = 5000
      sheet.getCell(row, col('预计完工日期')).value = '2025-06-30'
      sheet.getCell(row, col('完成信心')).value = '高'
    }
    return Buffer.from(await workbook.xlsx.writeBuffer())
  }

  const file = page.getByLabel('选择填好的2024年11月月报文件')
  await file.setInputFiles({ name: '11月月报-有错.xlsx', mimeType: XLSX, buffer: await fill('二百') })
  await expect(page.getByText('“11月月报-有错.xlsx”共 2 行，发现 1 处错误。有错误时不会导入任何一行。')).toBeVisible()
  const errors = page.getByRole('table', { name: '文件中的错误（按行号）' })
  await expect(errors.getByRole('row').nth(1)).toContainText('当月完成投资（万元）应为数值，不能是文字')

  await page.getByRole('button', { name: '重新选择文件' }).click()
  await file.setInputFiles({ name: '11月月报.xlsx', mimeType: XLSX, buffer: await fill(200) })
  await expect(page.getByText('“11月月报.xlsx”共 2 行，没有错误：将提交 2 份新月报')).toBeVisible()
  await page.getByRole('button', { name: '确认导入（2 行）' }).click()
  await expect(page.getByText('已导入 2 行：提交 2 份月报')).toBeVisible()

  // The month's page shows both as awaiting review (the queue is refetched after the import).
  const queue = page.getByRole('table', { name: '各项目本月月报' })
  for (const id of ids) await expect(queue.getByRole('row').filter({ hasText: id })).toContainText('待审核')
  expect(problems).toEqual([])
})
