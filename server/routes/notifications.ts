import { z } from 'zod'
import { MarkReadResultSchema, MarkReadSchema, NotificationListSchema, NotificationQuerySchema, RemindResultSchema, RemindSchema, TodoSchema, notificationRoutes, type RemindResult } from '@/contract/notifications'
import { MonthParamSchema } from '@/contract/months'
import { chinaDate, isFutureMonth, otherYearProblem, reportDeadline, DEFAULT_REPORT_DEADLINE_DAY } from '@/domain/calendar'
import { parseReportMonth } from '@/domain/monthly-report'
import { noticeTexts } from '@/domain/notifications'
import { VersionedCache } from '../cache'
import { isMonthPublished } from '../db/months'
import { writeVersions } from '../db/write'
import { planYearOf } from '../db/plan-year'
import { refuse } from '../db/versioned-write'
import { markRead, notificationsOf, notify, unreadOf } from '../notify/notices'
import { unitsNotSubmittedIn } from '../notify/month-reporting'
import { todoOf } from '../notify/todo'
import { answerWrite, fail, type Deps } from './context'
import type { Register } from './register'
import { NO_QUERY } from './spec'

/**
 * 通知, 待办 and 催报 (docs/decisions/067). Every account reads its own notices and marks them read; its
 * 待办 is what its role must do now; staff remind the units with a month's reports missing in one action.
 */
export function notificationRoutesOf(register: Register, deps: Deps) {
  const { db } = deps.database
  const todoCache = new VersionedCache<string>(async () => `${await writeVersions(db)}|${chinaDate(deps.calendarNow())}`, 500)

  register('GET', notificationRoutes.list, {
    summary: '本账户的通知，新的在前，附未读总数',
    query: NotificationQuerySchema,
    responses: { 200: { description: '通知', schema: NotificationListSchema } },
    errors: { 400: '查询参数无效' },
  }, async (c, { query }) => c.json(await notificationsOf(db, c.get('user').username, query.limit), 200))

  register('POST', notificationRoutes.read, {
    summary: '把本账户的通知标为已读：{ ids } 或 { all: true }',
    body: MarkReadSchema,
    responses: { 200: { description: '标为已读的条数与剩余未读数', schema: MarkReadResultSchema } },
    errors: { 400: '请求内容无效', 415: '请求体不是 JSON' },
  }, async (c, { body }) => {
    const username = c.get('user').username
    const marked = await markRead(db, username, body, deps.now())
    return c.json({ marked, unread: await unreadOf(db, username) }, 200)
  })

  register('GET', notificationRoutes.todo, {
    summary: '待办：业主单位——待报、草稿、退回的月报与未办结的问题；发改委工作人员——待审核月报、逾期单位、到期问题、待发布月份',
    query: NO_QUERY,
    responses: { 200: { description: '待办', schema: TodoSchema } },
    errors: { 400: '不接受查询参数' },
  }, async (c) => {
    const user = c.get('user')
    // One answer per unit (all staff share theirs) until any write or the day turns: read at every page load, computed rarely.
    const key = `${user.role}|${user.role === 'owner' ? (user.ownerUnit ?? '') : ''}`
    const { value } = await todoCache.get(key, async () => JSON.stringify(await todoOf(db, user, deps.calendarNow())))
    return c.body(value, 200, { 'Content-Type': 'application/json; charset=UTF-8' })
  })

  register('POST', notificationRoutes.remind, {
    summary: '催报（发改委工作人员）：通知该月尚有月报未提交的每个业主单位；每个单位每天一次',
    params: z.object({ month: MonthParamSchema.describe('月份 YYYY-MM') }),
    body: RemindSchema,
    responses: { 200: { description: '已催报的单位', schema: RemindResultSchema } },
    errors: { 400: '月份无效或不在正在报送的年度', 409: '该月已发布，不再催报', 415: '请求体不是 JSON', 422: '该月尚未开始' },
  }, async (c, { params, body }) => {
    const { year, month } = parseReportMonth(params.month)
    const planYear = await planYearOf(db)
    const other = otherYearProblem(year, planYear, '的月报可以催报')
    if (other) return fail(c, 400, 'invalid_path', '路径参数无效', { fields: { month: other } })
    const now = deps.calendarNow()
    if (isFutureMonth(year, month, now)) return fail(c, 422, 'invalid_month', `${year}年${month}月尚未开始，不能催报`)
    const deadline = reportDeadline(year, month, DEFAULT_REPORT_DEADLINE_DAY)
    return answerWrite(c, deps, now, {
      change: async (tx) => {
        if (await isMonthPublished(tx, year, month)) refuse({ status: 409, code: 'month_published', message: `${year}年${month}月已发布，不再催报` })
        const units = await unitsNotSubmittedIn(tx, year, month)
        const answer: RemindResult = { month: params.month, units: [], alreadyReminded: 0 }
        for (const unit of units) {
          // Once a day per unit and month: a second press the same day tells nobody twice.
          const dedupeKey = `reminder:${params.month}:${unit.unit}:${chinaDate(now)}`
          const text = noticeTexts.reminder(params.month, deadline, unit.projects, body.comment)
          const id = await notify(tx, { kind: 'reminder', at: now, text, link: '/todo', dedupeKey, to: { ownerUnits: [unit.unit] } }, deps.notices.outbound)
          if (id === null) answer.alreadyReminded++
          else answer.units.push(unit)
        }
        return {
          answer,
          audit: { action: 'month.remind', target: params.month, month: params.month, changes: [{ field: 'units', before: null, after: answer.units.length }], reason: body.comment || null },
        }
      },
    })
  })
}
