import { chromium } from '@playwright/test'
const base = 'http://127.0.0.1:4611'
const path = process.argv[2] ?? '/'
const phone = process.argv[3] === 'phone'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const login = await (await fetch(base + '/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ username: 'leader', password: 'perf-password-2024' }) })).headers.get('set-cookie')
const [name, value] = login.split(';')[0].split('=')
for (let i = 0; i < 3; i++) {
const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, userAgent: 'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36' } : { viewport: { width: 1440, height: 900 } })
await context.addCookies([{ name, value, url: base }])
const page = await context.newPage()
const cdp = await context.newCDPSession(page)
if (phone) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
await page.addInitScript(() => {
  window.__l = []
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__l.push(`${e.entryType} ${e.name} @${Math.round(e.startTime)} dur ${Math.round(e.duration)}${e.renderStart ? ` render@${Math.round(e.renderStart)} style@${Math.round(e.styleAndLayoutStart)} scripts ${e.scripts.map((s) => `${s.sourceURL.split('/').pop()}:${s.invoker}:${Math.round(s.duration)}`).join(',')}` : ''}`))).observe({ type: 'long-animation-frame', buffered: true })
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__l.push(`${e.entryType} ${e.name} @${Math.round(e.startTime)}`))).observe({ type: 'paint', buffered: true })
})
await page.goto(base + path)
await page.waitForTimeout(phone ? 4000 : 2000)
const out = await page.evaluate(() => [...window.__l, ...performance.getEntriesByType('resource').filter((r) => !r.name.includes('/api/')).slice(0, 12).map((r) => `res ${r.name.split('/').pop()} ${Math.round(r.startTime)}-${Math.round(r.responseEnd)}`), ...performance.getEntriesByType('navigation').map((n) => `nav resp ${Math.round(n.responseStart)}-${Math.round(n.responseEnd)} dcl ${Math.round(n.domContentLoadedEventStart)}`)].sort((a, b) => Number(/@(\d+)/.exec(a)?.[1] ?? /(\d+)-/.exec(a)?.[1] ?? 0) - Number(/@(\d+)/.exec(b)?.[1] ?? /(\d+)-/.exec(b)?.[1] ?? 0)))
console.log(out.join('\n')); console.log('---')
await context.close()
}
await browser.close()
