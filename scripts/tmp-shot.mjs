// Temporary: element/viewport screenshots for review. node scripts/tmp-shot.mjs base width path out [selector] [print]
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs'
const [base, width, path, out, selector, media, role = 'leader'] = process.argv.slice(2)
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', ...CHROMIUM_ARGS] })
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(width) > 500 ? 900 : 844 }, locale: 'zh-CN' })
await page.goto(base + '/login')
await page.getByLabel('用户名').fill(role)
await page.getByLabel('密码').fill('nanan-demo-2024')
await page.getByRole('button', { name: '登录', exact: true }).click()
await page.getByRole('button', { name: '退出' }).waitFor()
await page.goto(base + path)
await page.waitForLoadState('networkidle')
await page.waitForTimeout(800)
if (media === 'print') await page.emulateMedia({ media: 'print' })
if (selector && selector !== '-') await page.locator(selector).first().screenshot({ path: out })
else await page.screenshot({ path: out, fullPage: media === 'full' || media === 'print' })
await browser.close()
