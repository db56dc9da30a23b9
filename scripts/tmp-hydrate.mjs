import { chromium } from '@playwright/test'
const base = 'http://127.0.0.1:4611'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] })
const login = await (await fetch(base + '/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ username: 'leader', password: 'perf-password-2024' }) })).headers.get('set-cookie')
const [name, value] = login.split(';')[0].split('=')
for (const js of [false, true]) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, javaScriptEnabled: js })
  await context.addCookies([{ name, value, url: base }])
  const page = await context.newPage()
  const logs = []
  page.on('console', (m) => logs.push(m.type() + ': ' + m.text().slice(0, 300)))
  page.on('pageerror', (e) => logs.push('pageerror: ' + e.message.slice(0, 6000)))
  const requests = []
  page.on('request', (r) => { if (r.url().includes('/api/')) requests.push(r.url().replace(base, '')) })
  for (const path of process.argv.slice(2)) {
    await page.goto(base + path)
    await page.waitForTimeout(2500)
    await page.screenshot({ path: `.screenshots/ssr-${js ? 'js' : 'nojs'}-${path.replace(/\W/g, '_')}.png`, fullPage: true })
    console.log(js, path, 'svgs', await page.locator('svg.recharts-surface').count(), 'server-drawn', await page.locator('.chart-server-drawn').count())
  }
  console.log(logs.join('\n')); console.log(requests.join(' '))
  await context.close()
}
await browser.close()
