import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CalendarSchema, SummarySchema, ZoneListSchema, ZoneDetailSchema, ProjectListSchema, ProjectDetailSchema } from '@/contract'
import { XLSX_TYPE, importPaths } from '@/contract/imports'
import { MonthStateSchema } from '@/contract/months'
import { ReportQueueSchema } from '@/contract/reports'
import { generateDataset } from '@/dataset/generate'
import { seedDemoAccounts } from '../../server/auth/accounts'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { seedIfEmpty } from '../../server/db/write'
import { postgresDatabase } from '../contract/targets'
import { TEST_PASSWORD, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

// Decision 63: a month of the open year is open until the staff publish it; every reader's default month is
// the latest published one; readers other than the staff read published months only; a published month's
// reports are closed. Checked on the embedded database and, when TEST_DATABASE_URL is set, on PostgreSQL.

const NOW = () => new Date('2024-11-20T02:00:00Z')
const json = { 'Content-Type': 'application/json' }
const post = (client: Client, path: string, body: unknown = {}) => client.request(path, { method: 'POST', headers: json, body: JSON.stringify(body) })
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error

async function seededPostgres(): Promise<Database | null> {
  const database = await postgresDatabase()
  if (!database) return null
  await seedIfEmpty(database.db, () => generateDataset())
  await seedDemoAccounts(database.db, { password: TEST_PASSWORD })
  return database
}

const databases: { name: string; open: () => Promise<Database | null> }[] = [
  { name: 'embedded', open: seededMemoryDatabase },
  { name: 'postgres', open: seededPostgres },
]

describe.each(databases)('months are published ($name)', ({ open }) => {
  let database: Database | null = null
  let clients: Record<'staff' | 'leader' | 'reviewer' | 'owner' | 'admin', Client>

  beforeAll(async () => {
    database = await open()
    if (!database) return
    const app = createApp({ database, logger: silentLogger(), now: NOW })
    clients = {
      staff: await signedIn(app, 'staff'),
      leader: await signedIn(app, 'leader'),
      reviewer: await signedIn(app, 'reviewer'),
      owner: await signedIn(app, 'owner'),
      admin: await signedIn(app, 'admin'),
    }
  })
  afterAll(async () => {
    await database?.close()
  })

  it('starts the demo with January to September published, October open', async (context) => {
    if (!database) return context.skip()
    const calendar = CalendarSchema.parse(await (await clients.leader.request('/api/calendar')).json())
    expect(calendar).toMatchObject({ planYear: 2024, latestReportMonth: 9, publishedMonth: '2024-09' })
    expect(calendar.months.slice(0, 9).every((m) => m.status === 'published' && m.publishedAt !== null && m.publishedBy === null)).toBe(true)
    expect(calendar.months.slice(9).every((m) => m.status === 'open' && m.publishedAt === null)).toBe(true)
  })

  it('refuses a month in progress to every reader but the staff, on every data read route, naming the latest published month', async (context) => {
    if (!database) return context.skip()
    const routes = [
      ['/api/summary?asOf=2024-10', SummarySchema],
      ['/api/zones?asOf=2024-10', ZoneListSchema],
      ['/api/zones/nanping?asOf=2024-10', ZoneDetailSchema],
      ['/api/projects?asOf=2024-10', ProjectListSchema],
      ['/api/projects/P001?asOf=2024-10', ProjectDetailSchema],
    ] as const
    for (const [path, schema] of routes) {
      for (const reader of ['leader', 'reviewer', 'owner'] as const) {
        const refused = await clients[reader].request(path)
        expect(refused.status, `${reader} ${path}`).toBe(403)
        expect(await errorOf(refused)).toEqual({ code: 'month_unpublished', message: '2024年10月的数据尚未发布；已发布的最新月份是2024年9月' })
      }
      const staff = await clients.staff.request(path)
      expect(staff.status, path).toBe(200)
      expect(schema.parse(await staff.json()).published, path).toBe(false)
      const published = await clients.leader.request(path.replace('2024-10', '2024-09'))
      expect(schema.parse(await published.json()).published, path).toBe(true)
    }
    for (const path of ['/api/export/projects.xlsx?asOf=2024-10', '/api/export/bulletin.xlsx?asOf=2024-10']) {
      const refused = await clients.reviewer.request(path)
      expect(refused.status, path).toBe(403)
      expect((await errorOf(refused)).message).toContain('已发布的最新月份是2024年9月')
      const staff = await clients.staff.request(path)
      expect(staff.status, path).toBe(200)
      expect(decodeURIComponent(staff.headers.get('content-disposition') ?? ''), path).toContain('（未发布）')
      await staff.body?.cancel()
    }
  })

  it('counts the month as GET /api/reports does, publishes it against a report write racing it, and then closes it to Excel imports too', async (context) => {
    if (!database) return context.skip()
    const before = MonthStateSchema.parse(await (await clients.staff.request('/api/months/2024-10')).json())
    const queue = ReportQueueSchema.parse(await (await clients.staff.request('/api/reports?month=2024-10')).json())
    expect(before).toMatchObject({ month: '2024-10', status: 'open' })
    expect(before.counts.expected).toBe(queue.items.length)
    expect(before.counts.missing).toBe(queue.items.filter((i) => i.state === 'missing').length)

    // An owner's October report, submitted; the staff approve it while another staff session publishes October.
    const ownerQueue = ReportQueueSchema.parse(await (await clients.owner.request('/api/reports?month=2024-10')).json())
    const own = ownerQueue.items.find((i) => i.state === 'missing')!
    expect(own).toBeDefined()
    const saved = await clients.owner.request(`/api/projects/${own.projectId}/reports/2024-10`, { method: 'PUT', headers: json, body: JSON.stringify({ actualWan: 0, progressPercent: 100, progressText: '竞态测试', forecastYearWan: 0, forecastCompletionDate: '2024-12-31', confidence: 'high' }) })
    expect(saved.status, await saved.clone().text()).toBe(201)
    expect((await post(clients.owner, `/api/projects/${own.projectId}/reports/2024-10/submit`, { version: 1 })).status).toBe(200)
    const [approved, published] = await Promise.all([
      // 100% at 0 万元 is 需核实: the approval carries its confirming comment.
      post(clients.staff, `/api/projects/${own.projectId}/reports/2024-10/approve`, { version: 2, comment: '已核实：本月完工，投资已于前月计入' }),
      post(clients.staff, '/api/months/2024-10/publish', { comment: '竞态测试' }),
    ])
    expect(published.status).toBe(200)
    const state = MonthStateSchema.parse(await published.json())
    // Either the approval went first and is counted, or it came after and was refused: never an approval in a published month.
    if (approved.status === 200) expect(state.counts.approved).toBe(before.counts.approved + 1)
    else {
      expect(approved.status).toBe(409)
      expect((await errorOf(approved)).code).toBe('month_published')
      expect(state.counts.approved).toBe(before.counts.approved)
    }

    // Excel: a dry run and an import of October are refused, naming the month.
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('月报').addRow(['项目编号', '当月完成投资（万元）', '形象进度（%）', '形象进度描述'])
    workbook.worksheets[0]!.addRow([own.projectId, 10, 100, '补报'])
    const body = new Blob([new Uint8Array(await workbook.xlsx.writeBuffer()) as BlobPart])
    for (const query of ['?month=2024-10&dryRun=1', '?month=2024-10']) {
      const refused = await clients.owner.request(`${importPaths.reports}${query}`, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE }, body })
      expect(refused.status, query).toBe(409)
      expect((await errorOf(refused)).message).toContain('2024年10月已发布')
    }
    // November is open: the owner's late October amount goes there.
    const november = await clients.owner.request(`/api/projects/${own.projectId}/reports/2024-11`, { method: 'PUT', headers: json, body: JSON.stringify({ actualWan: 10, progressPercent: 100, progressText: '补报' }) })
    expect(november.status).toBe(201)
  })

  it('withdraws only the latest publication, only by an admin, only with a reason', async (context) => {
    if (!database) return context.skip()
    expect((await post(clients.admin, '/api/months/2024-09/unpublish', { reason: '有误' })).status).toBe(409)
    expect((await post(clients.admin, '/api/months/2024-10/unpublish', { reason: ' ' })).status).toBe(400)
    expect((await post(clients.staff, '/api/months/2024-10/unpublish', { reason: '有误' })).status).toBe(403)
    expect((await post(clients.admin, '/api/months/2024-10/unpublish', { reason: '10月数据有误' })).status).toBe(200)
    expect(CalendarSchema.parse(await (await clients.owner.request('/api/calendar')).json()).publishedMonth).toBe('2024-09')
    expect((await clients.owner.request('/api/summary?asOf=2024-10')).status).toBe(403)
  })

  it('gives an existing database its published months in its migration: every month up to the latest with an approved report', async (context) => {
    if (!database) return context.skip()
    const migration = readFileSync(join(process.cwd(), 'server/db/migrations/0007_month_publications.sql'), 'utf8')
    const insert = migration.split('--> statement-breakpoint').find((part) => part.includes('INSERT INTO "month_publications"'))!
    await database.rows(sql`delete from month_publications`)
    await database.db.execute(sql.raw(insert))
    const rows = await database.rows<{ year: number; month: number; published_by: string | null }>(sql`select year::int as year, month::int as month, published_by from month_publications order by year, month`)
    // October has an approved report by now (the race above, or none): the migration publishes up to the latest approved month.
    const [latestRow] = await database.rows<{ latest: number }>(sql`select max(month)::int as latest from monthly_reports where status = 'approved' and year = 2024`)
    const latest = latestRow!.latest
    expect(rows).toEqual(Array.from({ length: latest }, (_, i) => ({ year: 2024, month: i + 1, published_by: null })))
    expect(latest).toBeGreaterThanOrEqual(9)
  })
})
