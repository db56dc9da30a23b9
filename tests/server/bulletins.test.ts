import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SummarySchema } from '@/contract'
import { BulletinListSchema, BulletinSchema, DOCX_TYPE, type Bulletin } from '@/contract/bulletins'
import { DEFAULT_BULLETIN_SETTINGS } from '@/domain/bulletin'
import { BULLETIN_SECTIONS } from '@/lib/bulletin-text'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { parseEnv } from '../../server/env'
import { seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

// Decision 64: publishing a month issues its bulletin — a stored snapshot with a 文号 in order of issue — that
// later edits never change; withdrawing the publication withdraws it (kept); the bulletin downloads as .docx.

let clock = new Date('2024-11-20T02:00:00Z')
const SETTINGS = { ...DEFAULT_BULLETIN_SETTINGS, numberFormat: '测发〔{year}〕{n}号', copyTo: '区委办公室（测试）' }
const json = { 'Content-Type': 'application/json' }
// The clock moves through the months: sessions must not expire with it.
const FOREVER = { idleMs: 365 * 86_400_000, absoluteMs: 365 * 86_400_000 }
const post = (client: Client, path: string, body: unknown = {}) => client.request(path, { method: 'POST', headers: json, body: JSON.stringify(body) })
const bulletinOf = async (client: Client, month: string): Promise<Bulletin> => {
  const response = await client.request(`/api/bulletins/${month}`)
  expect(response.status, `GET /api/bulletins/${month}`).toBe(200)
  return BulletinSchema.parse(await response.json())
}
const listOf = async (client: Client) => BulletinListSchema.parse(await (await client.request('/api/bulletins')).json()).items

/** The text of a .docx part (its runs joined, so a phrase split across runs is still found). */
async function docxText(body: ArrayBuffer, part: string): Promise<string> {
  const zip = await JSZip.loadAsync(body)
  const xml = await zip.file(part)?.async('string')
  if (xml === undefined) throw new Error(`${part} missing from the .docx`)
  return xml
}
const plainText = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')

describe('issued bulletins', () => {
  let database: Database
  let clients: Record<'staff' | 'leader' | 'reviewer' | 'owner' | 'admin', Client>
  let ownOnly: Client

  beforeAll(async () => {
    database = await seededMemoryDatabase()
    const app = createApp({ database, logger: silentLogger(), now: () => clock, bulletin: SETTINGS, sessionPolicy: FOREVER })
    clients = {
      staff: await signedIn(app, 'staff'),
      leader: await signedIn(app, 'leader'),
      reviewer: await signedIn(app, 'reviewer'),
      owner: await signedIn(app, 'owner'),
      admin: await signedIn(app, 'admin'),
    }
    ownOnly = await signedIn(createApp({ database, logger: silentLogger(), now: () => clock, ownerSees: 'own', bulletin: SETTINGS, sessionPolicy: FOREVER }), 'owner')
  })
  afterAll(async () => {
    await database?.close()
  })

  it('issues the seeded months their bulletins, numbered in the order of the months, with the default addresses', async () => {
    const items = await listOf(clients.leader)
    expect(items.map((b) => b.month)).toEqual(['2024-09', '2024-08', '2024-07', '2024-06', '2024-05', '2024-04', '2024-03', '2024-02', '2024-01'])
    // The seed publishes each month on the 8th of the next, in the demo's year (decision 66): 1-9号 of 2024, October's the 10th.
    expect(items[0]!.issuedDate).toBe('2024-10-08')
    const year = '2024'
    expect(items.map((b) => b.number).reverse()).toEqual(Array.from({ length: 9 }, (_, i) => `南岸发改〔${year}〕${i + 1}号`))
    const september = await bulletinOf(clients.leader, '2024-09')
    expect(september).toMatchObject({ status: 'issued', number: `南岸发改〔${year}〕9号`, issuer: '重庆市南岸区发展和改革委员会', issuedBy: null })
    expect(september.mainTo).toContain('区级有关部门')
    expect(september.copyTo).toContain('区政府办公室')
    expect(september.content.summary.asOfMonth).toBe(9)
  })

  it('publishing a month issues its bulletin in the same step; a later edit changes the live figures, never the issued ones', async () => {
    // A problem overdue at the month's end, settled after it: the bulletin lists it, as it stood on 31 October.
    await database.db.execute(sql`insert into problems (id, project_id, seq, category, description, measure, status, raised_date, due_date, resolved_date, resolution, version)
      values ('P002-Q90', 'P002', 90, '要素保障', '征地拆迁未完成（测试）', '协调', 'resolved', '2024-09-01', '2024-10-15', '2024-11-10', '已解决', 2)`)
    expect(await post(clients.staff, '/api/months/2024-10/publish', { comment: '十月' })).toHaveProperty('status', 200)
    const issued = await bulletinOf(clients.leader, '2024-10')
    expect(issued).toMatchObject({ status: 'issued', number: '测发〔2024〕10号', issuedDate: '2024-11-20', issuedBy: 'staff', copyTo: '区委办公室（测试）' })
    expect(issued.content.summary.asOfMonth).toBe(10)
    expect(issued.content.problems.asOfDate).toBe('2024-10-31')
    expect(issued.content.problems.items.find((p) => p.problem.id === 'P002-Q90')).toMatchObject({ daysOverdue: 16 })
    // The lists are the month's, one class each.
    expect(issued.content.severe.every((p) => p.status.lagClass === 'severe')).toBe(true)
    expect(issued.content.lagging.every((p) => p.status.lagClass === 'lagging')).toBe(true)
    expect(issued.content.severe.length).toBe(issued.content.summary.lagCounts.severe)
    expect(issued.content.lagging.length).toBe(issued.content.summary.lagCounts.lagging)

    // 中期调整 of a project's annual plan after publication: the live October figures move, the bulletin does not.
    const [row] = await database.rows<{ version: number; plan: number }>(sql`select p.version, y.annual_plan_wan as plan from projects p join project_years y on y.project_id = p.id and y.year = 2024 where p.id = 'P001'`)
    const edit = await clients.staff.request('/api/projects/P001', { method: 'PATCH', headers: json, body: JSON.stringify({ version: Number(row!.version), annualPlanWan: Math.max(1, Math.floor(Number(row!.plan) / 2)), reason: '中期调整（测试）' }) })
    expect(edit.status, await edit.clone().text()).toBe(200)
    const live = SummarySchema.parse(await (await clients.leader.request('/api/summary?asOf=2024-10')).json())
    expect(live.annualPlanWan).not.toBe(issued.content.summary.annualPlanWan)
    const again = await bulletinOf(clients.leader, '2024-10')
    expect(again).toEqual(issued)
    // The workbook of a published month is the issued bulletin too: its 文号, its plan, 严重滞后 and 滞后 apart.
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await (await clients.reviewer.request('/api/export/bulletin.xlsx?asOf=2024-10')).arrayBuffer())
    expect(book.worksheets.map((w) => w.name)).toEqual(['总体情况', '按投资类别', '按四个聚焦', '按建设性质', '片区排名', '严重滞后项目', '滞后项目', '应开未开', '未报送'])
    const overall = book.getWorksheet('总体情况')!
    expect(String(overall.getCell('A1').value)).toMatch(/^测发〔2024〕10号 南岸区重点项目2024年1-10月进展情况通报/)
    expect(overall.getCell('B4').value).toBe(issued.content.summary.annualPlanWan / 10_000)
    expect(book.getWorksheet('严重滞后项目')!.rowCount).toBe(issued.content.severe.length + 4)
  })

  it('is audited with the publication, and numbered in order of issue: a withdrawn number is kept and never reused', async () => {
    const [audit] = await database.rows<{ changes: { field: string; after: unknown }[] }>(sql`select changes from audit_log where action = 'month.publish' and month = '2024-10' order by id desc limit 1`)
    expect(audit!.changes).toContainEqual({ field: 'bulletin', before: null, after: '测发〔2024〕10号' })

    clock = new Date('2024-11-22T02:00:00Z')
    expect((await post(clients.admin, '/api/months/2024-10/unpublish', { reason: '数据有误（测试）' })).status).toBe(200)
    const withdrawn = (await listOf(clients.reviewer)).find((b) => b.number === '测发〔2024〕10号')
    expect(withdrawn).toMatchObject({ month: '2024-10', withdrawn: true, withdrawnReason: '数据有误（测试）' })
    // The month is open again: a draft for the staff, refused to everyone else.
    expect(await bulletinOf(clients.staff, '2024-10')).toMatchObject({ status: 'draft', number: null, issuedDate: null })
    expect((await clients.leader.request('/api/bulletins/2024-10')).status).toBe(403)

    expect((await post(clients.staff, '/api/months/2024-10/publish')).status).toBe(200)
    clock = new Date('2024-12-06T02:00:00Z')
    expect((await post(clients.staff, '/api/months/2024-11/publish')).status).toBe(200)
    const items = await listOf(clients.leader)
    expect(items.slice(0, 3).map((b) => [b.month, b.number, b.withdrawn])).toEqual([
      ['2024-11', '测发〔2024〕12号', false],
      ['2024-10', '测发〔2024〕11号', false],
      ['2024-10', '测发〔2024〕10号', true],
    ])
    expect((await bulletinOf(clients.leader, '2024-10')).number).toBe('测发〔2024〕11号')
  })

  it('downloads as a Word document with the 文号, every section, 抄送, 落款 and 第N页 共M页', async () => {
    const response = await clients.reviewer.request('/api/export/bulletin.docx?asOf=2024-10')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(DOCX_TYPE)
    expect(decodeURIComponent(response.headers.get('content-disposition') ?? '')).toContain('测发〔2024〕11号_南岸区重点项目2024年1-10月进展情况通报.docx')
    const body = await response.arrayBuffer()
    const document = plainText(await docxText(body, 'word/document.xml'))
    expect(document).toContain('测发〔2024〕11号')
    expect(document.indexOf('测发〔2024〕11号')).toBeLessThan(document.indexOf('一、总体情况'))
    let at = 0
    for (const title of Object.values(BULLETIN_SECTIONS)) {
      const found = document.indexOf(title, at)
      expect(found, title).toBeGreaterThan(at)
      at = found
    }
    expect(document).toContain('抄送：区委办公室（测试）')
    expect(document).toContain('重庆市南岸区发展和改革委员会')
    expect(document).toContain('2024年11月22日')
    const footerParts = Object.keys((await JSZip.loadAsync(body)).files).filter((name) => /^word\/footer\d*\.xml$/.test(name))
    const footers = (await Promise.all(footerParts.map((part) => docxText(body, part)))).join('')
    expect(footers).toMatch(/PAGE/)
    expect(footers).toMatch(/NUMPAGES/)
    expect(plainText(footers)).toContain('第 ')
  })

  it('serves a month in progress to the staff only, as a draft marked 征求意见稿', async () => {
    clock = new Date('2024-11-25T02:00:00Z')
    const early = await clients.staff.request('/api/export/bulletin.docx?asOf=2024-12')
    expect(early.status).toBe(400) // December has not begun on this clock
    clock = new Date('2024-12-20T02:00:00Z')
    const staff = await clients.staff.request('/api/export/bulletin.docx?asOf=2024-12')
    expect(staff.status).toBe(200)
    expect(plainText(await docxText(await staff.arrayBuffer(), 'word/document.xml'))).toContain('征求意见稿')
    for (const reader of ['leader', 'reviewer', 'owner'] as const) {
      expect((await clients[reader].request('/api/export/bulletin.docx?asOf=2024-12')).status, reader).toBe(403)
      expect((await clients[reader].request('/api/bulletins/2024-12')).status, reader).toBe(403)
    }
  })

  it('refuses the district bulletin to an owner unit limited to its own projects (OWNER_SEES=own), as bulletin.xlsx', async () => {
    for (const path of ['/api/bulletins', '/api/bulletins/2024-09', '/api/export/bulletin.docx']) expect((await ownOnly.request(path)).status, path).toBe(403)
    expect((await clients.owner.request('/api/bulletins/2024-09')).status).toBe(200)
    expect((await clients.admin.request('/api/bulletins')).status).toBe(403)
  })

  it('takes its 文号 pattern, 主送, 抄送 and 落款 from the environment, and refuses a pattern without {n}', () => {
    expect(parseEnv({ BULLETIN_NUMBER_FORMAT: '南岸发改函〔{year}〕{n}号', BULLETIN_ISSUER: '某委' })).toMatchObject({ BULLETIN_NUMBER_FORMAT: '南岸发改函〔{year}〕{n}号', BULLETIN_ISSUER: '某委', BULLETIN_MAIN_TO: DEFAULT_BULLETIN_SETTINGS.mainTo })
    expect(() => parseEnv({ BULLETIN_NUMBER_FORMAT: '南岸发改〔{year}〕号' })).toThrow(/BULLETIN_NUMBER_FORMAT/)
  })
})
