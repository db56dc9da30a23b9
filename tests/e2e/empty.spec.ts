import { expect, test } from '@playwright/test'
import { signIn, watchForProblems } from './support'

// A real deployment starts empty (SEED_DATA=empty): every page copes with zero projects, and staff are told
// how to bring the ledger in.

test('@empty every page copes with no projects, and the first page says how to import the ledger', async ({ page }) => {
  const problems = watchForProblems(page)
  await signIn(page, 'staff')
  await expect(page.getByText('尚无2024年重点项目。')).toBeVisible()
  await expect(page.getByRole('link', { name: '导入项目台账' })).toHaveAttribute('href', '/import')
  for (const path of ['/zones', '/zones/nanping', '/projects', '/delayed', '/reports', '/history', '/help', '/import']) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await page.waitForLoadState('networkidle')
    const text = await page.locator('main').innerText()
    expect(text, path).not.toMatch(/NaN|undefined|Infinity|数据加载失败/)
  }
  await page.goto('/projects')
  await expect(page.getByText('没有符合条件的项目。')).toBeVisible()
  expect(problems).toEqual([])
})

test('@empty a leader sees that the list is not in yet, not an error', async ({ page }) => {
  await signIn(page, 'leader')
  await expect(page.getByText('项目清单由发改委工作人员导入后，这里将显示各片区和项目的进度。')).toBeVisible()
})
