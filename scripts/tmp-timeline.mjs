import { chromium } from '@playwright/test'
const base = 'http://127.0.0.1:4611'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const login = await (await fetch(base + '/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ username: 'leader', password: 'perf-password-2024' }) })).headers.get('set-cookie')
const [name, value] = login.split(';')[0].split('=')
for (let i = 0; i < 4; i++) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await context.addCookies([{ name, value, url: base }])
  const page = await context.newPage()
  await page.addInitScript(() => {
    window.__t = {}
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__t[e.name] = Math.round(e.startTime)))).observe({ type: 'paint', buffered: true })
    new MutationObserver(() => { if (!window.__t.svg && document.querySelector('svg.recharts-surface')) window.__t.svg = Math.round(performance.now()) }).observe(document, { subtree: true, childList: true })
    document.addEventListener('DOMContentLoaded', () => (window.__t.dcl = Math.round(performance.now())))
  })
  await page.goto(base + '/', { waitUntil: 'commit' })
  await page.locator('svg.recharts-surface').first().waitFor({ state: 'visible' })
  const seen = await page.evaluate(() => performance.now())
  await page.waitForTimeout(1500)
  const t = await page.evaluate(() => ({ ...window.__t, nav: performance.getEntriesByType('navigation').map((n) => ({ reqStart: Math.round(n.requestStart), respStart: Math.round(n.responseStart), respEnd: Math.round(n.responseEnd) }))[0] }))
  console.log(Math.round(seen), JSON.stringify(t))
  await context.close()
}
await browser.close()
