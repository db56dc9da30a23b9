import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApprovalListSchema, ApprovalSchema, type Approval } from '@/contract/approvals'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { dataVersion } from '../../server/db/write'
import { openLocalFileStore } from '../../server/files/local-store'
import type { FileStore } from '../../server/files/store'
import { samplePdf, uploadApprovalFile } from './approval-support'
import { bytesOfResponse, filesUnder } from './photo-support'
import { expectApiError, ownerOfUnit, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

/**
 * 前期手续的批复文件 (issue 28 §2, decision 83): the staff and the project's own owner unit attach an approval's PDF
 * (recognised by its content, at most 20 MB, on the version seen), replace it (the old file kept) or remove the
 * reference; every reader of the project — and only they — reads it, by ranges too, under 项目编号-手续名.pdf.
 */

const NOW = () => new Date('2024-11-20T02:00:00Z')

let database: Database
let dataDir: string
let files: FileStore & { root: string }
let app: ReturnType<typeof createApp>
let staff: Client
let owner: Client
let leader: Client
let ownerOwn: Client
let otherOwner: Client
let own: string
let foreign: string

const approvalsOf = async (projectId: string, client: Client = leader) => ApprovalListSchema.parse(await (await client.request(`/api/projects/${projectId}/approvals`)).json()).items
const approvalOf = async (projectId: string, kind: string) => (await approvalsOf(projectId)).find((a) => a.kind === kind)!
const fileUrl = (projectId: string, kind: string) => `/api/projects/${projectId}/approvals/${kind}/file`
const lastAudit = async (projectId: string) =>
  (await database.rows<{ action: string; actor: string; changes: { field: string; before: string | null; after: string | null }[] }>(sql`select action, actor, changes from audit_log where target = ${projectId} order by id desc limit 1`))[0]!

beforeAll(async () => {
  database = await seededMemoryDatabase()
  dataDir = mkdtempSync(join(tmpdir(), 'nanan-approval-files-'))
  files = await openLocalFileStore(dataDir)
  app = createApp({ database, logger: silentLogger(), now: NOW, files })
  const ownApp = createApp({ database, logger: silentLogger(), now: NOW, files, ownerSees: 'own' })
  staff = await signedIn(app, 'staff')
  owner = await signedIn(app, 'owner')
  leader = await signedIn(app, 'leader')
  ownerOwn = await signedIn(ownApp, 'owner')
  const [unit] = await database.rows<{ owner_unit: string }>(sql`select owner_unit from accounts where username = 'owner'`)
  const [o] = await database.rows<{ id: string }>(sql`select id from projects where owner_unit = ${unit!.owner_unit} and retired_at is null order by id limit 1`)
  const [f] = await database.rows<{ id: string; owner_unit: string }>(sql`select id, owner_unit from projects where owner_unit <> ${unit!.owner_unit} and retired_at is null order by id limit 1`)
  own = o!.id
  foreign = f!.id
  // An owner account of the foreign project's unit.
  otherOwner = await ownerOfUnit(app, f!.owner_unit)
}, 60_000)
afterAll(async () => {
  await database?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('attaching an approval’s PDF', () => {
  let attached: Approval
  const pdf = samplePdf('渝建施〔2024〕0123号')

  it('the owner unit attaches its project’s 施工许可 PDF: the approval answers with its address and a new version, 未启动 kept; audited; the data version moves', async () => {
    const before = await approvalOf(own, 'construction-permit')
    expect(before).toMatchObject({ status: 'not-started', version: 0, fileUrl: null })
    const version = await dataVersion(database.db)
    const response = await uploadApprovalFile(owner, own, 'construction-permit', pdf, { name: '施工许可证.pdf', version: 0 })
    expect(response.status, await response.clone().text()).toBe(200)
    attached = ApprovalSchema.parse(await response.json())
    expect(attached).toMatchObject({ kind: 'construction-permit', name: '施工许可', status: 'not-started', version: 1, fileUrl: fileUrl(own, 'construction-permit') })
    expect(await approvalOf(own, 'construction-permit')).toEqual(attached)
    expect(await dataVersion(database.db)).not.toBe(version)
    // The file is in DATA_DIR/files under its SHA-256, and the files table names it as a PDF.
    const [row] = await database.rows<{ file_id: string; type: string; size: number }>(sql`
      select a.file_id, f.type, f.size from project_approvals a join files f on f.id = a.file_id where a.project_id = ${own} and a.kind = 'construction-permit'`)
    expect(row).toMatchObject({ type: 'application/pdf', size: pdf.byteLength })
    expect(filesUnder(files.root)).toContain(`${row!.file_id.slice(0, 2)}/${row!.file_id.slice(2)}`)
    const audit = await lastAudit(own)
    expect(audit).toMatchObject({ action: 'approval.update', actor: 'owner' })
    expect(audit.changes).toEqual([{ field: '施工许可·批复文件', before: null, after: `PDF 1 KB（sha256:${row!.file_id}）` }])
  })

  it('serves it to a reader of the project as an inline PDF named 项目编号-手续名.pdf (RFC 5987 for the Chinese), nosniff, private and revalidated', async () => {
    const response = await leader.request(attached.fileUrl!)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="${own}-____.pdf"; filename*=UTF-8''${own}-${encodeURIComponent('施工许可')}.pdf`)
    expect(response.headers.get('cache-control')).toBe('private, no-cache')
    expect(await bytesOfResponse(response)).toEqual(pdf)
    const etag = response.headers.get('etag')!
    expect((await leader.request(attached.fileUrl!, { headers: { 'If-None-Match': etag } })).status).toBe(304)
  })

  it('answers ranges, as a PDF viewer asks (206 with Content-Range), and a range past the end with 416', async () => {
    const part = await leader.request(attached.fileUrl!, { headers: { Range: 'bytes=0-7' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 0-7/${pdf.byteLength}`)
    expect(new TextDecoder().decode(await bytesOfResponse(part))).toBe('%PDF-1.4')
    const past = await leader.request(attached.fileUrl!, { headers: { Range: `bytes=${pdf.byteLength}-` } })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe(`bytes */${pdf.byteLength}`)
  })

  it('a replacement on the version seen names the new file; the old one stays in the store and the log names both', async () => {
    const [old] = await database.rows<{ file_id: string }>(sql`select file_id from project_approvals where project_id = ${own} and kind = 'construction-permit'`)
    const second = samplePdf('渝建施〔2024〕0123号（变更）')
    const response = await uploadApprovalFile(staff, own, 'construction-permit', second, { version: attached.version })
    expect(response.status, await response.clone().text()).toBe(200)
    expect(ApprovalSchema.parse(await response.json())).toMatchObject({ version: 2, fileUrl: attached.fileUrl })
    expect(await bytesOfResponse(await leader.request(attached.fileUrl!))).toEqual(second)
    const [now] = await database.rows<{ file_id: string }>(sql`select file_id from project_approvals where project_id = ${own} and kind = 'construction-permit'`)
    expect(now!.file_id).not.toBe(old!.file_id)
    expect(await files.exists(old!.file_id)).toBe(true)
    const audit = await lastAudit(own)
    expect(audit).toMatchObject({ action: 'approval.update', actor: 'staff' })
    expect(audit.changes[0]).toMatchObject({ field: '施工许可·批复文件', before: expect.stringContaining(old!.file_id) as unknown, after: expect.stringContaining(now!.file_id) as unknown })
  })

  it('a stale version is 409 with the approval as it is, and nothing changes; no version at all is taken as it comes', async () => {
    const response = await uploadApprovalFile(owner, own, 'construction-permit', samplePdf('旧版本'), { version: 1 })
    expect(response.status).toBe(409)
    const body = (await response.json()) as { error: { code: string; current: Approval } }
    expect(body.error.code).toBe('conflict')
    expect(body.error.current).toMatchObject({ kind: 'construction-permit', version: 2 })
    expect((await approvalOf(own, 'construction-permit')).version).toBe(2)
    const bad = await uploadApprovalFile(owner, own, 'construction-permit', samplePdf(), { version: 'two' })
    expect(bad.status).toBe(400)
    expectApiError(await bad.json())
  })

  it('the same bytes again change nothing (no new version, no audit entry)', async () => {
    const audit = await lastAudit(own)
    const current = await approvalOf(own, 'construction-permit')
    const again = await uploadApprovalFile(owner, own, 'construction-permit', await bytesOfResponse(await leader.request(current.fileUrl!)))
    expect(again.status).toBe(200)
    expect(ApprovalSchema.parse(await again.json()).version).toBe(current.version)
    expect(await lastAudit(own)).toEqual(audit)
  })

  it('a PUT of the approval’s fields keeps its file', async () => {
    const current = await approvalOf(own, 'construction-permit')
    const response = await owner.request(`/api/projects/${own}/approvals/construction-permit`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: current.version, status: 'obtained', obtainedOn: '2024-11-01', number: '渝建施〔2024〕0123号' }),
    })
    expect(response.status).toBe(200)
    expect(ApprovalSchema.parse(await response.json())).toMatchObject({ status: 'obtained', fileUrl: current.fileUrl, version: current.version + 1 })
  })

  it('removing the reference answers the approval without a file; the file stays in the store; the address answers 404 in Chinese', async () => {
    const current = await approvalOf(own, 'construction-permit')
    const [row] = await database.rows<{ file_id: string }>(sql`select file_id from project_approvals where project_id = ${own} and kind = 'construction-permit'`)
    expect((await owner.request(`${fileUrl(own, 'construction-permit')}?version=${current.version - 1}`, { method: 'DELETE' })).status).toBe(409)
    const response = await owner.request(`${fileUrl(own, 'construction-permit')}?version=${current.version}`, { method: 'DELETE' })
    expect(response.status).toBe(200)
    expect(ApprovalSchema.parse(await response.json())).toMatchObject({ fileUrl: null, version: current.version + 1, status: 'obtained' })
    expect((await lastAudit(own)).changes).toEqual([{ field: '施工许可·批复文件', before: expect.stringContaining(row!.file_id) as unknown, after: null }])
    expect(await files.exists(row!.file_id)).toBe(true)
    const gone = await leader.request(fileUrl(own, 'construction-permit'))
    expect(gone.status).toBe(404)
    expect(((await gone.json()) as { error: { message: string } }).error.message).toBe('施工许可尚未上传批复文件')
  })
})

describe('what is refused', () => {
  it('refuses by content, not by name: a PNG named .pdf and a text file (415, in Chinese, saying to send a PDF); nothing stored', async () => {
    const before = filesUnder(files.root)
    const png = new Uint8Array(await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } }).png().toBuffer())
    const text = new TextEncoder().encode('这不是 PDF，只是一个改了扩展名的文本文件。')
    for (const [bytes, words] of [[png, /该文件是图片，不是 PDF/], [text, /该文件不是 PDF/]] as const) {
      const response = await uploadApprovalFile(owner, own, 'eia-approval', bytes, { name: '环评批复.pdf' })
      expect(response.status).toBe(415)
      const error = expectApiError(await response.json())
      expect(error?.message).toMatch(words)
      expect(error?.message).toMatch(/请上传批复文件的 PDF/)
      expect(error?.fields).toHaveProperty('file')
    }
    expect(filesUnder(files.root)).toEqual(before)
    expect((await approvalOf(own, 'eia-approval')).fileUrl).toBeNull()
  })

  it('refuses a PDF over 20 MB while reading it (413), and a declared length over the limit before reading', async () => {
    const before = filesUnder(files.root)
    const big = samplePdf('大文件', 20 * 1024 * 1024 + 1)
    const response = await uploadApprovalFile(owner, own, 'eia-approval', big)
    expect(response.status).toBe(413)
    expect(expectApiError(await response.json())?.message).toMatch(/超过 20 MB/)
    // At exactly the limit it is taken.
    const atLimit = await uploadApprovalFile(owner, own, 'eia-approval', samplePdf('刚好', 20 * 1024 * 1024))
    expect(atLimit.status, await atLimit.clone().text()).toBe(200)
    expect(filesUnder(files.root)).toHaveLength(before.length + 1)
    const declared = await owner.request(fileUrl(own, 'eia-approval'), { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(30 * 1024 * 1024) }, body: '--x--' })
    expect(declared.status).toBe(413)
  })

  it('refuses what is not multipart (415) and a form without a file (400)', async () => {
    const json = await owner.request(fileUrl(own, 'eia-approval'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(json.status).toBe(415)
    const form = new FormData()
    form.append('version', '1')
    const empty = await owner.request(fileUrl(own, 'eia-approval'), { method: 'POST', body: form })
    expect(empty.status).toBe(400)
    expect(expectApiError(await empty.json())?.fields).toEqual({ file: '请选择批复文件（PDF）' })
  })

  it('writes: another unit’s owner 403, a leader 403, nobody 401, an unknown kind 404, an unknown project 404', async () => {
    const pdf = samplePdf('越权')
    expect((await uploadApprovalFile(otherOwner, own, 'project-approval', pdf)).status).toBe(403)
    expect((await uploadApprovalFile(owner, foreign, 'project-approval', pdf)).status).toBe(403)
    expect((await uploadApprovalFile(leader, own, 'project-approval', pdf)).status).toBe(403)
    expect((await app.request(fileUrl(own, 'project-approval'), { method: 'POST', headers: { Origin: 'http://localhost' }, body: new FormData() })).status).toBe(401)
    expect((await uploadApprovalFile(owner, own, 'no-such-kind', pdf)).status).toBe(404)
    expect((await uploadApprovalFile(staff, 'P99999', 'project-approval', pdf)).status).toBe(404)
    expect((await otherOwner.request(fileUrl(own, 'project-approval'), { method: 'DELETE' })).status).toBe(403)
    // The staff may attach to any project; the other unit's owner to its own.
    expect((await uploadApprovalFile(staff, foreign, 'project-approval', pdf)).status).toBe(200)
    expect((await uploadApprovalFile(otherOwner, foreign, 'land-pre-review', pdf)).status).toBe(200)
  })

  it('reads: every reader under OWNER_SEES=all; under own, another unit’s PDF is 403; nobody 401; a kind with no file 404', async () => {
    const url = fileUrl(foreign, 'project-approval')
    expect((await leader.request(url)).status).toBe(200)
    expect((await owner.request(url)).status).toBe(200)
    expect((await ownerOwn.request(url)).status).toBe(403)
    expect((await otherOwner.request(url)).status).toBe(200)
    expect((await app.request(url)).status).toBe(401)
    expect((await leader.request(fileUrl(foreign, 'eia-approval'))).status).toBe(404)
    expect((await leader.request(fileUrl('P99999', 'eia-approval'))).status).toBe(404)
  })
})
