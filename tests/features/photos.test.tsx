import { screen, waitFor, within } from '@testing-library/react'
import { testApi } from '../support/api'
import { addPhoto, cameraJpeg, heicBytes, photoFile, plainPng, restoreFormData, useNodeFormData } from '../support/photos'
import type { MeResponse } from '@/contract'
import type { Report, ReportList } from '@/contract/reports'
import { renderApp } from '../render'

/**
 * 形象进度照片 on the page (issue 28 §1, decision 82): the owner adds photos to the month's report while it is a
 * draft, each with its 图片说明; refusals are said beside the control; staff see them before deciding; the project
 * page shows the newest on its first screen and all of them by month; a viewer opens each large, by keyboard too.
 * The uploads go through the server's own route (sharp re-encodes them), with photos made in the test.
 */
const ownerUnit = async () => (await testApi.get<MeResponse>('/api/auth/me', 'owner')).user.ownerUnit!
async function ownProject() {
  const unit = await ownerUnit()
  return (await testApi.seededProjects()).find((r) => r.ownerUnit === unit && r.actualCompletionDate === null && r.annualPlanWan > 1000)!
}
const reportNow = async (projectId: string, month: string): Promise<Report | null> =>
  (await testApi.get<ReportList>(`/api/projects/${projectId}/reports`)).items.find((r) => r.month === month) ?? null

/** The owner opens October's form on the project's page; the photos' part of it. */
async function openOctober(projectId: string) {
  testApi.signInAs('owner')
  const page = renderApp(`/projects/${projectId}`)
  await page.user.selectOptions(await screen.findByRole('combobox', { name: '填报月份' }), '2024-10')
  await page.user.click(screen.getByRole('button', { name: '填报10月月报' }))
  const form = await screen.findByRole('form', { name: '2024年10月月报' })
  const photos = within(form).getByRole('group', { name: '形象进度照片' })
  return { ...page, form, photos }
}

beforeAll(useNodeFormData)
afterAll(restoreFormData)

describe('形象进度照片: the owner adds photos to the month’s report', () => {
  it('uploads a photo with its caption, sees it with its capture time, and the figures typed before stay and save', async () => {
    const project = await ownProject()
    const { user, form, photos } = await openOctober(project.id)
    expect(within(photos).getByText('已上传 0/9 张')).toBeInTheDocument()
    await user.type(within(form).getByLabelText('当月完成投资（万元）'), '300')

    await user.upload(within(photos).getByLabelText('选择照片'), photoFile(await cameraJpeg(), 'IMG_0001.JPG', 'image/jpeg'))
    expect(within(photos).getByLabelText('选择照片')).toHaveAccessibleDescription(/^已选：IMG_0001.JPG（\d+\.\d MB）$/)
    const caption = within(photos).getByLabelText('图片说明')
    await user.type(caption, '主体结构施工至第12层')
    expect(caption).toHaveAccessibleDescription(/已输入 11\/100 字/)
    await user.click(within(photos).getByRole('button', { name: '上传照片' }))

    expect(await within(photos).findByText('已上传 1/9 张')).toBeInTheDocument()
    const gallery = within(photos).getByRole('list', { name: '已上传的照片' })
    expect(within(gallery).getByRole('button', { name: '查看大图：主体结构施工至第12层' })).toBeInTheDocument()
    expect(within(gallery).getByText('拍摄于 2024年10月15日 10:20')).toBeInTheDocument()
    expect(within(gallery).queryByText('拍摄时间较早')).not.toBeInTheDocument()
    // The caption is cleared for the next photo; the figure typed in the report is where it was.
    expect(caption).toHaveValue('')
    expect(within(form).getByLabelText('当月完成投资（万元）')).toHaveValue('300')

    // The first upload started the month's draft: saving the figures goes on from it, without a conflict.
    await user.click(within(form).getByRole('button', { name: '保存草稿' }))
    expect(await screen.findByText(/10月月报已保存为草稿/)).toBeInTheDocument()
    const saved = await reportNow(project.id, '2024-10')
    expect(saved?.actualWan).toBe(300)
    expect(saved?.photos.map((p) => p.caption)).toEqual(['主体结构施工至第12层'])
  })

  it('says each refusal in Chinese beside the control and moves the focus to it; nothing typed is lost', async () => {
    const project = await ownProject()
    const { user, form, photos } = await openOctober(project.id)
    await user.type(within(form).getByLabelText('形象进度描述'), '主体施工')
    const file = within(photos).getByLabelText('选择照片')
    const caption = within(photos).getByLabelText('图片说明')
    const upload = within(photos).getByRole('button', { name: '上传照片' })

    // Nothing chosen, no caption: said before anything is sent.
    await user.click(upload)
    let alert = await within(photos).findByRole('alert')
    expect(alert).toHaveTextContent('请选择要上传的照片；请填写图片说明')
    await waitFor(() => expect(alert).toHaveFocus())
    expect(caption).toHaveAccessibleDescription(/请填写图片说明/)

    // A text file named .jpg: the server reads its content (415).
    await user.upload(file, photoFile(new TextEncoder().encode('not a photo at all'), 'site.jpg', 'image/jpeg'))
    await user.type(caption, '基坑开挖')
    await user.click(upload)
    await waitFor(() => expect(within(photos).getByRole('alert')).toHaveTextContent('该文件不是可识别的图片（按文件内容判断，与文件名无关），请上传 JPG、PNG 或 WebP 格式的照片'))
    alert = within(photos).getByRole('alert')
    await waitFor(() => expect(alert).toHaveFocus())
    // The caption typed stays for the next try.
    expect(caption).toHaveValue('基坑开挖')

    // An iPhone's HEIC photo: what to do instead.
    await user.upload(file, photoFile(heicBytes(), 'IMG_0002.jpg', 'image/jpeg'))
    await user.click(upload)
    await waitFor(() => expect(within(photos).getByRole('alert')).toHaveTextContent(/不支持 HEIC\/HEIF 格式的照片.*请将 HEIC 照片转为 JPG 后上传/))

    // Over 15 MB: refused before sending it over a phone's connection.
    await user.upload(file, photoFile(new Uint8Array(15 * 1024 * 1024 + 1), 'big.jpg', 'image/jpeg'))
    await user.click(upload)
    await waitFor(() => expect(within(photos).getByRole('alert')).toHaveTextContent('照片为 15.0 MB，超过 15 MB，请压缩后再上传'))

    expect(within(photos).getByText('已上传 0/9 张')).toBeInTheDocument()
    expect(within(form).getByLabelText('形象进度描述')).toHaveValue('主体施工')
    expect(await reportNow(project.id, '2024-10')).toBeNull()
  })

  it('refuses a tenth photo added meanwhile (422), and disables the upload at nine', async () => {
    const project = await ownProject()
    const png = await plainPng(40, 30)
    for (let i = 1; i <= 8; i++) await addPhoto(project.id, '2024-10', png, `第${i}张`)
    const { user, photos } = await openOctober(project.id)
    expect(within(photos).getByText('已上传 8/9 张')).toBeInTheDocument()
    // Another member of the unit adds the ninth from their phone.
    await addPhoto(project.id, '2024-10', png, '第9张')
    await user.upload(within(photos).getByLabelText('选择照片'), photoFile(png, 'ten.png', 'image/png'))
    await user.type(within(photos).getByLabelText('图片说明'), '第10张')
    await user.click(within(photos).getByRole('button', { name: '上传照片' }))
    await waitFor(() => expect(within(photos).getByRole('alert')).toHaveTextContent('每份月报最多 9 张照片，请先删除不需要的照片再上传'))
    // The page reads the report again: nine, and no more can be chosen.
    expect(await within(photos).findByText('已上传 9/9 张')).toBeInTheDocument()
    expect(within(photos).getByLabelText('选择照片')).toBeDisabled()
    expect(within(photos).getByRole('button', { name: '上传照片' })).toBeDisabled()
    expect(within(photos).getByText('已达每份月报 9 张的上限，如需更换请先删除一张。')).toBeInTheDocument()

  })

  it('says so when the report was submitted meanwhile (409), and keeps the photos as they are', async () => {
    const project = await ownProject()
    await addPhoto(project.id, '2024-10', await plainPng(40, 30), '场地平整')
    const { user, photos } = await openOctober(project.id)
    // Another member of the unit fills in and submits the month from another screen.
    const draft = (await reportNow(project.id, '2024-10'))!
    const fields = { actualWan: 100, progressPercent: 60, progressText: '主体施工', milestonesReached: [], problems: '', coordination: '', nextMonthPlan: '', progressDropReason: null, confirmOverrun: false, forecastYearWan: project.annualPlanWan, forecastCompletionDate: '2025-06-30', confidence: 'high', confidenceReason: null }
    const saved = await testApi.send(`/api/projects/${project.id}/reports/2024-10`, { method: 'PUT', body: { version: draft.version, ...fields } }, 'owner')
    expect(saved.status).toBe(200)
    const submitted = await testApi.send(`/api/projects/${project.id}/reports/2024-10/submit`, { method: 'POST', body: { version: (saved.body as Report).version } }, 'owner')
    expect(submitted.status).toBe(200)

    await user.upload(within(photos).getByLabelText('选择照片'), photoFile(await plainPng(40, 30), 'more.png', 'image/png'))
    await user.type(within(photos).getByLabelText('图片说明'), '钢筋绑扎')
    await user.click(within(photos).getByRole('button', { name: '上传照片' }))
    await waitFor(() => expect(within(photos).getByRole('alert')).toHaveTextContent('该月月报已提交，正在审核，照片不能再添加（如需修改，请联系发改委退回）'))
    // The page has read the report again: its photo is there, and no more can be added or deleted.
    expect(await within(photos).findByText('月报已提交，照片不能再修改。')).toBeInTheDocument()
    expect(within(photos).getByRole('button', { name: '查看大图：场地平整' })).toBeInTheDocument()
    expect(within(photos).getByLabelText('选择照片')).toBeDisabled()
    expect(within(photos).queryByRole('button', { name: /删除照片/ })).not.toBeInTheDocument()
  })

  it('deletes a photo after a confirmation', async () => {
    const project = await ownProject()
    await addPhoto(project.id, '2024-10', await cameraJpeg({ width: 64, height: 48 }), '围挡施工')
    await addPhoto(project.id, '2024-10', await cameraJpeg({ width: 64, height: 48 }), '塔吊安装')
    const { user, photos } = await openOctober(project.id)
    expect(within(photos).getByText('已上传 2/9 张')).toBeInTheDocument()
    await user.click(within(photos).getByRole('button', { name: '删除照片：围挡施工' }))
    const confirm = within(photos).getByRole('group', { name: '确认删除照片：围挡施工' })
    // 不删除 keeps it.
    await user.click(within(confirm).getByRole('button', { name: '不删除' }))
    expect(within(photos).getByText('已上传 2/9 张')).toBeInTheDocument()
    await user.click(within(photos).getByRole('button', { name: '删除照片：围挡施工' }))
    await user.click(within(within(photos).getByRole('group', { name: '确认删除照片：围挡施工' })).getByRole('button', { name: '确认删除' }))
    expect(await within(photos).findByText('已上传 1/9 张')).toBeInTheDocument()
    expect(within(photos).getByRole('status')).toHaveTextContent('已删除照片：围挡施工')
    expect(within(photos).queryByRole('button', { name: '查看大图：围挡施工' })).not.toBeInTheDocument()
    expect((await reportNow(project.id, '2024-10'))!.photos.map((p) => p.caption)).toEqual(['塔吊安装'])
  })
})

/** October's report of the project, filled in and submitted by the owner through the API, with these photos. */
async function submittedWithPhotos(projectId: string, photos: { caption: string; taken: string }[]) {
  const project = (await testApi.seededProjects()).find((r) => r.id === projectId)!
  for (const p of photos) await addPhoto(projectId, '2024-10', await cameraJpeg({ width: 64, height: 48, taken: p.taken }), p.caption)
  const draft = (await reportNow(projectId, '2024-10'))!
  const fields = { actualWan: 100, progressPercent: 60, progressText: '主体施工', milestonesReached: [], problems: '', coordination: '', nextMonthPlan: '', progressDropReason: null, confirmOverrun: false, forecastYearWan: project.annualPlanWan, forecastCompletionDate: '2025-06-30', confidence: 'high', confidenceReason: null }
  const saved = await testApi.send(`/api/projects/${projectId}/reports/2024-10`, { method: 'PUT', body: { version: draft.version, ...fields } }, 'owner')
  const submitted = await testApi.send(`/api/projects/${projectId}/reports/2024-10/submit`, { method: 'POST', body: { version: (saved.body as Report).version } }, 'owner')
  if (submitted.status !== 200) throw new Error(`submitting: ${submitted.status} ${JSON.stringify(submitted.body)}`)
}

describe('形象进度照片: staff see them before deciding', () => {
  it('shows the photos in the review, with 拍摄时间较早 in words, before the decision', async () => {
    const project = await ownProject()
    await submittedWithPhotos(project.id, [
      { caption: '主体结构封顶', taken: '2024:10:20 09:00:00' },
      { caption: '旧照片：基坑', taken: '2024:08:01 09:00:00' },
    ])
    const { user } = renderApp(`/projects/${project.id}`)
    const table = await screen.findByRole('table', { name: '各月月报' })
    await user.click(within(within(table).getByRole('rowheader', { name: '10月' }).closest('tr')!).getByRole('button', { name: '审核10月' }))
    const panel = await screen.findByRole('region', { name: '审核10月月报' })
    const photos = within(panel).getByRole('list', { name: '形象进度照片（2 张）' })
    const items = within(photos).getAllByRole('listitem')
    expect(within(items[0]!).getByRole('button', { name: '查看大图：主体结构封顶' })).toBeInTheDocument()
    expect(items[0]).toHaveTextContent('拍摄于 2024年10月20日 09:00')
    expect(items[0]).not.toHaveTextContent('拍摄时间较早')
    expect(items[1]).toHaveTextContent('旧照片：基坑')
    expect(items[1]).toHaveTextContent('拍摄时间较早')
    // Before the decision's buttons.
    expect(within(panel).getByRole('button', { name: '审核通过' })).toBeInTheDocument()
  })

  it('shows each report’s photos in the month’s queue, where reports are approved in a batch', async () => {
    const project = await ownProject()
    await submittedWithPhotos(project.id, [
      { caption: '主体结构封顶', taken: '2024:10:20 09:00:00' },
      { caption: '旧照片：基坑', taken: '2024:08:01 09:00:00' },
    ])
    renderApp('/reports?month=2024-10')
    const photos = await screen.findByRole('list', { name: `${project.name}的形象进度照片（2 张）` })
    expect(within(photos).getByRole('button', { name: /^查看大图：主体结构封顶/ })).toBeInTheDocument()
    expect(photos.closest('td')).toHaveTextContent('1 张拍摄时间较早')
  })
})

describe('形象进度照片 on the project page', () => {
  it('shows the newest photos on the first screen and every photo by month, a draft’s marked 未审核', async () => {
    const project = await ownProject()
    await submittedWithPhotos(project.id, [
      { caption: '一号楼封顶', taken: '2024:10:20 09:00:00' },
      { caption: '二号楼主体', taken: '2024:10:21 09:00:00' },
    ])
    testApi.signInAs('leader')
    renderApp(`/projects/${project.id}`)
    const strip = await screen.findByRole('group', { name: /最新形象进度照片/ })
    expect(within(strip).getByRole('heading', { name: '最新形象进度照片（2024年10月）' })).toBeInTheDocument()
    expect(within(strip).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
      '查看大图：二号楼主体（2024年10月，未审核）',
      '查看大图：一号楼封顶（2024年10月，未审核）',
    ])
    expect(within(strip).getByRole('link', { name: '全部照片（2 张）' })).toHaveAttribute('href', '#photos')
    // The strip comes before the 进度判断.
    const judgement = screen.getByRole('heading', { name: '进度判断' })
    expect(strip.compareDocumentPosition(judgement) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()

    const timeline = await screen.findByRole('region', { name: '形象进度照片' })
    const october = within(timeline).getByRole('heading', { name: /2024年10月/ })
    expect(october).toHaveTextContent('未审核（月报待审核）')
    const list = within(timeline).getByRole('list', { name: '2024年10月的照片' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(2)
    expect(list).toHaveTextContent('拍摄于 2024年10月21日 09:00')
  })

  it('says in one line that a project has no photos', async () => {
    const project = await ownProject()
    renderApp(`/projects/${project.id}`)
    expect(await screen.findByText('暂无形象进度照片。')).toBeInTheDocument()
    expect(await screen.findByText('本项目尚无形象进度照片。')).toBeInTheDocument()
    expect(screen.queryByRole('group', { name: /最新形象进度照片/ })).not.toBeInTheDocument()
  })
})

describe('the photo viewer', () => {
  it('opens large with the caption as its text, goes round by buttons and arrow keys, keeps Tab inside, and Escape returns to the thumbnail', async () => {
    const project = await ownProject()
    const png = await plainPng(80, 60)
    await addPhoto(project.id, '2024-10', png, '第一张：围挡')
    await addPhoto(project.id, '2024-10', png, '第二张：基坑')
    await addPhoto(project.id, '2024-10', png, '第三张：桩基')
    const { user } = renderApp(`/projects/${project.id}`)
    const timeline = await screen.findByRole('region', { name: '形象进度照片' })
    const thumb = await within(timeline).findByRole('button', { name: '查看大图：第二张：基坑' })
    await user.click(thumb)

    const viewer = screen.getByRole('dialog', { name: '2024年10月月报照片（第 2 张，共 3 张）' })
    // Drawn on the page's body, not inside the card of thumbnails (whose content-visibility would clip it).
    expect(viewer.closest('section')).toBeNull()
    const image = within(viewer).getByRole('img', { name: '第二张：基坑' })
    expect(image).toHaveAttribute('width', '80')
    expect(image).toHaveAttribute('height', '60')
    expect(viewer).toHaveAccessibleDescription(/第二张：基坑.*无拍摄时间 · 2024年10月月报.*未审核/)
    expect(within(viewer).getByRole('button', { name: '关闭大图' })).toHaveFocus()

    // The timeline is newest first: the next photo is the one uploaded before, and after the last comes the first.
    await user.keyboard('{ArrowRight}')
    expect(within(viewer).getByRole('img', { name: '第一张：围挡' })).toBeInTheDocument()
    await user.keyboard('{ArrowRight}')
    expect(screen.getByRole('dialog', { name: '2024年10月月报照片（第 1 张，共 3 张）' })).toBeInTheDocument()
    expect(within(viewer).getByRole('img', { name: '第三张：桩基' })).toBeInTheDocument()
    await user.keyboard('{ArrowLeft}')
    expect(within(viewer).getByRole('img', { name: '第一张：围挡' })).toBeInTheDocument()
    await user.click(within(viewer).getByRole('button', { name: /上一张/ }))
    expect(within(viewer).getByRole('img', { name: '第二张：基坑' })).toBeInTheDocument()

    // Tab goes round the viewer's buttons: 关闭, 上一张, 下一张, and back to 关闭.
    within(viewer).getByRole('button', { name: '关闭大图' }).focus()
    await user.tab()
    expect(within(viewer).getByRole('button', { name: /上一张/ })).toHaveFocus()
    await user.tab()
    expect(within(viewer).getByRole('button', { name: /下一张/ })).toHaveFocus()
    await user.tab()
    expect(within(viewer).getByRole('button', { name: '关闭大图' })).toHaveFocus()
    await user.tab({ shift: true })
    expect(within(viewer).getByRole('button', { name: /下一张/ })).toHaveFocus()

    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    await waitFor(() => expect(thumb).toHaveFocus())
  })
})
