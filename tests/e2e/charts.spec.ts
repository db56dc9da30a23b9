import { expect, test } from './fixtures'
import { appRunning, signIn } from './support'

// The overview's charts as the browser draws them (decision 52): when on screen, one at a time, with an
// HTML legend; the tooltip comes with the first pointer. A page loaded from the server comes with its
// charts drawn (tests/e2e/server-render.spec.ts); here the reader comes to the overview inside the app.

test.beforeEach(async ({ page }) => {
  await signIn(page, 'leader', '/zones')
})

/** The reader is on another page of the app (adopted: its code has run) and follows the link to the overview. */
async function openOverviewInApp(page: import('@playwright/test').Page) {
  await page.goto('/zones')
  await appRunning(page)
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '总览' }).click()
  await expect(page).toHaveURL(/\/$/)
}

test('on a desktop both overview charts are drawn, with their legends, and a bar shows its figures on hover', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  const summaryRequests: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/summary') summaryRequests.push(request.url())
  })
  await page.setViewportSize({ width: 1440, height: 900 })
  await openOverviewInApp(page)
  const bars = page.getByRole('img', { name: /各片区年度计划与.*累计完成投资对比柱状图/ })
  const monthly = page.getByRole('img', { name: /逐月计划与完成投资图/ })
  // 全年能否完成 comes first (issue 27); a chart below the first screen is drawn as the reader reaches it.
  await bars.scrollIntoViewIfNeeded()
  await expect(bars.locator('svg.recharts-surface')).toBeVisible()
  await monthly.scrollIntoViewIfNeeded()
  await expect(monthly.locator('svg.recharts-surface')).toBeVisible()
  // Nine groups (seven zones, 跨片区/全区 and the district) × two series.
  expect(await bars.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(14)
  await expect(bars.locator('.chart-legend')).toContainText('年度计划')
  await expect(bars.locator('.chart-legend')).toContainText('单位：亿元')
  await expect(monthly.locator('.chart-legend')).toContainText('序时进度')
  await expect(monthly.locator('.chart-axes')).toContainText('累计（亿元）')
  // The chart fills its figure: drawn at the measured width, not a default.
  const figureWidth = (await bars.boundingBox())!.width
  const svgWidth = Number(await bars.locator('svg.recharts-surface').getAttribute('width'))
  expect(Math.abs(figureWidth - svgWidth)).toBeLessThan(2)

  await expect(bars.locator('.recharts-tooltip-wrapper')).toHaveCount(0)
  const firstBar = bars.locator('.recharts-bar-rectangle').first()
  // The pointer coming onto the chart mounts the tooltip; its next move over a bar shows it.
  await firstBar.hover()
  await page.mouse.move(0, 0)
  await firstBar.hover()
  await expect(bars.locator('.recharts-tooltip-wrapper')).toContainText(/年度计划.*亿元/)

  // The router asked for the summary as the page's code loaded; the page's own query took that answer.
  expect(summaryRequests).toHaveLength(1)
  await expect(page.locator('.chart-server-drawn')).toHaveCount(0)
  expect(errors).toEqual([])
})

test('on a phone the first chart is drawn when the reader scrolls to it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await openOverviewInApp(page)
  await expect(page.getByTestId('headline')).toBeVisible()
  const bars = page.getByRole('img', { name: /各片区年度计划与.*累计完成投资对比柱状图/ })
  // Below the first screen: a placeholder of the chart's height holds its place.
  await expect(bars.locator('.chart-fallback')).toBeAttached()
  await expect(bars.locator('svg.recharts-surface')).toHaveCount(0)
  // The reader jumps to the chart, screens below on a phone (decision 84). The sections passed on the way are
  // laid out only as they come near (decision 57: content-visibility), so the page settles around the jump;
  // the chart is drawn once it is on screen.
  await expect(async () => {
    await bars.scrollIntoViewIfNeeded()
    await expect(bars.locator('svg.recharts-surface')).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 10_000 })
  const svgWidth = Number(await bars.locator('svg.recharts-surface').getAttribute('width'))
  expect(svgWidth).toBeGreaterThan(300)
  expect(svgWidth).toBeLessThanOrEqual(390)
})

/** Holds the page's summary answer until released, and records every request for the chart code. */
async function holdSummary(page: import('@playwright/test').Page) {
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/api/summary*', async (route) => {
    await held
    await route.continue()
  })
  const chartCode: string[] = []
  page.on('request', (request) => {
    if (/\/assets\/charts-[\w-]+\.js$/.test(new URL(request.url()).pathname)) chartCode.push(request.url())
  })
  return { release, chartCode }
}

test('on a wide screen the chart code loads beside the data, not after it', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  const { release, chartCode } = await holdSummary(page)
  await openOverviewInApp(page)
  // The summary has not come yet, and the chart code is already on its way.
  await expect(page.getByRole('status').filter({ hasText: '正在加载' }).first()).toBeVisible()
  await expect.poll(() => chartCode.length).toBe(1)
  release()
  const bars = page.getByRole('img', { name: /各片区年度计划与.*累计完成投资对比柱状图/ })
  await bars.scrollIntoViewIfNeeded()
  await expect(bars.locator('svg.recharts-surface')).toBeVisible()
})

test('on a phone the chart code waits until the first screen is drawn, then loads as the reader scrolls towards the charts', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  const { release, chartCode } = await holdSummary(page)
  await openOverviewInApp(page)
  await expect(page.getByRole('status').filter({ hasText: '正在加载' }).first()).toBeVisible()
  // Everything the first screen needs has been asked for; the chart code has not.
  await page.waitForTimeout(500)
  expect(chartCode).toEqual([])
  release()
  await expect(page.getByTestId('headline')).toBeVisible()
  // On a phone the charts come after the zones and the projects most behind (decision 84), screens below:
  // their code is not asked for while the reader reads the first screens.
  await page.waitForTimeout(500)
  expect(chartCode).toEqual([])
  // Within a screen of the first chart, its code comes, before the chart is on screen.
  await page.getByRole('heading', { name: '挂牌督办项目' }).scrollIntoViewIfNeeded()
  await expect.poll(() => chartCode.length).toBe(1)
  await expect(page.getByRole('img', { name: /各片区年度计划与.*累计完成投资对比柱状图/ }).locator('svg.recharts-surface')).toHaveCount(0)
})
