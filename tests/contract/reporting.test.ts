import { ApiErrorSchema, SummarySchema, type ProjectRecord } from '@/contract'
import { ReportSchema, ReportQueueSchema } from '@/contract/reports'
import { AuditListSchema } from '@/contract/accounts'
import { MonthStateSchema } from '@/contract/months'
import { demoOwnerUnit } from '@/domain/access'
import { previousProgressPercent } from '@/domain/monthly-report'
import { asksCompletionDate } from '@/domain/forecast-report'
import { generateDataset } from '@/dataset/generate'
import { referenceFor, writeTargets, type Target } from './targets'

/**
 * The reporting cycle on every implementation (the embedded database and PostgreSQL): an owner unit fills
 * in and submits, the staff approve or return, stale versions get 409, and only approved figures reach
 * the dashboard. Every step must give the same status and the same body (times aside) everywhere.
 */
const targets: Target[] = []
const records = generateDataset()
const ownerUnit = demoOwnerUnit(records.map((r) => r.ownerUnit))!
const own = records.filter((r) => r.ownerUnit === ownerUnit)
const mine = own.find((r) => r.annualPlanWan > 1000 && r.actualCompletionDate === null)!
const second = own.find((r) => r.id !== mine.id && r.actualCompletionDate === null && r.annualPlanWan > 0)!
const others = records.find((r) => r.ownerUnit !== ownerUnit)!
/** Projects only the draft cases use (from the end of the unit's list; the cases below pick from its start). */
const spare = own.filter((r) => r.actualCompletionDate === null && r.annualPlanWan > 1000 && previousProgressPercent(r, 10)! > 0).slice(-3)
const [ruled, halfDone, empty] = spare as [ProjectRecord, ProjectRecord, ProjectRecord]
/** The projects the cases below pick for October and December (the first that fit), kept apart from the 需核实 cases. */
const third = own.find((r) => r.id !== mine.id && r.id !== second.id && r.actualCompletionDate === null && r.annualPlanWan > 1000)!
const withOpen = own.find((r) => r.id !== mine.id && r.id !== second.id && r.actualCompletionDate === null && r.annualPlanWan > 1000 && r.milestones.some((m) => m.actualDate === null))!
/** A project whose 形象进度 before October leaves room for a jump of more than 30 points (需核实). */
const jumper = own.find(
  (r) =>
    ![mine, second, third, withOpen, ...spare].includes(r) &&
    r.actualCompletionDate === null &&
    r.annualPlanWan > 1000 &&
    previousProgressPercent(r, 10) !== null &&
    previousProgressPercent(r, 10)! <= 60,
)!

beforeAll(async () => {
  targets.push(...(await writeTargets()))
}, 120_000)
afterAll(async () => {
  for (const target of targets) await target.close()
})

type Answer = { status: number; body: unknown }
const TIMES = new Set(['updatedAt', 'submittedAt', 'reviewedAt', 'publishedAt', 'at', 'id', 'address'])
/** The body without clock times, ids and addresses, which differ between targets by nature. */
function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !TIMES.has(k)).map(([k, v]) => [k, timeless(v)]))
  }
  return value
}

/** Ask every target as `username`; all must answer `status` with the same body. */
async function same(username: string, path: string, status: number, init?: { method: string; body?: unknown }): Promise<Answer> {
  const answers: Answer[] = []
  for (const target of targets) {
    await target.signInAs(username)
    const request: RequestInit | undefined = init
      ? { method: init.method, headers: { 'Content-Type': 'application/json' }, body: init.body === undefined ? undefined : JSON.stringify(init.body) }
      : undefined
    answers.push(await target.request(path, request))
  }
  for (const [i, answer] of answers.entries()) {
    expect(answer.status, `${targets[i]!.name}: ${init?.method ?? 'GET'} ${path} → ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(status)
    if (status >= 400) expect(ApiErrorSchema.safeParse(answer.body).success).toBe(true)
    const reference = referenceFor(targets, i, username, init?.method)
    if (i > reference) expect(timeless(answer.body), `${targets[i]!.name} differs from ${targets[reference]!.name}: ${path}`).toEqual(timeless(answers[reference]!.body))
  }
  return answers[0]!
}

const report = (projectId: string, month: string) => `/api/projects/${projectId}/reports/${month}`
const draft = (over: Record<string, unknown> = {}) => ({
  actualWan: 120,
  progressPercent: 99,
  progressText: '主体工程完成，正在进行附属设施施工',
  milestonesReached: [{ name: '主体完工', date: '2024-10-20' }],
  problems: '征地拆迁尚有 2 户未签约',
  coordination: '请区规划自然资源局协调用地手续',
  nextMonthPlan: '完成附属设施',
  // From 6月 (the default FORECAST_REQUIRED_FROM) a report is submitted with its forecast (decision 74).
  forecastYearWan: 1500,
  forecastCompletionDate: '2025-06-30',
  confidence: 'fairly-high',
  ...over,
})

describe('a month reported, reviewed and counted', () => {
  it('counts nothing of October before anything of it is approved', async () => {
    const summary = SummarySchema.parse((await same('leader', '/api/summary', 200)).body)
    expect(summary.latestReportMonth).toBe(9)
    expect(summary.published).toBe(true)
    // October is open (not published): the staff see its figures marked so; the other readers are refused, told which month is out.
    const october = SummarySchema.parse((await same('staff', '/api/summary?asOf=2024-10', 200)).body)
    expect(october.published).toBe(false)
    expect(october.cumulativeActualWan).toBe(summary.cumulativeActualWan)
    expect(october.monthly[9]!.actualWan).toBe(0)
    for (const reader of ['leader', 'reviewer', 'owner']) {
      const refused = await same(reader, '/api/summary?asOf=2024-10', 403)
      expect((refused.body as { error: { code: string; message: string } }).error).toMatchObject({ code: 'month_unpublished', message: '2024年10月的数据尚未发布；已发布的最新月份是2024年9月' })
    }
    const calendar = await same('leader', '/api/calendar', 200)
    expect(calendar.body).toMatchObject({ planYear: 2024, latestReportMonth: 9, publishedMonth: '2024-09', reportDeadlineDay: 5 })
    expect((calendar.body as { months: { status: string }[] }).months.map((m) => m.status)).toEqual([...Array(9).fill('published'), ...Array(3).fill('open')])
  })

  it('lets only the project’s own 业主单位 fill it in', async () => {
    await same('staff', report(mine.id, '2024-10'), 403, { method: 'PUT', body: draft() })
    await same('leader', report(mine.id, '2024-10'), 403, { method: 'PUT', body: draft() })
    await same('owner', report(others.id, '2024-10'), 403, { method: 'PUT', body: draft() })
    await same('owner', report('P999', '2024-10'), 404, { method: 'PUT', body: draft() })
    await same('owner', report(mine.id, '2024-13'), 400, { method: 'PUT', body: draft() })
  })

  it('refuses a malformed field even in a draft, naming it in Chinese; the rules of a complete report are checked at submit', async () => {
    const negative = await same('owner', report(mine.id, '2024-10'), 400, { method: 'PUT', body: draft({ actualWan: -5 }) })
    expect(JSON.stringify(negative.body)).toContain('不能为负数')
    await same('owner', report(mine.id, '2024-10'), 400, { method: 'PUT', body: { actualWan: -5 } })
    await same('owner', report(mine.id, '2024-10'), 400, { method: 'PUT', body: draft({ actualWan: 1.5 }) })
    await same('owner', report(mine.id, '2024-10'), 400, { method: 'PUT', body: draft({ progressPercent: 101 }) })
    const closed = await same('owner', report(mine.id, '2023-10'), 422, { method: 'PUT', body: draft() })
    expect((closed.body as { error: { fields: Record<string, string> } }).error.fields.month).toContain('2024')
    // 进度回退 and 超计划150% are a complete report's rules: the draft saves, the submit is refused naming the field.
    const path = report(ruled.id, '2024-10')
    await same('owner', path, 201, { method: 'PUT', body: draft({ progressPercent: 0, milestonesReached: [] }) })
    const dropped = await same('owner', `${path}/submit`, 422, { method: 'POST', body: { version: 1 } })
    expect(Object.keys((dropped.body as { error: { fields: object } }).error.fields)).toEqual(['progressDropReason'])
    await same('owner', path, 200, { method: 'PUT', body: { ...draft({ actualWan: ruled.annualPlanWan * 2, progressPercent: 100, milestonesReached: [] }), version: 1 } })
    const overrun = await same('owner', `${path}/submit`, 422, { method: 'POST', body: { version: 2 } })
    expect((overrun.body as { error: { fields: Record<string, string> } }).error.fields.confirmOverrun).toContain('150%')
    await same('owner', `/api/projects/${mine.id}/reports`, 200)
  })

  it('saves a draft with one field, or none; submitting it answers 422 naming what is missing, and it counts nowhere (decision 65)', async () => {
    const path = report(halfDone.id, '2024-10')
    const saved = ReportSchema.parse((await same('owner', path, 201, { method: 'PUT', body: { actualWan: 80 } })).body)
    expect(saved).toMatchObject({ status: 'draft', version: 1, actualWan: 80, progressPercent: null, progressText: '', milestonesReached: [] })
    const refused = await same('owner', `${path}/submit`, 422, { method: 'POST', body: { version: 1 } })
    // October is after 6月: the forecast is part of a complete report, 预计完工日期 when the project is due by next year.
    const asksDate = asksCompletionDate(halfDone, 2024)
    expect((refused.body as { error: unknown }).error).toEqual({
      code: 'invalid_report',
      message: `月报尚未填写完整，不能提交：请填写形象进度（%）、形象进度描述、全年预计完成投资（万元）${asksDate ? '、预计完工日期' : ''}、完成信心`,
      fields: {
        progressPercent: '请填写形象进度（%）',
        progressText: '请填写形象进度描述',
        forecastYearWan: '请填写全年预计完成投资（万元）',
        ...(asksDate ? { forecastCompletionDate: '请填写预计完工日期（本年或明年完工的项目）' } : {}),
        confidence: '请选择完成信心',
      },
    })
    // Still a draft, unchanged; the owner's list shows it.
    const listed = ReportSchema.parse(((await same('owner', `/api/projects/${halfDone.id}/reports`, 200)).body as { items: unknown[] }).items.find((r) => (r as { month: string }).month === '2024-10'))
    expect(listed).toMatchObject({ status: 'draft', version: 1, actualWan: 80 })

    // An empty form saves too: nothing filled in is stored as nothing (null figures, '' texts), and submit names all three.
    const emptyPath = report(empty.id, '2024-10')
    const blank = ReportSchema.parse((await same('owner', emptyPath, 201, { method: 'PUT', body: {} })).body)
    expect(blank).toMatchObject({ status: 'draft', actualWan: null, progressPercent: null, progressText: '' })
    const none = await same('owner', `${emptyPath}/submit`, 422, { method: 'POST', body: { version: 1 } })
    expect(Object.keys((none.body as { error: { fields: object } }).error.fields)).toEqual([
      'actualWan',
      'progressPercent',
      'progressText',
      'forecastYearWan',
      ...(asksCompletionDate(empty, 2024) ? ['forecastCompletionDate'] : []),
      'confidence',
    ])
    // The month's queue shows the drafts, the blank one without an amount; October's figures do not move.
    const queue = ReportQueueSchema.parse((await same('staff', '/api/reports?month=2024-10', 200)).body)
    expect(queue.items.find((i) => i.projectId === empty.id)).toMatchObject({ state: 'draft', actualWan: null })
    expect(queue.items.find((i) => i.projectId === halfDone.id)).toMatchObject({ state: 'draft', actualWan: 80 })
    expect(SummarySchema.parse((await same('staff', '/api/summary?asOf=2024-10', 200)).body).monthly[9]!.actualWan).toBe(0)
  })

  it('saves a draft, refuses a stale edit with the current report, submits, approves', async () => {
    const created = await same('owner', report(mine.id, '2024-10'), 201, { method: 'PUT', body: draft() })
    const first = ReportSchema.parse(created.body)
    expect(first).toMatchObject({ status: 'draft', version: 1, actualWan: 120, updatedBy: 'owner', simulated: false })

    const edited = await same('owner', report(mine.id, '2024-10'), 200, { method: 'PUT', body: { ...draft({ actualWan: 150 }), version: 1 } })
    expect(ReportSchema.parse(edited.body)).toMatchObject({ version: 2, actualWan: 150 })
    // A second editor still on version 1 loses nothing and overwrites nothing: 409 with what is there now.
    const stale = await same('owner', report(mine.id, '2024-10'), 409, { method: 'PUT', body: { ...draft({ actualWan: 999 }), version: 1 } })
    expect((stale.body as { error: { code: string; current: { actualWan: number } } }).error).toMatchObject({ code: 'conflict', current: { actualWan: 150, version: 2 } })
    // Creating again where a report exists is a conflict too.
    await same('owner', report(mine.id, '2024-10'), 409, { method: 'PUT', body: draft() })

    // Staff cannot approve a draft; the owner cannot approve at all.
    await same('staff', `${report(mine.id, '2024-10')}/approve`, 409, { method: 'POST', body: { version: 2 } })
    await same('owner', `${report(mine.id, '2024-10')}/approve`, 403, { method: 'POST', body: { version: 2 } })
    const submitted = await same('owner', `${report(mine.id, '2024-10')}/submit`, 200, { method: 'POST', body: { version: 2 } })
    expect(ReportSchema.parse(submitted.body)).toMatchObject({ status: 'submitted', version: 3, submittedBy: 'owner' })
    // Submitted is not counted: October's figures are still September's, and the default is still 1-9月.
    const pending = SummarySchema.parse((await same('staff', '/api/summary?asOf=2024-10', 200)).body)
    expect(pending.monthly[9]!.actualWan).toBe(0)
    expect(SummarySchema.parse((await same('leader', '/api/summary', 200)).body).asOfMonth).toBe(9)
    // Nor can the owner edit what is awaiting review.
    await same('owner', report(mine.id, '2024-10'), 409, { method: 'PUT', body: { ...draft(), version: 3 } })
    // The lists say it is in and awaiting review, rather than missing.
    const listed = (await same('staff', `/api/projects?asOf=2024-10&q=${mine.id}`, 200)).body as { items: { id: string; reportPending: boolean; status: { lagClass: string } }[] }
    expect(listed.items.find((i) => i.id === mine.id)).toMatchObject({ reportPending: true, status: { lagClass: 'not-reported' } })
    expect(((await same('leader', `/api/projects/${mine.id}`, 200)).body as { pendingReportMonths: number[] }).pendingReportMonths).toEqual([10])

    const queue = await same('staff', '/api/reports?month=2024-10', 200)
    const parsed = ReportQueueSchema.parse(queue.body)
    expect(parsed.items[0]).toMatchObject({ projectId: mine.id, state: 'submitted', version: 3 })
    expect(parsed.pastDeadline).toBe(true)
    expect(parsed.items.filter((i) => i.state === 'missing').every((i) => i.overdue)).toBe(true)

    const before = SummarySchema.parse((await same('leader', '/api/summary', 200)).body)
    await same('staff', `${report(mine.id, '2024-10')}/approve`, 409, { method: 'POST', body: { version: 2 } })
    // 99% in October may be a jump of more than 30 points (需核实): the staff confirm it in the approval's comment.
    const approved = await same('staff', `${report(mine.id, '2024-10')}/approve`, 200, { method: 'POST', body: { version: 3, comment: '已核实' } })
    expect(ReportSchema.parse(approved.body)).toMatchObject({ status: 'approved', version: 4, reviewedBy: 'staff' })
    await same('owner', report(mine.id, '2024-10'), 409, { method: 'PUT', body: { ...draft(), version: 4 } })
    expect(((await same('leader', `/api/projects/${mine.id}`, 200)).body as { pendingReportMonths: number[] }).pendingReportMonths).toEqual([])

    // An approval moves no reader: every reader's default is still 1-9月 (decision 63) until the staff publish October.
    for (const reader of ['leader', 'reviewer', 'owner', 'staff']) {
      const still = SummarySchema.parse((await same(reader, '/api/summary', 200)).body)
      expect(still, reader).toMatchObject({ latestReportMonth: 9, asOfMonth: 9, published: true, cumulativeActualWan: before.cumulativeActualWan })
    }
    // The staff's October view counts exactly the approved 150 万元.
    const october = SummarySchema.parse((await same('staff', '/api/summary?asOf=2024-10', 200)).body)
    expect(october).toMatchObject({ asOfMonth: 10, published: false, cumulativeActualWan: before.cumulativeActualWan + 150 })
    expect(october.monthly[9]!.actualWan).toBe(150)
    const september = SummarySchema.parse((await same('leader', '/api/summary?asOf=2024-09', 200)).body)
    expect(september.cumulativeActualWan).toBe(before.cumulativeActualWan)
    const detail = await same('leader', `/api/projects/${mine.id}`, 200)
    expect((detail.body as { monthlyActualWan: (number | null)[] }).monthlyActualWan[9]).toBe(150)
  })

  it('returns a report with its reason, and takes the corrected one back', async () => {
    const path = report(second.id, '2024-10')
    await same('owner', path, 201, { method: 'PUT', body: draft({ actualWan: 80, progressPercent: 100, milestonesReached: [] }) })
    await same('owner', `${path}/submit`, 200, { method: 'POST', body: { version: 1 } })
    const noReason = await same('staff', `${path}/return`, 422, { method: 'POST', body: { version: 2 } })
    expect((noReason.body as { error: { fields: Record<string, string> } }).error.fields.comment).toContain('退回原因')
    const returned = await same('staff', `${path}/return`, 200, { method: 'POST', body: { version: 2, comment: '完成投资与进度不符，请核实' } })
    expect(ReportSchema.parse(returned.body)).toMatchObject({ status: 'returned', returnComment: '完成投资与进度不符，请核实' })
    const corrected = await same('owner', path, 200, { method: 'PUT', body: { ...draft({ actualWan: 60, progressPercent: 100, milestonesReached: [] }), version: 3 } })
    expect(ReportSchema.parse(corrected.body)).toMatchObject({ status: 'draft', returnComment: '完成投资与进度不符，请核实' })
    const resubmitted = await same('owner', `${path}/submit`, 200, { method: 'POST', body: { version: 4 } })
    expect(ReportSchema.parse(resubmitted.body)).toMatchObject({ status: 'submitted', returnComment: null })
  })

  it('keeps every step in the audit log, field by field, for the roles that read project data', async () => {
    const log = await same('staff', `/api/audit?projectId=${mine.id}`, 200)
    const items = AuditListSchema.parse(log.body).items
    expect(items.map((e) => e.action)).toEqual(['report.approve', 'report.submit', 'report.save', 'report.save'])
    expect(items.every((e) => e.month === '2024-10' && e.target === mine.id)).toBe(true)
    expect(items[0]!.changes).toEqual([{ field: 'status', before: 'submitted', after: 'approved' }])
    expect(items[2]!.changes).toContainEqual({ field: 'actualWan', before: 120, after: 150 })
    const returns = AuditListSchema.parse((await same('leader', `/api/audit?projectId=${second.id}&month=2024-10`, 200)).body).items
    expect(returns.find((e) => e.action === 'report.return')?.reason).toBe('完成投资与进度不符，请核实')
    // The admin's view of the log is the sign-in and account entries only.
    const admin = AuditListSchema.parse((await same('admin', `/api/audit?projectId=${mine.id}`, 200)).body).items
    expect(admin).toEqual([])
  })

  it('lets exactly one of two editors who send the same version at the same moment win; the other gets 409 and loses nothing', async () => {
    const path = report(third.id, '2024-11')
    await same('owner', path, 201, { method: 'PUT', body: draft({ actualWan: 10, progressPercent: 100, milestonesReached: [] }) })
    for (const target of targets) {
      await target.signInAs('owner')
      const send = (actualWan: number) =>
        target.request(path, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...draft({ actualWan, progressPercent: 100, milestonesReached: [] }), version: 1 }) })
      const [a, b] = await Promise.all([send(111), send(222)])
      expect([a.status, b.status].sort(), target.name).toEqual([200, 409])
      const winner = a.status === 200 ? 111 : 222
      const list = (await target.request(`/api/projects/${third.id}/reports`)).body as { items: { month: string }[] }
      const now = ReportSchema.parse(list.items.find((r) => r.month === '2024-11'))
      expect(now, target.name).toMatchObject({ version: 2, actualWan: winner })
      const loser = (a.status === 409 ? a : b).body as { error: { code: string; current: { actualWan: number } } }
      expect(loser.error).toMatchObject({ code: 'conflict', current: { actualWan: winner } })
    }
  })

  it('gives a planned milestone its date when the approved report says it was reached', async () => {
    const stone = withOpen.milestones.find((m) => m.actualDate === null)!
    const path = report(withOpen.id, '2024-12')
    await same('owner', path, 201, { method: 'PUT', body: draft({ actualWan: 20, progressPercent: 100, milestonesReached: [{ name: stone.name, date: '2024-12-15' }] }) })
    await same('owner', `${path}/submit`, 200, { method: 'POST', body: { version: 1 } })
    const before = (await same('staff', `/api/projects/${withOpen.id}?asOf=2024-12`, 200)).body as { milestones: { name: string; actualDate: string | null }[] }
    expect(before.milestones.find((m) => m.name === stone.name)!.actualDate).toBeNull()
    await same('staff', `${path}/approve`, 200, { method: 'POST', body: { version: 2, comment: '节点已核实' } })
    const after = (await same('staff', `/api/projects/${withOpen.id}?asOf=2024-12`, 200)).body as { milestones: { name: string; actualDate: string | null }[] }
    expect(after.milestones.find((m) => m.name === stone.name)!.actualDate).toBe('2024-12-15')
  })

  it('holds a report that does not look right for a look (需核实): flagged at submit with the figures, listed first, approved only with a confirming comment', async () => {
    const path = report(jumper.id, '2024-10')
    const previous = previousProgressPercent(jumper, 10)!
    // 0 万元 while 形象进度 jumps by 35 points: two reasons, each with its figures.
    await same('owner', path, 201, { method: 'PUT', body: draft({ actualWan: 0, progressPercent: previous + 35, milestonesReached: [] }) })
    const submitted = ReportSchema.parse((await same('owner', `${path}/submit`, 200, { method: 'POST', body: { version: 1 } })).body)
    expect(submitted.flags).toEqual([
      { code: 'progress-jump', message: `形象进度由 ${previous}% 升至 ${previous + 35}%，一个月上升 35 个百分点（超过 30 个百分点）` },
      { code: 'progress-without-amount', message: `当月完成投资为 0，但形象进度由 ${previous}% 升至 ${previous + 35}%` },
    ])
    // The queue lists the flagged reports first (this one among them), with their reasons and forecast.
    const queue = ReportQueueSchema.parse((await same('staff', '/api/reports?month=2024-10', 200)).body)
    const flaggedFirst = queue.items.slice(0, queue.items.findIndex((i) => i.flags.length === 0))
    expect(flaggedFirst.every((i) => i.state === 'submitted')).toBe(true)
    expect(flaggedFirst.find((i) => i.projectId === jumper.id)).toMatchObject({ forecastYearWan: 1500, confidence: 'fairly-high', flags: submitted.flags })
    // Approving it without a comment is refused, naming the reasons; with one it is approved and the comment is the audit's reason.
    const bare = await same('staff', `${path}/approve`, 422, { method: 'POST', body: { version: 2 } })
    expect((bare.body as { error: { message: string; fields: Record<string, string> } }).error).toMatchObject({ message: '该月报需核实，审核通过前请填写确认意见' })
    expect((bare.body as { error: { fields: Record<string, string> } }).error.fields.comment).toContain('一个月上升 35 个百分点')
    await same('staff', `${path}/approve`, 422, { method: 'POST', body: { version: 2, comment: '   ' } })
    const approved = ReportSchema.parse((await same('staff', `${path}/approve`, 200, { method: 'POST', body: { version: 2, comment: '已电话核实：监理确认主体完工' } })).body)
    expect(approved).toMatchObject({ status: 'approved', flags: submitted.flags })
    const log = AuditListSchema.parse((await same('staff', `/api/audit?projectId=${jumper.id}&month=2024-10`, 200)).body).items
    expect(log[0]).toMatchObject({ action: 'report.approve', reason: '已电话核实：监理确认主体完工' })
    expect(log.find((e) => e.action === 'report.submit')!.changes).toContainEqual({ field: 'flags', before: [], after: submitted.flags })
    // An ordinary report carries no flags.
    const listed = ((await same('owner', `/api/projects/${mine.id}/reports`, 200)).body as { items: { month: string; flags: unknown[] }[] }).items
    expect(listed.every((r) => Array.isArray(r.flags))).toBe(true)
  })

  it('lets the staff give the commission’s own 完成信心 beside the owner’s, with a reason, audited; a stale version is 409', async () => {
    const path = `${report(jumper.id, '2024-10')}/commission-confidence`
    const body = { version: 3, confidence: 'fairly-low', reason: '征地拆迁尚未完成，全年难以达到预计' }
    await same('owner', path, 403, { method: 'PUT', body })
    await same('leader', path, 403, { method: 'PUT', body })
    const noReason = await same('staff', path, 400, { method: 'PUT', body: { ...body, reason: '' } })
    expect(JSON.stringify(noReason.body)).toContain('请填写评定理由')
    await same('staff', path, 400, { method: 'PUT', body: { ...body, confidence: 'sure' } })
    const rated = ReportSchema.parse((await same('staff', path, 200, { method: 'PUT', body })).body)
    expect(rated).toMatchObject({ version: 4, status: 'approved', confidence: 'fairly-high', commissionConfidence: 'fairly-low', commissionConfidenceReason: '征地拆迁尚未完成，全年难以达到预计', reviewedBy: 'staff' })
    const stale = await same('staff', path, 409, { method: 'PUT', body: { ...body, confidence: 'low' } })
    expect((stale.body as { error: { code: string; current: { version: number; commissionConfidence: string } } }).error).toMatchObject({ code: 'conflict', current: { version: 4, commissionConfidence: 'fairly-low' } })
    // A draft is the unit's own: no rating on it; nor on a month with no report.
    await same('staff', `${report(halfDone.id, '2024-10')}/commission-confidence`, 409, { method: 'PUT', body: { ...body, version: 1 } })
    await same('staff', `${report(halfDone.id, '2024-11')}/commission-confidence`, 404, { method: 'PUT', body: { ...body, version: 1 } })
    const log = AuditListSchema.parse((await same('leader', `/api/audit?projectId=${jumper.id}&month=2024-10`, 200)).body).items
    expect(log[0]).toMatchObject({ action: 'report.commission-confidence', actor: 'staff', reason: '征地拆迁尚未完成，全年难以达到预计' })
    expect(log[0]!.changes).toEqual([
      { field: 'commissionConfidence', before: null, after: 'fairly-low' },
      { field: 'commissionConfidenceReason', before: null, after: '征地拆迁尚未完成，全年难以达到预计' },
    ])
  })

  it('moves every reader to 1-10月 when the staff publish October, in order and once; October is then closed; an admin may withdraw it with a reason', async () => {
    // The month's state before publishing: what is in and what is missing.
    const state = MonthStateSchema.parse((await same('staff', '/api/months/2024-10', 200)).body)
    expect(state).toMatchObject({ month: '2024-10', status: 'open', publishedAt: null, publishedBy: null })
    const { counts } = state
    expect(counts.approved).toBeGreaterThanOrEqual(1)
    expect(counts.submitted).toBeGreaterThanOrEqual(1)
    expect(counts.approved + counts.submitted + counts.returned + counts.draft + counts.missing).toBe(counts.expected)
    await same('leader', '/api/months/2024-10', 403)
    await same('owner', '/api/months/2024-10/publish', 403, { method: 'POST', body: {} })
    await same('admin', '/api/months/2024-10/publish', 403, { method: 'POST', body: {} })

    // In order: November waits for October, named.
    const early = await same('staff', '/api/months/2024-11/publish', 409, { method: 'POST', body: {} })
    expect((early.body as { error: { message: string } }).error.message).toContain('2024年10月尚未发布')

    const published = await same('staff', '/api/months/2024-10/publish', 200, { method: 'POST', body: { comment: '10月月报发布' } })
    expect(MonthStateSchema.parse(published.body)).toMatchObject({ month: '2024-10', status: 'published', publishedBy: 'staff', counts })
    const again = await same('staff', '/api/months/2024-10/publish', 409, { method: 'POST', body: {} })
    expect((again.body as { error: { message: string } }).error.message).toBe('2024年10月已发布')

    // Every reader's default is now 1-10月, published; the calendar says so.
    const september = SummarySchema.parse((await same('leader', '/api/summary?asOf=2024-09', 200)).body)
    for (const reader of ['leader', 'reviewer', 'owner', 'staff']) {
      const now = SummarySchema.parse((await same(reader, '/api/summary', 200)).body)
      expect(now, reader).toMatchObject({ latestReportMonth: 10, asOfMonth: 10, published: true })
      expect(now.cumulativeActualWan).toBe(september.cumulativeActualWan + (now.monthly[9]!.actualWan ?? 0))
    }
    const calendar = (await same('leader', '/api/calendar', 200)).body as { publishedMonth: string; months: { month: string; status: string; publishedBy: string | null }[] }
    expect(calendar.publishedMonth).toBe('2024-10')
    expect(calendar.months[9]).toMatchObject({ month: '2024-10', status: 'published', publishedBy: 'staff' })

    // October is closed: no save, submit, approval, return or Excel import of it; the refusal names the month.
    const pendingReview = await same('staff', `${report(second.id, '2024-10')}/approve`, 409, { method: 'POST', body: { version: 5 } })
    expect((pendingReview.body as { error: { code: string; message: string } }).error).toMatchObject({ code: 'month_published' })
    expect((pendingReview.body as { error: { message: string } }).error.message).toContain('2024年10月已发布')
    await same('staff', `${report(second.id, '2024-10')}/return`, 409, { method: 'POST', body: { version: 5, comment: '晚了' } })
    const late = await same('owner', report(third.id, '2024-10'), 409, { method: 'PUT', body: draft({ actualWan: 10, progressPercent: 100, milestonesReached: [] }) })
    expect((late.body as { error: { message: string } }).error.message).toContain('2024年10月已发布')

    // Only an admin withdraws a publication, with a reason; October is open again and the readers go back to 1-9月.
    await same('staff', '/api/months/2024-10/unpublish', 403, { method: 'POST', body: { reason: '数据有误' } })
    await same('admin', '/api/months/2024-10/unpublish', 400, { method: 'POST', body: {} })
    const withdrawn = await same('admin', '/api/months/2024-10/unpublish', 200, { method: 'POST', body: { reason: '10月数据有误，重新审核' } })
    expect(MonthStateSchema.parse(withdrawn.body)).toMatchObject({ status: 'open', publishedAt: null })
    expect(SummarySchema.parse((await same('leader', '/api/summary', 200)).body).asOfMonth).toBe(9)
    const log = AuditListSchema.parse((await same('staff', '/api/audit?action=month.publish', 200)).body).items
    expect(log[0]).toMatchObject({ action: 'month.publish', actor: 'staff', target: '2024-10', reason: '10月月报发布' })
    const withdrawals = AuditListSchema.parse((await same('leader', '/api/audit?action=month.unpublish', 200)).body).items
    expect(withdrawals[0]).toMatchObject({ action: 'month.unpublish', actor: 'admin', target: '2024-10', reason: '10月数据有误，重新审核' })
  })
})
