// Screenshots of every page at 1440 and 390 px in Debian's Chromium, and a check for horizontal
// page scroll. Usage: node scripts/screenshots.mjs [baseUrl] (default: starts the built server,
// dist-server/main.js, on a scratch database).
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH, PHONE_USER_AGENT } from './chromium.mjs'

/** [name, path, account]: each page as the role that uses it; null = signed out. */
const PAGES = [
  ['login', '/login', null],
  ['overview', '/'],
  ['zones', '/zones'],
  ['zone', '/zones/gy-bay'],
  ['projects', '/projects'],
  ['project', '/projects/P044'],
  ['delayed', '/delayed'],
  ['bulletin', '/bulletin'],
  ['help', '/help'],
  ['not-found', '/nowhere'],
  ['reports', '/reports?month=2024-10', 'staff'],
  // The staff's view of a project: problem desk, project maintenance, reports, change history.
  ['project-staff', '/projects/P044', 'staff'],
  ['history', '/history', 'staff'],
  ['import', '/import', 'staff'],
  // The owner unit's largest project with the October form open (path and click resolved below).
  ['report-form', ':own-project', 'owner', '填报10月月报'],
  // The owner unit's month page with the Excel sheet's steps open.
  ['report-import', '/reports?month=2024-11', 'owner', { text: '用 Excel 批量填报11月月报' }],
  ['admin-accounts', '/admin/accounts', 'admin'],
  // What the owner unit and the staff land on after sign-in (待办), and the notices (decision 67).
  ['todo-owner', '/todo', 'owner'],
  ['todo-staff', '/todo', 'staff'],
  ['notifications', '/notifications', 'owner'],
  ['account-password', '/account/password', 'owner'],
]
const PASSWORD = process.env.DEMO_PASSWORD ?? 'nanan-demo-2024'

let base = process.argv[2]
let server
if (!base) {
  server = spawn('node', ['dist-server/main.js'], {
    env: { ...process.env, PORT: '4391', HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'nanan-screenshots-')), LOG_LEVEL: 'warn', DEMO_PASSWORD: PASSWORD },
    stdio: 'inherit',
  })
  base = 'http://127.0.0.1:4391'
  for (let i = 0; i < 100; i++) {
    const healthy = await fetch(`${base}/api/health`).then((r) => r.ok, () => false)
    if (healthy) break
    await new Promise((r) => setTimeout(r, 300))
  }
}
mkdirSync('.screenshots', { recursive: true })
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', ...CHROMIUM_ARGS] })
let problems = 0
for (const width of [1440, 390]) {
  const height = width > 500 ? 900 : 844
  // The phone says so, as a phone does: the server draws a page's charts at a phone's width for it.
  const phone = width < 500 ? { userAgent: PHONE_USER_AGENT, isMobile: true, hasTouch: true } : {}
  const page = await browser.newPage({ viewport: { width, height }, locale: 'zh-CN', ...phone })
  page.on('pageerror', (e) => {
    problems++
    console.log(`page error at ${width}px: ${e.message}`)
  })
  let signedInAs
  for (const [name, pagePath, account = 'leader', click] of PAGES) {
    if (account !== signedInAs) {
      await page.context().clearCookies()
      if (account) {
        const response = await page.request.post(`${base}/api/auth/login`, { data: { username: account, password: PASSWORD }, headers: { Origin: base } })
        if (!response.ok()) throw new Error(`sign-in as ${account} failed: ${response.status()}`)
      }
      signedInAs = account
    }
    let path = pagePath
    if (path === ':own-project') {
      const me = await (await page.request.get(`${base}/api/auth/me`)).json()
      const list = await (await page.request.get(`${base}/api/projects?owner=${encodeURIComponent(me.user.ownerUnit)}&sort=annualPlan&order=desc&pageSize=1`)).json()
      path = `/projects/${list.items[0].id}`
    }
    await page.goto(base + path)
    // A page the server drew runs its code after a moment of reading (decision 58): the picture is of the page
    // as the app has it, its lazily loaded parts included.
    if (account) await page.locator('html[data-app="running"]').waitFor({ state: 'attached', timeout: 20_000 })
    await page.waitForLoadState('networkidle')
    if (typeof click === 'object') {
      await page.getByText(click.text).click()
      await page.waitForTimeout(300)
    } else if (click) {
      await page.getByRole('combobox', { name: '填报月份' }).selectOption('2024-10')
      await page.getByRole('button', { name: click }).click()
      await page.waitForTimeout(300)
    }
    await page.waitForTimeout(400)
    // What a reader sees on the way down: charts and lists below the first screen are drawn as they come
    // near it, so scroll through the page (a screen at a time) before the full-page picture.
    for (let y = 0; y < (await page.evaluate(() => document.documentElement.scrollHeight)); y += Math.round(height * 0.8)) {
      await page.evaluate((top) => window.scrollTo(0, top), y)
      await page.waitForTimeout(150)
    }
    await page.waitForLoadState('networkidle')
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.waitForTimeout(300)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    if (overflow > 0) {
      problems++
      console.log(`${name} at ${width}px scrolls sideways by ${overflow}px`)
    }
    // Sections off screen are laid out only near the screen (content-visibility, decision 57); a full-page
    // picture is taken without scrolling, so it asks for all of them to be drawn.
    const drawAll = await page.addStyleTag({ content: '.main .card { content-visibility: visible !important; }' })
    await page.screenshot({ path: `.screenshots/${name}-${width}.png`, fullPage: true })
    await drawAll.evaluate((style) => style.remove())
  }
  await page.close()
}
await browser.close()
server?.kill()
console.log(problems === 0 ? 'screenshots written to .screenshots/, no overflow' : `${problems} problem(s)`)
process.exit(problems === 0 ? 0 : 1)
