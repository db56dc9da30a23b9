import { http, HttpResponse } from 'msw'
import type { z } from 'zod'
import {
  AsOfQuerySchema,
  ProjectIdSchema,
  ProjectListQuerySchema,
  ZoneIdParamSchema,
  apiRoutes,
  parseSearchParams,
  type ApiError,
} from '@/contract'
import {
  buildFilterOptions,
  buildProjectDetail,
  buildSummary,
  buildZoneDetail,
  buildZoneList,
  queryProjects,
  resolveMonth,
} from '@/domain/reports'
import { store } from '../store'

/** One error shape for every failure: { error: { code, message, fields? } }. */
export function errorResponse(status: number, code: string, message: string, fields?: Record<string, string>) {
  const body: ApiError = { error: { code, message, ...(fields ? { fields } : {}) } }
  return HttpResponse.json(body, { status })
}

function parseQuery<S extends z.ZodType>(request: Request, schema: S) {
  const parsed = parseSearchParams(new URL(request.url).search, schema)
  if (!parsed.ok) return { ok: false as const, response: errorResponse(400, 'invalid_query', '查询参数无效', parsed.fields) }
  return parsed
}

function badParam(name: string, value: unknown, schema: z.ZodType) {
  const result = schema.safeParse(value)
  return result.success
    ? null
    : errorResponse(400, 'invalid_path', '路径参数无效', { [name]: result.error.issues[0]?.message ?? '无效' })
}

const notFoundApi = (request: Request) =>
  errorResponse(404, 'not_found', `接口 ${new URL(request.url).pathname} 不存在`)
const methodNotAllowed = () => errorResponse(405, 'method_not_allowed', '只支持 GET 请求')

/** The API as the contract says, answered from the in-memory store (tests and the demo build). */
export const handlers = [
  http.get(apiRoutes.summary, ({ request }) => {
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    return HttpResponse.json(buildSummary(store.all(), resolveMonth(query.data.asOf)))
  }),
  http.get(apiRoutes.zones, ({ request }) => {
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    return HttpResponse.json(buildZoneList(store.all(), resolveMonth(query.data.asOf)))
  }),
  http.get(apiRoutes.zone, ({ request, params }) => {
    const invalid = badParam('zoneId', params.zoneId, ZoneIdParamSchema)
    if (invalid) return invalid
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    const zone = buildZoneDetail(store.all(), String(params.zoneId), resolveMonth(query.data.asOf))
    return zone ? HttpResponse.json(zone) : errorResponse(404, 'not_found', `片区 ${String(params.zoneId)} 不存在`)
  }),
  http.get(apiRoutes.projects, ({ request }) => {
    const query = parseQuery(request, ProjectListQuerySchema)
    if (!query.ok) return query.response
    return HttpResponse.json(queryProjects(store.all(), query.data))
  }),
  http.get(apiRoutes.project, ({ request, params }) => {
    const invalid = badParam('projectId', params.projectId, ProjectIdSchema)
    if (invalid) return invalid
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    const project = buildProjectDetail(store.all(), String(params.projectId), resolveMonth(query.data.asOf))
    return project ? HttpResponse.json(project) : errorResponse(404, 'not_found', `项目 ${String(params.projectId)} 不存在`)
  }),
  http.get(apiRoutes.filterOptions, ({ request }) => {
    const query = parseQuery(request, AsOfQuerySchema.pick({}))
    if (!query.ok) return query.response
    return HttpResponse.json(buildFilterOptions(store.all()))
  }),
  ...Object.values(apiRoutes).map((path) => http.all(path, methodNotAllowed)),
  http.all('/api/*', ({ request }) => notFoundApi(request)),
]
