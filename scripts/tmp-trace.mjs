import { chromium } from '@playwright/test'
const base = 'http://127.0.0.1:4611'
const path = process.argv[2] ?? '/'
const phone = process.argv[3] === 'phone'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const login = await (await fetch(base + '/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ username: 'leader', password: 'perf-password-2024' }) })).headers.get('set-cookie')
const [name, value] = login.split(';')[0].split('=')
const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, userAgent: 'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36' } : { viewport: { width: 1440, height: 900 } })
await context.addCookies([{ name, value, url: base }])
const page = await context.newPage()
const cdp = await context.newCDPSession(page)
if (phone) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
await page.goto(base + path) // warm
const events = []
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value))
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r))
await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,loading,v8.execute', transferMode: 'ReportEvents' })
await page.goto(base + path)
await page.waitForTimeout(phone ? 4000 : 2000)
await cdp.send('Tracing.end'); await done
const mainTid = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.tid === e.tid && x.name === 'ParseHTML'))?.tid
const t0 = Math.min(...events.filter((e) => e.tid === mainTid && e.ts).map((e) => e.ts))
const tasks = events.filter((e) => e.tid === mainTid && e.ph === 'X' && e.name === 'RunTask' && e.dur > 25000)
for (const task of tasks) {
  const c = {}
  for (const e of events) if (e.tid === mainTid && e.ph === 'X' && e.name !== 'RunTask' && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur) c[e.name] = (c[e.name] ?? 0) + e.dur
  console.log(Math.round((task.ts - t0) / 1000), Math.round(task.dur / 1000), Object.entries(c).sort((a, b) => b[1] - a[1]).slice(0, 7).map(([k, v]) => `${k} ${Math.round(v / 1000)}`).join(', '))
}
for (const e of events.filter((e) => ['firstContentfulPaint', 'firstPaint'].includes(e.name))) console.log(e.name, Math.round((e.ts - t0) / 1000))
await browser.close()
