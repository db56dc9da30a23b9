import { expect, test, type Browser } from './fixtures'
import { FIGURE_WIDTH_PX } from '../../src/config/charts'
import { PHONE_USER_AGENT } from '../../scripts/chromium.mjs'
import { appRunning, signIn, watchForProblems } from './support'

// Data pages drawn on the server (decision 57): the first paint is the page with its figures and charts;
// the browser adopts it (hydration) from the answers drawn beside it, and draws a chart itself only when
// the reader reaches for it, the figures change or the screen is not the width it was drawn for.

const BARS = /各片区年度计划与.*累计完成投资对比柱状图/
const MONTHLY = /逐月计划与完成投资图/

/** A signed-in leader's session, carried into a context of another kind (no scripts, a phone). */
async function leaderCookies(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  await signIn(page, 'leader')
  const cookies = await context.cookies()
  await context.close()
  return cookies
}

test('a leader reads the overview, charts included, before any of its code has run', async ({ browser, baseURL }) => {
  const cookies = await leaderCookies(browser, baseURL!)
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width: 1440, height: 900 } })
  await context.addCookies(cookies)
  const page = await context.newPage()
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: /重点项目总览/ })).toBeVisible()
  await expect(page.getByTestId('headline')).toContainText('亿元')
  await expect(page.getByText('模拟', { exact: true }).first()).toBeVisible()
  for (const name of [BARS, MONTHLY]) await expect(page.getByRole('img', { name }).locator('svg.recharts-surface')).toBeVisible()
  // Drawn at the figure's width on this screen: the server's width for a wide screen is the layout's.
  const bars = page.getByRole('img', { name: BARS })
  expect(Number(await bars.locator('svg.recharts-surface').getAttribute('width'))).toBe(FIGURE_WIDTH_PX.wide)
  await context.close()
})

test('the browser adopts the drawn overview without asking again or drawing it again, and draws a chart itself when reached for', async ({ page }) => {
  await signIn(page, 'leader', '/zones')
  const problems = watchForProblems(page)
  const asked: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname.startsWith('/api/')) asked.push(url.pathname)
  })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto('/')
  const bars = page.getByRole('img', { name: BARS })
  await expect(bars.locator('.chart-server-drawn svg.recharts-surface')).toBeVisible()
  // The page is live: the lazily loaded parts below have come, and asked for their own answers only.
  await expect(page.getByRole('heading', { name: /逾期未办结的问题/ })).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(asked).not.toContain('/api/summary')
  expect(asked).not.toContain('/api/auth/me')
  expect(asked).not.toContain('/api/calendar')
  // Both charts are still the server's drawings: their figures and width are the page's.
  for (const name of [BARS, MONTHLY]) await expect(page.getByRole('img', { name }).locator('.chart-server-drawn')).toHaveCount(1)

  // The reader reaches for a chart: the browser draws its own, with the tooltip.
  const firstBar = bars.locator('.recharts-bar-rectangle').first()
  await firstBar.hover()
  await expect(bars.locator('.chart-server-drawn')).toHaveCount(0)
  await expect(bars.locator('svg.recharts-surface')).toBeVisible()
  await page.mouse.move(0, 0)
  await bars.locator('.recharts-bar-rectangle').first().hover()
  await expect(bars.locator('.recharts-tooltip-wrapper')).toContainText(/年度计划.*亿元/)

  // Another month: the browser's own charts, of that month's figures.
  await page.getByLabel('截至月份').selectOption('2024-05')
  await expect(page).toHaveURL(/asOf=2024-05/)
  await expect(page.getByRole('img', { name: MONTHLY })).toHaveAttribute('aria-label', /截至5月/)
  await expect(page.getByRole('img', { name: MONTHLY }).locator('svg.recharts-surface')).toBeVisible()
  await expect(page.locator('.chart-server-drawn')).toHaveCount(0)
  expect(problems).toEqual([])
})

test('a phone gets its charts drawn at its width, and keeps them as drawn', async ({ browser, baseURL }) => {
  const cookies = await leaderCookies(browser, baseURL!)
  const context = await browser.newContext({ baseURL, userAgent: PHONE_USER_AGENT, viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true })
  await context.addCookies(cookies)
  const page = await context.newPage()
  const problems = watchForProblems(page)
  await page.goto('/zones/nanping')
  const monthly = page.getByRole('img', { name: MONTHLY })
  await monthly.scrollIntoViewIfNeeded()
  await expect(monthly.locator('.chart-server-drawn svg.recharts-surface')).toBeVisible()
  expect(Number(await monthly.locator('svg.recharts-surface').getAttribute('width'))).toBe(FIGURE_WIDTH_PX.phone)
  await appRunning(page)
  await page.waitForLoadState('networkidle')
  await expect(monthly.locator('.chart-server-drawn')).toHaveCount(1)
  expect(problems).toEqual([])
  await context.close()
})

test('a screen of another width sees the drawing scaled to fit, then the browser’s own chart at its width', async ({ page }) => {
  await signIn(page, 'leader', '/zones')
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto('/zones/nanping')
  const monthly = page.getByRole('img', { name: MONTHLY })
  await monthly.scrollIntoViewIfNeeded()
  // Drawn for a wide screen (634 px), shown in a narrower figure, then drawn again at the figure's width.
  await expect(monthly.locator('.chart-server-drawn')).toHaveCount(0)
  const figureWidth = (await monthly.boundingBox())!.width
  await expect.poll(async () => Number(await monthly.locator('svg.recharts-surface').getAttribute('width'))).toBeCloseTo(figureWidth, -1)
  expect(figureWidth).toBeLessThan(FIGURE_WIDTH_PX.wide)
})

test('the widths the server draws at are the layout’s figure widths', async ({ page }) => {
  await signIn(page, 'leader', '/zones')
  for (const [width, expected] of [
    [1440, FIGURE_WIDTH_PX.wide],
    [1920, FIGURE_WIDTH_PX.wide],
    [390, FIGURE_WIDTH_PX.phone],
  ] as const) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto('/zones/nanping')
    const figure = page.getByRole('img', { name: MONTHLY })
    await expect(figure).toBeAttached()
    expect(Math.round((await figure.boundingBox())!.width), `figure at ${width} px`).toBe(expected)
  }
})

test('a reload keeps the notice of a dropped month, and the page is still adopted as drawn', async ({ page }) => {
  await signIn(page, 'leader', '/zones')
  await page.setViewportSize({ width: 1440, height: 900 })
  const problems = watchForProblems(page)
  const notice = page.getByRole('status').filter({ hasText: '链接中的截至月份“2099-01”无效' })
  await page.goto('/?asOf=2099-01')
  await expect(notice).toBeVisible()
  await expect(page).not.toHaveURL(/asOf/)
  // The notice lives in the browser's history state, which the server cannot see: it draws the page
  // without it, and the browser adds it once the page is adopted.
  await page.reload()
  await expect(notice).toBeVisible()
  await page.waitForLoadState('networkidle')
  for (const name of [BARS, MONTHLY]) await expect(page.getByRole('img', { name }).locator('.chart-server-drawn')).toHaveCount(1)
  expect(problems).toEqual([])
})

// Decision 58: a drawn page's code runs when the reader first reaches for the page, or after a moment of
// reading. The page's clock is stopped here, so the app starts only when the reader reaches for it.
/** The page's clock stands still: timers and frames wait, so the app starts only when the reader reaches for it. */
async function stopPageClock(page: import('@playwright/test').Page) {
  await page.clock.install({ time: new Date('2026-12-01T09:00:00+08:00') })
  await page.clock.pauseAt(new Date('2026-12-01T09:00:05+08:00'))
}

async function openDrawnWithClockStopped(page: import('@playwright/test').Page, path: string, username = 'leader') {
  await signIn(page, username, '/zones')
  // The signed-in page's own lazy parts (the header's 通知 count) finish loading before the drawn page is opened.
  await page.waitForLoadState('networkidle')
  await stopPageClock(page)
  // Only the drawn page's own requests: the page before it is gone.
  const code: string[] = []
  page.on('request', (request) => {
    if (/\/assets\/.+\.js$/.test(new URL(request.url()).pathname)) code.push(request.url())
  })
  await page.goto(path)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  return code
}

test('a drawn page runs no code while it is only read; a press made before its code runs is made once it does', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  const problems = watchForProblems(page)
  const code = await openDrawnWithClockStopped(page, '/')
  await expect(page.getByRole('img', { name: BARS }).locator('.chart-server-drawn svg.recharts-surface')).toBeVisible()
  // Scrolling by script and reading the page start nothing.
  await page.evaluate(() => window.scrollTo(0, 600))
  expect(code).toEqual([])
  // The reader signs out before the app runs: the press starts the app, and is made again once it has the page.
  await page.getByRole('button', { name: '退出' }).click()
  await expect.poll(() => code.length).toBeGreaterThan(0)
  await page.clock.resume()
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
  await expect(page).toHaveURL(/\/login/)
  expect(problems).toEqual([])
})

test('a month chosen before the drawn page’s code runs is the month the page then shows', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  const problems = watchForProblems(page)
  const code = await openDrawnWithClockStopped(page, '/zones/nanping')
  expect(code).toEqual([])
  await page.getByLabel('截至月份').selectOption('2024-05')
  await expect.poll(() => code.length).toBeGreaterThan(0)
  await page.clock.resume()
  await expect(page).toHaveURL(/asOf=2024-05/)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByText(/1-5月 · 序时进度/).first()).toBeVisible()
  await expect(page.getByLabel('截至月份')).toHaveValue('2024-05')
  expect(problems).toEqual([])
})

/**
 * The overview on a phone as a leader, its code slow to come (a phone on a slow connection: held until the test lets
 * it go), and 2024年1-5月 chosen in 截至月份 meanwhile. Returns the release of the code and the status line it shows.
 */
async function mayChosenBeforeTheCode(page: import('@playwright/test').Page) {
  await page.setViewportSize({ width: 390, height: 844 })
  await signIn(page, 'leader', '/zones')
  await page.waitForLoadState('networkidle')
  let letGo = () => {}
  const codeHeld = new Promise<void>((resolve) => (letGo = resolve))
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    await codeHeld
    await route.continue()
  })
  // September named in the link: another test on this worker's server may have published October meanwhile.
  await page.goto('/?asOf=2024-09')
  await expect(page.getByTestId('headline')).toContainText('1-9月')
  await page.getByLabel('截至月份').selectOption('2024-05')
  return { letGo, status: page.getByRole('status').filter({ hasText: '正在切换到2024年1-5月…' }) }
}

test('a month chosen before the drawn page’s code has come shows at once that it is being applied, until the new month is drawn', async ({ page }) => {
  const problems = watchForProblems(page)
  const { letGo, status } = await mayChosenBeforeTheCode(page)
  const headline = page.getByTestId('headline')
  // At once: what is being done, beside the picker, and the figures marked as about to change.
  await expect(status).toBeVisible({ timeout: 500 })
  await expect(page.getByRole('main')).toHaveAttribute('aria-busy', 'true')
  const opacity = () => headline.evaluate((element) => Number(getComputedStyle(element.closest('main > *')!).opacity))
  await expect.poll(opacity, { timeout: 1000 }).toBeLessThan(0.7)
  const picker = (await page.getByLabel('截至月份').boundingBox())!
  const line = (await status.boundingBox())!
  expect(line.y - (picker.y + picker.height), 'the status line is right below the picker').toBeLessThan(40)
  // It stays while the code is away: the figures are still the old month's, and say so by being marked.
  await page.waitForTimeout(1500)
  await expect(status).toBeVisible()
  await expect(headline).toContainText('1-9月')
  // The code comes: the new month is drawn, and the marks go.
  letGo()
  await expect(page).toHaveURL(/asOf=2024-05/)
  await expect(headline).toContainText('1-5月')
  await expect(status).toHaveCount(0)
  await expect(page.getByRole('main')).not.toHaveAttribute('aria-busy', 'true')
  await expect.poll(opacity).toBe(1)
  expect(problems).toEqual([])
})

test('a month chosen before the code came stops saying so at the reader’s next key, even while the page still loads', async ({ page }) => {
  const problems = watchForProblems(page)
  const { letGo, status } = await mayChosenBeforeTheCode(page)
  await expect(status).toBeVisible({ timeout: 500 })
  // A part of the page that is still loading, as a report's form was in reporting.spec.ts (a section outside the
  // app's root, so that React adopts the page as drawn): the marks wait for it.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<main id="still-loading"><div class="state-loading"></div></main>'))
  letGo()
  await expect(page).toHaveURL(/asOf=2024-05/)
  await expect(page.getByTestId('headline')).toContainText('1-5月')
  await page.waitForTimeout(1500)
  await expect(status, 'something is still loading: the marks stay').toBeVisible()
  // The reader moves on (here, a key): the app answers it, and the line about the earlier choice goes at once.
  await page.keyboard.press('Tab')
  await expect(status).toHaveCount(0)
  await expect(page.getByRole('main').first()).not.toHaveAttribute('aria-busy', 'true')
  expect(problems).toEqual([])
})

test('a key press starts a drawn page’s code', async ({ page }) => {
  const code = await openDrawnWithClockStopped(page, '/zones')
  expect(code).toEqual([])
  await page.keyboard.press('Tab')
  await expect.poll(() => code.length).toBeGreaterThan(0)
})

test('a press in the page’s body before its code runs is made once the app has adopted that part', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  const problems = watchForProblems(page)
  const code = await openDrawnWithClockStopped(page, '/projects/P001', 'staff')
  expect(code).toEqual([])
  await page.getByRole('button', { name: '修改项目信息' }).click()
  await expect.poll(() => code.length).toBeGreaterThan(0)
  await page.clock.resume()
  await expect(page.getByLabel('项目名称')).toBeVisible()
  await expect(page.getByRole('button', { name: '保存' })).toBeVisible()
  expect(problems).toEqual([])
})

test('when a drawn page’s code fails to load, a press held meanwhile loads the page once more; failing again, it stays as drawn', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await signIn(page, 'leader', '/zones')
  await stopPageClock(page)
  // The page's entry cannot be fetched (a lost connection, or a version deployed since the page was drawn).
  let refused = 0
  await page.route(/\/assets\/index-[^/]+\.js$/, (route) => {
    refused++
    return route.abort()
  })
  const loads: string[] = []
  page.on('load', () => loads.push(page.url()))
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: /重点项目总览/ })).toBeVisible()
  await page.getByRole('button', { name: '退出' }).click()
  await page.clock.resume()
  // Loaded once more; its code fails again (the reader only reads now), and it stays as drawn, readable.
  await expect.poll(() => loads.length).toBe(2)
  await expect.poll(() => refused, { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
  await page.getByRole('button', { name: '退出' }).click()
  await page.waitForTimeout(1000)
  expect(loads).toHaveLength(2)
  await expect(page.getByRole('heading', { level: 1, name: /重点项目总览/ })).toBeVisible()
  // Once the code can be fetched, the page works as ever.
  await page.unroute(/\/assets\/index-[^/]+\.js$/)
  await page.reload()
  await appRunning(page)
  await page.getByRole('button', { name: '退出' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
})
