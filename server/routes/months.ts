import { and, asc, eq } from 'drizzle-orm'
import type { Context } from 'hono'
import { z } from 'zod'
import { MonthParamSchema, MonthStateSchema, PublishMonthSchema, UnpublishMonthSchema, monthRoutes, type MonthState } from '@/contract/months'
import { calendarFromYears, otherYearProblem, publishProblem, unpublishProblem, type Publication } from '@/domain/calendar'
import { parseReportMonth } from '@/domain/monthly-report'
import { DEFAULT_REPORT_DEADLINE_DAY } from '@/domain/calendar'
import type { Db } from '../db/handle'
import { issueBulletin, withdrawBulletin } from '../db/bulletins'
import { countsOfQueue, lockMonth } from '../db/months'
import { proposeEscalations } from '../db/escalations'
import { planYearOf } from '../db/plan-year'
import { reportQueueOf } from '../db/reports'
import { monthPublications } from '../db/schema'
import { refuse } from '../db/versioned-write'
import { noticeTexts } from '@/domain/notifications'
import { notify } from '../notify/notices'
import { answerWrite, fail, type AppEnv, type Deps } from './context'
import type { Register } from './register'

type C = Context<AppEnv>
type Executor = Pick<Db, 'select' | 'execute'>

/** The publications of a year, oldest month first. */
async function publicationsOf(db: Executor, year: number): Promise<Publication[]> {
  const rows = await db.select().from(monthPublications).where(eq(monthPublications.year, year)).orderBy(asc(monthPublications.month))
  return rows.map((r) => ({ month: r.month, publishedAt: r.publishedAt.toISOString(), publishedBy: r.publishedBy }))
}

/** The open year's months (open or published), as the calendar shows them. */
async function openYearOf(db: Executor, now: Date) {
  const planYear = await planYearOf(db)
  const publications = await publicationsOf(db, planYear)
  const calendar = calendarFromYears([{ year: planYear, publishedMonth: publications.at(-1)?.month ?? null, open: true }], DEFAULT_REPORT_DEADLINE_DAY, publications, now)
  return { planYear, calendar }
}

/** A month's state: its publication and its reports counted (the whole district's). */
async function monthStateOf(db: Executor, year: number, month: number, now: Date): Promise<MonthState> {
  const { planYear, calendar } = await openYearOf(db, now)
  const entry = calendar.months[month - 1]!
  const queue = await reportQueueOf(db, planYear, year, month, null, now)
  return { month: entry.month, status: entry.status, publishedAt: entry.publishedAt, publishedBy: entry.publishedBy, counts: countsOfQueue(queue) }
}

/**
 * 发布: staff publish the open year's months in order, each once; an admin may withdraw the latest
 * publication with a reason. Each step is audited and bumps the data version (every reader's default
 * month moves). Report writes of the month wait for it and are refused afterwards (server/db/months.ts).
 */
export function monthRoutesOf(register: Register, deps: Deps) {
  const { db } = deps.database
  const monthPath = z.object({ month: MonthParamSchema.describe('月份 YYYY-MM') })

  /** The month of the path, when it is a month of the open year; else the 400 answer. */
  const openYearMonth = async (c: C, asked: string) => {
    const { year, month } = parseReportMonth(asked)
    const planYear = await planYearOf(db)
    const problem = otherYearProblem(year, planYear, '的月份可以发布')
    if (problem) return { ok: false as const, response: fail(c, 400, 'invalid_path', '路径参数无效', { fields: { month: problem } }) }
    return { ok: true as const, year, month }
  }

  register('GET', monthRoutes.one, {
    summary: '某月的发布状态与报送情况（发改委工作人员）：应报、已审核、待审核、退回、草稿、未报送项目数',
    params: monthPath,
    responses: { 200: { description: '月份', schema: MonthStateSchema } },
    errors: { 400: '月份无效或不在正在报送的年度' },
  }, async (c, { params }) => {
    const asked = await openYearMonth(c, params.month)
    if (!asked.ok) return asked.response
    return c.json(await monthStateOf(db, asked.year, asked.month, deps.calendarNow()), 200)
  })

  register('POST', monthRoutes.publish, {
    summary: '发布某月（发改委工作人员）：按月份顺序，每月一次；发布后该月为各角色的默认月份，其月报不能再修改',
    params: monthPath,
    body: PublishMonthSchema,
    responses: { 200: { description: '已发布的月份', schema: MonthStateSchema } },
    errors: { 400: '请求内容或月份无效', 409: '该月已发布，或更早的月份尚未发布（消息中指明）', 415: '请求体不是 JSON', 422: '该月尚未开始' },
  }, async (c, { params, body }) => {
    const asked = await openYearMonth(c, params.month)
    if (!asked.ok) return asked.response
    const now = deps.calendarNow()
    const user = c.get('user')
    return answerWrite(c, deps, now, {
      serialise: 'month-publications',
      change: async (tx) => {
        await lockMonth(tx, asked.year, asked.month)
        const { calendar } = await openYearOf(tx, now)
        const problem = publishProblem(calendar, asked.year, asked.month, now)
        if (problem) refuse({ status: problem.status, code: problem.status === 409 ? 'conflict' : 'invalid_month', message: problem.message })
        await tx.insert(monthPublications).values({ year: asked.year, month: asked.month, publishedAt: now, publishedBy: user.username, comment: body.comment || null })
        // Everyone is told: every reader's default month moves (docs/decisions/067).
        await notify(tx, { kind: 'month-published', at: now, text: noticeTexts.monthPublished(params.month), link: '/', to: { everyone: true } }, deps.notices.outbound)
        // The 挂牌督办 rule is evaluated on the month now published (decision 76): proposals, audited with the publication.
        const proposals = await proposeEscalations(tx, { year: asked.year, month: asked.month, now, rule: deps.escalation, outbound: deps.notices.outbound })
        // Its bulletin is issued in the same transaction: the snapshot of what the month's readers are shown (decision 64).
        const number = await issueBulletin(tx, { year: asked.year, month: asked.month, now, by: user.username, settings: deps.bulletin })
        return {
          answer: await monthStateOf(tx, asked.year, asked.month, now),
          audit: [
            {
              action: 'month.publish',
              target: params.month,
              month: params.month,
              changes: [
                { field: 'status', before: 'open', after: 'published' },
                { field: 'bulletin', before: null, after: number },
              ],
              reason: body.comment || null,
            },
            ...proposals,
          ],
          bump: true,
        }
      },
    })
  })

  register('POST', monthRoutes.unpublish, {
    summary: '撤回某月的发布（管理员，须填写原因）：只能撤回最新发布的月份；该月重新开放报送与审核',
    params: monthPath,
    body: UnpublishMonthSchema,
    responses: { 200: { description: '重新开放的月份', schema: MonthStateSchema } },
    errors: { 400: '请求内容或月份无效（原因必填）', 409: '该月尚未发布，或其后还有已发布的月份', 415: '请求体不是 JSON' },
  }, async (c, { params, body }) => {
    const asked = await openYearMonth(c, params.month)
    if (!asked.ok) return asked.response
    const now = deps.calendarNow()
    return answerWrite(c, deps, now, {
      serialise: 'month-publications',
      change: async (tx) => {
        await lockMonth(tx, asked.year, asked.month)
        const { calendar } = await openYearOf(tx, now)
        const problem = unpublishProblem(calendar, asked.year, asked.month)
        if (problem) refuse({ status: problem.status, code: 'conflict', message: problem.message })
        await tx.delete(monthPublications).where(and(eq(monthPublications.year, asked.year), eq(monthPublications.month, asked.month)))
        // Its bulletin is withdrawn, not deleted: its 文号 stays taken, and a new publication issues a new one (decision 64).
        const withdrawn = await withdrawBulletin(tx, { year: asked.year, month: asked.month, now, by: c.get('user').username, reason: body.reason })
        return {
          answer: await monthStateOf(tx, asked.year, asked.month, now),
          audit: {
            action: 'month.unpublish',
            target: params.month,
            month: params.month,
            changes: [
              { field: 'status', before: 'published', after: 'open' },
              ...(withdrawn ? [{ field: 'bulletin', before: withdrawn, after: `${withdrawn}（已撤回）` }] : []),
            ],
            reason: body.reason,
          },
          bump: true,
        }
      },
    })
  })
}
