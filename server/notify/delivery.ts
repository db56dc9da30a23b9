import { sql } from 'drizzle-orm'
import type { Logger } from 'pino'
import { NOTIFICATION_KIND_LABELS } from '@/domain/notifications'
import type { NotificationKind } from '@/contract/notifications'
import type { Db } from '../db/handle'

/**
 * The outbound copy of each notice to a group robot (企业微信 or 钉钉 群机器人), when NOTIFY_WEBHOOK_URL is
 * set (docs/decisions/067). Deliveries are rows (notice_deliveries), queued in the transaction that made
 * the notice, so none is lost to a crash; this worker claims the due ones, posts them, and records the
 * outcome. A failure is retried with backoff and logged; after the last attempt it is given up, logged
 * at error level and kept. The request that caused a notice never waits for its delivery.
 */
export type WebhookSettings = {
  url: string
  /** Link base for "打开" in the message (e.g. https://xmjc.nanan.gov.cn); none: the text alone. */
  publicUrl?: string
  /** Attempts before giving up. */
  maxAttempts?: number
  /** First retry after this long; doubles each time up to an hour. */
  baseDelayMs?: number
  /** Stop waiting for the robot after this long. */
  timeoutMs?: number
  fetch?: typeof fetch
}

export const DEFAULT_MAX_ATTEMPTS = 8
const HOUR_MS = 3600_000

/** The wait before attempt n + 1 after n failures: base × 2^(n−1), at most an hour. */
export const retryDelayMs = (failures: number, baseDelayMs = 30_000) => Math.min(baseDelayMs * 2 ** Math.max(0, failures - 1), HOUR_MS)

/**
 * The message: markdown, with the fields both robots read — 企业微信 `markdown.content`, 钉钉
 * `markdown.title` + `markdown.text` (each ignores the other's).
 */
export function webhookMessage(notice: { kind: NotificationKind; text: string; link: string }, publicUrl?: string) {
  const label = NOTIFICATION_KIND_LABELS[notice.kind]
  const open = publicUrl ? `\n[打开](${publicUrl.replace(/\/$/, '')}${notice.link})` : ''
  const text = `**【${label}】** ${notice.text}${open}`
  return { msgtype: 'markdown', markdown: { title: `重点项目：${label}`, text, content: text } }
}

type Due = { notice_id: number | string; attempts: number; kind: NotificationKind; text: string; link: string }

/** Post every delivery that is due; returns how many were delivered, retried and given up. */
export async function deliverDue(db: Db, settings: WebhookSettings, logger: Logger) {
  const post = settings.fetch ?? fetch
  const maxAttempts = settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  const outcome = { delivered: 0, retried: 0, failed: 0 }
  for (;;) {
    // Claim a batch: lease it for five minutes so another server (or a later run) leaves it alone meanwhile.
    const claimed = (
      (await db.execute(sql`
        update notice_deliveries d set next_attempt_at = now() + interval '5 minutes'
        from notices n
        where n.id = d.notice_id and d.notice_id in (
          select notice_id from notice_deliveries
          where delivered_at is null and failed_at is null and next_attempt_at <= now()
          order by notice_id limit 20 for update skip locked)
        returning d.notice_id, d.attempts, n.kind, n.text, n.link`)) as unknown as { rows: Due[] }
    ).rows
    if (claimed.length === 0) return outcome
    for (const due of claimed) {
      const id = Number(due.notice_id)
      const error = await postOnce(post, settings, webhookMessage(due, settings.publicUrl))
      const attempts = due.attempts + 1
      if (error === null) {
        await db.execute(sql`update notice_deliveries set attempts = ${attempts}, delivered_at = now(), last_error = null where notice_id = ${id}`)
        outcome.delivered++
      } else if (attempts >= maxAttempts) {
        await db.execute(sql`update notice_deliveries set attempts = ${attempts}, failed_at = now(), last_error = ${error} where notice_id = ${id}`)
        logger.error({ noticeId: id, attempts, error }, 'notice delivery given up')
        outcome.failed++
      } else {
        const delay = retryDelayMs(attempts, settings.baseDelayMs)
        await db.execute(sql`update notice_deliveries set attempts = ${attempts}, last_error = ${error}, next_attempt_at = now() + ${`${delay} milliseconds`}::interval where notice_id = ${id}`)
        logger.warn({ noticeId: id, attempts, error, retryInMs: delay }, 'notice delivery failed; will retry')
        outcome.retried++
      }
    }
  }
}

/** One post; null when the robot took it (HTTP 2xx and, where it answers JSON, errcode 0). */
async function postOnce(post: typeof fetch, settings: WebhookSettings, message: unknown): Promise<string | null> {
  try {
    const response = await post(settings.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
    })
    const body = await response.text()
    if (!response.ok) return `HTTP ${response.status}: ${body.slice(0, 200)}`
    try {
      const parsed = JSON.parse(body) as { errcode?: number; errmsg?: string }
      if (typeof parsed.errcode === 'number' && parsed.errcode !== 0) return `errcode ${parsed.errcode}: ${parsed.errmsg ?? ''}`.slice(0, 300)
    } catch {
      // Not JSON: a 2xx is taken as delivered.
    }
    return null
  } catch (error) {
    return (error as Error).message.slice(0, 300)
  }
}

/**
 * Runs deliveries in the background: at start, after each write that queued some (`kick`), and every
 * `intervalMs` for retries. One run at a time; a failing run is logged, never thrown at a request.
 */
export function deliveryWorker(db: Db, settings: WebhookSettings | null, logger: Logger, intervalMs = 15_000) {
  let running: Promise<void> | null = null
  let again = false
  const run = (): Promise<void> => {
    if (!settings) return Promise.resolve()
    if (running) {
      again = true
      return running
    }
    running = deliverDue(db, settings, logger)
      .then(() => undefined)
      .catch((error: unknown) => logger.error({ err: error }, 'notice delivery run failed'))
      .finally(() => {
        running = null
        if (again) {
          again = false
          void run()
        }
      })
    return running
  }
  const timer = settings ? setInterval(() => void run(), intervalMs) : null
  ;(timer as { unref?: () => void } | null)?.unref?.()
  return {
    outbound: settings !== null,
    /** After a write that queued deliveries: run soon, not in the request. */
    kick: () => void setTimeout(() => void run(), 0),
    /** Run now and wait (tests, shutdown). */
    run,
    stop: () => timer && clearInterval(timer),
  }
}
export type DeliveryWorker = ReturnType<typeof deliveryWorker>
