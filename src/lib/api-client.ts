import type { z } from 'zod'
import { ApiErrorSchema } from '@/contract'

/** A failed API call, with the server's error code and a message fit for the UI. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
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

/** The only place that calls fetch: GET a path and parse the answer with the contract's schema. */
export async function apiGet<S extends z.ZodType>(path: string, schema: S, params?: QueryParams, signal?: AbortSignal): Promise<z.output<S>> {
  let response: Response
  try {
    response = await fetch(`${path}${toSearch(params)}`, { headers: { Accept: 'application/json' }, signal })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiRequestError(0, 'network_error', '无法连接服务器，请检查网络后重试')
  }
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const parsed = ApiErrorSchema.safeParse(body)
    if (parsed.success) {
      const { code, message, fields } = parsed.data.error
      throw new ApiRequestError(response.status, code, message, fields)
    }
    throw new ApiRequestError(response.status, 'http_error', `服务器返回错误（${response.status}）`)
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new ApiRequestError(response.status, 'bad_response', '服务器返回的数据格式不符合约定')
  return parsed.data as z.output<S>
}
