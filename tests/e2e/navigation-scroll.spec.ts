import { expect, test, type Page } from './fixtures'
import { signIn } from './support'

// Issue 26: a page opens at its top, or at the section its fragment names, and back returns to where the
// reader was — on a phone, where the zone page's project list is far down.
test.use({ viewport: { width: 390, height: 844 } })

test.beforeEach(async ({ page }) => {
  await signIn(page, 'leader')
})

/** Where an element's top is, in the viewport, below the sticky header. */
const topBelowHeader = (page: Page, selector: string) =>
  page.evaluate((s) => {
    // On a phone the header scrolls away with the page (it is sticky only on wider screens): then nothing covers the top.
    const header = Math.max(0, document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0)
    const top = document.querySelector(s)?.getBoundingClientRect().top
    return top === undefined ? null : top - header
  }, selector)

test('a project opened from a zone page opens at its top; back returns to the list', async ({ page }) => {
  await page.goto('/zones/nanping')
  await expect(page.getByRole('heading', { level: 1, name: '南坪' })).toBeVisible()
  // The last project on the page: far down on a phone.
  const link = page.locator('main table a[href^="/projects/P"]').last()
  await link.scrollIntoViewIfNeeded()
  await page.waitForTimeout(300)
  const listY = await page.evaluate(() => window.scrollY)
  expect(listY).toBeGreaterThan(300)
  const name = (await link.textContent())!.trim()
  await link.click()
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible()
  await page.waitForTimeout(1000)
  expect(await page.evaluate(() => window.scrollY)).toBe(0)
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeInViewport()

  await page.goBack()
  await expect(page.getByRole('heading', { level: 1, name: '南坪' })).toBeAttached()
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(listY - 50)
  // Back where the reader was: the project they opened is on screen again (sections drawn above it since
  // may move the offset, not what is shown — the browser keeps its place).
  // (The zone's list is the last table: the same project may also be among the zone's most behind, higher up.)
  await expect(page.locator(`main table a[href^="/projects/P"]`).filter({ hasText: name }).last()).toBeInViewport()
})

test('/projects/P012#reports opens at the 月报 section', async ({ page }) => {
  await page.goto('/projects/P012#reports')
  await expect(page.getByRole('table', { name: '各月月报' })).toBeVisible()
  await expect.poll(() => topBelowHeader(page, '#reports'), { timeout: 10_000 }).toBeGreaterThanOrEqual(-2)
  await page.waitForTimeout(2000)
  const top = await topBelowHeader(page, '#reports')
  expect(top).not.toBeNull()
  expect(top!).toBeGreaterThanOrEqual(-2)
  expect(top!).toBeLessThan(60)
})
