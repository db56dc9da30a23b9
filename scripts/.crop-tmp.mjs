import { readFileSync } from 'node:fs'
import { chromium } from 'playwright-core'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
for (const [src, w, h, out] of JSON.parse(process.argv[2])) {
  const page = await browser.newPage({ viewport: { width: w, height: h } })
  await page.setContent(`<body style="margin:0"><img src="data:image/png;base64,${readFileSync(src).toString('base64')}"></body>`)
  await page.screenshot({ path: out })
}
await browser.close()
