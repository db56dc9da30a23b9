import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProjectDetailSchema, ProjectListSchema } from '@/contract'
import { AuditListSchema } from '@/contract/accounts'
import { ApprovalKindListSchema, ApprovalListSchema, ApprovalSchema } from '@/contract/approvals'
import { BulletinSchema } from '@/contract/bulletins'
import { listLead } from '@/lib/bulletin-text'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { dataVersion } from '../../server/db/write'
import { clientWith, expectApiError, login, seededMemoryDatabase, sessionCookieOf, signedIn, silentLogger, type Client } from './support'

/**
 * 前期手续 (decision 80): a project's approvals read by every reader of it, written by the staff and its own owner
 * unit on the version seen (409 otherwise), audited; the missing ones named for 应开未开 projects on the page, in the
 * list (and its filter) and in the bulletin.
 */

let database: Database
let app: ReturnType<typeof createApp>
let ownApp: ReturnType<typeof createApp>
let staff: Client
let leader: Client
let owner: Client
let ownUnit: string
/** Two 应开未开 projects at the latest published month, of any unit. */
let stalled: string[]
/** A project of the demo owner's unit, and one of another unit. */
let own: string
let foreign: string

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
const approvalsOf = async (projectId: string, client: Client = leader) => ApprovalListSchema.parse(await (await client.request(`/api/projects/${projectId}/approvals`)).json()).items
const put = (client: Client, projectId: string, kind: string, body: unknown) => client.request(`/api/projects/${projectId}/approvals/${kind}`, json('PUT', body))

beforeAll(async () => {
  database = await seededMemoryDatabase()
  app = createApp({ database, logger: silentLogger() })
  ownApp = createApp({ database, logger: silentLogger(), ownerSees: 'own' })
  staff = await signedIn(app, 'staff')
  leader = await signedIn(app, 'leader')
  owner = await signedIn(app, 'owner')
  const [unit] = await database.rows<{ owner_unit: string }>(sql`select owner_unit from accounts where username = 'owner'`)
  ownUnit = unit!.owner_unit
  const list = ProjectListSchema.parse(await (await leader.request('/api/projects?status=not-started&pageSize=200')).json())
  stalled = list.items.map((i) => i.id)
  const [o] = await database.rows<{ id: string }>(sql`select id from projects where owner_unit = ${ownUnit} and retired_at is null order by id limit 1`)
  const [f] = await database.rows<{ id: string }>(sql`select id from projects where owner_unit <> ${ownUnit} and retired_at is null order by id limit 1`)
  own = o!.id
  foreign = f!.id
})
afterAll(async () => {
  await database?.close()
})

describe('reading a project’s approvals', () => {
  it('one item per kind in the list order, 未启动 with version 0 where nothing is recorded, no file yet', async () => {
    expect(stalled.length, 'the seed has 应开未开 projects').toBeGreaterThanOrEqual(2)
    const items = await approvalsOf(stalled[0]!)
    expect(items.map((a) => [a.kind, a.name])).toEqual([
      ['project-approval', '立项（可研）批复'],
      ['land-pre-review', '用地预审与选址意见'],
      ['land-planning-permit', '用地规划许可'],
      ['works-planning-permit', '工程规划许可'],
      ['construction-permit', '施工许可'],
      ['eia-approval', '环评批复'],
    ])
    expect(items.every((a) => a.status === 'not-started' && a.version === 0 && a.fileUrl === null && a.obtainedOn === null)).toBe(true)
  })

  it('a 应开未开 project’s page names all six missing; a project that is not 应开未开 names none', async () => {
    const detail = ProjectDetailSchema.parse(await (await leader.request(`/api/projects/${stalled[0]}`)).json())
    expect(detail.status.lagClass).toBe('not-started')
    expect(detail.missingApprovals.map((m) => m.kind)).toHaveLength(6)
    const started = ProjectDetailSchema.parse(await (await leader.request('/api/projects/P001')).json())
    expect(started.status.lagClass).not.toBe('not-started')
    expect(started.missingApprovals).toEqual([])
  })

  it('respects the owner scope as the project page does: another unit’s is 403, an unknown project 404', async () => {
    const ownOnly = clientWith(ownApp, sessionCookieOf(await login(ownApp, 'owner')))
    expect((await ownOnly.request(`/api/projects/${own}/approvals`)).status).toBe(200)
    const refused = await ownOnly.request(`/api/projects/${foreign}/approvals`)
    expect(refused.status).toBe(403)
    expect(expectApiError(await refused.json())?.code).toBe('forbidden')
    expect((await ownOnly.request(`/api/projects/${foreign}`)).status, 'the page answers the same').toBe(403)
    expect((await leader.request('/api/projects/P999/approvals')).status).toBe(404)
    expect((await leader.request('/api/projects/xyz/approvals')).status).toBe(400)
  })
})

describe('writing an approval', () => {
  it('the staff record 施工许可 obtained: version 1, audited with the approval named, the data version bumped', async () => {
    const before = await dataVersion(database.db)
    const response = await put(staff, stalled[0]!, 'construction-permit', { status: 'obtained', obtainedOn: '2024-09-20', number: ' 渝建施〔2024〕0123号 ', department: '区住房城乡建委' })
    expect(response.status).toBe(200)
    expect(ApprovalSchema.parse(await response.json())).toEqual({
      kind: 'construction-permit',
      name: '施工许可',
      status: 'obtained',
      obtainedOn: '2024-09-20',
      number: '渝建施〔2024〕0123号',
      department: '区住房城乡建委',
      fileUrl: null,
      version: 1,
    })
    expect(await dataVersion(database.db)).not.toBe(before)
    const { items } = AuditListSchema.parse(await (await staff.request(`/api/audit?action=approval.update&projectId=${stalled[0]}`)).json())
    expect(items[0]).toMatchObject({ actor: 'staff', target: stalled[0] })
    expect(items[0]!.changes).toEqual([
      { field: '施工许可·状态', before: '未启动', after: '已取得' },
      { field: '施工许可·取得日期', before: null, after: '2024-09-20' },
      { field: '施工许可·文号', before: null, after: '渝建施〔2024〕0123号' },
      { field: '施工许可·办理部门', before: null, after: '区住房城乡建委' },
    ])
    expect((await approvalsOf(stalled[0]!)).find((a) => a.kind === 'construction-permit')).toMatchObject({ status: 'obtained', version: 1 })
  })

  it('a stale version is 409 with the approval as it is, and nothing is overwritten', async () => {
    const stale = await put(staff, stalled[0]!, 'construction-permit', { version: 0, status: 'in-progress' })
    expect(stale.status).toBe(409)
    const error = expectApiError(await stale.json())
    expect(error).toMatchObject({ code: 'conflict', message: '该手续已被他人修改，请查看最新内容后重试' })
    expect(ApprovalSchema.parse((error as { current?: unknown }).current)).toMatchObject({ status: 'obtained', version: 1 })
    // No version on a kind already recorded is stale too.
    expect((await put(staff, stalled[0]!, 'construction-permit', { status: 'in-progress' })).status).toBe(409)
    expect((await approvalsOf(stalled[0]!)).find((a) => a.kind === 'construction-permit')).toMatchObject({ status: 'obtained', version: 1 })
  })

  it('refuses bad content in Chinese, on the field, and writes nothing', async () => {
    const audits = async () => AuditListSchema.parse(await (await staff.request('/api/audit?action=approval.update&limit=500')).json()).items.length
    const count = await audits()
    const noDate = await put(staff, stalled[1]!, 'eia-approval', { status: 'obtained' })
    expect(noDate.status).toBe(422)
    expect(expectApiError(await noDate.json())).toMatchObject({ code: 'invalid_approval', fields: { obtainedOn: '已取得的手续请填写取得日期' } })
    const future = await put(staff, stalled[1]!, 'eia-approval', { status: 'obtained', obtainedOn: '2099-01-01' })
    expect(expectApiError(await future.json())?.fields).toEqual({ obtainedOn: '取得日期不能晚于今天' })
    const dated = await put(staff, stalled[1]!, 'eia-approval', { status: 'in-progress', obtainedOn: '2024-01-01' })
    expect(expectApiError(await dated.json())?.fields).toEqual({ obtainedOn: '只有已取得的手续填写取得日期' })
    const long = await put(staff, stalled[1]!, 'eia-approval', { status: 'in-progress', number: '文'.repeat(61) })
    expect(long.status).toBe(400)
    expect(expectApiError(await long.json())?.fields?.number).toBe('文号最长 60 个字')
    expect((await put(staff, stalled[1]!, 'eia-approval', { status: 'done' })).status).toBe(400)
    expect((await put(staff, stalled[1]!, 'eia-approval', { status: 'obtained', obtainedOn: '2024-02-30' })).status).toBe(400)
    expect((await put(staff, stalled[1]!, 'no-such-kind', { status: 'in-progress' })).status).toBe(404)
    expect((await put(staff, stalled[1]!, 'Bad_Kind', { status: 'in-progress' })).status).toBe(400)
    expect((await put(staff, 'P999', 'eia-approval', { status: 'in-progress' })).status).toBe(404)
    expect(await audits()).toBe(count)
    expect((await approvalsOf(stalled[1]!)).every((a) => a.version === 0)).toBe(true)
  })

  it('the project’s own owner unit may write; another unit, a leader and a reviewer may not', async () => {
    const mine = await put(owner, own, 'land-planning-permit', { status: 'in-progress', department: '区规划自然资源局' })
    expect(mine.status).toBe(200)
    const refused = await put(owner, foreign, 'land-planning-permit', { status: 'in-progress' })
    expect(refused.status).toBe(403)
    expect(expectApiError(await refused.json())).toMatchObject({ code: 'forbidden', message: '该项目不属于本单位，不能填写其前期手续' })
    expect((await put(leader, own, 'land-planning-permit', { version: 1, status: 'obtained', obtainedOn: '2024-05-01' })).status).toBe(403)
    const reviewer = await signedIn(app, 'reviewer')
    expect((await put(reviewer, own, 'land-planning-permit', { version: 1, status: 'obtained', obtainedOn: '2024-05-01' })).status).toBe(403)
    expect((await approvalsOf(foreign)).find((a) => a.kind === 'land-planning-permit')?.version).toBe(0)
  })
})

describe('the missing approvals in the lists and the bulletin', () => {
  it('/api/projects filters by a missing approval, and each 应开未开 item names what it lacks', async () => {
    const list = async (query: string) => ProjectListSchema.parse(await (await leader.request(`/api/projects?${query}`)).json())
    const lacking = await list('status=not-started&missingApproval=construction-permit&pageSize=200')
    // stalled[0] obtained its 施工许可 above: every other 应开未开 project still lacks it.
    expect(lacking.items.map((i) => i.id).sort()).toEqual(stalled.filter((id) => id !== stalled[0]).sort())
    const first = (await list('status=not-started&missingApproval=land-planning-permit&pageSize=200')).items.find((i) => i.id === stalled[0])!
    expect(first.missingApprovals.map((m) => m.name)).toEqual(['立项（可研）批复', '用地预审与选址意见', '用地规划许可', '工程规划许可', '环评批复'])
    // Not 应开未开: no approvals named, whatever it has recorded.
    expect((await list('q=P001')).items[0]!.missingApprovals).toEqual([])
    // A kind not on the list: no project lacks it.
    expect((await list('missingApproval=no-such-kind')).total).toBe(0)
  })

  it('the bulletin says how many 应开未开 projects lack each approval, the most first', async () => {
    // The second stalled project settles everything but 施工许可 and 用地规划许可 (不需要 counts as settled).
    for (const kind of ['project-approval', 'land-pre-review', 'works-planning-permit']) expect((await put(staff, stalled[1]!, kind, { status: 'obtained', obtainedOn: '2024-03-01' })).status).toBe(200)
    expect((await put(staff, stalled[1]!, 'eia-approval', { status: 'not-needed' })).status).toBe(200)
    // The month in view, withdrawn by the admin, reads as it stands now (a draft for the staff).
    const admin = await signedIn(app, 'admin')
    expect((await admin.request('/api/months/2024-09/unpublish', json('POST', { reason: '测试前期手续' }))).status).toBe(200)
    const bulletin = BulletinSchema.parse(await (await staff.request('/api/bulletins/2024-09')).json())
    const n = bulletin.content.notStarted.length
    expect(n).toBe(stalled.length)
    // Every stalled project but stalled[0] lacks 施工许可 (n − 1); every one but stalled[1] lacks 立项, 用地预审, 工程规划 and
    // 环评 (n − 1 each); all n lack 用地规划许可. So 用地规划许可 first, then the n − 1 ties in the list's order.
    expect(bulletin.content.notStartedApprovals).toEqual([
      { kind: 'land-planning-permit', name: '用地规划许可', count: n },
      { kind: 'project-approval', name: '立项（可研）批复', count: n - 1 },
      { kind: 'land-pre-review', name: '用地预审与选址意见', count: n - 1 },
      { kind: 'works-planning-permit', name: '工程规划许可', count: n - 1 },
      { kind: 'construction-permit', name: '施工许可', count: n - 1 },
      { kind: 'eia-approval', name: '环评批复', count: n - 1 },
    ])
    expect(listLead(bulletin.content, 'notStarted')).toBe(
      `应开未开${n}个：其中用地规划许可未取得${n}个、立项（可研）批复未取得${n - 1}个、用地预审与选址意见未取得${n - 1}个、工程规划许可未取得${n - 1}个、施工许可未取得${n - 1}个、环评批复未取得${n - 1}个。`,
    )
    expect(listLead(bulletin.content, 'severe')).toBeNull()
    // The Word twin says the same under 六、.
    const docx = await staff.request('/api/export/bulletin.docx?asOf=2024-09')
    expect(docx.status).toBe(200)
    const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')!.async('string')
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
    expect(text).toContain(`六、应开未开项目（按责任单位）（${n}个）应开未开${n}个：其中用地规划许可未取得${n}个、立项（可研）批复未取得${n - 1}个`)
    // And the workbook's 应开未开 sheet under its title.
    const xlsx = await staff.request('/api/export/bulletin.xlsx?asOf=2024-09')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    expect(String(workbook.getWorksheet('应开未开')!.getCell('A1').value)).toBe(`应开未开项目（按责任单位）：${listLead(bulletin.content, 'notStarted')}`)
  })
})

describe('the list of kinds', () => {
  it('the staff add one, which every project is then asked for; retired, it is asked for no more; others may not', async () => {
    const added = await staff.request('/api/approval-kinds', json('POST', { name: '水土保持方案批复' }))
    expect(added.status).toBe(201)
    expect(await added.json()).toEqual({ kind: 'other-1', name: '水土保持方案批复', retired: false, version: 1 })
    expect((await approvalsOf(own)).at(-1)).toMatchObject({ kind: 'other-1', name: '水土保持方案批复', status: 'not-started' })
    expect((await staff.request('/api/approval-kinds', json('POST', { name: '施工许可' }))).status).toBe(409)
    expect((await leader.request('/api/approval-kinds', json('POST', { name: '领导加的' }))).status).toBe(403)
    expect((await owner.request('/api/approval-kinds', json('POST', { name: '业主加的' }))).status).toBe(403)

    const retired = await staff.request('/api/approval-kinds/other-1', json('PATCH', { version: 1, retired: true }))
    expect(retired.status).toBe(200)
    expect((await approvalsOf(own)).map((a) => a.kind)).not.toContain('other-1')
    expect((await put(staff, own, 'other-1', { status: 'in-progress' })).status, 'a retired kind is not written').toBe(409)
    const stale = await staff.request('/api/approval-kinds/other-1', json('PATCH', { version: 1, retired: false }))
    expect(stale.status).toBe(409)
    const kinds = ApprovalKindListSchema.parse(await (await leader.request('/api/approval-kinds')).json()).items
    expect(kinds.at(-1)).toEqual({ kind: 'other-1', name: '水土保持方案批复', retired: true, version: 2 })
    const { items } = AuditListSchema.parse(await (await staff.request('/api/audit?action=approval-kind.update')).json())
    expect(items[0]).toMatchObject({ target: 'other-1', changes: [{ field: '手续已停用', before: false, after: true }] })
  })
})
