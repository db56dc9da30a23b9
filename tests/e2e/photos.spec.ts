import { expect, test, type Page } from './fixtures'
import sharp from 'sharp'
import { axeProblems } from './axe'
import { appRunning, signIn, watchForProblems } from './support'

/**
 * 形象进度照片 on a phone (issue 28 §1, decision 82), on the real server: the owner unit uploads two site photos with
 * their captions to October's report and submits it; the commission's staff see both in the review, open one large,
 * and approve; a leader's phone shows the newest photo on the project page's first screen.
 *
 * (It runs before reporting.spec.ts, which publishes October: it uses another project of the unit, reports 0 万元
 * so the district's sums that journey checks move only by its own amounts, and keeps 形象进度 as it was.)
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

/** A site photo as a phone's camera makes it: a JPEG with its capture time. */
const sitePhoto = async (colour: { r: number; g: number; b: number }, taken: string) =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: colour } })
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: 'TestPhone' }, IFD2: { DateTimeOriginal: taken, OffsetTimeOriginal: '+08:00' } })
    .toBuffer()

async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible()
}

test('an owner uploads two photos with captions on a phone and submits; staff see them in review and approve; a leader’s phone shows the newest on the first screen', async ({ page }) => {
  test.setTimeout(90_000)
  const problems = watchForProblems(page)
  await signIn(page, 'owner', '/')
  // One of the unit's projects that reporting.spec.ts leaves alone: not its largest, not 严重滞后 in September.
  const me = (await (await page.request.get('/api/auth/me')).json()) as { user: { ownerUnit: string } }
  const owner = encodeURIComponent(me.user.ownerUnit)
  type Item = { id: string; name: string }
  const list = (await (await page.request.get(`/api/projects?owner=${owner}&sort=annualPlan&order=desc&pageSize=50`)).json()) as { items: Item[] }
  const severe = new Set(((await (await page.request.get(`/api/projects?owner=${owner}&status=severe&asOf=2024-09&pageSize=200`)).json()) as { items: Item[] }).items.map((i) => i.id))
  const project = list.items.slice(1).find((i) => !severe.has(i.id))!
  expect(project, 'the demo unit has a second project to photograph').toBeDefined()
  const detail = (await (await page.request.get(`/api/projects/${project.id}`)).json()) as {
    baselineProgress: { percent: number | null } | null
    progressHistory: { month: number; percent: number | null }[]
  }
  const lastPercent = [...detail.progressHistory].reverse().find((h) => h.percent !== null)?.percent ?? detail.baselineProgress?.percent ?? 50

  await page.goto(`/projects/${project.id}`)
  await appRunning(page)
  await page.getByRole('combobox', { name: '填报月份' }).selectOption('2024-10')
  await page.getByRole('button', { name: '填报10月月报' }).click()
  const form = page.getByRole('form', { name: '2024年10月月报' })
  await form.getByLabel('当月完成投资（万元）').fill('0')
  await form.getByLabel('形象进度（%）').fill(String(lastPercent))
  await form.getByLabel('形象进度描述').fill('主体结构施工')
  await form.getByLabel('全年预计完成投资（万元）').fill('20000')
  await form.getByLabel('完成信心').selectOption('较高')
  const completion = form.getByLabel('预计完工日期')
  if (await completion.count()) await completion.fill('2025-06-30')

  // Two photos, each with its caption; the figures typed above stay.
  const photos = form.getByRole('group', { name: '形象进度照片' })
  await expect(photos.getByText('已上传 0/9 张')).toBeVisible()
  const uploads = [
    { name: 'IMG_0101.JPG', caption: '基础筏板浇筑完成', photo: await sitePhoto({ r: 140, g: 110, b: 80 }, '2024:10:12 09:30:00') },
    { name: 'IMG_0102.JPG', caption: '主体结构施工至第三层', photo: await sitePhoto({ r: 90, g: 120, b: 150 }, '2024:10:28 15:10:00') },
  ]
  for (const [i, { name, caption, photo }] of uploads.entries()) {
    await photos.getByLabel('选择照片').setInputFiles({ name, mimeType: 'image/jpeg', buffer: photo })
    await photos.getByLabel('图片说明').fill(caption)
    await photos.getByRole('button', { name: '上传照片' }).click()
    await expect(photos.getByText(`已上传 ${i + 1}/9 张`)).toBeVisible({ timeout: 15_000 })
    await expect(photos.getByRole('button', { name: `查看大图：${caption}` })).toBeVisible()
  }
  await expect(photos.getByText('拍摄于 2024年10月28日 15:10')).toBeVisible()
  await expect(form.getByLabel('当月完成投资（万元）')).toHaveValue('0')
  expect(await axeProblems(page, 'form[aria-label="2024年10月月报"]')).toEqual([])
  await form.getByRole('button', { name: '提交审核' }).click()
  await expect(page.getByRole('status').filter({ hasText: '已提交' })).toContainText('10月月报已提交，等待发改委审核')
  await signOut(page)

  // The staff review October on the project's page: both photos before the decision, one opened large.
  await signIn(page, 'staff', '/')
  await page.goto(`/projects/${project.id}`)
  await appRunning(page)
  await page.getByRole('button', { name: '审核10月' }).click()
  const review = page.getByRole('region', { name: '审核10月月报' })
  const shown = review.getByRole('list', { name: '形象进度照片（2 张）' })
  await expect(shown.getByRole('listitem')).toHaveCount(2)
  await shown.getByRole('button', { name: '查看大图：基础筏板浇筑完成' }).click()
  const viewer = page.getByRole('dialog', { name: /2024年10月月报照片/ })
  const large = viewer.getByRole('img', { name: '基础筏板浇筑完成' })
  await expect(large).toBeVisible()
  await expect.poll(() => large.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200)
  await expect(viewer).toContainText('拍摄于 2024年10月12日 09:30 · 2024年10月月报')
  expect(await axeProblems(page, '[role="dialog"]')).toEqual([])
  await page.keyboard.press('Escape')
  await expect(viewer).toBeHidden()
  await expect(shown.getByRole('button', { name: '查看大图：基础筏板浇筑完成' })).toBeFocused()
  // A report held for a look (需核实) is approved with a confirming comment.
  const confirming = review.getByLabel(/审核意见/)
  if (await confirming.count()) await confirming.fill('已核实照片与形象进度')
  await review.getByRole('button', { name: '审核通过' }).click()
  await expect(page.getByRole('status').filter({ hasText: '审核通过' })).toContainText('10月月报已审核通过')
  await signOut(page)

  // A leader's phone: the newest photo on the project page's first screen, loaded.
  await signIn(page, 'leader', '/')
  await page.goto(`/projects/${project.id}`)
  const strip = page.getByRole('group', { name: /最新形象进度照片/ })
  const newest = strip.getByRole('button').first()
  await expect(newest).toHaveAccessibleName('查看大图：主体结构施工至第三层（2024年10月）')
  const thumb = newest.locator('img')
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
  const box = await newest.boundingBox()
  expect(box).not.toBeNull()
  expect(box!.y).toBeGreaterThanOrEqual(0)
  expect(box!.y + box!.height).toBeLessThanOrEqual(844)
  await expect(strip.getByRole('link', { name: '全部照片（2 张）' })).toBeVisible()
  await appRunning(page)
  expect(await axeProblems(page)).toEqual([])
  expect(problems).toEqual([])
})
