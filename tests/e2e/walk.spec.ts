import { expect, test } from './fixtures'
import { appRunning, signIn } from './support'

test.beforeEach(async ({ page }) => {
  await signIn(page, 'leader')
})

test('a leader walks overview → zone → project and back', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto('/')
  const headline = page.getByTestId('headline')
  await expect(headline).toContainText('低于序时进度')
  await expect(page.getByText('277.08亿元').first()).toBeVisible()

  // The zone furthest behind, named in the headline.
  const zoneLink = headline.getByRole('link')
  const zoneName = (await zoneLink.textContent())!.trim()
  await zoneLink.click()
  await expect(page.getByRole('heading', { level: 1, name: zoneName })).toBeVisible()
  await expect(page).toHaveURL(/\/zones\/[a-z-]+$/)

  // The project that explains most of its shortfall.
  const shortfall = page.getByRole('table', { name: `${zoneName}欠序时进度的项目` })
  const projectLink = shortfall.getByRole('link').first()
  const projectName = (await projectLink.textContent())!.trim()
  await projectLink.click()
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(projectName) })).toBeVisible()
  await expect(page.getByRole('list', { name: '需要关注的事项' })).toBeVisible()

  await page.goBack()
  await expect(page.getByRole('heading', { level: 1, name: zoneName })).toBeVisible()
  await page.goBack()
  await expect(page.getByTestId('headline')).toBeVisible()
  expect(errors).toEqual([])
})

test('a reviewer’s filtered link survives a reload', async ({ page }) => {
  await page.goto('/projects?zone=nanping&sort=annualPlan&order=desc')
  await expect(page.getByRole('combobox', { name: '片区' })).toHaveValue('nanping')
  const total = await page.getByText(/^共 \d+ 个项目$/).textContent()
  await page.reload()
  await expect(page.getByText(total!)).toBeVisible()
  await expect(page.getByRole('columnheader', { name: /年度计划/ })).toHaveAttribute('aria-sort', 'descending')
})

// A list page is drawn on the server with its first answers in it (issue 26; server/first-paint/): the browser
// adopts them and asks for none of them again — not the list, not the counts, not the filter options.
for (const [path, table] of [
  ['/projects', '项目清单'],
  ['/delayed?asOf=2024-06', '滞后项目清单'],
] as const) {
  test(`${path}: drawn by the server with its rows, its answers never asked for again`, async ({ page }) => {
    const asked: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname === '/api/projects' || url.pathname === '/api/filter-options') asked.push(url.pathname + url.search)
    })
    const html = await (await page.request.get(path)).text()
    expect(html).toContain('id="server-render"')
    expect(html).toMatch(/<tbody>(<tr[^>]*>[\s\S]*?<\/tr>){10}/)
    await page.goto(path)
    await expect(page.getByRole('table', { name: table })).toBeVisible()
    await expect.poll(() => page.getByRole('combobox', { name: '责任单位' }).locator('option').count()).toBeGreaterThan(1)
    // The page's code starts (at the reader's first reach, or after a moment of reading), adopts the page, and is done.
    await page.mouse.move(10, 10)
    await appRunning(page)
    await page.waitForLoadState('networkidle')
    expect(asked).toEqual([])
  })
}

test('every page fits a 390 px phone without sideways page scroll', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  for (const path of ['/', '/zones', '/zones/nanping', '/projects', '/projects/P001', '/delayed', '/help', '/nowhere']) {
    await page.goto(path)
    await appRunning(page)
    await page.waitForLoadState('networkidle')
    await expect(page.locator('main')).not.toBeEmpty()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `${path} scrolls sideways`).toBe(0)
  }
})

test('an unknown route shows the 404 page', async ({ page }) => {
  await page.goto('/this/does/not/exist')
  await expect(page.getByRole('alert')).toContainText('404')
})
