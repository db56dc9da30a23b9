import { z } from 'zod'
import { ApiErrorSchema } from '@/contract'
import type { RouteAccess, RouteMethod } from '@/domain/route-access'
import type { RouteSpec } from './routes/spec'

/** A registered route as the app knows it: method, path, who may call it, and its declaration. */
export type DeclaredRoute = { method: RouteMethod; path: string; access: RouteAccess; spec: RouteSpec }

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' })
const toOpenApiPath = (route: string) => route.replace(/:(\w+)/g, '{$1}')

/** Query parameters of an endpoint, from the contract's (strict) query schema. */
function queryParameters(schema: z.ZodObject) {
  const input = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> }
  return Object.entries(input.properties ?? {}).map(([name, property]) => ({ name, in: 'query', required: false, schema: property }))
}

/** Path parameters of an endpoint, from its declared schemas; each one's description is the parameter's. */
function pathParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { description, ...property } = z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' }) as { description?: string; $schema?: string }
    delete property.$schema
    return { name, in: 'path', required: true, ...(description ? { description } : {}), schema: property }
  })
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: json(ApiErrorSchema) } } })

type Operation = { summary: string; parameters?: { name: string; in: string; description?: string; schema?: unknown }[]; [key: string]: unknown }

/** One operation from a route's declaration; 401 and 403 follow from its access rule. */
function operationOf({ access, spec }: DeclaredRoute): Operation {
  const responses: Record<string, unknown> = {}
  for (const [status, answer] of Object.entries(spec.responses)) {
    responses[status] = {
      description: answer.description,
      ...(answer.schema
        ? { content: { 'application/json': { schema: json(answer.schema) } } }
        : answer.html
          ? { content: { 'text/html': { schema: { type: 'string' } } } }
          : answer.file
            ? { content: { [answer.file]: { schema: { type: 'string', contentMediaType: answer.file } } } }
            : {}),
    }
  }
  for (const [status, description] of Object.entries(spec.errors ?? {})) responses[status] = errorResponse(description)
  if (access !== 'public') responses['401'] = errorResponse('未登录或会话已失效')
  if (access !== 'public' && access !== 'signed-in') responses['403'] = errorResponse('当前账户无权进行此操作，或跨站请求')
  for (const [status, headers] of Object.entries(spec.headers ?? {})) {
    if (responses[status]) responses[status] = { ...(responses[status] as object), headers }
  }
  const parameters = [
    ...(spec.params ? pathParameters(spec.params) : []),
    ...(spec.query ? queryParameters(spec.query) : []),
  ]
  return {
    summary: spec.summary,
    ...(access === 'public' ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.bodyForm
      ? {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: Object.fromEntries(
                    Object.entries(spec.bodyForm.parts).map(([name, description]) => [name, name === spec.bodyForm!.file ? { type: 'string', format: 'binary', description } : { type: 'string', description }]),
                  ),
                  required: [...spec.bodyForm.required],
                },
              },
            },
          },
        }
      : {}),
    ...(spec.bodyFile ? { requestBody: { required: true, content: { [spec.bodyFile.type]: { schema: { type: 'string', contentMediaType: spec.bodyFile.type } } } } } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(spec.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
    responses,
  }
}

/** OpenAPI 3.1 description of the API, generated from the routes' own declarations. */
export function openApiDocument(routes: readonly DeclaredRoute[]) {
  const paths: Record<string, Record<string, Operation>> = {}
  for (const route of routes) (paths[toOpenApiPath(route.path)] ??= {})[route.method.toLowerCase()] = operationOf(route)
  return withOperationIds({
    openapi: '3.1.0',
    servers: [{ url: '/', description: '本服务' }],
    security: [{ session: [] }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'nanan_session', description: '登录（POST /api/auth/login）后由服务器设置的 HttpOnly 会话 Cookie' },
      },
    },
    info: {
      title: '南岸区重点项目进度监测 API',
      version: '1.0.0',
      description:
        '除 /api/health 与登录外，所有接口都需要登录（会话 Cookie）；修改类请求须来自本站页面（Origin 校验）。金额均为整数万元（字段名以 Wan 结尾）；比率 1 = 100%；差值单位为个百分点。错误统一为 { error: { code, message, fields?, current? } }；修改类请求带 version，过期得到 409 与当前内容。未知查询参数会被拒绝。',
    },
    paths,
  })
}

/** operationId and a tag for every operation, from its method and path (getApiProjectsProjectId …): stable and unique. */
function withOperationIds<T extends { paths: Record<string, Record<string, Operation>> }>(doc: T): T {
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean)
      operation.operationId ??= method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
      operation.tags ??= [
        path.startsWith('/api/auth')
          ? '登录'
          : path.startsWith('/api/admin') || path === '/api/audit'
            ? '账户与日志'
            : path.includes('/reports')
              ? '月报'
              : path.includes('/problems')
                ? '问题督办'
                : method !== 'get'
                  ? '项目维护'
                  : '数据',
      ]
    }
  }
  return doc
}
