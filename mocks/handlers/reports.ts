import { HttpResponse } from 'msw'
import { REPORT_PLAN_YEAR, ProjectIdSchema } from '@/contract'
import {
  ReportMonthSchema,
  ReportQueueQuerySchema,
  ReportTransitionSchema,
  SaveReportSchema,
  reportRoutes,
  type ReportAction,
  type ReportFields,
  type ReportList,
} from '@/contract/reports'
import { DEFAULT_REPORT_DEADLINE_DAY, otherYearProblem } from '@/domain/calendar'
import {
  applySave,
  applyTransition,
  buildReportQueue,
  checkTransition,
  fieldsOfReport,
  mayAct,
  missingReturnReason,
  parseReportMonth,
  reportChanges,
  reportContextOf,
  validateReport,
} from '@/domain/monthly-report'
import type { SessionUser } from '@/contract'
import { accountStore } from '../accounts'
import { reportStore } from '../reports'
import { store } from '../store'
import { errorResponse, methodNotAllowed, parseBody, parseQuery, route } from './respond'

/** The path's project id and month, or the 400 answer. */
function pathOf(params: Record<string, unknown>) {
  const projectId = ProjectIdSchema.safeParse(params.projectId)
  if (!projectId.success) return { ok: false as const, response: errorResponse(400, 'invalid_path', '路径参数无效', { fields: { projectId: projectId.error.issues[0]?.message ?? '无效' } }) }
  if (params.month === undefined) return { ok: true as const, projectId: projectId.data, month: '' }
  const month = ReportMonthSchema.safeParse(params.month)
  if (!month.success) return { ok: false as const, response: errorResponse(400, 'invalid_path', '路径参数无效', { fields: { month: month.error.issues[0]?.message ?? '无效' } }) }
  return { ok: true as const, projectId: projectId.data, month: month.data }
}

/** One write with the domain's rules, as the server makes it (src/domain/monthly-report.ts). */
function write(params: Record<string, unknown>, user: SessionUser, action: ReportAction, body: { version?: number; comment?: string; fields?: ReportFields }) {
  const path = pathOf(params)
  if (!path.ok) return path.response
  const { projectId, month } = path
  const now = new Date()
  const reason = missingReturnReason(action, body.comment)
  if (reason) return errorResponse(422, 'invalid_report', '退回时请填写退回原因', { fields: reason })
  const record = store.all().find((r) => r.id === projectId)
  if (!record) return errorResponse(404, 'not_found', `项目 ${projectId} 不存在`)
  const refused = mayAct(user, action, record)
  if (refused) return errorResponse(refused.status, refused.code, refused.message)
  const current = reportStore.get(projectId, month)
  const conflict = checkTransition(action, current, body.version)
  if (conflict) return errorResponse(conflict.status, conflict.code, conflict.message, { current })
  if (action === 'save' || action === 'submit') {
    const { year, month: m } = parseReportMonth(month)
    const problems = validateReport(body.fields ?? fieldsOfReport(current!), reportContextOf(record, year, m, REPORT_PLAN_YEAR, now))
    if (Object.keys(problems).length > 0) return errorResponse(422, 'invalid_report', '月报内容有误，请按提示修改', { fields: problems })
  }
  const next = action === 'save' ? applySave(current, body.fields!, projectId, month, user, now) : applyTransition(current!, action, user, now, body.comment)
  reportStore.put(next)
  accountStore.record({
    actor: user.username,
    action: `report.${action}`,
    target: projectId,
    month,
    changes: reportChanges(current, next),
    reason: action === 'return' ? (body.comment ?? null) : null,
  })
  return HttpResponse.json(next, { status: action === 'save' && !current ? 201 : 200 })
}

/** 月报 as the server answers it, over the in-memory store. */
export const reportHandlers = [
  route('GET', reportRoutes.list, ({ params }) => {
    const path = pathOf(params)
    if (!path.ok) return path.response
    if (!store.all().some((r) => r.id === path.projectId)) return errorResponse(404, 'not_found', `项目 ${path.projectId} 不存在`)
    return HttpResponse.json<ReportList>({ items: reportStore.list(path.projectId) })
  }),
  route('PUT', reportRoutes.one, async ({ request, params, user }) => {
    const body = await parseBody(request, SaveReportSchema)
    if (!body.ok) return body.response
    const { version, ...fields } = body.data
    return write(params, user!, 'save', { version, fields })
  }),
  ...(['submit', 'approve', 'return'] as const).map((action) =>
    route('POST', reportRoutes[action], async ({ request, params, user }) => {
      const body = await parseBody(request, ReportTransitionSchema)
      if (!body.ok) return body.response
      return write(params, user!, action, body.data)
    }),
  ),
  route('GET', reportRoutes.month, ({ request, user }) => {
    const query = parseQuery(request, ReportQueueQuerySchema)
    if (!query.ok) return query.response
    const { year, month } = parseReportMonth(query.data.month)
    const otherYear = otherYearProblem(year, REPORT_PLAN_YEAR, '的月报')
    if (otherYear) return errorResponse(400, 'invalid_query', '查询参数无效', { fields: { month: otherYear } })
    if (user!.role === 'owner' && !user!.ownerUnit) return errorResponse(403, 'forbidden', '账户未绑定业主单位')
    const own = user!.role === 'owner' ? user!.ownerUnit : null
    const projects = store.all().filter((r) => !r.retired && (!own || r.ownerUnit === own))
    return HttpResponse.json(buildReportQueue(projects, (id) => reportStore.get(id, query.data.month), year, month, new Date(), DEFAULT_REPORT_DEADLINE_DAY))
  }),
  ...methodNotAllowed(Object.values(reportRoutes)),
]
