import { expect, test, type Locator, type Page } from './fixtures'
import { inflateSync } from 'node:zlib'
import { pdfPages } from './pdf-pages'
import { signIn } from './support'

// A leader on a phone and a reviewer printing: the figures that matter are where they can be read.

/** A PDF's objects as text, its compressed streams inflated (enough to read page sizes and count pages). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1')
  const parts = [raw]
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length
    const end = raw.indexOf('endstream', start)
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'))
    } catch {
      // Not a Flate stream (an image, a font): nothing to read.
    }
  }
  return parts.join('\n')
}

/** Is the element fully inside the viewport horizontally, without scrolling sideways? */
async function withinWidth(page: Page, locator: Locator) {
  const box = await locator.boundingBox()
  const width = page.viewportSize()!.width
  expect(box, 'element is laid out').not.toBeNull()
  return box!.x >= 0 && box!.x + box!.width <= width
}

test.describe('on a phone (390 px), the numbers first', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('every zone’s 完成率 and 较序时, and every listed project’s, show without sideways scrolling', async ({ page }) => {
    await signIn(page, 'leader')
    await page.goto('/')
    // The ranking comes right after the headline figures (decision 84).
    await expect(page.getByTestId('headline')).toBeVisible()
    const ranking = page.getByRole('table', { name: '片区完成率排名' })
    await ranking.scrollIntoViewIfNeeded()
    await expect(ranking).toBeVisible()
    for (const header of ['完成率', '较序时（个百分点）']) {
      expect(await withinWidth(page, ranking.getByRole('columnheader', { name: header, exact: true })), header).toBe(true)
    }
    const rows = ranking.locator('tbody tr')
    expect(await rows.count()).toBe(8)
    for (let i = 0; i < 8; i++) {
      const cells = rows.nth(i).locator('td')
      // 排名 | (片区 is the row header) | 完成率 | 较序时
      expect(await withinWidth(page, cells.nth(1)), `zone row ${i} 完成率`).toBe(true)
      expect(await withinWidth(page, cells.nth(2)), `zone row ${i} 较序时`).toBe(true)
    }
    const behind = page.getByRole('table', { name: '欠序时进度最多的项目' })
    await behind.scrollIntoViewIfNeeded()
    for (const header of ['完成率', '较序时（个百分点）']) {
      expect(await withinWidth(page, behind.getByRole('columnheader', { name: header, exact: true })), `most behind: ${header}`).toBe(true)
    }
    // The first screen leads with the judgement.
    const firstCard = page.getByLabel('主要指标').locator('dt').first()
    await expect(firstCard).toHaveText('投资完成率')
    expect((await firstCard.boundingBox())!.y).toBeLessThan(844)
  })
})

test.describe('on a desktop (1440 px), half a page wide', () => {
  test.use({ viewport: { width: 1440, height: 900 } })

  test('a zone page’s tables by 建设性质 and by 投资类别 show every column, 较序时 included, without scrolling sideways', async ({ page }) => {
    await signIn(page, 'leader')
    await page.goto('/zones/nanping')
    for (const name of ['按建设性质', '按投资类别']) {
      const table = page.getByRole('table', { name, exact: true })
      // The box the table scrolls in (TableScroll), if it is wider.
      const box = table.locator('xpath=..')
      await box.scrollIntoViewIfNeeded()
      const header = table.getByRole('columnheader', { name: '较序时（个百分点）', exact: true })
      await expect(header).toBeVisible()
      const [headerBox, scrollBox] = [await header.boundingBox(), await box.boundingBox()]
      expect(headerBox!.x + headerBox!.width, `${name}: 较序时 inside the table's box`).toBeLessThanOrEqual(scrollBox!.x + scrollBox!.width + 1)
      expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth), `${name}: nothing to scroll to`).toBeLessThanOrEqual(0)
    }
  })
})

test.describe('on a phone (390 px), the categories too', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('a zone page’s tables by 建设性质 and by 投资类别 are a card per category, each figure on screen', async ({ page }) => {
    await signIn(page, 'leader')
    await page.goto('/zones/nanping')
    for (const name of ['按建设性质', '按投资类别']) {
      const table = page.getByRole('table', { name, exact: true })
      await table.scrollIntoViewIfNeeded()
      const rows = table.locator('tbody tr')
      expect(await rows.count(), name).toBeGreaterThan(1)
      for (let i = 0; i < (await rows.count()); i++) {
        for (const label of ['项目数', '年度计划（亿元）', '完成率', '较序时（个百分点）']) {
          const cell = rows.nth(i).locator(`td[data-label="${label}"]`)
          await cell.scrollIntoViewIfNeeded()
          expect(await withinWidth(page, cell), `${name}, row ${i + 1}: ${label}`).toBe(true)
        }
      }
    }
  })
})

test.describe('on a phone, the lists too', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  for (const [path, table] of [
    ['/projects', '项目清单'],
    ['/delayed', '滞后项目清单'],
  ] as const) {
    test(`${path}: each project’s 完成率 and 较序时 show beside its name`, async ({ page }) => {
      await signIn(page, 'reviewer')
      await page.goto(path)
      const list = page.getByRole('table', { name: table })
      await expect(list).toBeVisible()
      const headers = await list.getByRole('columnheader').allTextContents()
      const completion = headers.findIndex((h) => h.startsWith('投资完成率'))
      const gap = headers.findIndex((h) => h.startsWith('较序时'))
      const rows = list.locator('tbody tr')
      for (let i = 0; i < Math.min(5, await rows.count()); i++) {
        const cells = rows.nth(i).locator('th, td')
        expect(await withinWidth(page, cells.nth(completion)), `row ${i} 完成率`).toBe(true)
        expect(await withinWidth(page, cells.nth(gap)), `row ${i} 较序时`).toBe(true)
      }
    })
  }
})

test.describe('on paper', () => {
  test('the delayed-works list prints on A4 landscape with its title, month and filters, and nothing else', async ({ page }) => {
    await signIn(page, 'reviewer')
    await page.goto('/delayed?zone=nanping')
    await expect(page.getByRole('table', { name: '滞后项目清单' })).toBeVisible()
    await page.emulateMedia({ media: 'print' })
    // A4 landscape at 96 dpi less 10 mm margins: 277 mm ≈ 1047 px.
    await page.setViewportSize({ width: 1047, height: 740 })
    const header = page.locator('.print-header').first()
    await expect(header).toBeVisible()
    await expect(header).toContainText('南岸区重点项目滞后项目清单')
    await expect(header).toContainText(/数据截至2024年1-\d+月/)
    await expect(header).toContainText('片区：南坪')
    for (const hidden of [page.getByRole('navigation', { name: '主导航' }), page.getByRole('search', { name: '筛选项目' }), page.getByRole('navigation', { name: '分页' })]) {
      await expect(hidden).toBeHidden()
    }
    // No buttons on paper but the column headers (which print as plain header text).
    const inHeaders = await page.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.closest('thead') !== null))
    expect(inHeaders.every(Boolean), 'every visible button is a column header').toBe(true)
    // No column cut off: the table is no wider than the paper.
    const table = page.getByRole('table', { name: '滞后项目清单' })
    const width = await table.evaluate((el) => el.getBoundingClientRect().right)
    expect(width).toBeLessThanOrEqual(1047)
    const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true })
    // A4 landscape as the page size (from the print style), one page for four projects.
    const text = pdfText(pdf)
    expect(text).toMatch(/\/MediaBox \[0 0 84[12](\.\d+)? 59[45](\.\d+)?\]/)
    // Every page repeats the column headings; the last ends with the 合计 row (decision 78). How many pages depends on
    // the month in view: after October is published (the reporting journey runs first) 南坪 lists ten projects.
    const pages = pdfPages(pdf)
    expect(pages.length).toBe(text.match(/\/Type \/Page\b/g)!.length)
    expect(pages.length).toBeLessThanOrEqual(2)
    for (const page of pages) expect(page).toContain('项目名称投资完成率欠序时进度（万元）')
    expect(pages.at(-1)).toMatch(/合计（全部 \d+ 个项目）/)
  })

  test('打印全部 puts every project of the list on paper, and nothing of the screen around it', async ({ page }) => {
    await signIn(page, 'staff')
    await page.goto('/projects?pageSize=20')
    await expect(page.getByText('第 1 / 7 页', { exact: true })).toBeVisible()
    // The print dialog is the browser's: stand in for it, then look at the page as printed.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes')
    })
    await page.getByRole('button', { name: '打印全部（132 个项目）' }).click()
    await expect(page.locator('body[data-printed="yes"]')).toHaveCount(1)
    await page.emulateMedia({ media: 'print' })
    await page.setViewportSize({ width: 1047, height: 740 })
    const sheet = page.getByTestId('print-full')
    await expect(sheet).toBeVisible()
    await expect(sheet.locator('tbody tr')).toHaveCount(132)
    await expect(sheet).toContainText('项目共计 132 个，全部列出')
    await expect(page.locator('.shell')).toBeHidden()
    const right = await sheet.locator('table').evaluate((el) => el.getBoundingClientRect().right)
    expect(right).toBeLessThanOrEqual(1047)
  })

  test('the issued bulletin prints on portrait A4: its 文号 on page 1, 第N页 共M页 on every page, every section, nothing cut, no controls', async ({ page }) => {
    await signIn(page, 'leader')
    await page.goto('/bulletin?asOf=2024-09')
    await expect(page.getByRole('heading', { level: 1, name: '南岸区重点项目2024年1-9月进展情况通报' })).toBeVisible()
    const number = (await page.locator('.bulletin-number').textContent())!.trim()
    expect(number).toMatch(/^南岸发改〔\d{4}〕9号$/)
    for (const name of ['严重滞后项目（按责任单位）', '滞后项目（按责任单位）', '应开未开项目（按责任单位）']) await expect(page.getByRole('table', { name, exact: true })).toBeVisible()
    await page.emulateMedia({ media: 'print' })
    // Portrait A4 less its margins: 210 − 32 mm ≈ 673 px.
    await page.setViewportSize({ width: 673, height: 980 })
    for (const title of ['一、总体情况', '二、分类推进情况', '三、片区排名', '四、严重滞后项目（按责任单位）', '五、滞后项目（按责任单位）', '六、应开未开项目（按责任单位）', '七、未报送项目（按责任单位）', '八、逾期未办结的问题']) {
      await expect(page.getByRole('heading', { name: title })).toBeVisible()
    }
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden()
    await expect(page.getByRole('button', { name: '打印通报' })).toBeHidden()
    await expect(page.getByRole('table', { name: '已印发的通报' })).toBeHidden()
    // Names are plain text on paper: no link colour, no underline.
    const link = page.getByRole('table', { name: '滞后项目（按责任单位）', exact: true }).getByRole('link').first()
    expect(await link.evaluate((a) => getComputedStyle(a).textDecorationLine)).toBe('none')
    expect(await link.evaluate((a) => getComputedStyle(a).color)).toBe(await page.locator('.bulletin-doc').evaluate((d) => getComputedStyle(d).color))
    const rights = await page.locator('main table').evaluateAll((tables) => tables.filter((t) => t.getClientRects().length > 0).map((t) => t.getBoundingClientRect().right))
    expect(Math.max(...rights)).toBeLessThanOrEqual(673)
    const pdf = await page.pdf({ preferCSSPageSize: true })
    expect(pdfText(pdf)).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/)
    const pages = pdfPages(pdf).map((text) => text.replace(/\s+/g, ''))
    expect(pages.length).toBeGreaterThanOrEqual(2)
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`第${i + 1}页共${pages.length}页`))
    expect(pages[0]).toContain(number)
    expect(pages[0]).toContain('主送')
    expect(pages.at(-1)).toContain('抄送')
    // No page is forced half empty: the sections follow each other, so the pages are about as many as the text needs.
    const withText = pages.filter((text) => text.replace(/第\d+页共\d+页/, '').length > 40)
    expect(withText.length).toBe(pages.length)
  })

  test('a zone page keeps still while it loads, and draws its list when the reader scrolls to it or prints', async ({ page }) => {
    await page.setViewportSize({ width: 412, height: 823 })
    await signIn(page, 'leader')
    await page.addInitScript(() => {
      const record = window as unknown as { shifted: number }
      record.shifted = 0
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) record.shifted += entry.value
      }).observe({ type: 'layout-shift', buffered: true })
    })
    await page.goto('/zones/nanping')
    await expect(page.getByRole('heading', { level: 1, name: '南坪' })).toBeVisible()
    await expect(page.getByRole('heading', { name: '本片区项目' })).toBeAttached()
    const list = page.getByRole('table', { name: '项目清单' })
    // Below the first screen and not yet drawn; its answer has been asked for.
    await expect(list).toHaveCount(0)
    await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/api\/projects\?.*zone=nanping/.test(e.name)))).toBe(true)
    // Printing draws it at once, with its rows (南坪 has 12 projects).
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')))
    await expect(list.locator('tbody tr')).toHaveCount(12)
    expect(await page.evaluate(() => (window as unknown as { shifted: number }).shifted)).toBeLessThan(0.01)
  })

  test('printing a zone page before scrolling to its list prints every row of it', async ({ page }) => {
    await signIn(page, 'leader')
    // 跨片区/全区 holds 40 projects: more than a table draws with its first frame.
    await page.goto('/zones/district-wide')
    await expect(page.getByRole('heading', { name: '本片区项目' })).toBeAttached()
    await expect(page.getByRole('table', { name: '项目清单' })).toHaveCount(0)
    await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/api\/projects\?.*zone=district-wide/.test(e.name)))).toBe(true)
    const rowsWhenPrinted = await page.evaluate(() => {
      window.dispatchEvent(new Event('beforeprint'))
      const rows = document.querySelectorAll('table.table-projects tbody tr').length
      window.dispatchEvent(new Event('afterprint'))
      return rows
    })
    expect(rowsWhenPrinted).toBe(40)
  })

  test('a zone page draws its list when the reader scrolls to it', async ({ page }) => {
    await page.setViewportSize({ width: 412, height: 823 })
    await signIn(page, 'leader')
    await page.goto('/zones/nanping')
    const heading = page.getByRole('heading', { name: '本片区项目' })
    await expect(heading).toBeAttached()
    await expect(page.getByRole('table', { name: '项目清单' })).toHaveCount(0)
    await heading.scrollIntoViewIfNeeded()
    await expect(page.getByRole('table', { name: '项目清单' }).locator('tbody tr')).toHaveCount(12)
  })

  test('a zone page prints under its own title', async ({ page }) => {
    await signIn(page, 'leader')
    await page.goto('/zones/nanping')
    await expect(page.getByRole('heading', { level: 1, name: '南坪' })).toBeVisible()
    await page.emulateMedia({ media: 'print' })
    await expect(page.getByRole('heading', { level: 1, name: '南坪' })).toBeVisible()
    await expect(page.locator('.print-header')).toHaveCount(0)
  })
})
