import { expect, test, type Page } from './fixtures'
import { PHONE_USER_AGENT } from '../../scripts/chromium.mjs'
import { signIn } from './support'

// Issue 26: a leader reads the overview, a zone and a project on a phone from top to bottom, and nothing
// moves what is on screen once it is shown — space is kept for what is drawn later (decision 84). And the
// overview is in the order a leader asks: how far behind → which zone → which projects, and why → the rest.
test.use({ viewport: { width: 390, height: 844 }, userAgent: PHONE_USER_AGENT, deviceScaleFactor: 3, isMobile: true, hasTouch: true })

/** The layout-shift budget of a whole page read on a phone (Core Web Vitals' "good"). */
const CLS_BUDGET = 0.1

test.beforeEach(async ({ page }) => {
  await signIn(page, 'leader')
  // Every shift of the page from its first paint on, with what moved.
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: { value: number; at: number; moved: string[] }[] }
    w.shifts = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources?: { node?: Node | null }[] })[]) {
        const moved = (entry.sources ?? []).map(({ node }) => {
          try {
            const element = node instanceof Element ? node : (node?.parentElement ?? null)
            if (!element) return '?'
            const heading = element.closest('section')?.querySelector('h2, h3')?.textContent
            return `${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')}${heading ? ` in “${heading}”` : ''}`
          } catch {
            return '?'
          }
        })
        w.shifts.push({ value: entry.value, at: Math.round(entry.startTime), moved })
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
})

/**
 * Reads the page as a reader does: from the top, 600 px at a time with `stepMs` on each (300 ms: reading;
 * 60 ms: a quick flick, which outruns a page still coming), to the bottom. The page's code starts meanwhile
 * (a moment after the first paint, decision 58), its late parts come as they are neared. Scrolling is not
 * input that excuses a shift (hadRecentInput), so every shift counts. Returns the total and what moved.
 */
async function readToTheEnd(page: Page, path: string, stepMs: number) {
  // A phone's processor (Lighthouse's mobile setting): the page's code takes a phone's time to start.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await page.goto(path)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.waitForTimeout(300)
  // To the end of the page; at the end, a moment more: a page still growing is read on.
  // (At the end of a drawn page whose code has not started yet, the reader waits for it: the page grows.)
  for (let step = 0, endsSeen = 0; step < 200 && endsSeen < 3; step++) {
    const atEnd = await page.evaluate(() => {
      window.scrollBy(0, 600)
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2 && document.documentElement.dataset.app === 'running'
    })
    await page.waitForTimeout(stepMs)
    endsSeen = atEnd ? endsSeen + 1 : 0
  }
  // Whatever is still on its way (the app's start, a late answer) has time to land, and to shift if it does.
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(500)
  const shifts = await page.evaluate(() => (window as unknown as { shifts: { value: number; at: number; moved: string[] }[] }).shifts)
  const total = shifts.reduce((sum, shift) => sum + shift.value, 0)
  console.log(`${path} (${stepMs} ms a step): layout shift ${total.toFixed(4)}`, JSON.stringify(shifts.filter((s) => s.value > 0.001)))
  return { total, shifts }
}

test('opening the bulletin on a phone, nothing on screen moves while the document comes', async ({ page }) => {
  // The phone gets the page from the browser (decision 86): the document, then the list of issued bulletins.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await page.goto('/bulletin')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByRole('article')).toBeVisible()
  await expect(page.getByRole('table', { name: '已印发的通报' })).toBeAttached()
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(500)
  const shifts = await page.evaluate(() => (window as unknown as { shifts: { value: number; at: number; moved: string[] }[] }).shifts)
  const total = shifts.reduce((sum, shift) => sum + shift.value, 0)
  expect(total, `layout shift of /bulletin: ${JSON.stringify(shifts)}`).toBeLessThan(CLS_BUDGET)
})

for (const [what, path] of [
  ['the overview', '/'],
  ['a zone page', '/zones/nanping'],
  ['a project page', '/projects/P001'],
] as const) {
  for (const [how, stepMs] of [
    ['a screen at a time', 300],
    ['in a quick flick', 60],
  ] as const) {
    test(`reading ${what} on a phone ${how}, top to bottom, nothing on screen moves`, async ({ page }) => {
      const { total, shifts } = await readToTheEnd(page, path, stepMs)
      expect(total, `layout shift of ${path}: ${JSON.stringify(shifts)}`).toBeLessThan(CLS_BUDGET)
    })
  }
}

test('the overview on a phone answers in a leader’s order: how far behind, which zone, which projects and why, then the rest', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: /重点项目总览/ })).toBeVisible()
  // Everything drawn: read to the end once.
  for (let step = 0; step < 60; step++) {
    const atEnd = await page.evaluate(() => {
      window.scrollBy(0, 800)
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2
    })
    await page.waitForTimeout(200)
    if (atEnd) break
  }
  const main = page.getByRole('main')
  const top = async (locator: ReturnType<Page['locator']>) => {
    await expect(locator).toBeAttached()
    return (await locator.evaluate((element) => element.getBoundingClientRect().top + window.scrollY))
  }
  const behind = await top(main.locator('dl[aria-label="主要指标"]'))
  const zones = await top(main.getByRole('heading', { name: '片区完成率排名' }))
  const projects = await top(main.getByRole('heading', { name: '欠序时进度最多的项目' }))
  const rest = await Promise.all(
    [/^按投资类别$/, /^按四个聚焦$/, /^按建设性质$/, /^逾期未办结的问题/, /^各片区年度计划与累计完成$/, /^累计完成与序时进度/].map((name) =>
      top(main.getByRole('heading', { name })),
    ),
  )
  expect(behind, 'how far behind, before which zone').toBeLessThan(zones)
  expect(zones, 'which zone, before which projects').toBeLessThan(projects)
  for (const y of rest) expect(projects, 'which projects and why, before the rest').toBeLessThan(y)
  // Which projects is within the first few screens, not below three tables.
  expect(projects).toBeLessThan(844 * 3)
  // The first screens as a leader sees them (test-results/, to look at).
  for (const screen of [0, 1, 2, 3]) {
    await page.evaluate((y) => window.scrollTo(0, y), screen * 844)
    await page.screenshot({ path: `test-results/phone-overview-390-${screen + 1}.png`, scale: 'css' })
  }
})
