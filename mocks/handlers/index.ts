import { http, HttpResponse } from 'msw'
import type { z } from 'zod'
import { AsOfQuerySchema, ProjectListQuerySchema, apiRoutes, type ApiError } from '@/contract'
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
  const params = new URL(request.url).searchParams
  const raw: Record<string, string> = {}
  const duplicated: string[] = []
  for (const [key, value] of params) {
    if (key in raw) duplicated.push(key)
    raw[key] = value
  }
  const result = schema.safeParse(raw)
  if (!result.success || duplicated.length > 0) {
    const fields: Record<string, string> = {}
    for (const key of duplicated) fields[key] = '参数重复'
    for (const issue of result.success ? [] : result.error.issues) {
      if (issue.code === 'unrecognized_keys') for (const key of issue.keys) fields[key] = '不支持的查询参数'
      else fields[String(issue.path[0] ?? 'query')] = issue.message
    }
    return { ok: false as const, response: errorResponse(400, 'invalid_query', '查询参数无效', fields) }
  }
  return { ok: true as const, data: result.data as z.output<S> }
}

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
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    const project = buildProjectDetail(store.all(), String(params.projectId), resolveMonth(query.data.asOf))
    return project ? HttpResponse.json(project) : errorResponse(404, 'not_found', `项目 ${String(params.projectId)} 不存在`)
  }),
  http.get(apiRoutes.filterOptions, () => HttpResponse.json(buildFilterOptions(store.all()))),
  http.all('/api/*', ({ request }) =>
    errorResponse(404, 'not_found', `接口 ${new URL(request.url).pathname} 不存在`),
  ),
]
