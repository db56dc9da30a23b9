import { http, HttpResponse, type PathParams } from 'msw'
import type { z } from 'zod'
import { SESSION_COOKIE, parseJsonBody, parseSearchParams, type ApiError, type SessionUser } from '@/contract'
import { can } from '@/domain/access'
// Who may call which route: the server's own table, so both answer alike (least privilege per route).
import { accessOf, methodsByPath, type RouteMethod } from '@/domain/route-access'
import { accountStore } from '../accounts'

/** One error shape for every failure: { error: { code, message, fields?, current? } }. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra: { fields?: Record<string, string>; current?: unknown; headers?: HeadersInit } = {},
) {
  const body: ApiError = {
    error: { code, message, ...(extra.fields ? { fields: extra.fields } : {}), ...(extra.current !== undefined ? { current: extra.current } : {}) },
  }
  return HttpResponse.json(body, { status, headers: extra.headers })
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S) {
  const parsed = parseSearchParams(new URL(request.url).search, schema)
  if (!parsed.ok) return { ok: false as const, response: errorResponse(400, 'invalid_query', '查询参数无效', { fields: parsed.fields }) }
  return parsed
}

/** A JSON request body parsed with a contract schema, or the 415/400 answer (the one rule: parseJsonBody). */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S) {
  const parsed = parseJsonBody(request.headers.get('content-type'), await request.text(), schema)
  if (parsed.ok) return parsed
  return { ok: false as const, response: errorResponse(parsed.status, parsed.code, parsed.message, { fields: parsed.fields }) }
}

export const unauthenticated = () => errorResponse(401, 'unauthenticated', '请先登录')
export const forbidden = () => errorResponse(403, 'forbidden', '当前账户无权进行此操作')

type RouteContext = {
  request: Request
  params: PathParams
  /** The signed-in user (null only on public routes). */
  user: SessionUser | null
  /** The session token of the request, if it carried one. */
  token: string | undefined
}

const handlerOf = { GET: http.get, POST: http.post, PATCH: http.patch, PUT: http.put } as const

/**
 * A mock route with the server's access rule: no session → 401, a role without the route's permission
 * → 403, a state-changing request from another site → 403. Then the resolver answers.
 */
export function route(method: RouteMethod, path: string, resolve: (ctx: RouteContext) => Response | Promise<Response>) {
  const access = accessOf(method, path)
  return handlerOf[method](path, ({ request, params, cookies }) => {
    const token = cookies[SESSION_COOKIE]
    const user = accountStore.sessionUser(token)
    if (access !== 'public') {
      if (!user) return unauthenticated()
      if (access !== 'signed-in' && !can(user.role, access)) return forbidden()
    }
    if (method !== 'GET') {
      const origin = request.headers.get('origin')
      if (origin !== null && origin !== new URL(request.url).origin) return errorResponse(403, 'cross_origin', '拒绝来自其他站点的请求')
    }
    return resolve({ request, params, user, token })
  })
}

/** 405 for a path the mock serves, with the methods it does answer. */
export function methodNotAllowed(paths: readonly string[]) {
  const methods = methodsByPath()
  return paths.map((path) => {
    const allowed = methods.get(path) ?? ['GET']
    return http.all(path, () =>
      errorResponse(405, 'method_not_allowed', `只支持 ${allowed.join('、')} 请求`, {
        headers: { Allow: [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])].join(', ') },
      }),
    )
  })
}

/** A JSON answer that also sets (or clears) a cookie, as the server's Set-Cookie does. */
export function withCookie(response: Response, cookie: string) {
  // Added after construction so that MSW does not keep it in its own cookie jar: the jar would send it
  // on every later request, unlike a real client in Node (tests/contract) which sends only what it is told.
  response.headers.append('Set-Cookie', cookie)
  return response
}
