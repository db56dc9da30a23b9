import { expect, type Page } from '@playwright/test'

// The demo accounts' password in the browser tests: the servers are started with it.
import { E2E_DEMO_PASSWORD } from './seed-dir.mjs'

/** Sign in through the sign-in page, as a person would. Lands wherever the page sends the role. */
export async function signIn(page: Page, username: string, path = '/') {
  await page.goto(path)
  // The demo build starts its database in the browser first: on a busy machine (two workers) that takes seconds.
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible({ timeout: 20_000 })
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码', { exact: true }).fill(E2E_DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByRole('button', { name: '退出', exact: true })).toBeVisible()
}

/**
 * Waits until the app runs on the page. A page the server drew is read before its code runs (decision 58):
 * a link followed before then loads the next page from the server, not inside the app.
 */
export async function appRunning(page: Page) {
  // Its code waits up to a moment of reading (about 1 s), then loads and adopts the page: on a busy machine longer.
  await expect(page.locator('html[data-app="running"]')).toBeAttached({ timeout: 15_000 })
}

/** Collects what must never happen on a page: script errors and Content-Security-Policy violations. */
export function watchForProblems(page: Page) {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(message.text())) problems.push(`CSP: ${message.text()}`)
  })
  page.on('dialog', (dialog) => {
    if (dialog.type() === 'alert') problems.push(`alert(): ${dialog.message()}`)
    void dialog.dismiss()
  })
  return problems
}
