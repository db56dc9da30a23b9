import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProjectPhotoListSchema, ReportPhotoSchema, type ReportPhoto } from '@/contract/photos'
import { ReportListSchema, ReportQueueSchema } from '@/contract/reports'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { openLocalFileStore } from '../../server/files/local-store'
import { bytesOfResponse, cameraJpeg, filesUnder, plainPng, uploadPhoto } from './photo-support'
import { expectApiError, ownerOfUnit, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

/**
 * 形象进度照片 (issue 28 §1, §3; decision 81), in the embedded store (DATA_DIR/files): an owner unit photographs its
 * project's month; what is served is re-encoded without EXIF; what is not a JPEG, PNG or WebP is refused by its
 * content; nine photos at most; only while the report is a draft or returned; only to readers of the project.
 */

const NOW = () => new Date('2024-11-20T02:00:00Z')

let database: Database
let dataDir: string
let filesRoot: string
let app: ReturnType<typeof createApp>
let owner: Client
let otherOwner: Client
let staff: Client
let leader: Client
let ownerOwn: Client
let ownProjects: string[]
let foreignProject: string

const countPhotos = async (projectId?: string) =>
  Number((await database.rows<{ n: number }>(projectId ? sql`select count(*)::int as n from report_photos where project_id = ${projectId}` : sql`select count(*)::int as n from report_photos`))[0]!.n)

beforeAll(async () => {
  database = await seededMemoryDatabase()
  dataDir = mkdtempSync(join(tmpdir(), 'nanan-photos-'))
  const files = await openLocalFileStore(dataDir)
  filesRoot = files.root
  app = createApp({ database, logger: silentLogger(), now: NOW, files })
  const ownApp = createApp({ database, logger: silentLogger(), now: NOW, files, ownerSees: 'own' })
  owner = await signedIn(app, 'owner')
  staff = await signedIn(app, 'staff')
  leader = await signedIn(app, 'leader')
  ownerOwn = await signedIn(ownApp, 'owner')
  const [unit] = await database.rows<{ owner_unit: string }>(sql`select owner_unit from accounts where username = 'owner'`)
  const own = await database.rows<{ id: string }>(sql`
    select p.id from projects p join project_years y on y.project_id = p.id and y.year = 2024
    where p.owner_unit = ${unit!.owner_unit} and p.retired_at is null and p.actual_completion_date is null order by p.id limit 6`)
  ownProjects = own.map((r) => r.id)
  const [foreign] = await database.rows<{ id: string; owner_unit: string }>(sql`
    select p.id, p.owner_unit from projects p join project_years y on y.project_id = p.id and y.year = 2024
    where p.owner_unit <> ${unit!.owner_unit} and p.retired_at is null order by p.id limit 1`)
  foreignProject = foreign!.id
  // An owner account of the foreign project's unit.
  otherOwner = await ownerOfUnit(app, foreign!.owner_unit)
}, 60_000)
afterAll(async () => {
  await database?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('an owner unit photographs its project’s month', () => {
  let photo: ReportPhoto

  it('uploads a phone’s JPEG with a caption: 201 with the re-encoded size, the capture time and both URLs; the month’s draft is started', async () => {
    const projectId = ownProjects[0]!
    expect((await database.rows(sql`select 1 from monthly_reports where project_id = ${projectId} and year = 2024 and month = 10`)).length).toBe(0)
    const response = await uploadPhoto(owner, projectId, '2024-10', await cameraJpeg(), '  主体结构施工至第12层  ', { name: 'IMG_0001.JPG' })
    expect(response.status, await response.clone().text()).toBe(201)
    photo = ReportPhotoSchema.parse(await response.json())
    expect(photo).toMatchObject({
      caption: '主体结构施工至第12层',
      // 2024:10:15 10:20:30 at +08:00.
      takenAt: '2024-10-15T02:20:30.000Z',
      takenEarly: false,
      width: 1600,
      height: 1200,
      url: `/api/files/photos/${photo.id}`,
      thumbUrl: `/api/files/photos/${photo.id}/thumb`,
    })
    const { items } = ReportListSchema.parse(await (await owner.request(`/api/projects/${projectId}/reports`)).json())
    const october = items.find((r) => r.month === '2024-10')!
    expect(october).toMatchObject({ status: 'draft', version: 1, actualWan: null })
    expect(october.photos).toEqual([photo])
    // Two files in DATA_DIR/files (display and thumbnail), each under ab/cdef… of its SHA-256; nothing temporary.
    expect(filesUnder(filesRoot)).toHaveLength(2)
    for (const path of filesUnder(filesRoot)) expect(path).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{62}$/)
    const [audit] = await database.rows<{ action: string; month: string; changes: { after: { caption: string; file: string } }[] }>(sql`select action, month, changes from audit_log where target = ${projectId} order by id desc limit 1`)
    expect(audit).toMatchObject({ action: 'report.photo-add', month: '2024-10' })
    expect(audit!.changes[0]!.after).toMatchObject({ caption: '主体结构施工至第12层' })
    expect(filesUnder(filesRoot).map((p) => p.replace('/', ''))).toContain(audit!.changes[0]!.after.file)
  })

  it('leaves the district’s cached answers alone (a draft’s photo changes no figure), while the project’s readers see the photo at once', async () => {
    const projectId = ownProjects[1]!
    const summaryTag = async () => (await leader.request('/api/summary')).headers.get('etag')
    const before = await summaryTag()
    expect(before).toBeTruthy()
    const response = await uploadPhoto(owner, projectId, '2024-10', await cameraJpeg({ width: 800, height: 600 }), '场地平整')
    expect(response.status).toBe(201)
    const added = ReportPhotoSchema.parse(await response.json())
    // The same cached summary (its ETag names the data version) …
    expect(await summaryTag()).toBe(before)
    // … and the photo in the project's timeline for a leader, and in its reports for the staff, straight away.
    const timeline = ProjectPhotoListSchema.parse(await (await leader.request(`/api/projects/${projectId}/photos`)).json())
    expect(timeline.items.map((p) => p.id)).toContain(added.id)
    const { items } = ReportListSchema.parse(await (await staff.request(`/api/projects/${projectId}/reports`)).json())
    expect(items.find((r) => r.month === '2024-10')!.photos.map((p) => p.id)).toEqual([added.id])
    expect((await owner.request(`/api/projects/${projectId}/reports/2024-10/photos/${added.id}`, { method: 'DELETE' })).status).toBe(204)
    expect(await summaryTag()).toBe(before)
    expect(ProjectPhotoListSchema.parse(await (await leader.request(`/api/projects/${projectId}/photos`)).json()).items.map((p) => p.id)).not.toContain(added.id)
  })

  it('serves the display copy and the thumbnail without EXIF, at 1600 and 320 px, as JPEG, privately cached, nosniff, inline', async () => {
    for (const [url, width, height] of [[photo.url, 1600, 1200], [photo.thumbUrl, 320, 240]] as const) {
      const response = await leader.request(url)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/jpeg')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="P\d+-2024-10-[0-9a-f]{8}(-thumb)?\.jpg"/)
      expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
      expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/)
      const meta = await sharp(await bytesOfResponse(response)).metadata()
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'jpeg', width, height })
      // No EXIF at all: no capture time, no GPS position, no camera.
      expect(meta.exif).toBeUndefined()
      expect(meta.icc).toBeUndefined()
    }
  })

  it('answers a range of a file (206), a repeat with its ETag (304), and a range past the end (416)', async () => {
    const whole = await bytesOfResponse(await leader.request(photo.url))
    const part = await leader.request(photo.url, { headers: { Range: 'bytes=0-99' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${whole.byteLength}`)
    expect(await bytesOfResponse(part)).toEqual(whole.subarray(0, 100))
    const tail = await leader.request(photo.url, { headers: { Range: 'bytes=-10' } })
    expect(await bytesOfResponse(tail)).toEqual(whole.subarray(whole.byteLength - 10))
    const etag = (await leader.request(photo.url)).headers.get('etag')!
    expect((await leader.request(photo.url, { headers: { 'If-None-Match': etag } })).status).toBe(304)
    const past = await leader.request(photo.url, { headers: { Range: `bytes=${whole.byteLength}-` } })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe(`bytes */${whole.byteLength}`)
  })

  it('turns a photo upright by its EXIF orientation (a phone held upright writes landscape pixels, orientation 6)', async () => {
    const sideways = new Uint8Array(await sharp({ create: { width: 400, height: 200, channels: 3, background: '#884422' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer())
    const upright = ReportPhotoSchema.parse(await (await uploadPhoto(owner, ownProjects[0]!, '2024-10', sideways, '竖拍')).json())
    expect([upright.width, upright.height]).toEqual([200, 400])
    const meta = await sharp(await bytesOfResponse(await leader.request(upright.url))).metadata()
    expect({ width: meta.width, height: meta.height, orientation: meta.orientation }).toEqual({ width: 200, height: 400, orientation: undefined })
    // Not one of this report's photos for the checks below.
    expect((await owner.request(`/api/projects/${ownProjects[0]}/reports/2024-10/photos/${upright.id}`, { method: 'DELETE' })).status).toBe(204)
  })

  it('marks a photo taken more than 45 days before the month began 拍摄时间较早 (16 August for October; 17 August is not)', async () => {
    const projectId = ownProjects[0]!
    const early = ReportPhotoSchema.parse(await (await uploadPhoto(owner, projectId, '2024-10', await cameraJpeg({ width: 800, height: 600, taken: '2024:08:16 23:00:00' }), '基坑开挖（旧照）')).json())
    const timely = ReportPhotoSchema.parse(await (await uploadPhoto(owner, projectId, '2024-10', await cameraJpeg({ width: 800, height: 600, taken: '2024:08:17 00:10:00' }), '基坑开挖')).json())
    // Without an offset the camera's clock is taken as China time.
    const noOffset = ReportPhotoSchema.parse(await (await uploadPhoto(owner, projectId, '2024-10', await cameraJpeg({ width: 800, height: 600, taken: '2024:10:01 08:00:00', offset: null }), '围挡')).json())
    expect([early.takenEarly, timely.takenEarly, noOffset.takenEarly]).toEqual([true, false, false])
    expect(noOffset.takenAt).toBe('2024-10-01T00:00:00.000Z')
    // A PNG without EXIF: no capture time, not marked; its transparency laid on white in a JPEG.
    const png = ReportPhotoSchema.parse(await (await uploadPhoto(owner, projectId, '2024-10', await plainPng(), '效果图', { name: 'plan.png', type: 'image/png' })).json())
    expect(png).toMatchObject({ takenAt: null, takenEarly: false, width: 500, height: 400 })
    expect((await sharp(await bytesOfResponse(await leader.request(png.url))).metadata()).format).toBe('jpeg')
  })

  it('lists the project’s photos newest first (by month, then the latest upload) for any reader, with each report’s state', async () => {
    const projectId = ownProjects[0]!
    // A September photo too: that month's report returned for it (and the month not yet published, as the demo's is).
    await database.rows(sql`delete from month_publications where year = 2024 and month = 9`)
    await database.rows(sql`update monthly_reports set status = 'returned' where project_id = ${projectId} and year = 2024 and month = 9`)
    const september = ReportPhotoSchema.parse(await (await uploadPhoto(owner, projectId, '2024-09', await cameraJpeg({ width: 640, height: 480, taken: '2024:09:20 09:00:00' }), '九月进度')).json())
    const { items } = ProjectPhotoListSchema.parse(await (await leader.request(`/api/projects/${projectId}/photos`)).json())
    expect(items.map((p) => [p.month, p.caption])).toEqual([
      ['2024-10', '效果图'],
      ['2024-10', '围挡'],
      ['2024-10', '基坑开挖'],
      ['2024-10', '基坑开挖（旧照）'],
      ['2024-10', '主体结构施工至第12层'],
      ['2024-09', '九月进度'],
    ])
    expect(items[0]!.reportStatus).toBe('draft')
    expect(items.at(-1)).toMatchObject({ id: september.id, reportStatus: 'returned' })
    // The report list gives each report its own photos, in upload order.
    const reports = ReportListSchema.parse(await (await leader.request(`/api/projects/${projectId}/reports`)).json()).items
    expect(reports.find((r) => r.month === '2024-10')!.photos.map((p) => p.caption)).toEqual(['主体结构施工至第12层', '基坑开挖（旧照）', '基坑开挖', '围挡', '效果图'])
    // So does the month's queue the staff review from.
    const queue = ReportQueueSchema.parse(await (await staff.request('/api/reports?month=2024-10')).json())
    expect(queue.items.find((i) => i.projectId === projectId)!.photos).toHaveLength(5)
  })
})

describe('what is refused', () => {
  it('refuses by content, not by name: a text file named .jpg, an iPhone’s HEIC, a GIF (415, saying what to send); nothing stored', async () => {
    const projectId = ownProjects[1]!
    const before = filesUnder(filesRoot)
    const text = new TextEncoder().encode('这不是照片，只是一个改了扩展名的文本文件。'.repeat(10))
    const heic = new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0, ...new TextEncoder().encode('mif1heic'), ...new Uint8Array(200)])
    const gif = new Uint8Array(await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer())
    for (const [bytes, name, words] of [[text, 'site.jpg', /不是可识别的图片.*JPG、PNG 或 WebP/], [heic, 'IMG_1234.HEIC', /HEIC.*转为 JPG/], [gif, 'anim.gif', /GIF.*JPG、PNG 或 WebP/]] as const) {
      const response = await uploadPhoto(owner, projectId, '2024-10', bytes, '说明', { name, type: 'image/jpeg' })
      expect(response.status, name).toBe(415)
      expect(expectApiError(await response.json(), name)?.message).toMatch(words)
    }
    expect(filesUnder(filesRoot)).toEqual(before)
    expect(await countPhotos(projectId)).toBe(0)
  })

  it('refuses a photo over 15 MB while reading it (413, in Chinese), declared or not', async () => {
    const projectId = ownProjects[1]!
    const big = new Uint8Array(15 * 1024 * 1024 + 1)
    big.set([0xff, 0xd8, 0xff, 0xe0])
    const response = await uploadPhoto(owner, projectId, '2024-10', big, '大图')
    expect(response.status).toBe(413)
    expect(expectApiError(await response.json(), 'too large')?.message).toMatch(/照片超过 15 MB/)
    const declared = await owner.request(`/api/projects/${projectId}/reports/2024-10/photos`, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(40 * 1024 * 1024) }, body: 'x' })
    expect(declared.status).toBe(413)
    expect(await countPhotos(projectId)).toBe(0)
  })

  it('requires a caption of 1–100 characters after trimming, and one file in the field named file', async () => {
    const projectId = ownProjects[1]!
    const small = await cameraJpeg({ width: 200, height: 150 })
    for (const [caption, message] of [[null, '请填写图片说明'], ['   ', '请填写图片说明'], ['字'.repeat(101), '图片说明最长 100 个字'], ['第一行\n第二行', '图片说明含有不允许的控制字符（请写在一行内）']] as const) {
      const response = await uploadPhoto(owner, projectId, '2024-10', small, caption)
      expect(response.status, String(caption)).toBe(400)
      expect(expectApiError(await response.json(), String(caption))?.fields?.caption).toBe(message)
    }
    const json = await owner.request(`/api/projects/${projectId}/reports/2024-10/photos`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(json.status).toBe(415)
    const noFile = new FormData()
    noFile.append('caption', '只有说明')
    expect((await owner.request(`/api/projects/${projectId}/reports/2024-10/photos`, { method: 'POST', body: noFile })).status).toBe(400)
    expect(await countPhotos(projectId)).toBe(0)
    const exact = await uploadPhoto(owner, projectId, '2024-10', small, ` ${'字'.repeat(100)} `)
    expect(exact.status).toBe(201)
  })

  it('takes nine photos per report and refuses the tenth (422)', async () => {
    const projectId = ownProjects[2]!
    const small = await cameraJpeg({ width: 160, height: 120 })
    for (let i = 1; i <= 9; i++) expect((await uploadPhoto(owner, projectId, '2024-10', small, `第${i}张`)).status).toBe(201)
    const tenth = await uploadPhoto(owner, projectId, '2024-10', small, '第10张')
    expect(tenth.status).toBe(422)
    expect(expectApiError(await tenth.json(), 'tenth')).toMatchObject({ code: 'too_many_photos', message: '每份月报最多 9 张照片，请先删除不需要的照片再上传' })
    expect(await countPhotos(projectId)).toBe(9)
  })

  it('lets only the project’s own owner unit write (staff, leader: 403 by role; another unit: 403 per record); nobody signed in: 401', async () => {
    const small = await cameraJpeg({ width: 160, height: 120 })
    for (const [who, client] of [['staff', staff], ['leader', leader]] as const) {
      expect((await uploadPhoto(client, ownProjects[1]!, '2024-10', small, '说明')).status, who).toBe(403)
    }
    const foreign = await uploadPhoto(owner, foreignProject, '2024-10', small, '说明')
    expect(foreign.status).toBe(403)
    expect(expectApiError(await foreign.json(), 'foreign')?.message).toBe('该项目不属于本单位，不能填报')
    const anonymous = await app.request(`/api/projects/${ownProjects[1]}/reports/2024-10/photos`, { method: 'POST', headers: { Origin: 'http://localhost' }, body: new FormData() })
    expect(anonymous.status).toBe(401)
    expect(await countPhotos(foreignProject)).toBe(0)
  })

  it('serves files only to readers of the project: another unit under OWNER_SEES=own gets 403, the admin 403, nobody 401, an unknown photo 404', async () => {
    const [photo] = ReportListSchema.parse(await (await owner.request(`/api/projects/${ownProjects[0]}/reports`)).json()).items.find((r) => r.month === '2024-10')!.photos
    // The other unit's own photo, for the own-scope check the other way round.
    await database.rows(sql`update monthly_reports set status = 'draft' where project_id = ${foreignProject} and year = 2024 and month = 10`)
    const theirs = await uploadPhoto(otherOwner, foreignProject, '2024-10', await cameraJpeg({ width: 160, height: 120 }), '他单位照片')
    expect(theirs.status, await theirs.clone().text()).toBe(201)
    const their = ReportPhotoSchema.parse(await theirs.json())
    expect((await ownerOwn.request(photo!.url)).status).toBe(200)
    expect((await ownerOwn.request(their.url)).status).toBe(403)
    expect((await ownerOwn.request(their.thumbUrl)).status).toBe(403)
    expect((await ownerOwn.request(`/api/projects/${foreignProject}/photos`)).status).toBe(403)
    // With OWNER_SEES=all an owner unit reads every project, as it reads every project's reports.
    expect((await owner.request(their.url)).status).toBe(200)
    const admin = await signedIn(app, 'admin')
    expect((await admin.request(photo!.url)).status).toBe(403)
    expect((await app.request(photo!.url)).status).toBe(401)
    expect((await leader.request('/api/files/photos/00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await leader.request('/api/files/photos/not-a-uuid')).status).toBe(400)
  })
})

describe('when the photos can no longer change', () => {
  it('refuses adding to or deleting from a submitted or approved report (409); a returned one takes them again', async () => {
    const projectId = ownProjects[3]!
    const first = ReportPhotoSchema.parse(await (await uploadPhoto(owner, projectId, '2024-10', await cameraJpeg({ width: 160, height: 120 }), '第一张')).json())
    for (const status of ['submitted', 'approved'] as const) {
      await database.rows(sql`update monthly_reports set status = ${status}, actual_wan = 100 where project_id = ${projectId} and year = 2024 and month = 10`)
      const added = await uploadPhoto(owner, projectId, '2024-10', await cameraJpeg({ width: 160, height: 120 }), '又一张')
      expect(added.status, status).toBe(409)
      expect(expectApiError(await added.json(), status)?.message).toMatch(status === 'approved' ? /已审核通过，照片不能再添加/ : /已提交，正在审核，照片不能再添加/)
      const deleted = await owner.request(`/api/projects/${projectId}/reports/2024-10/photos/${first.id}`, { method: 'DELETE' })
      expect(deleted.status, status).toBe(409)
    }
    expect(await countPhotos(projectId)).toBe(1)
    await database.rows(sql`update monthly_reports set status = 'returned' where project_id = ${projectId} and year = 2024 and month = 10`)
    expect((await uploadPhoto(owner, projectId, '2024-10', await cameraJpeg({ width: 160, height: 120 }), '补拍')).status).toBe(201)
  })

  it('refuses a photo for a published month (409 month_published) and for a month not yet begun (422)', async () => {
    const projectId = ownProjects[4]!
    await database.rows(sql`insert into monthly_reports (project_id, year, month, status, version) values (${projectId}, 2024, 8, 'draft', 1) on conflict (project_id, year, month) do update set status = 'draft'`)
    await database.rows(sql`insert into month_publications (year, month, published_at) values (2024, 8, now()) on conflict do nothing`)
    const published = await uploadPhoto(owner, projectId, '2024-08', await cameraJpeg({ width: 160, height: 120 }), '八月')
    expect(published.status).toBe(409)
    expect(expectApiError(await published.json(), 'published')?.code).toBe('month_published')
    const future = await uploadPhoto(owner, projectId, '2024-12', await cameraJpeg({ width: 160, height: 120 }), '十二月')
    expect(future.status).toBe(422)
    expect(await countPhotos(projectId)).toBe(0)
  })

  it('deletes a draft’s photo (204, audited): gone from the report and its URLs, its files kept on disk', async () => {
    const projectId = ownProjects[0]!
    const [photo] = ReportListSchema.parse(await (await owner.request(`/api/projects/${projectId}/reports`)).json()).items.find((r) => r.month === '2024-10')!.photos
    const filesBefore = filesUnder(filesRoot)
    const response = await owner.request(`/api/projects/${projectId}/reports/2024-10/photos/${photo!.id}`, { method: 'DELETE' })
    expect(response.status).toBe(204)
    const october = ReportListSchema.parse(await (await owner.request(`/api/projects/${projectId}/reports`)).json()).items.find((r) => r.month === '2024-10')!
    expect(october.photos.map((p) => p.id)).not.toContain(photo!.id)
    expect((await leader.request(photo!.url)).status).toBe(404)
    expect(filesUnder(filesRoot)).toEqual(filesBefore)
    const [audit] = await database.rows<{ action: string; changes: { before: { id: string } }[] }>(sql`select action, changes from audit_log where target = ${projectId} order by id desc limit 1`)
    expect(audit).toMatchObject({ action: 'report.photo-delete' })
    expect(audit!.changes[0]!.before.id).toBe(photo!.id)
    // Again: it is no longer there.
    expect((await owner.request(`/api/projects/${projectId}/reports/2024-10/photos/${photo!.id}`, { method: 'DELETE' })).status).toBe(404)
    // Another unit cannot delete it either (403), whatever its id.
    const [other] = october.photos
    expect((await otherOwner.request(`/api/projects/${projectId}/reports/2024-10/photos/${other!.id}`, { method: 'DELETE' })).status).toBe(403)
  })
})

describe('a write interrupted mid-stream', () => {
  it('leaves no file in DATA_DIR/files, no temporary file and no row', async () => {
    const projectId = ownProjects[5]!
    const before = filesUnder(filesRoot)
    const photo = await cameraJpeg({ width: 1200, height: 900 })
    const boundary = '----nanan-abort'
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n中断\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head)
        else if (sent === 1) controller.enqueue(photo.subarray(0, photo.byteLength / 2))
        // The client goes away half-way through the file.
        else controller.error(new Error('connection reset by the client'))
        sent++
      },
    })
    const response = await owner.request(`/api/projects/${projectId}/reports/2024-10/photos`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(400)
    expect(filesUnder(filesRoot)).toEqual(before)
    expect(filesUnder(filesRoot).some((p) => p.includes('.tmp-'))).toBe(false)
    expect(await countPhotos(projectId)).toBe(0)
    expect((await database.rows(sql`select 1 from monthly_reports where project_id = ${projectId} and year = 2024 and month = 10`)).length).toBe(0)
  })
})
