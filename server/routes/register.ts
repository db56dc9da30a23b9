import type { Context } from 'hono'
import type { z } from 'zod'
import { parseJsonBody, parseSearchParams } from '@/contract'
import type { RouteMethod } from '@/domain/route-access'
import { fail, type AppEnv } from './context'
import type { RouteHandler, RouteInput, RouteSpec } from './spec'

/**
 * Register a route with its declaration (request and answers, server/routes/spec.ts) and its handler,
 * which receives the request as the declaration parsed it. Its access rule comes from
 * src/domain/route-access.ts (missing → start-up error).
 */
export type Register = <S extends RouteSpec>(
  method: RouteMethod,
  path: string,
  spec: S,
  handler: RouteHandler<S>,
) => void

/**
 * A declaration that cannot describe its route is a start-up error: every parameter of the path
 * (`:projectId`) has a declared schema, and nothing else is declared as one; a route reads a JSON body or
 * a file, not both.
 */
export function checkDeclaration(method: RouteMethod, path: string, spec: RouteSpec) {
  const inPath = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
  const declared = Object.keys(spec.params?.shape ?? {})
  if (inPath.join() !== declared.join())
    throw new Error(
      `${method} ${path} declares path parameters [${declared.join(', ')}], its path has [${inPath.join(', ')}]`,
    )
  if ([spec.body, spec.bodyFile, spec.bodyForm].filter(Boolean).length > 1) throw new Error(`${method} ${path} declares more than one kind of body`)
}

/**
 * The handler behind its declaration: the declared refusal, then the path parameters, the query and the
 * body are parsed with the declared schemas — in that order, the first failure answered in the one error
 * shape (400 invalid_path / invalid_query / invalid_body with `fields`, 415 for another media type) —
 * and only a request that passes reaches the handler, with the parsed values. Nothing undeclared is read.
 */
export function declaredHandler<S extends RouteSpec>(spec: S, handler: RouteHandler<S>) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    if (spec.noStore) c.header('Cache-Control', 'no-store')
    const refused = spec.refuse?.(c)
    if (refused) return refused
    const input = await inputOf(c, spec)
    if (input instanceof Response) return input
    return handler(c, input as RouteInput<S>)
  }
}

async function inputOf(c: Context<AppEnv>, spec: RouteSpec): Promise<RouteInput<RouteSpec> | Response> {
  const params: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(spec.params?.shape ?? {})) {
    const parsed = (schema as z.ZodType).safeParse(c.req.param(name))
    if (!parsed.success)
      return fail(c, 400, 'invalid_path', '路径参数无效', {
        fields: { [name]: parsed.error.issues[0]?.message ?? '无效' },
      })
    params[name] = parsed.data
  }
  let query: unknown
  if (spec.query) {
    const parsed = parseSearchParams(new URL(c.req.url).search, spec.query)
    if (!parsed.ok) return fail(c, 400, 'invalid_query', '查询参数无效', { fields: parsed.fields })
    query = parsed.data
  }
  let body: unknown
  if (spec.bodyForm) {
    // Left unread: the handler streams it with its own limits. Only the media type is checked here.
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== 'multipart/form-data')
      return fail(c, 415, 'unsupported_media_type', `请以 multipart/form-data 上传（字段 ${Object.keys(spec.bodyForm.parts).join('、')}）`)
  } else if (spec.bodyFile) {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== spec.bodyFile.type)
      return fail(
        c,
        415,
        'unsupported_media_type',
        `请上传 ${spec.bodyFile.name}，Content-Type 应为 ${spec.bodyFile.type}`,
      )
    body = new Uint8Array(await c.req.arrayBuffer())
  } else if (spec.body) {
    const parsed = parseJsonBody(c.req.header('content-type'), await c.req.text(), spec.body)
    if (!parsed.ok) return fail(c, parsed.status, parsed.code, parsed.message, { fields: parsed.fields })
    body = parsed.data
  }
  return { params, query, body } as RouteInput<RouteSpec>
}
