import { HttpResponse, http } from 'msw'
import type { z } from 'zod'
import { AsOfQuerySchema, ProjectIdSchema, ProjectListQuerySchema, ZoneIdParamSchema, apiRoutes } from '@/contract'
import {
  buildFilterOptions,
  buildProjectDetail,
  buildSummary,
  buildZoneDetail,
  buildZoneList,
  queryProjects,
  resolveMonth,
} from '@/domain/answers'
import { store } from '../store'
import { authHandlers } from './auth'
import { errorResponse, methodNotAllowed, parseQuery, route } from './respond'

export { errorResponse } from './respond'

function badParam(name: string, value: unknown, schema: z.ZodType) {
  const result = schema.safeParse(value)
  return result.success
    ? null
    : errorResponse(400, 'invalid_path', '路径参数无效', { fields: { [name]: result.error.issues[0]?.message ?? '无效' } })
}

const notFoundApi = (request: Request) => errorResponse(404, 'not_found', `接口 ${new URL(request.url).pathname} 不存在`)

/**
 * The API as the contract says, answered from the in-memory store (tests and the demo build). Every
 * route first applies the server's access rule (mocks/handlers/respond.ts): data needs `data:read`.
 */
export const handlers = [
  ...authHandlers,
  route('GET', apiRoutes.summary, ({ request }) => {
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    return HttpResponse.json(buildSummary(store.all(), resolveMonth(query.data.asOf)))
  }),
  route('GET', apiRoutes.zones, ({ request }) => {
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    return HttpResponse.json(buildZoneList(store.all(), resolveMonth(query.data.asOf)))
  }),
  route('GET', apiRoutes.zone, ({ request, params }) => {
    const invalid = badParam('zoneId', params.zoneId, ZoneIdParamSchema)
    if (invalid) return invalid
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    const zone = buildZoneDetail(store.all(), String(params.zoneId), resolveMonth(query.data.asOf))
    return zone ? HttpResponse.json(zone) : errorResponse(404, 'not_found', `片区 ${String(params.zoneId)} 不存在`)
  }),
  route('GET', apiRoutes.projects, ({ request }) => {
    const query = parseQuery(request, ProjectListQuerySchema)
    if (!query.ok) return query.response
    return HttpResponse.json(queryProjects(store.all(), query.data))
  }),
  route('GET', apiRoutes.project, ({ request, params }) => {
    const invalid = badParam('projectId', params.projectId, ProjectIdSchema)
    if (invalid) return invalid
    const query = parseQuery(request, AsOfQuerySchema)
    if (!query.ok) return query.response
    const project = buildProjectDetail(store.all(), String(params.projectId), resolveMonth(query.data.asOf))
    return project ? HttpResponse.json(project) : errorResponse(404, 'not_found', `项目 ${String(params.projectId)} 不存在`)
  }),
  route('GET', apiRoutes.filterOptions, ({ request }) => {
    const query = parseQuery(request, AsOfQuerySchema.pick({}))
    if (!query.ok) return query.response
    return HttpResponse.json(buildFilterOptions(store.all()))
  }),
  ...methodNotAllowed(Object.values(apiRoutes)),
  http.all('/api/*', ({ request }) => notFoundApi(request)),
]
