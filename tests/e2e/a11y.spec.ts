import { expect, test } from './fixtures'
import { axeProblems } from './axe'
import { appRunning, signIn } from './support'

/** Every page, at desktop and phone width, has no serious or critical axe violations (WCAG 2.1 A/AA). */
// The longest file (each page waits its moment of reading, then axe runs): its tests only read, so they may run on both workers at once.
test.describe.configure({ mode: 'parallel' })
const PAGES = ['/', '/zones', '/zones/nanping', '/projects', '/projects/P044', '/delayed', '/reports?month=2024-09', '/help', '/import', '/todo', '/notifications', '/bulletin', '/nowhere']

test('the sign-in page and the account admin page pass axe at 1440 and 390 px', async ({ page }) => {
  const problems: string[] = []
  const check = async (label: string) => {
    for (const problem of await axeProblems(page)) problems.push(`${label}: ${problem}`)
  }
  for (const width of [1440, 390]) {
    await page.context().clearCookies()
    await page.setViewportSize({ width, height: 900 })
    await page.goto('/login')
    await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
    await check(`/login at ${width}`)
    await signIn(page, 'admin', '/admin/accounts')
    await expect(page.getByRole('heading', { level: 1, name: '账户管理' })).toBeVisible()
    await page.waitForLoadState('networkidle')
    await check(`/admin/accounts at ${width}`)
  }
  expect(problems, problems.join('\n')).toEqual([])
})

for (const width of [1440, 390]) {
  test(`pages pass axe at ${width}px`, async ({ page }) => {
    // Nine pages, each loaded and analysed: more than the default 30 s on a busy two-core machine.
    test.setTimeout(180_000)
    await page.setViewportSize({ width, height: 900 })
    await signIn(page, 'staff')
    const problems: string[] = []
    for (const path of PAGES) {
      await page.goto(path)
      // The page as the app has it, its lazily loaded parts included (a drawn page's code waits a moment: decision 58).
      await appRunning(page)
      await page.waitForLoadState('networkidle')
      await expect(page.locator('main')).not.toBeEmpty()
      for (const problem of await axeProblems(page)) problems.push(`${path}: ${problem}`)
    }
    expect(problems, problems.join('\n')).toEqual([])
  })
}

test('the axe check itself finds a serious violation when there is one', async ({ page }) => {
  // The check every page above passes, run on a page made to fail it: a button with no name, grey text on white.
  await page.goto('/login')
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<main><button></button><p style="color:#bbb;background:#fff">灰字</p></main>')
  })
  const problems = await axeProblems(page)
  expect(problems.map((p) => p.split(' ')[0])).toEqual(expect.arrayContaining(['button-name', 'color-contrast']))
})
