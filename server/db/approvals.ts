import { and, asc, count, eq, inArray } from 'drizzle-orm'
import type { Approval, ApprovalKind, ApprovalStatus } from '@/contract/approvals'
import { DEFAULT_APPROVAL_KINDS, approvalOf } from '@/domain/approvals'
import type { Db } from './handle'
import { approvalKinds, projectApprovals } from './schema'

type Reader = Pick<Db, 'select'>

export const toApprovalKind = (row: typeof approvalKinds.$inferSelect): ApprovalKind => ({ kind: row.kind, name: row.name, retired: row.retired, version: row.version })

/**
 * A database without 前期手续 kinds (a new one, or one made before they were tracked) gets the six, once; from
 * then on the list is the staff's (decision 80). Runs at every start, inside the seed's transaction and lock.
 */
export async function ensureApprovalKinds(tx: Pick<Db, 'select' | 'insert'>) {
  const [row] = await tx.select({ n: count() }).from(approvalKinds)
  if (Number(row?.n ?? 0) === 0) await tx.insert(approvalKinds).values(DEFAULT_APPROVAL_KINDS.map((k) => ({ kind: k.kind, name: k.name })))
}

/** Every kind: the active ones first, each group in the order they were added (the list's order). */
export async function listApprovalKinds(db: Reader): Promise<ApprovalKind[]> {
  const rows = await db.select().from(approvalKinds).orderBy(asc(approvalKinds.retired), asc(approvalKinds.id))
  return rows.map(toApprovalKind)
}

/** The record of one approval (without its kind's name): what a row holds. */
export type ApprovalRecord = Omit<Approval, 'kind' | 'name'>

/**
 * The approval's PDF as the answer links it. Null until the file store names one; the upload route
 * (POST …/approvals/:kind/file) fills `file_id` and this gives its address.
 */
const fileUrlOf = (row: typeof projectApprovals.$inferSelect): string | null => (row.fileId ? `/api/files/${encodeURIComponent(row.fileId)}` : null)

const recordOf = (row: typeof projectApprovals.$inferSelect): ApprovalRecord => ({
  status: row.status as ApprovalStatus,
  obtainedOn: row.obtainedOn,
  number: row.number,
  department: row.department,
  fileUrl: fileUrlOf(row),
  version: row.version,
})

/** A project's approvals: one per active kind, in the list's order (未启动 where it has no record). */
export async function approvalsOfProject(db: Reader, projectId: string): Promise<Approval[]> {
  const kinds = (await listApprovalKinds(db)).filter((k) => !k.retired)
  const rows = await db.select().from(projectApprovals).where(eq(projectApprovals.projectId, projectId))
  const byKind = new Map(rows.map((r) => [r.kind, recordOf(r)]))
  return kinds.map((k) => approvalOf(k, byKind.get(k.kind)))
}

/** One approval of a project, read under the caller's lock; null when the kind is not on the list. */
export async function approvalOfProject(db: Reader, projectId: string, kind: string): Promise<{ kind: ApprovalKind; approval: Approval } | null> {
  const [k] = await db.select().from(approvalKinds).where(eq(approvalKinds.kind, kind))
  if (!k) return null
  const [row] = await db.select().from(projectApprovals).where(and(eq(projectApprovals.projectId, projectId), eq(projectApprovals.kind, kind)))
  return { kind: toApprovalKind(k), approval: approvalOf(k, row ? recordOf(row) : null) }
}

/** Store an approval as it now is (insert or replace the project's row of that kind). */
export async function storeApproval(tx: Pick<Db, 'insert'>, projectId: string, approval: Approval, at: Date, by: string | null) {
  const values = {
    status: approval.status,
    obtainedOn: approval.obtainedOn,
    number: approval.number,
    department: approval.department,
    version: approval.version,
    updatedAt: at,
    updatedBy: by,
  }
  await tx
    .insert(projectApprovals)
    .values({ projectId, kind: approval.kind, ...values })
    .onConflictDoUpdate({ target: [projectApprovals.projectId, projectApprovals.kind], set: values })
}

/** The statuses recorded for each of `projectIds` (projects with no record are absent). */
export async function approvalStatusesOf(db: Reader, projectIds: readonly string[]): Promise<Map<string, { kind: string; status: ApprovalStatus }[]>> {
  const map = new Map<string, { kind: string; status: ApprovalStatus }[]>()
  if (projectIds.length === 0) return map
  const rows = await db
    .select({ projectId: projectApprovals.projectId, kind: projectApprovals.kind, status: projectApprovals.status })
    .from(projectApprovals)
    .where(inArray(projectApprovals.projectId, [...projectIds]))
  for (const r of rows) map.set(r.projectId, [...(map.get(r.projectId) ?? []), { kind: r.kind, status: r.status as ApprovalStatus }])
  return map
}

/** The approvals of each of `projectIds` (one per active kind, in the list's order), read in one query. */
export async function approvalRecordsOf(db: Reader, projectIds: readonly string[]): Promise<Map<string, Approval[]>> {
  const kinds = (await listApprovalKinds(db)).filter((k) => !k.retired)
  const byProject = new Map<string, Map<string, ApprovalRecord>>()
  for (let i = 0; i < projectIds.length; i += 1000) {
    const rows = await db.select().from(projectApprovals).where(inArray(projectApprovals.projectId, projectIds.slice(i, i + 1000)))
    for (const r of rows) byProject.set(r.projectId, (byProject.get(r.projectId) ?? new Map()).set(r.kind, recordOf(r)))
  }
  return new Map(projectIds.map((id) => [id, kinds.map((k) => approvalOf(k, byProject.get(id)?.get(k.kind)))]))
}
