import { chromium } from '@playwright/test'
const base = 'http://127.0.0.1:4611'
const path = process.argv[2] ?? '/'
const phone = process.argv[3] === 'phone'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
const login = await (await fetch(base + '/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ username: 'leader', password: 'perf-password-2024' }) })).headers.get('set-cookie')
const [name, value] = login.split(';')[0].split('=')
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, userAgent: 'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36' } : { viewport: { width: 1440, height: 900 } })
  await context.addCookies([{ name, value, url: base }])
  const page = await context.newPage()
  if (phone) { const cdp = await context.newCDPSession(page); await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 }) }
  await page.addInitScript(() => { window.__p = []; new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__p.push(e.name + '@' + Math.round(e.startTime)))).observe({ type: 'paint', buffered: true }) })
  const steps = []
  const mark = (n) => steps.push([n, Date.now()])
  mark('start')
  await page.goto(base + path, { waitUntil: 'commit' }); mark('commit')
  const figure = page.locator('figure.chart').first()
  await figure.waitFor({ state: 'attached' }); mark('attached')
  await figure.evaluate((el) => el.scrollIntoView({ block: 'center' })); mark('scrolled')
  await page.locator('svg.recharts-surface').first().waitFor({ state: 'visible' }); mark('visible')
  const now = await page.evaluate(() => performance.now()); mark('now')
  const origin = await page.evaluate(() => performance.timeOrigin)
  await page.waitForTimeout(300)
  const paints = await page.evaluate(() => window.__p.join(' '))
  console.log(Math.round(now), steps.map(([n, t]) => `${n} ${Math.round(t - origin)}`).join(' | '), paints)
  await context.close()
}
await browser.close()
