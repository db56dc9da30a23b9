import { mkdir, writeFile } from 'node:fs/promises'
import { expect, test, type Page } from './fixtures'
import { pdfPages } from './pdf-pages'
import { signIn } from './support'

// Issue 26: a printed list keeps its column headings on every page and ends with the totals the screen shows;
// on a phone every control is big enough for a finger, and a wide list is a card per row with nothing cut.

const DELAYED = 'severe,lagging,not-started,not-reported'
/** 12,345 万元 → "12,345": the 万元 columns' figures (src/domain/money.ts groupThousands), worked out here. */
const grouped = (wan: number) => String(wan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
const percentText = (rate: number) => `${(rate * 100).toFixed(2)}%`
/** Text of a PDF page without the spacing between runs (pdf-pages.ts keeps none). */
const squeeze = (text: string) => text.replace(/\s+/g, '')

type Totals = { total: number; totals: { shortfallWan: number; annualPlanWan: number; cumulativeActualWan: number; completionRate: number | null } }
async function listTotals(page: Page, query: string): Promise<Totals> {
  const answer = await page.request.get(`/api/projects?${query}&page=1&pageSize=1`)
  expect(answer.ok()).toBe(true)
  return (await answer.json()) as Totals
}

/** Prints the page as the browser would (A4 landscape from the print style) and reads each page's text. */
async function printedPages(page: Page, name: string) {
  const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true })
  // Kept beside the test's other output, to be read when a page says something unexpected.
  await mkdir('test-results/print-and-phone', { recursive: true })
  await writeFile(`test-results/print-and-phone/${name}.pdf`, pdf)
  const pages = pdfPages(pdf).map(squeeze)
  // Every page of the document is read, however deep its page tree.
  expect(pages.length).toBe(pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length)
  return pages
}

test.describe('on paper, every page of a list has its headings, and the list ends with its totals', () => {
  const DELAYED_HEADINGS = ['项目名称', '投资完成率', '欠序时进度（万元）', '较序时（个百分点）', '状态', '触发规则', '片区', '责任单位', '最近报送']

  test('/delayed printed with Ctrl+P: the headings on page 2 and after, 合计 on the last page only', async ({ page }) => {
    await signIn(page, 'reviewer')
    await page.goto('/delayed?pageSize=100')
    const table = page.getByRole('table', { name: '滞后项目清单' })
    await expect(table).toBeVisible()
    const { total, totals } = await listTotals(page, `status=${DELAYED}&sort=shortfall&order=desc`)
    // Every row of the page drawn (rows are drawn in steps after the first 20).
    await expect(table.locator('tbody tr')).toHaveCount(Math.min(100, total))
    await expect(table).not.toHaveAttribute('aria-busy', 'true')
    const pages = await printedPages(page, 'delayed-page')
    expect(pages.length, 'the list runs over more than one page').toBeGreaterThan(1)
    for (const [index, text] of pages.entries()) {
      for (const heading of DELAYED_HEADINGS) expect(text, `page ${index + 1} repeats “${heading}”`).toContain(heading)
    }
    // The totals row: the count, and the sums the screen's totals line shows, each under its column.
    const last = pages.at(-1)!
    expect(last).toContain(`合计（全部${total}个项目）`)
    expect(last).toContain(grouped(totals.shortfallWan))
    expect(last).toContain(percentText(totals.completionRate!))
    // Once, at the end: not repeated at the foot of every page like a page sum.
    for (const text of pages.slice(0, -1)) expect(text).not.toContain('合计（全部')
  })

  test('打印全部 on /delayed and /projects: every row, the headings on every page, 合计 at the end', async ({ page }) => {
    await signIn(page, 'staff')
    for (const { path, query, button } of [
      { path: '/delayed', query: `status=${DELAYED}&sort=shortfall&order=desc`, button: /^打印全部（\d+ 个项目）$/ },
      { path: '/projects?pageSize=20', query: 'sort=id&order=asc', button: /^打印全部（132 个项目）$/ },
    ]) {
      await page.goto(path)
      await expect(page.getByRole('button', { name: button })).toBeVisible()
      const { total, totals } = await listTotals(page, query)
      // The print dialog is the browser's: stand in for it, then print the page as laid out for it.
      await page.evaluate(() => {
        window.print = () => document.body.setAttribute('data-printed', 'yes')
      })
      await page.getByRole('button', { name: button }).click()
      await expect(page.locator('body[data-printed="yes"]')).toHaveCount(1)
      const sheet = page.getByTestId('print-full')
      await expect(sheet.locator('tbody tr')).toHaveCount(total)
      const pages = await printedPages(page, `print-all${path.split('?')[0]!.replace('/', '-')}`)
      expect(pages.length, `${path}: more than one page`).toBeGreaterThan(1)
      for (const [index, text] of pages.entries()) {
        for (const heading of ['项目', '片区', '状态', '年度计划（亿元）', '累计完成（亿元）', '完成率', '欠序时进度（万元）', '责任单位'])
          expect(text, `${path} page ${index + 1} repeats “${heading}”`).toContain(heading)
      }
      const last = pages.at(-1)!
      expect(last).toContain(`合计（全部${total}个项目）`)
      expect(last).toContain(grouped(totals.shortfallWan))
      expect(last).toContain(percentText(totals.completionRate!))
      for (const text of pages.slice(0, -1)) expect(text).not.toContain('合计（全部')
      await page.evaluate(() => document.body.removeAttribute('data-printed'))
    }
  })
})

/**
 * The controls on screen smaller than 44×44 px to touch. A checkbox's target is the label around it (a tap on
 * the words ticks it); a link inside a sentence is exempt (WCAG 2.5.8's inline exception); hidden and visually
 * hidden (1 px) elements are not on screen.
 */
const smallTargets = (page: Page) =>
  page.evaluate(() => {
    const small: string[] = []
    for (const control of document.querySelectorAll<HTMLElement>('a[href], button, input:not([type="hidden"]), select, textarea, summary')) {
      if (getComputedStyle(control).visibility === 'hidden') continue
      if (control.tagName === 'A' && control.closest('p')) continue
      const checkable = control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')
      const target = (checkable && control.closest('label')) || control
      const box = target.getBoundingClientRect()
      if (box.width <= 1 || box.height <= 1) continue
      if (box.width < 44 || box.height < 43.5) {
        const name = (control.getAttribute('aria-label') ?? control.textContent ?? '').trim().slice(0, 16)
        small.push(`${control.tagName.toLowerCase()}${control.className ? `.${control.className.split(' ')[0]}` : ''} “${name}” ${Math.round(box.width)}×${Math.round(box.height)}`)
      }
    }
    return small
  })

/** The cells of the page's card tables whose content is wider than the cell (cut), and tables wider than their box. */
const cutCells = (page: Page) =>
  page.evaluate(() => {
    const cut: string[] = []
    for (const table of document.querySelectorAll<HTMLTableElement>('main table.table-stack')) {
      const box = table.closest('.table-scroll')
      if (box && box.scrollWidth > box.clientWidth + 1) cut.push(`${table.caption?.textContent}: ${box.scrollWidth} px in ${box.clientWidth} px`)
      for (const cell of table.querySelectorAll<HTMLElement>('tbody th, tbody td')) {
        if (cell.getClientRects().length === 0) continue
        if (cell.scrollWidth > cell.clientWidth + 1) cut.push(`${table.caption?.textContent} “${cell.textContent?.trim().slice(0, 20)}”: ${cell.scrollWidth} > ${cell.clientWidth}`)
      }
    }
    return cut
  })

test.describe('on a phone (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('/delayed: every control is at least 44×44 px, and each project is a card with nothing cut', async ({ page }) => {
    await signIn(page, 'reviewer')
    await page.goto('/delayed')
    const table = page.getByRole('table', { name: '滞后项目清单' })
    await expect(table).toBeVisible()
    await expect(table).not.toHaveAttribute('aria-busy', 'true')
    // The filters fold away on a phone: open them, so their selects are measured too.
    await page.getByRole('button', { name: /展开筛选条件/ }).click()
    await expect(page.getByRole('combobox', { name: '片区' })).toBeVisible()
    expect(await smallTargets(page)).toEqual([])

    // A card per row: the whole of 状态 on screen, every cell labelled by its column, nothing cut.
    await expect(table).toHaveClass(/table-stack/)
    expect(await cutCells(page)).toEqual([])
    const firstRow = table.locator('tbody tr').first()
    const status = firstRow.locator('td[data-label="状态"] .badge').first()
    await expect(status).toBeVisible()
    const statusBox = (await status.boundingBox())!
    expect(statusBox.x + statusBox.width).toBeLessThanOrEqual(390)
    // Screen readers still read a table with its column headers.
    await expect(table.getByRole('columnheader', { name: /投资完成率/ })).toHaveCount(1)
    await expect(table.getByRole('rowheader').first()).toBeVisible()

    await page.screenshot({ path: 'test-results/print-and-phone/delayed-390.png', fullPage: false })
    // The cards: the sort buttons above them and the first projects.
    await table.locator('thead').scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'test-results/print-and-phone/delayed-390-cards.png', fullPage: false })
    await page.setViewportSize({ width: 1440, height: 900 })
    // At a desktop width the list is a table again, its headers in a row above the figures.
    await expect(table.locator('thead tr')).toBeVisible()
    expect(await table.locator('thead th').first().evaluate((th) => getComputedStyle(th).display)).toBe('table-cell')
    await page.screenshot({ path: 'test-results/print-and-phone/delayed-1440.png', fullPage: false })
  })

  test('/reports (staff): every control is at least 44×44 px, and the queue is a card per project with nothing cut', async ({ page }) => {
    await signIn(page, 'staff')
    await page.goto('/reports')
    const items = page.getByRole('table', { name: '各项目本月月报' })
    await expect(items).toBeVisible()
    expect(await smallTargets(page)).toEqual([])
    await expect(items).toHaveClass(/table-stack/)
    expect(await cutCells(page)).toEqual([])
  })

  test('the projects most behind (overview, zone page): the table fits the phone, each status under its project', async ({ page }) => {
    await signIn(page, 'leader')
    for (const [path, name] of [
      ['/', '欠序时进度最多的项目'],
      ['/zones/nanping', '南坪欠序时进度的项目'],
    ] as const) {
      await page.goto(path)
      const table = page.getByRole('table', { name })
      await table.scrollIntoViewIfNeeded()
      await expect(table).toBeVisible()
      // Nothing to scroll sideways to: the box is as wide as the table.
      const widths = await table.evaluate((t) => ({ box: t.closest('.table-scroll')!.clientWidth, table: t.scrollWidth }))
      expect(widths.table, `${path}: the table's width in its box`).toBeLessThanOrEqual(widths.box + 1)
      // Each project's status is shown, under its name and on screen; its column is not shown on a phone.
      const firstRow = table.locator('tbody tr').first()
      const status = firstRow.getByRole('rowheader').locator('.badge').first()
      await expect(status).toBeVisible()
      const statusBox = (await status.boundingBox())!
      expect(statusBox.x + statusBox.width).toBeLessThanOrEqual(390)
      await expect(table.getByRole('columnheader', { name: '状态' })).toBeHidden()
    }
    // A wide screen keeps the status in its own column.
    await page.setViewportSize({ width: 1440, height: 900 })
    await expect(page.getByRole('table', { name: '南坪欠序时进度的项目' }).getByRole('columnheader', { name: '状态' })).toBeVisible()
  })

  test('/projects and a zone page: each project a card, nothing cut, the sort buttons big enough', async ({ page }) => {
    await signIn(page, 'leader')
    for (const path of ['/projects', '/zones/nanping']) {
      await page.goto(path)
      const table = page.locator('main table.table-projects').first()
      // A zone page draws its list when the reader scrolls towards it.
      await expect(async () => {
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
        await expect(table).toBeVisible({ timeout: 1000 })
      }).toPass({ timeout: 15_000 })
      await expect(table).not.toHaveAttribute('aria-busy', 'true')
      await expect(table).toHaveClass(/table-stack/)
      expect(await cutCells(page), path).toEqual([])
      const sort = table.getByRole('button', { name: /项目名称/ })
      const box = (await sort.boundingBox())!
      expect(box.height, `${path}: 按项目名称排序`).toBeGreaterThanOrEqual(43.5)
    }
  })
})
