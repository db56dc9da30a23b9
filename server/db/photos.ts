import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { photoPaths, type ProjectPhoto, type ReportPhoto } from '@/contract/photos'
import type { ReportStatus } from '@/contract/reports'
import { reportMonthOf } from '@/domain/monthly-report'
import { isTakenEarly } from '@/domain/report-photos'
import type { Db } from './handle'
import { files, monthlyReports, projects, reportPhotos } from './schema'
import type { Tx } from './versioned-write'

type Executor = Pick<Db, 'select'>
type PhotoRow = typeof reportPhotos.$inferSelect

/** A photo as a report lists it: its URLs, and whether it is 拍摄时间较早 for its report's month. */
export function photoOfRow(row: PhotoRow): ReportPhoto {
  return {
    id: row.id,
    caption: row.caption,
    takenAt: row.takenAt ? row.takenAt.toISOString() : null,
    takenEarly: isTakenEarly(row.takenAt, row.year, row.month),
    width: row.width,
    height: row.height,
    url: photoPaths.display(row.id),
    thumbUrl: photoPaths.thumb(row.id),
  }
}

const inOrder = [asc(reportPhotos.position), asc(reportPhotos.createdAt)] as const

/** The photos of one report, in order. */
export async function photosOfReport(db: Executor, projectId: string, year: number, month: number): Promise<ReportPhoto[]> {
  const rows = await db
    .select()
    .from(reportPhotos)
    .where(and(eq(reportPhotos.projectId, projectId), eq(reportPhotos.year, year), eq(reportPhotos.month, month)))
    .orderBy(...inOrder)
  return rows.map(photoOfRow)
}

/** A project's photos of one year, by month ('YYYY-MM'). */
export async function photosOfProjectYear(db: Executor, projectId: string, year: number): Promise<Map<string, ReportPhoto[]>> {
  const rows = await db
    .select()
    .from(reportPhotos)
    .where(and(eq(reportPhotos.projectId, projectId), eq(reportPhotos.year, year)))
    .orderBy(...inOrder)
  return groupBy(rows, (r) => reportMonthOf(r.year, r.month))
}

/** Every project's photos of one month, by project (the month's queue for review). */
export async function photosOfMonth(db: Executor, year: number, month: number): Promise<Map<string, ReportPhoto[]>> {
  const rows = await db
    .select()
    .from(reportPhotos)
    .where(and(eq(reportPhotos.year, year), eq(reportPhotos.month, month)))
    .orderBy(asc(reportPhotos.projectId), ...inOrder)
  return groupBy(rows, (r) => r.projectId)
}

function groupBy(rows: readonly PhotoRow[], key: (row: PhotoRow) => string) {
  const map = new Map<string, ReportPhoto[]>()
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), photoOfRow(row)])
  return map
}

/** A project's photos of every year, newest first: by month, then the latest upload first within it. */
export async function photosOfProject(db: Executor, projectId: string): Promise<ProjectPhoto[]> {
  const rows = await db
    .select({ photo: reportPhotos, status: monthlyReports.status })
    .from(reportPhotos)
    .innerJoin(monthlyReports, and(eq(monthlyReports.projectId, reportPhotos.projectId), eq(monthlyReports.year, reportPhotos.year), eq(monthlyReports.month, reportPhotos.month)))
    .where(eq(reportPhotos.projectId, projectId))
    .orderBy(desc(reportPhotos.year), desc(reportPhotos.month), desc(reportPhotos.createdAt), desc(reportPhotos.position))
  return rows.map(({ photo, status }) => ({
    ...photoOfRow(photo),
    month: reportMonthOf(photo.year, photo.month),
    reportStatus: status as ReportStatus,
    uploadedAt: photo.createdAt.toISOString(),
  }))
}

/** How many photos a report has (read under the project's lock by a write). */
export async function photoCount(db: Executor, projectId: string, year: number, month: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reportPhotos)
    .where(and(eq(reportPhotos.projectId, projectId), eq(reportPhotos.year, year), eq(reportPhotos.month, month)))
  return Number(row?.n ?? 0)
}

/** One photo's row, or null. */
export async function photoRow(db: Executor, photoId: string): Promise<PhotoRow | null> {
  const [row] = await db.select().from(reportPhotos).where(eq(reportPhotos.id, photoId))
  return row ?? null
}

/** What serving a photo's copy needs: its project (for who may read it) and the stored file's type and size. */
export async function photoFile(db: Executor, photoId: string, copy: 'display' | 'thumb') {
  const [row] = await db
    .select({ projectId: reportPhotos.projectId, ownerUnit: projects.ownerUnit, fileId: files.id, type: files.type, size: files.size, year: reportPhotos.year, month: reportPhotos.month })
    .from(reportPhotos)
    .innerJoin(files, eq(files.id, copy === 'display' ? reportPhotos.fileId : reportPhotos.thumbFileId))
    // The project's unit in the same query: who may see the file is decided without a second one (a page of thumbnails asks many at once).
    .innerJoin(projects, eq(projects.id, reportPhotos.projectId))
    .where(eq(reportPhotos.id, photoId))
  return row ?? null
}

/** A stored file's row (after its bytes are in place): written once, whoever stored the same bytes first. */
export async function recordFile(tx: Tx, file: { id: string; type: string; size: number }, at: Date) {
  await tx.insert(files).values({ ...file, createdAt: at }).onConflictDoNothing()
}

/** A new photo at the end of its report. */
export async function insertPhoto(tx: Tx, photo: Omit<typeof reportPhotos.$inferInsert, 'position'>): Promise<PhotoRow> {
  const [{ next } = { next: 1 }] = await tx
    .select({ next: sql<number>`coalesce(max(${reportPhotos.position}), 0)::int + 1` })
    .from(reportPhotos)
    .where(and(eq(reportPhotos.projectId, photo.projectId), eq(reportPhotos.year, photo.year), eq(reportPhotos.month, photo.month)))
  const [row] = await tx.insert(reportPhotos).values({ ...photo, position: Number(next) }).returning()
  return row!
}

/** Delete a photo's row. Its files stay: they may be named elsewhere, and no file is deleted in this release (decision 81). */
export async function deletePhotoRow(tx: Tx, photoId: string) {
  await tx.delete(reportPhotos).where(eq(reportPhotos.id, photoId))
}
