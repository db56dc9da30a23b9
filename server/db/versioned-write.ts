import { sql } from 'drizzle-orm'
import { appendAudits, type AuditInput } from '../audit'
import type { Db } from './handle'
import { bumpActivity, bumpDataVersion } from './write'

/** The transaction a write runs in. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/** Why a write does not happen, in the one error shape (with the record as it is now on a stale version). */
export type Refusal = {
  status: 400 | 403 | 404 | 409 | 422
  code: string
  message: string
  fields?: Record<string, string>
  current?: unknown
}

/** A refusal thrown inside a write: its transaction is rolled back, and the refusal is the answer. */
export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message)
    this.name = 'Refused'
  }
}

/** Refuse the write from inside one of its steps (the domain's refusal; `current` when the answer carries the record). */
export function refuse(refusal: Refusal & { ok?: false }, extra: { current?: unknown } = {}): never {
  const { status, code, message, fields } = refusal
  const current = 'current' in extra ? extra.current : refusal.current
  throw new Refused({
    status,
    code,
    message,
    ...(fields ? { fields } : {}),
    ...(current !== undefined ? { current } : {}),
  })
}

/** Who writes, when and from where: every audit entry of the write says so. */
export type Writer = { actor: string | null; address: string | null; now: Date }

type AuditOf = Omit<AuditInput, 'at' | 'actor' | 'address'>

/** What a write did: its answer, and what follows from the change. */
export type Change<T> = {
  answer: T
  status?: 200 | 201 | 422
  /** The audit entry (or entries) of the change; none when nothing changed. */
  audit?: AuditOf | readonly AuditOf[]
  /** Bring the read model (judged rows, zone totals) up to date with the change. */
  refresh?: () => Promise<void>
  /** The change shows in what others read: bump the data version, so cached answers of older versions go. */
  bump?: boolean
}

/**
 * One versioned write, step by step, in one transaction:
 * 1. `serialise`: an advisory lock first, for a change of what many rows share (ids, name ranks);
 * 2. `lock`: the row written, `select … for update` — two writers of one row go one after the other;
 *    none → 404 with `missing`;
 * 3. `current`: the record as it is now, read under that lock;
 * 4. `check`: the version (and state) check — a refusal is answered with the current record (409 `current`);
 * 5. `change`: the domain's step, validated and stored; a refusal here is thrown with refuse();
 * 6. then the audit entry, the read model refresh and the data-version bump the change names.
 * A refusal at any step rolls the transaction back (nothing was written) and is the answer.
 */
export type VersionedWrite<L, R, T> = {
  serialise?: string | false
  lock?: (tx: Tx) => Promise<L | null>
  missing?: string
  current?: (tx: Tx, locked: L) => Promise<R>
  check?: (current: R, locked: L) => (Refusal & { ok?: false }) | null
  change: (tx: Tx, current: R, locked: L) => Promise<Change<T>>
}

export type WriteResult<T> = { ok: true; answer: T; status: 200 | 201 | 422 } | ({ ok: false } & Refusal)

export async function versionedWrite<L = undefined, R = L, T = unknown>(
  db: Db,
  writer: Writer,
  write: VersionedWrite<L, R, T>,
): Promise<WriteResult<T>> {
  try {
    return await db.transaction(async (tx) => {
      if (write.serialise) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${write.serialise}))`)
      let locked = undefined as L
      if (write.lock) {
        const row = await write.lock(tx)
        if (row === null) refuse({ status: 404, code: 'not_found', message: write.missing ?? '不存在' })
        locked = row
      }
      const current = write.current ? await write.current(tx, locked) : (locked as unknown as R)
      const stale = write.check?.(current, locked)
      if (stale) refuse(stale, { current })
      const change = await write.change(tx, current, locked)
      const entries =
        change.audit === undefined ? [] : Array.isArray(change.audit) ? change.audit : [change.audit as AuditOf]
      await appendAudits(
        tx,
        entries.map((entry) => ({ ...entry, at: writer.now, actor: writer.actor, address: writer.address })),
      )
      await change.refresh?.()
      if (change.bump) await bumpDataVersion(tx)
      await bumpActivity(tx)
      return { ok: true as const, answer: change.answer, status: change.status ?? 200 }
    })
  } catch (error) {
    if (error instanceof Refused) return { ok: false, ...error.refusal }
    throw error
  }
}
