import { HttpResponse, http } from 'msw'
import type { z } from 'zod'
import { AsOfQuerySchema, REPORT_PLAN_YEAR, ProjectIdSchema, ProjectListQuerySchema, ZoneIdParamSchema, apiRoutes, type AsOf, type Calendar } from '@/contract'
import {
  buildFilterOptions,
  buildProjectDetail,
  buildSummary,
  buildZoneDetail,
  buildZoneList,
  queryProjects,
} from '@/domain/answers'
import { DEFAULT_REPORT_DEADLINE_DAY, calendarFromYears, latestReportMonthOf, resolveAsOf } from '@/domain/calendar'
import { activeRecords } from '@/domain/project-edit'
import { store } from '../store'
import { authHandlers } from './auth'
import { reportHandlers } from './reports'
import { problemHandlers } from './problems'
import { projectEditHandlers } from './project-edit'
import { importHandlers } from './imports'
import { errorResponse, methodNotAllowed, parseQuery, route } from './respond'

export { errorResponse } from './respond'

function badParam(name: string, value: unknown, schema: z.ZodType) {
  const result = schema.safeParse(value)
  return result.success
    ? null
    : errorResponse(400, 'invalid_path', '路径参数无效', { fields: { [name]: result.error.issues[0]?.message ?? '无效' } })
}

/** The calendar from the store's approved figures, the same rule as the server's; the plan year is the demo dataset's. */
const calendar = (): Calendar =>
  calendarFromYears(
    [
      {
        year: REPORT_PLAN_YEAR,
        latestReportMonth: latestReportMonthOf(store.all()),
        open: true,
        approved: store.all().some((r) => r.monthlyActualWan.some((v) => v !== null)),
      },
    ],
    DEFAULT_REPORT_DEADLINE_DAY,
  )

/** The month asked for, or the latest with reports; a month with nothing approved yet is a 400. */
function monthOf(asOf: AsOf | undefined) {
  const resolved = resolveAsOf(asOf, calendar(), new Date())
  return resolved.ok
    ? { ok: true as const, month: resolved.month, latestReportMonth: resolved.latestReportMonth }
    : { ok: false as const, response: errorResponse(400, 'invalid_query', '查询参数无效', { fields: resolved.fields }) }
}

const notFoundApi = (request: Request) => errorResponse(404, 'not_found', `接口 ${new URL(request.url).pathname} 不存在`)

/**
 * The API as the contract says, answered from the in-memory store (tests and the demo build). Every
 * route first applies the server's access rule (mocks/handlers/respond.ts): data needs `data:read`.
 */
export const handlers = [
  ...authHandlers,
  ...reportHandlers,
  ...problemHandlers,
  ...projectEditHandlers,
  ...importHandlers,
  route('GET', apiRoutes.summary, ({ request }) => {
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    const month = monthOf(query.data.asOf)
    if (!month.ok) return month.response
    return HttpResponse.json(buildSummary(activeRecords(store.all()), month.month, month.latestReportMonth))
  }),
  route('GET', apiRoutes.zones, ({ request }) => {
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    const month = monthOf(query.data.asOf)
    if (!month.ok) return month.response
    return HttpResponse.json(buildZoneList(activeRecords(store.all()), month.month))
  }),
  route('GET', apiRoutes.zone, ({ request, params }) => {
    const invalid = badParam('zoneId', params.zoneId, ZoneIdParamSchema)
    if (invalid) return invalid
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    const month = monthOf(query.data.asOf)
    if (!month.ok) return month.response
    const zone = buildZoneDetail(activeRecords(store.all()), String(params.zoneId), month.month)
    return zone ? HttpResponse.json(zone) : errorResponse(404, 'not_found', `片区 ${String(params.zoneId)} 不存在`)
  }),
  route('GET', apiRoutes.projects, ({ request }) => {
    const query = parseQuery(request, ProjectListQuerySchema)
    if (!query.ok) return query.response
    const month = monthOf(query.data.asOf)
    if (!month.ok) return month.response
    return HttpResponse.json(queryProjects(activeRecords(store.all()), query.data, month.month))
  }),
  route('GET', apiRoutes.project, ({ request, params }) => {
    const invalid = badParam('projectId', params.projectId, ProjectIdSchema)
    if (invalid) return invalid
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    const month = monthOf(query.data.asOf)
    if (!month.ok) return month.response
    const project = buildProjectDetail(store.all(), String(params.projectId), month.month)
    return project ? HttpResponse.json(project) : errorResponse(404, 'not_found', `项目 ${String(params.projectId)} 不存在`)
  }),
  route('GET', apiRoutes.filterOptions, ({ request }) => {
    const query = parseQuery(request, AsOfQuerySchema.pick({}))
    if (!query.ok) return query.response
    return HttpResponse.json(buildFilterOptions(activeRecords(store.all())))
  }),
  route('GET', apiRoutes.calendar, ({ request }) => {
    const query = parseQuery(request, AsOfQuerySchema.pick({}))
    if (!query.ok) return query.response
    return HttpResponse.json(calendar())
  }),
  ...methodNotAllowed(Object.values(apiRoutes)),
  http.all('/api/*', ({ request }) => notFoundApi(request)),
]
