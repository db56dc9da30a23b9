import { createServer, type Server } from 'node:http'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CalendarSchema, SessionUserSchema } from '@/contract'
import { NotificationListSchema, RemindResultSchema, TodoSchema, type NotificationList } from '@/contract/notifications'
import { ReportSchema } from '@/contract/reports'
import { generateDataset } from '@/dataset/generate'
import { seedDemoAccounts } from '../../server/auth/accounts'
import { createApp } from '../../server/app'
import { openDatabase, type Database } from '../../server/db/client'
import { seedIfEmpty } from '../../server/db/write'
import { deliverDue, deliveryWorker } from '../../server/notify/delivery'
import { sendDueReminders } from '../../server/notify/reminders'
import { TEST_PASSWORD, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

// Decision 67: a month as the commission runs it — owners are told what is due and what came back, staff
// what awaits them, everyone when a month is published — each notice to the right accounts and only them;
// the scheduler's reminders go once per unit, month and kind, across a restart and with two servers on
// one PostgreSQL. The clock is set by the test, in the demo's year, far from the wall clock.

const json = { 'Content-Type': 'application/json' }
const post = (client: Client, path: string, body: unknown = {}) => client.request(path, { method: 'POST', headers: json, body: JSON.stringify(body) })
const put = (client: Client, path: string, body: unknown) => client.request(path, { method: 'PUT', headers: json, body: JSON.stringify(body) })
/** The body of an answer that must have this status (the body in the message when it has not). */
async function expectStatus(response: Response, status: number): Promise<unknown> {
  const body: unknown = await response.json()
  expect(response.status, JSON.stringify(body)).toBe(status)
  return body
}
const notices = async (client: Client): Promise<NotificationList> => NotificationListSchema.parse(await (await client.request('/api/notifications')).json())

describe('the month cycle tells each account what it must know', () => {
  let database: Database
  let clock = new Date('2024-11-02T02:00:00Z') // 2 November 2024, 10:00 in China: October's reports due on the 5th
  let clients: Record<'staff' | 'leader' | 'reviewer' | 'owner' | 'admin' | 'other', Client>
  let ownUnit: string
  let otherUnit: string
  let project: { id: string; name: string }

  beforeAll(async () => {
    database = await seededMemoryDatabase()
    // Sessions outlast the month the test walks through (its clock moves days on).
    const app = createApp({ database, logger: silentLogger(), now: () => clock, sessionPolicy: { idleMs: 90 * 86_400_000, absoluteMs: 90 * 86_400_000 } })
    const admin = await signedIn(app, 'admin')
    const owner = await signedIn(app, 'owner')
    ownUnit = SessionUserSchema.parse(((await (await owner.request('/api/auth/me')).json()) as { user: unknown }).user).ownerUnit!
    // A second owner unit's account: what the first unit is told must not reach it.
    const units = (await database.rows<{ owner_unit: string }>(sql`select distinct owner_unit from projects where owner_unit <> ${ownUnit} order by owner_unit limit 1`))[0]!
    otherUnit = units.owner_unit
    const created = await post(admin, '/api/admin/accounts', { username: 'owner2', displayName: '另一业主', role: 'owner', ownerUnit: otherUnit, password: TEST_PASSWORD })
    expect(created.status).toBe(201)
    clients = { staff: await signedIn(app, 'staff'), leader: await signedIn(app, 'leader'), reviewer: await signedIn(app, 'reviewer'), owner, admin, other: await signedIn(app, 'owner2') }
    const [row] = await database.rows<{ id: string; name: string }>(sql`
      select p.id, p.name from projects p where p.owner_unit = ${ownUnit} and p.retired_at is null
        and not exists (select 1 from monthly_reports r where r.project_id = p.id and r.year = 2024 and r.month = 10)
      order by p.id limit 1`)
    project = row!
  }, 60_000)
  afterAll(async () => {
    await database.close()
  })

  it('tells each unit with October reports outstanding three days before the deadline, once, and no one else', async () => {
    const first = await sendDueReminders(database.db, clock, false)
    expect(first.made).toBeGreaterThan(1)
    // Run again, and again after a "restart" (a new app over the same data): nothing more.
    expect((await sendDueReminders(database.db, clock, false)).made).toBe(0)
    createApp({ database, logger: silentLogger(), now: () => clock })
    expect((await sendDueReminders(database.db, new Date(clock.getTime() + 3600_000), false)).made).toBe(0)

    const mine = await notices(clients.owner)
    expect(mine.items).toHaveLength(1)
    expect(mine.items[0]).toMatchObject({ kind: 'due-soon', read: false, link: '/todo' })
    expect(mine.items[0]!.text).toMatch(/^2024年10月月报将于2024年11月5日截止（还有3天），本单位还有\d+个项目未提交$/)
    expect(mine.unread).toBe(1)
    expect((await notices(clients.other)).items.map((n) => n.kind)).toEqual(['due-soon'])
    for (const reader of ['leader', 'reviewer', 'staff', 'admin'] as const) expect((await notices(clients[reader])).items, reader).toEqual([])
  })

  it('lists an owner’s October reports on its 待办 with the deadline and days left, judged by the calendar’s clock', async () => {
    const todo = TodoSchema.parse(await (await clients.owner.request('/api/todo')).json())
    expect(todo.today).toBe('2024-11-02')
    const mine = todo.reports.find((r) => r.projectId === project.id)
    expect(mine).toEqual({ projectId: project.id, projectName: project.name, month: '2024-10', state: 'missing', deadline: '2024-11-05', daysLeft: 3, returnComment: null })
    expect(todo.reports.every((r) => r.month === '2024-10')).toBe(true)
    // The staff's 待办: October is the month to publish next, with its counts.
    const staff = TodoSchema.parse(await (await clients.staff.request('/api/todo')).json())
    expect(staff.monthToPublish).toMatchObject({ month: '2024-10', deadline: '2024-11-05' })
    // Counted by the same rule as the month's page (GET /api/months/:month builds the whole queue).
    const month = (await (await clients.staff.request('/api/months/2024-10')).json()) as { counts: unknown }
    expect(staff.monthToPublish!.counts).toEqual(month.counts)
    // The owner's reports to do are its unit's not-submitted ones in that queue, exactly.
    const queue = (await (await clients.owner.request('/api/reports?month=2024-10')).json()) as { items: { projectId: string; state: string }[] }
    expect(todo.reports.map((r) => r.projectId).sort()).toEqual(queue.items.filter((i) => ['missing', 'draft', 'returned'].includes(i.state)).map((i) => i.projectId).sort())
    expect(staff.lateUnits).toEqual([])
    expect(staff.reports).toEqual([])
  })

  it('tells the owner unit — and only it — that a report came back with the reason, and that it was approved', async () => {
    const path = `/api/projects/${project.id}/reports/2024-10`
    const savedResponse = await put(clients.owner, path, { actualWan: 120, progressPercent: 99, progressText: '主体结构施工', milestonesReached: [], problems: '', coordination: '', nextMonthPlan: "继续施工", forecastYearWan: 1500, forecastCompletionDate: '2025-06-30', confidence: 'high' })
    const savedBody: unknown = await savedResponse.json()
    expect(savedResponse.status, JSON.stringify(savedBody)).toBe(201)
    const saved = ReportSchema.parse(savedBody)
    // 待办 is cached per write: a draft (which moves no reader's figures) shows on it at once.
    const afterDraft = TodoSchema.parse(await (await clients.owner.request('/api/todo')).json())
    expect(afterDraft.reports.find((r) => r.projectId === project.id)?.state).toBe('draft')
    const submitted = ReportSchema.parse(await expectStatus(await post(clients.owner, `${path}/submit`, { version: saved.version }), 200))
    const staffTodo = TodoSchema.parse(await (await clients.staff.request('/api/todo')).json())
    expect(staffTodo.awaitingReview.map((r) => r.projectId)).toContain(project.id)
    const returned = await post(clients.staff, `${path}/return`, { version: submitted.version, comment: '请补充形象进度照片说明' })
    expect(returned.status).toBe(200)

    const mine = await notices(clients.owner)
    expect(mine.items[0]).toMatchObject({ kind: 'report-returned', link: `/projects/${project.id}#reports`, text: `「${project.name}」2024年10月月报被退回：请补充形象进度照片说明` })
    expect((await notices(clients.other)).items.some((n) => n.kind === 'report-returned')).toBe(false)
    expect((await notices(clients.staff)).items).toEqual([])
    const todo = TodoSchema.parse(await (await clients.owner.request('/api/todo')).json())
    expect(todo.reports[0]).toMatchObject({ projectId: project.id, state: 'returned', returnComment: '请补充形象进度照片说明' })

    const again = ReportSchema.parse(await (await post(clients.owner, `${path}/submit`, { version: ReportSchema.parse(await returned.json()).version })).json())
    expect((await post(clients.staff, `${path}/approve`, { version: again.version, comment: '已核实' })).status).toBe(200)
    expect((await notices(clients.owner)).items[0]).toMatchObject({ kind: 'report-approved', text: `「${project.name}」2024年10月月报已审核通过，计入统计` })
  })

  it('tells the units still missing reports after the deadline, and the staff once with the totals', async () => {
    clock = new Date('2024-11-06T01:00:00Z') // the day after the deadline
    expect((await sendDueReminders(database.db, clock, false)).made).toBeGreaterThan(1)
    expect((await sendDueReminders(database.db, clock, false)).made).toBe(0)
    expect((await notices(clients.owner)).items[0]).toMatchObject({ kind: 'overdue', text: expect.stringMatching(/^2024年10月月报已于2024年11月5日截止，本单位还有\d+个项目未提交，请尽快报送$/) })
    const staff = await notices(clients.staff)
    expect(staff.items.map((n) => n.kind)).toEqual(['overdue'])
    expect(staff.items[0]!.text).toMatch(/^2024年10月月报已于2024年11月5日截止：\d+个单位\d+个项目尚未提交$/)
    const todo = TodoSchema.parse(await (await clients.staff.request('/api/todo')).json())
    expect(todo.lateUnits.length).toBeGreaterThan(0)
    expect(todo.lateUnits.every((u) => u.month === '2024-10')).toBe(true)
  })

  it('lets staff remind every unit with reports missing in one action, once a day', async () => {
    const first = RemindResultSchema.parse(await (await post(clients.staff, '/api/months/2024-10/remind', { comment: '请于今日下班前报送' })).json())
    expect(first.units.map((u) => u.unit)).toContain(ownUnit)
    expect(first.alreadyReminded).toBe(0)
    const second = RemindResultSchema.parse(await (await post(clients.staff, '/api/months/2024-10/remind', {})).json())
    expect(second).toMatchObject({ units: [], alreadyReminded: first.units.length })
    expect((await notices(clients.owner)).items[0]!.text).toMatch(/^发改委催报：2024年10月月报截止日2024年11月5日，本单位还有\d+个项目未提交。请于今日下班前报送$/)
    expect((await post(clients.leader, '/api/months/2024-10/remind', {})).status).toBe(403)
  })

  it('tells everyone when October is published, and the dashboard moves then, not before', async () => {
    expect(CalendarSchema.parse(await (await clients.leader.request('/api/calendar')).json()).publishedMonth).toBe('2024-09')
    expect((await post(clients.staff, '/api/months/2024-10/publish', {})).status).toBe(200)
    expect(CalendarSchema.parse(await (await clients.leader.request('/api/calendar')).json()).publishedMonth).toBe('2024-10')
    for (const reader of ['leader', 'reviewer', 'owner', 'other', 'staff', 'admin'] as const) {
      // The newest notice but the staff's 挂牌督办 proposals, made by the same publication (decision 76).
      const newest = (await notices(clients[reader])).items.find((n) => n.kind !== 'escalation-proposed')
      expect(newest, reader).toMatchObject({ kind: 'month-published', text: '2024年10月数据已发布：总览、片区和通报默认显示截至2024年10月的数据' })
    }
    // A published month gets no more reminders, by the scheduler or by hand.
    expect((await sendDueReminders(database.db, new Date('2024-11-20T01:00:00Z'), false)).made).toBe(0)
    expect((await post(clients.staff, '/api/months/2024-10/remind', {})).status).toBe(409)
  })

  it('marks an account’s own notices read, by id or all, and never another’s', async () => {
    const mine = await notices(clients.owner)
    const others = await notices(clients.other)
    const one = await post(clients.owner, '/api/notifications/read', { ids: [mine.items[0]!.id, others.items[0]!.id] })
    expect(await one.json()).toEqual({ marked: 1, unread: mine.unread - 1 })
    expect((await notices(clients.other)).unread).toBe(others.unread)
    expect((await post(clients.owner, '/api/notifications/read', { all: true })).status).toBe(200)
    expect((await notices(clients.owner)).unread).toBe(0)
    expect((await notices(clients.owner)).items.every((n) => n.read)).toBe(true)
    expect((await post(clients.owner, '/api/notifications/read', { ids: [] })).status).toBe(400)
    expect((await post(clients.owner, '/api/notifications/read', { all: false })).status).toBe(400)
  })
})

describe('notices to a group robot (NOTIFY_WEBHOOK_URL)', () => {
  let database: Database
  let sink: Server
  let url = ''
  const received: unknown[] = []
  let failuresLeft = 0

  beforeAll(async () => {
    database = await seededMemoryDatabase()
    sink = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      request.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft--
          response.writeHead(500).end('busy')
          return
        }
        received.push(JSON.parse(body))
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}')
      })
    })
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(sink.address() as { port: number }).port}/robot`
  }, 60_000)
  afterAll(async () => {
    await database.close()
    await new Promise((resolve) => sink.close(resolve))
  })

  it('posts each notice as markdown after the request, retries a failure with backoff, and records the delivery', async () => {
    const clock = () => new Date('2024-11-20T02:00:00Z')
    const logger = silentLogger()
    failuresLeft = 2
    const worker = deliveryWorker(database.db, { url, publicUrl: 'https://xmjc.example.gov.cn', baseDelayMs: 0 }, logger, 60_000)
    // The 挂牌督办 rule off (decision 76): this publication makes one notice, and the robot gets one message.
    const app = createApp({ database, logger, now: clock, notices: { outbound: true, kick: worker.kick }, escalation: { severeMonths: 0, lowConfidenceReports: 0 } })
    const staff = await signedIn(app, 'staff')
    const published = await post(staff, '/api/months/2024-10/publish', {})
    expect(published.status).toBe(200)
    // The request did not wait for the robot: the delivery is queued, then the worker's runs post it.
    const [queued] = await database.rows<{ attempts: number; delivered_at: Date | null }>(sql`select attempts, delivered_at from notice_deliveries`)
    expect(queued).toBeDefined()
    for (let i = 0; i < 5 && received.length === 0; i++) await worker.run()
    worker.stop()
    expect(received).toEqual([
      {
        msgtype: 'markdown',
        markdown: {
          title: '重点项目：月份发布',
          text: '**【月份发布】** 2024年10月数据已发布：总览、片区和通报默认显示截至2024年10月的数据\n[打开](https://xmjc.example.gov.cn/)',
          content: '**【月份发布】** 2024年10月数据已发布：总览、片区和通报默认显示截至2024年10月的数据\n[打开](https://xmjc.example.gov.cn/)',
        },
      },
    ])
    const [row] = await database.rows<{ attempts: number; delivered_at: Date | null; last_error: string | null }>(sql`select attempts, delivered_at, last_error from notice_deliveries`)
    expect(row).toMatchObject({ attempts: 3, last_error: null })
    expect(row!.delivered_at).not.toBeNull()
  })

  it('gives up after the last attempt, logs it at error level and keeps the row', async () => {
    await database.db.execute(sql`insert into notices (at, kind, text, link) values (now(), 'reminder', '测试', '/todo')`)
    await database.db.execute(sql`insert into notice_deliveries (notice_id, next_attempt_at) select max(id), now() from notices`)
    const errors: unknown[] = []
    const logger = Object.assign(silentLogger(), { error: (...args: unknown[]) => void errors.push(args), warn: () => {} })
    failuresLeft = 100
    let outcome = { delivered: 0, retried: 0, failed: 0 }
    for (let i = 0; i < 3; i++) {
      const run = await deliverDue(database.db, { url, maxAttempts: 3, baseDelayMs: 0 }, logger as never)
      outcome = { delivered: outcome.delivered + run.delivered, retried: outcome.retried + run.retried, failed: outcome.failed + run.failed }
    }
    expect(outcome).toEqual({ delivered: 0, retried: 2, failed: 1 })
    expect(errors).toHaveLength(1)
    const [row] = await database.rows<{ attempts: number; failed_at: Date | null; last_error: string }>(sql`select attempts, failed_at, last_error from notice_deliveries where delivered_at is null`)
    expect(row).toMatchObject({ attempts: 3, last_error: 'HTTP 500: busy' })
    expect(row!.failed_at).not.toBeNull()
  })
})

describe('reminders with two servers on one PostgreSQL', () => {
  const url = process.env.TEST_DATABASE_URL
  it('sends each reminder once when both run the sweep at the same moment', async (context) => {
    if (!url) return context.skip()
    const name = `nanan_notify_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const own = new URL(url)
    own.pathname = `/${name}`
    const one = await openDatabase({ databaseUrl: own.toString() })
    await seedIfEmpty(one.db, () => generateDataset())
    await seedDemoAccounts(one.db, { password: TEST_PASSWORD })
    const two = await openDatabase({ databaseUrl: own.toString() })
    try {
      const at = new Date('2024-11-02T02:00:00Z')
      const [a, b] = await Promise.all([sendDueReminders(one.db, at, true), sendDueReminders(two.db, at, true)])
      const n = (await one.rows<{ n: string }>(sql`select count(*) as n from notices`))[0]!.n
      expect(a.made + b.made).toBe(Number(n))
      expect(Number(n)).toBeGreaterThan(1)
      const d = (await one.rows<{ d: string }>(sql`select count(*) as d from notice_deliveries`))[0]!.d
      expect(Number(d)).toBe(Number(n))
    } finally {
      await one.close()
      await two.close()
    }
  }, 120_000)
})
