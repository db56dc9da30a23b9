import { chromium } from '@playwright/test'
const base = 'http://127.0.0.1:4611'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] })
for (const vp of [{ width: 1440, height: 900 }, { width: 390, height: 844 }, { width: 1280, height: 800 }, { width: 1920, height: 1000 }, { width: 360, height: 800 }, { width: 412, height: 900 }]) {
  const context = await browser.newContext({ viewport: vp })
  const page = await context.newPage()
  await page.goto(base + '/login')
  await page.getByLabel('用户名').fill('leader'); await page.getByLabel('密码').fill('perf-password-2024')
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(base + '/')
  const out = []
  for (const path of ['/', '/zones/nanping', '/projects/P001']) {
    await page.goto(base + path)
    await page.locator('figure.chart').first().waitFor()
    out.push(path + ' ' + (await page.locator('figure.chart > div').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width + '/' + getComputedStyle(e).paddingLeft))).join(' '))
  }
  console.log(vp.width, out.join(' | '))
  await context.close()
}
await browser.close()
