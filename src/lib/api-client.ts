import type { z } from 'zod'
import { ApiErrorSchema } from '@/contract'

/** A failed API call, with the server's error code and a message fit for the UI. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** With a 409 conflict: the record as the server holds it now (parse it with the contract). */
    readonly current?: unknown,
  ) {
    super(message)
    this.name = 'ApiRequestError'
  }
}

export type QueryParams = Record<string, string | number | readonly string[] | undefined | null>

export function toSearch(params: QueryParams = {}): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','))
    } else search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

/**
 * How a request leaves: the browser's fetch. The server, drawing a page into its HTML, answers the page's
 * requests itself with the visitor's session (server/first-paint/render-page.tsx), so the same queries run there.
 */
let transport: typeof fetch = (input, init) => fetch(input, init)
export function setTransport(next: typeof fetch) {
  transport = next
}

/** Send a request and turn every failure into an ApiRequestError; the answer's JSON (null when none). */
export async function request(url: string, init: RequestInit, alsoFine: readonly number[] = []): Promise<{ response: Response; body: unknown }> {
  let response: Response
  try {
    // same-origin: the session cookie goes with every call, and never to another site.
    response = await transport(url, { ...init, credentials: 'same-origin' })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiRequestError(0, 'network_error', '无法连接服务器，请检查网络后重试')
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null)
  if (!response.ok && !(alsoFine.includes(response.status) && !ApiErrorSchema.safeParse(body).success)) {
    const parsed = ApiErrorSchema.safeParse(body)
    if (parsed.success) {
      const { code, message, fields, current } = parsed.data.error
      throw new ApiRequestError(response.status, code, message, fields, current)
    }
    throw new ApiRequestError(response.status, 'http_error', `服务器返回错误（${response.status}）`)
  }
  return { response, body }
}

export function parseWith<S extends z.ZodType>(schema: S, status: number, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new ApiRequestError(status, 'bad_response', '服务器返回的数据格式不符合约定')
  return parsed.data as z.output<S>
}

/** The only place that calls fetch: GET a path and parse the answer with the contract's schema. */
export async function apiGet<S extends z.ZodType>(path: string, schema: S, params?: QueryParams, signal?: AbortSignal): Promise<z.output<S>> {
  const { response, body } = await request(`${path}${toSearch(params)}`, { headers: { Accept: 'application/json' }, signal })
  return parseWith(schema, response.status, body)
}

export type SendMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE'

/**
 * A state-changing call: JSON in, the answer parsed with the contract's schema; with `schema` null the
 * call expects no content (204) and resolves to undefined. The browser adds the Origin header itself,
 * which the server checks.
 */
export function apiSend(method: SendMethod, path: string, body: unknown, schema: null): Promise<undefined>
export function apiSend<S extends z.ZodType>(method: SendMethod, path: string, body: unknown, schema: S): Promise<z.output<S>>
export async function apiSend<S extends z.ZodType>(
  method: SendMethod,
  path: string,
  body: unknown,
  schema: S | null,
): Promise<z.output<S> | undefined> {
  const { response, body: answer } = await request(path, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  })
  if (schema === null) return undefined
  return parseWith(schema, response.status, answer)
}

