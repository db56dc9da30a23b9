import { expect, test } from './fixtures'
import { signIn, watchForProblems } from './support'
import { E2E_DEMO_PASSWORD } from './seed-dir.mjs'

/**
 * One journey per role on the real server: sign in, see what the role sees, find no offer of what the
 * role may not do, sign out. Every page must run without a script error or a CSP violation.
 */

test('sign-in returns to the page first asked for; sign-out ends the session for good', async ({ page }) => {
  const problems = watchForProblems(page)
  await page.goto('/projects?zone=nanping&sort=annualPlan&order=desc')
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
  expect(new URL(page.url()).pathname).toBe('/login')

  await page.getByLabel('用户名').fill('reviewer')
  await page.getByLabel('密码', { exact: true }).fill('wrong-password')
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误')

  await page.getByLabel('密码', { exact: true }).fill(E2E_DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page).toHaveURL(/\/projects\?zone=nanping&sort=annualPlan&order=desc$/)
  await expect(page.getByRole('combobox', { name: '片区' })).toHaveValue('nanping')
  // A reviewer exports.
  await expect(page.getByRole('button', { name: /导出 CSV/ })).toBeVisible()

  await page.getByRole('button', { name: '退出' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
  await page.goto('/delayed')
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
  expect((await page.request.get('/api/summary')).status(), 'the API refuses the signed-out browser').toBe(401)
  expect(problems).toEqual([])
})

test('a leader sees the overview and the lists, and is offered no export and no account admin', async ({ page }) => {
  const problems = watchForProblems(page)
  await signIn(page, 'leader')
  await expect(page.getByTestId('headline')).toContainText('低于序时进度')
  await expect(page.getByText('区领导', { exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: '账户管理' })).toHaveCount(0)
  await page.goto('/projects')
  await expect(page.getByText(/^共 \d+ 个项目$/)).toBeVisible()
  await expect(page.getByRole('button', { name: /导出/ })).toHaveCount(0)
  await page.goto('/admin/accounts')
  await expect(page.getByRole('heading', { name: '账户管理' })).toHaveCount(0)
  expect((await page.request.get('/api/admin/accounts')).status(), 'and the server refuses it too').toBe(403)
  await page.getByRole('button', { name: '退出' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
  expect(problems).toEqual([])
})

test('staff see every project and may export the list', async ({ page }) => {
  const problems = watchForProblems(page)
  await signIn(page, 'staff', '/delayed')
  await expect(page).toHaveURL(/\/delayed$/)
  await page.goto('/projects')
  await expect(page.getByText('共 132 个项目')).toBeVisible()
  await expect(page.getByRole('button', { name: '导出 CSV（132 个项目）' })).toBeVisible()
  await page.getByRole('button', { name: '退出' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
  expect(problems).toEqual([])
})

test('an owner unit signs in as its unit and is offered no export', async ({ page }) => {
  const problems = watchForProblems(page)
  await signIn(page, 'owner')
  await expect(page.getByText('业主单位', { exact: true })).toBeVisible()
  // An owner unit lands on what it must do (decision 67), and reads the district's figures from there.
  await expect(page.getByRole('heading', { level: 1, name: '待办' })).toBeVisible()
  await page.getByRole('link', { name: '总览' }).click()
  await expect(page.getByTestId('headline')).toBeVisible()
  await page.goto('/projects')
  await expect(page.getByText(/^共 \d+ 个项目$/)).toBeVisible()
  await expect(page.getByRole('button', { name: /导出/ })).toHaveCount(0)
  expect((await page.request.get('/api/admin/accounts')).status()).toBe(403)
  await page.getByRole('button', { name: '退出' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
  expect(problems).toEqual([])
})

test('an admin manages accounts, sees no project data, and a typed name stays text', async ({ page }) => {
  const problems = watchForProblems(page)
  await signIn(page, 'admin')
  await expect(page).toHaveURL(/\/admin\/accounts$/)
  await expect(page.getByRole('heading', { level: 1, name: '账户管理' })).toBeVisible()
  await expect(page.getByRole('link', { name: '总览' })).toHaveCount(0)
  expect((await page.request.get('/api/summary')).status(), 'the server refuses project data to an admin').toBe(403)

  const hostile = '<img src=x onerror=alert(1)>'
  const form = page.getByRole('form', { name: '新建账户' })
  await form.getByLabel('用户名').fill('e2e-inject')
  await form.getByLabel('姓名').fill(hostile)
  await form.getByLabel('角色').selectOption('reviewer')
  await form.getByLabel('初始密码').fill('a-long-password-1')
  await form.getByRole('button', { name: '创建账户' }).click()
  await expect(page.getByRole('cell', { name: hostile, exact: true }).first()).toBeVisible()
  expect(await page.locator('img[src="x"]').count(), 'the name was not turned into markup').toBe(0)

  await page.goto('/projects')
  await expect(page.getByText('管理员账户只管理账户，不查看项目数据')).toBeVisible()
  await page.getByRole('button', { name: '退出' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
  expect(problems).toEqual([])
})

test('the demo build signs in each role against its mocked accounts @demo', async ({ page }) => {
  const problems = watchForProblems(page)
  await signIn(page, 'leader')
  await expect(page.getByTestId('headline')).toContainText('低于序时进度')
  await page.reload()
  await expect(page.getByTestId('headline'), 'a reload keeps the demo session').toBeVisible()
  await page.getByRole('button', { name: '退出' }).click()
  // Signed out before the next sign-in starts: a navigation during the sign-out could cut it short.
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
  await signIn(page, 'admin')
  await expect(page.getByRole('heading', { level: 1, name: '账户管理' })).toBeVisible()
  await page.getByRole('button', { name: '退出' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
  expect(problems).toEqual([])
})
