import { sql, type SQL } from 'drizzle-orm'
import type { Role } from '@/contract'
import type { MarkRead, Notification, NotificationKind, NotificationList } from '@/contract/notifications'
import type { Tx } from '../db/versioned-write'
import type { Db } from '../db/handle'

/**
 * 通知, stored (docs/decisions/067). A notice is made inside the transaction of what caused it — a report
 * returned is never without its notice, nor a notice without its return — and addressed to accounts in the
 * same statement. A notice with a dedupe key is made once whoever tries again (the scheduler across
 * restarts, or two servers on one PostgreSQL): the insert does nothing on the key's conflict.
 */

/** Who a notice is for; accounts disabled are left out. */
export type Audience = { ownerUnits: readonly string[] } | { roles: readonly Role[] } | { everyone: true }

export type NoticeInput = {
  at: Date
  kind: NotificationKind
  text: string
  link: string
  /** Made once per key (e.g. `due-soon:2024-10:区城市建设发展平台公司`). */
  dedupeKey?: string
  to: Audience
}

type Executor = Pick<Db, 'execute'> | Tx

const rowsOf = async <T>(db: Executor, query: SQL): Promise<T[]> => ((await db.execute(query)) as unknown as { rows: T[] }).rows

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `)

function audienceWhere(to: Audience): SQL {
  if ('everyone' in to) return sql`true`
  if ('roles' in to) return to.roles.length === 0 ? sql`false` : sql`a.role in (${list(to.roles)})`
  return to.ownerUnits.length === 0 ? sql`false` : sql`a.role = 'owner' and a.owner_unit in (${list(to.ownerUnits)})`
}

/**
 * Store a notice and address it; with `outbound` it is also queued for the group robot (the delivery
 * worker posts it after the transaction commits). Null when a notice with the same key exists already.
 */
export async function notify(tx: Executor, notice: NoticeInput, outbound: boolean): Promise<number | null> {
  const [made] = await rowsOf<{ id: number | string }>(
    tx,
    sql`insert into notices (at, kind, text, link, dedupe_key)
        values (${notice.at.toISOString()}::timestamptz, ${notice.kind}, ${notice.text}, ${notice.link}, ${notice.dedupeKey ?? null})
        on conflict (dedupe_key) do nothing returning id`,
  )
  if (!made) return null
  const id = Number(made.id)
  await tx.execute(sql`
    insert into notice_recipients (notice_id, username)
    select ${id}, a.username from accounts a where not a.disabled and (${audienceWhere(notice.to)})
    on conflict do nothing`)
  if (outbound) await tx.execute(sql`insert into notice_deliveries (notice_id, next_attempt_at) values (${id}, now())`)
  return id
}

/** An account's notices, newest first, and how many are unread in all. */
export async function notificationsOf(db: Executor, username: string, limit: number): Promise<NotificationList> {
  const rows = await rowsOf<{ id: number | string; at: Date | string; kind: NotificationKind; text: string; link: string; read: boolean }>(
    db,
    sql`select n.id, n.at, n.kind, n.text, n.link, r.read_at is not null as read
        from notice_recipients r join notices n on n.id = r.notice_id
        where r.username = ${username} order by n.id desc limit ${limit}`,
  )
  const items: Notification[] = rows.map((r) => ({ id: Number(r.id), at: new Date(r.at).toISOString(), kind: r.kind, text: r.text, link: r.link, read: Boolean(r.read) }))
  return { items, unread: await unreadOf(db, username) }
}

export async function unreadOf(db: Executor, username: string): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(db, sql`select count(*) as n from notice_recipients where username = ${username} and read_at is null`)
  return Number(row?.n ?? 0)
}

/** Mark an account's own notices read (others' ids are ignored); how many changed. */
export async function markRead(db: Executor, username: string, which: MarkRead, at: Date): Promise<number> {
  const only = 'ids' in which ? sql`and notice_id in (${sql.join(which.ids.map((id) => sql`${id}`), sql`, `)})` : sql``
  const rows = await rowsOf<{ notice_id: number }>(
    db,
    sql`update notice_recipients set read_at = ${at.toISOString()}::timestamptz where username = ${username} and read_at is null ${only} returning notice_id`,
  )
  return rows.length
}
