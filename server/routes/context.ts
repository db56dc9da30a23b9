import { clientOfChain, type TrustedProxies } from '../trusted-proxies'
import type { Context } from 'hono'
import type { Logger } from 'pino'
import type { ApiError, SessionUser } from '@/contract'
import type { DataScope } from '@/domain/access'
import type { BulletinSettings } from '@/domain/bulletin'
import type { ForecastSettings } from '@/domain/forecast'
import type { EscalationRule } from '@/domain/escalation'
import type { ReportChecks } from '@/domain/forecast-report'
import type { SessionPolicy } from '../auth/sessions'
import type { ThrottlePolicy } from '../auth/throttle'
import type { Database } from '../db/handle'
import { versionedWrite, type VersionedWrite } from '../db/versioned-write'
import type { FileStore } from '../files/store'

/** What every route handler may use: the database, the log, the clock and the deployment's rules. */
export type Deps = {
  database: Database
  logger: Logger
  /** The wall clock: sessions and throttles (tests inject one to check session expiry). */
  now: () => Date
  /**
   * The reporting calendar's clock: deadlines, months begun, dates judged, and the dates a report, problem,
   * publication or audit entry carries. The wall clock except in the demo (docs/decisions/066).
   */
  calendarNow: () => Date
  sessionPolicy: SessionPolicy
  /** The sign-in throttle's thresholds and delays (decision 69; tests lower the address ceiling). */
  throttle: ThrottlePolicy
  /** Whether an owner unit sees every project or only its own (OWNER_SEES). */
  ownerSees: 'all' | 'own'
  /** Whose X-Forwarded-* headers are believed: the peers TRUST_PROXY names (docs/decisions/070). */
  trustProxy: TrustedProxies
  /** Notices: whether each is also queued for the group robot (NOTIFY_WEBHOOK_URL), and the worker's nudge. */
  notices: { outbound: boolean; kick: () => void }
  /** The issued bulletin's 文号 pattern, 主送, 抄送 and 落款 (BULLETIN_*; decision 64). */
  bulletin: BulletinSettings
  /** 预计偏乐观 margin and the catch-up's feasible ratio (FORECAST_OPTIMISM_MARGIN, CATCH_UP_MAX_RATIO; decision 75). */
  forecast: ForecastSettings
  /** The 挂牌督办 rule's settings (ESCALATION_*; decision 76). */
  escalation: EscalationRule
  /** The monthly report's forecast and 需核实 checks (FORECAST_REQUIRED_FROM, FLAG_*; decision 74). */
  reportChecks: ReportChecks
  /** The accounts with a workbook import under way: one at a time per account (decision 68). */
  importsUnderway: Set<string>
  /** Where uploaded files are kept: DATA_DIR/files, an S3-compatible store, or memory (tests, the demo; decision 81). */
  files: FileStore
  /** Where a photo upload is staged while it is read and re-encoded: DATA_DIR/uploads (emptied at start), or the OS's temp folder. */
  uploadStaging: string | undefined
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
 * in the browser, where there is no Excel (server/browser/workbook.ts). Answered as 501 with its message.
 */
export class NotAvailableHere extends Error {}

/** The one error shape: { error: { code, message, fields?, current? } }. */
export function fail(c: Context, status: ErrorStatus, code: string, message: string, extra: { fields?: Record<string, string>; current?: unknown } = {}) {
  const body: ApiError = { error: { code, message, ...(extra.fields ? { fields: extra.fields } : {}), ...(extra.current !== undefined ? { current: extra.current } : {}) } }
  return c.json(body, status)
}

/** The socket's peer address (none when the API runs without sockets: in process, or in the demo's page). */
function peerOf(c: Context): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress
}

/**
 * The client's address: the socket's, or when the socket is one of our proxies (TRUST_PROXY), the rightmost
 * X-Forwarded-For entry that is not one of them (entries left of it are whatever the client wrote, and
 * must not steer the throttle). From any other peer X-Forwarded-For is ignored (docs/decisions/070).
 */
export function clientAddress(c: Context, trustProxy: TrustedProxies): string {
  const peer = peerOf(c)
  const trusted = trustProxy(peer ?? 'unknown')
  return clientOfChain(peer ?? 'unknown', trusted ? c.req.header('x-forwarded-for') : undefined, trustProxy).slice(0, 64)
}

/** Whether the client reached us over HTTPS (directly, or through one of our proxies that says so). */
export function isHttps(c: Context, trustProxy: TrustedProxies): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  return trustProxy(peerOf(c) ?? 'unknown') && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
}

/** The host the client asked for: the Host header, or X-Forwarded-Host from one of our proxies. */
export function requestHost(c: Context, trustProxy: TrustedProxies): string {
  const forwarded = trustProxy(peerOf(c) ?? 'unknown') ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined
  return (forwarded || c.req.header('host') || new URL(c.req.url).host).toLowerCase()
}

/** This site's origin as the client reached it: scheme, host and port (what a same-site Origin header must equal). */
export function requestOrigin(c: Context, trustProxy: TrustedProxies): string {
  return new URL(`${isHttps(c, trustProxy) ? 'https' : 'http'}://${requestHost(c, trustProxy)}`).origin
}

/**
 * A versioned write (server/db/versioned-write.ts) by the signed-in user from this request, answered:
 * the change's answer with its status, or the refusal in the one error shape (with `current` on a stale
 * version). `now` is the instant the route's domain steps use too, and the audit entry's.
 */
export async function answerWrite<L = undefined, R = L, T = unknown>(c: Context<AppEnv>, deps: Deps, now: Date, write: VersionedWrite<L, R, T>): Promise<Response> {
  const writer = { actor: c.get('user').username, address: clientAddress(c, deps.trustProxy), now }
  const result = await versionedWrite(deps.database.db, writer, write)
  // A write may have queued notices for the group robot: they go after the commit, never in the request.
  if (result.ok && deps.notices.outbound) deps.notices.kick()
  if (!result.ok) return fail(c, result.status, result.code, result.message, { fields: result.fields, current: result.current })
  return c.json(result.answer as object, result.status)
}
