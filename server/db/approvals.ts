import { and, asc, count, eq, inArray } from 'drizzle-orm'
import { approvalPaths, type Approval, type ApprovalKind, type ApprovalStatus } from '@/contract/approvals'
import { DEFAULT_APPROVAL_KINDS, approvalOf } from '@/domain/approvals'
import type { Db } from './handle'
import { approvalKinds, files, projectApprovals } from './schema'

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
 * The approval's PDF as the answer links it: GET /api/projects/:projectId/approvals/:kind/file, served to the
 * project's readers (decision 83). Null until an upload (POST …/file) names one in `file_id`.
 */
const fileUrlOf = (row: typeof projectApprovals.$inferSelect): string | null => (row.fileId ? approvalPaths.file(row.projectId, row.kind) : null)

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

/** The stored file an approval names (its media type and size, from `files`), with the kind's name; null when none. */
export async function approvalFileOf(db: Reader, projectId: string, kind: string): Promise<{ id: string; type: string; size: number; kindName: string } | null> {
  const [row] = await db
    .select({ id: files.id, type: files.type, size: files.size, kindName: approvalKinds.name })
    .from(projectApprovals)
    .innerJoin(files, eq(files.id, projectApprovals.fileId))
    .innerJoin(approvalKinds, eq(approvalKinds.kind, projectApprovals.kind))
    .where(and(eq(projectApprovals.projectId, projectId), eq(projectApprovals.kind, kind)))
  return row ?? null
}

/** A stored file's size (for the audit entry naming the file an approval names now), or null. */
export async function storedFileOf(db: Reader, fileId: string): Promise<{ id: string; size: number } | null> {
  const [row] = await db.select({ id: files.id, size: files.size }).from(files).where(eq(files.id, fileId))
  return row ?? null
}

/** The file id an approval names now (read under the project's lock), or null. */
export async function approvalFileIdOf(db: Reader, projectId: string, kind: string): Promise<string | null> {
  const [row] = await db.select({ fileId: projectApprovals.fileId }).from(projectApprovals).where(and(eq(projectApprovals.projectId, projectId), eq(projectApprovals.kind, kind)))
  return row?.fileId ?? null
}

/**
 * Name a PDF on an approval (or none): the row's `file_id` and its new version. A kind the project has no record
 * of gets one, with the approval's fields as they are (未启动 stays 未启动: a document says nothing of the status).
 */
export async function storeApprovalFile(tx: Pick<Db, 'insert'>, projectId: string, approval: Approval, fileId: string | null, at: Date, by: string | null) {
  const set = { fileId, version: approval.version, updatedAt: at, updatedBy: by }
  await tx
    .insert(projectApprovals)
    .values({ projectId, kind: approval.kind, status: approval.status, obtainedOn: approval.obtainedOn, number: approval.number, department: approval.department, ...set })
    .onConflictDoUpdate({ target: [projectApprovals.projectId, projectApprovals.kind], set })
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
