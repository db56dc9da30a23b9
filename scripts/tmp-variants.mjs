import { chromium } from '@playwright/test'
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'
const server = createServer(async (req, res) => {
  if (req.url.endsWith('.html')) { res.setHeader('Content-Type', 'text/html; charset=utf-8'); return res.end(readFileSync('/tmp/variants' + req.url)) }
  const answer = await fetch('http://127.0.0.1:4611' + req.url, { headers: { cookie: process.env.COOKIE ?? '' } })
  res.statusCode = answer.status
  res.setHeader('Content-Type', answer.headers.get('content-type') ?? 'text/plain')
  res.end(Buffer.from(await answer.arrayBuffer()))
}).listen(4700)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
const phone = process.env.PHONE === '1'
for (const v of process.argv.slice(2)) {
  const times = []
  for (let i = 0; i < 7; i++) {
    const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true } : { viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    if (phone) { const cdp = await context.newCDPSession(page); await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 }) }
    await page.goto(`http://127.0.0.1:4700/${v}.html`, { waitUntil: 'commit' })
    const figure = page.locator('figure.chart').first()
    await figure.waitFor({ state: 'attached' })
    await figure.evaluate((el) => el.scrollIntoView({ block: 'center' }))
    await page.locator('svg.recharts-surface').first().waitFor({ state: 'visible' })
    times.push(Math.round(await page.evaluate(() => performance.now())))
    await context.close()
  }
  console.log(v, times.sort((a, b) => a - b).join(' '))
}
await browser.close(); server.close()
