import type { Context } from 'hono'
import type { Logger } from 'pino'
import type { z } from 'zod'
import { parseJsonBody, type ApiError, type SessionUser } from '@/contract'
import type { DataScope } from '@/domain/access'
import type { SessionPolicy } from '../auth/sessions'
import type { Database } from '../db/handle'

/** What every route handler may use: the database, the log, the clock and the deployment's rules. */
export type Deps = {
  database: Database
  logger: Logger
  /** The clock (tests inject one to check session expiry). */
  now: () => Date
  sessionPolicy: SessionPolicy
  /** Whether an owner unit sees every project or only its own (OWNER_SEES). */
  ownerSees: 'all' | 'own'
  /** Behind a reverse proxy: take the client address, host and scheme from X-Forwarded-* headers. */
  trustProxy: boolean
}

export type AppEnv = {
  Variables: {
    requestId: string
    /** Set by the session middleware on every route that needs a session. */
    user: SessionUser
    scope: DataScope
    sessionToken: string
  }
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 501 | 503

/**
 * Thrown by a part the host running the API does not have: the backend-free demo runs the server's routes
 * in the browser, where there is no Excel (mocks/browser/workbook.ts). Answered as 501 with its message.
 */
export class NotAvailableHere extends Error {}

/** The one error shape: { error: { code, message, fields?, current? } }. */
export function fail(c: Context, status: ErrorStatus, code: string, message: string, extra: { fields?: Record<string, string>; current?: unknown } = {}) {
  const body: ApiError = { error: { code, message, ...(extra.fields ? { fields: extra.fields } : {}), ...(extra.current !== undefined ? { current: extra.current } : {}) } }
  return c.json(body, status)
}

/**
 * The client's address: the socket's, or behind a trusted proxy the address that proxy appended — the
 * last X-Forwarded-For entry (earlier entries are whatever the client wrote, and must not steer the throttle).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded.slice(0, 64)
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? 'unknown'
}

/** Whether the client reached us over HTTPS (directly, or through a trusted proxy that says so). */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  return trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
}

/** The host the client asked for: the Host header, or X-Forwarded-Host behind a trusted proxy. */
export function requestHost(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined
  return (forwarded || c.req.header('host') || new URL(c.req.url).host).toLowerCase()
}

/** A JSON request body parsed with a contract schema, or the 415/400 answer (the one rule: parseJsonBody). */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
  const parsed = parseJsonBody(c.req.header('content-type'), await c.req.text(), schema)
  if (parsed.ok) return parsed
  return { ok: false, response: fail(c, parsed.status, parsed.code, parsed.message, { fields: parsed.fields }) }
}
