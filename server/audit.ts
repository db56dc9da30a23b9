import { and, desc, eq, inArray, like, or, type SQL } from 'drizzle-orm'
import type { AuditAction, AuditChange, AuditEntry, AuditQuery } from '@/contract/accounts'
import type { Db } from './db/handle'
import { accounts, auditLog } from './db/schema'
import { accountUnit } from '@/domain/accounts'

type Executor = Pick<Db, 'insert' | 'select'>

export type AuditInput = {
  at: Date
  actor: string | null
  action: AuditAction
  target: string | null
  changes?: AuditChange[]
  reason?: string | null
  address?: string | null
  month?: string | null
}

const rowOf = (entry: AuditInput) => ({
  at: entry.at,
  actor: entry.actor,
  action: entry.action,
  target: entry.target,
  changes: entry.changes ?? [],
  reason: entry.reason ?? null,
  address: entry.address ?? null,
  month: entry.month ?? null,
})

/** Append one entry; call it inside the transaction of the change it records. */
export async function appendAudit(db: Executor, entry: AuditInput) {
  await db.insert(auditLog).values(rowOf(entry))
}

/** Append the entries of one change of many records (an import), a thousand per statement. */
export async function appendAudits(db: Executor, entries: readonly AuditInput[]) {
  for (let i = 0; i < entries.length; i += 1000) await db.insert(auditLog).values(entries.slice(i, i + 1000).map(rowOf))
}

export async function listAudit(db: Db, query: AuditQuery, actions: readonly AuditAction[]): Promise<AuditEntry[]> {
  const conditions: SQL[] = [inArray(auditLog.action, [...actions])]
  if (query.action) conditions.push(eq(auditLog.action, query.action))
  if (query.actor) conditions.push(eq(auditLog.actor, query.actor))
  if (query.target) conditions.push(eq(auditLog.target, query.target))
  // A project's entries: its reports (target = the project id) and its problems (target = P001-Q2).
  if (query.projectId) conditions.push(or(eq(auditLog.target, query.projectId), like(auditLog.target, `${query.projectId}-Q%`))!)
  if (query.month) conditions.push(eq(auditLog.month, query.month))
  // The actor's name and unit are read now, not copied into the entry: a renamed person shows renamed everywhere.
  const rows = await db
    .select({ entry: auditLog, actorName: accounts.displayName, actorOwnerUnit: accounts.ownerUnit, actorUnit: accounts.unit })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.username, auditLog.actor))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(query.limit ?? 200)
  return rows.map(({ entry, actorName, actorOwnerUnit, actorUnit }) => ({
    id: entry.id,
    at: entry.at.toISOString(),
    actor: entry.actor,
    actorName,
    actorUnit: actorName === null ? null : accountUnit({ ownerUnit: actorOwnerUnit, unit: actorUnit }),
    action: entry.action as AuditAction,
    target: entry.target,
    changes: entry.changes,
    reason: entry.reason,
    address: entry.address,
    month: entry.month,
  }))
}
