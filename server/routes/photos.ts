import { and, eq } from 'drizzle-orm'
import type { Context } from 'hono'
import { z } from 'zod'
import { ProjectIdSchema, type SessionUser } from '@/contract'
import {
  PHOTO_FORM,
  PHOTO_LIMITS,
  PhotoCaptionSchema,
  PhotoIdSchema,
  ProjectPhotoListSchema,
  ReportPhotoSchema,
  photoRoutes,
  type ProjectPhotoList,
  type ReportPhoto,
} from '@/contract/photos'
import { ReportDraftFieldsSchema, ReportMonthSchema, type Report } from '@/contract/reports'
import { scopeReads } from '@/domain/access'
import { publishedMonthProblem } from '@/domain/calendar'
import { applySave, mayAct, parseReportMonth, reportMonthProblem } from '@/domain/monthly-report'
import { photoChangeProblem } from '@/domain/report-photos'
import { holdMonthOpen, isMonthPublished } from '../db/months'
import { deletePhotoRow, insertPhoto, photoFile, photoOfRow, photoRow, photosOfProject, recordFile } from '../db/photos'
import { planYearOf } from '../db/plan-year'
import { lockProject, reportOf, storeReport } from '../db/reports'
import { projectYears, projects } from '../db/schema'
import { refuse, versionedWrite, type Refusal, type Tx } from '../db/versioned-write'
import type { Db } from '../db/handle'
import { discardUpload, processPhoto, readPhotoUpload } from '../files/photo-upload'
import { serveFile } from '../files/serve'
import { clientAddress, fail, type AppEnv, type Deps } from './context'
import type { Register } from './register'

type C = Context<AppEnv>
type Project = NonNullable<Awaited<ReturnType<typeof lockProject>>>

/**
 * 形象进度照片 (issue 28 §1, decision 81): the owner unit adds photos to its month's report (draft or returned)
 * and deletes them; every reader of the project sees them with the report, in the project's timeline, and as
 * files. A write is the report's: the project's row locked, the month held open, audited; the data version is not
 * bumped (no cached answer holds a photo, as no cached answer holds a draft). The files are stored (durably, content-addressed) before the transaction that names them.
 */
export function photoRoutesOf(register: Register, deps: Deps) {
  const { database, files } = deps
  const { db } = database

  const projectId = ProjectIdSchema.describe('项目编号，如 P001')
  const month = ReportMonthSchema.describe('月份 YYYY-MM')
  const photoId = PhotoIdSchema.describe('照片编号（UUID）')

  /**
   * Whether this user may add (or delete) a photo of the month's report now, and the report as it is: the
   * owner unit's own project, not retired (mayAct, as saving a draft); a draft or returned report with room
   * left (photoChangeProblem); a month not published; a month that can be reported, of a year the project
   * is listed in (as saving a draft). Run before the upload is read (a refusal costs no upload) and again
   * inside the write under the project's lock (what counts).
   */
  const judge = async (ex: Tx | Db, project: Project, user: SessionUser, reportMonth: string, change: 'add' | 'delete', now: Date): Promise<Report | null> => {
    const refused = mayAct(user, 'save', project)
    if (refused) refuse(refused)
    const { year, month: m } = parseReportMonth(reportMonth)
    const report = await reportOf(ex, project.id, reportMonth, project.simulated)
    const problem = photoChangeProblem(change, report?.status ?? null, report?.photos.length ?? 0)
    if (problem) refuse(problem)
    const planYear = await planYearOf(ex)
    if (year === planYear && (await isMonthPublished(ex, year, m))) refuse({ status: 409, code: 'month_published', message: publishedMonthProblem(year, m) })
    const [listed] = await ex.select({ year: projectYears.year }).from(projectYears).where(and(eq(projectYears.projectId, project.id), eq(projectYears.year, year)))
    const monthProblem = reportMonthProblem(year, m, planYear, now) ?? (listed ? null : `项目 ${project.id} 不在 ${year} 年度的重点项目清单中，不能填报该年的月报`)
    if (monthProblem) refuse({ status: 422, code: 'invalid_report', message: '该月不能填报月报，也不能上传照片', fields: { month: monthProblem } })
    return report
  }

  /** The same judgement outside a transaction, before the upload is read: a refusal, or null. */
  const judgeFirst = async (c: C, id: string, reportMonth: string, change: 'add' | 'delete', now: Date): Promise<Response | null> => {
    const [project] = await db
      .select({ id: projects.id, name: projects.name, ownerUnit: projects.ownerUnit, simulated: projects.simulated, retired: projects.retiredAt })
      .from(projects)
      .where(eq(projects.id, id))
    if (!project) return fail(c, 404, 'not_found', `项目 ${id} 不存在`)
    try {
      await judge(db, project, c.get('user'), reportMonth, change, now)
      return null
    } catch (error) {
      const refusal = (error as { refusal?: Refusal }).refusal
      if (!refusal) throw error
      return fail(c, refusal.status, refusal.code, refusal.message, { fields: refusal.fields })
    }
  }

  /** A versioned write by this request's user (server/db/versioned-write.ts), answered with `answer` on success. */
  const write = async <T,>(c: C, now: Date, steps: Parameters<typeof versionedWrite<Project, Report | null, T>>[2], answer: (value: T) => Response) => {
    const writer = { actor: c.get('user').username, address: clientAddress(c, deps.trustProxy), now }
    const result = await versionedWrite(db, writer, steps)
    if (!result.ok) return fail(c, result.status, result.code, result.message, { fields: result.fields, current: result.current })
    return answer(result.answer)
  }

  register('POST', photoRoutes.upload, {
    summary: `上传月报的形象进度照片（业主单位，限本单位项目；月报为草稿或已退回时）：multipart/form-data，字段 file（JPG、PNG 或 WebP，按文件内容识别，不超过 ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB）与 caption（图片说明，1-${PHOTO_LIMITS.captionMax} 字）；每份月报最多 ${PHOTO_LIMITS.perReport} 张。照片重新编码为展示图（长边 ${PHOTO_LIMITS.displaySide} 像素）与缩略图（${PHOTO_LIMITS.thumbSide} 像素），不含 EXIF；拍摄时间（EXIF DateTimeOriginal）记为 takenAt。该月尚无月报时新建草稿。`,
    params: z.object({ projectId, month }),
    bodyForm: { file: PHOTO_FORM.file, parts: { [PHOTO_FORM.file]: '照片文件（JPG、PNG、WebP；HEIC 请先转为 JPG）', [PHOTO_FORM.caption]: `图片说明，1-${PHOTO_LIMITS.captionMax} 字` }, required: [PHOTO_FORM.file, PHOTO_FORM.caption] },
    responses: { 201: { description: '已添加的照片', schema: ReportPhotoSchema } },
    errors: {
      400: '路径参数无效，未选择照片、一次多于一张，或图片说明为空或超过 100 字（fields.caption）',
      404: '项目不存在',
      409: '月报已提交或已审核通过（照片不能再修改）、项目已退出，或该月已发布（month_published）',
      413: `照片超过 ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`,
      415: '不是 multipart/form-data，或文件不是 JPG、PNG、WebP（HEIC、GIF 等按内容识别后拒绝，消息说明应上传什么）',
      422: `已有 ${PHOTO_LIMITS.perReport} 张照片（too_many_photos）、照片无法读取或像素过多（invalid_image），或该月不能填报（fields.month）`,
      501: '演示版不支持上传照片',
    },
  }, async (c, { params }) => {
    const user = c.get('user')
    const now = deps.calendarNow()
    // Refused before a byte of the upload is read: another unit, a submitted or approved report, nine photos already, a published month.
    const early = await judgeFirst(c, params.projectId, params.month, 'add', now)
    if (early) return early
    const upload = await readPhotoUpload(c.req.raw, deps.uploadStaging)
    if (!upload.ok) return fail(c, upload.status, upload.code, upload.message, { fields: upload.fields })
    const caption = PhotoCaptionSchema.safeParse(upload.caption ?? '')
    if (!caption.success) {
      await discardUpload(upload.source)
      const message = caption.error.issues[0]?.message ?? '请填写图片说明'
      return fail(c, 400, 'invalid_body', message, { fields: { caption: message } })
    }
    // The staged upload goes once re-encoded (the store keeps the re-encoded copies, never the original).
    const processed = await processPhoto(upload.source).finally(() => discardUpload(upload.source))
    if (!processed.ok) return fail(c, processed.status, processed.code, processed.message, { fields: { file: processed.message } })
    // The files first, durably; the record that names them only then, in the write's transaction. A refusal
    // below leaves two unnamed files (never a record without its file); they are harmless and deduplicated.
    const display = await files.put(processed.display.bytes, { type: processed.display.type })
    const thumb = await files.put(processed.thumb.bytes, { type: processed.thumb.type })
    const { year, month: m } = parseReportMonth(params.month)
    return write<ReportPhoto>(c, now, {
      lock: (tx) => lockProject(tx, params.projectId),
      missing: `项目 ${params.projectId} 不存在`,
      current: async (tx, project) => {
        // The month held open for the transaction: a publication waits for it, or it sees the publication (409).
        if (year === (await planYearOf(tx))) await holdMonthOpen(tx, year, m)
        return judge(tx, project, user, params.month, 'add', now)
      },
      change: async (tx, report, project) => {
        // No report yet: an empty draft is started, as saving one would (decision 65: a draft may hold nothing yet).
        if (!report) await storeReport(tx, applySave(null, ReportDraftFieldsSchema.parse({}), project.id, params.month, user, now, project.simulated))
        await recordFile(tx, { id: display.id, type: processed.display.type, size: display.size }, now)
        await recordFile(tx, { id: thumb.id, type: processed.thumb.type, size: thumb.size }, now)
        const row = await insertPhoto(tx, {
          id: crypto.randomUUID(),
          projectId: project.id,
          year,
          month: m,
          fileId: display.id,
          thumbFileId: thumb.id,
          caption: caption.data,
          takenAt: processed.takenAt,
          width: processed.display.width,
          height: processed.display.height,
          uploadedBy: user.username,
          createdAt: now,
        })
        const photo = photoOfRow(row)
        return {
          answer: photo,
          status: 201,
          audit: {
            action: 'report.photo-add',
            target: project.id,
            month: params.month,
            changes: [{ field: 'photos', before: null, after: { id: photo.id, caption: photo.caption, takenAt: photo.takenAt, file: display.id, thumbFile: thumb.id, ...(report ? {} : { reportStarted: true }) } }],
          },
          // No cached answer holds a photo (the reports and the timeline are read afresh), and a draft's or a returned
          // report's photos change no figure: the district's cached answers stay (decision 81, measured in bench:api).
          bump: false,
        }
      },
    }, (photo) => c.json(photo, 201))
  })

  register('DELETE', photoRoutes.one, {
    summary: '删除月报的一张照片（业主单位，限本单位项目；月报为草稿或已退回时）。照片文件本身保留（可能仍被其他记录或修改记录引用）',
    params: z.object({ projectId, month, photoId }),
    responses: { 204: { description: '已删除' } },
    errors: { 400: '路径参数无效', 404: '项目或该月月报中的照片不存在', 409: '月报已提交或已审核通过、项目已退出，或该月已发布（month_published）', 422: '该月不能填报（fields.month）' },
  }, async (c, { params }) => {
    const user = c.get('user')
    const now = deps.calendarNow()
    const { year, month: m } = parseReportMonth(params.month)
    return write<null>(c, now, {
      lock: (tx) => lockProject(tx, params.projectId),
      missing: `项目 ${params.projectId} 不存在`,
      current: async (tx, project) => {
        if (year === (await planYearOf(tx))) await holdMonthOpen(tx, year, m)
        return judge(tx, project, user, params.month, 'delete', now)
      },
      change: async (tx, _report, project) => {
        const row = await photoRow(tx, params.photoId)
        if (!row || row.projectId !== project.id || row.year !== year || row.month !== m) {
          refuse({ status: 404, code: 'not_found', message: `${m}月月报中没有这张照片（可能已被删除）` })
        }
        await deletePhotoRow(tx, row.id)
        return {
          answer: null,
          audit: {
            action: 'report.photo-delete',
            target: project.id,
            month: params.month,
            changes: [{ field: 'photos', before: { id: row.id, caption: row.caption, takenAt: row.takenAt?.toISOString() ?? null, file: row.fileId, thumbFile: row.thumbFileId }, after: null }],
          },
          bump: false,
        }
      },
    }, () => c.body(null, 204))
  })

  /** The project, or the answer refusing it: 404 when there is none, 403 outside the reader's scope (OWNER_SEES=own). */
  const readableProject = async (c: C, id: string): Promise<Response | null> => {
    const [project] = await db.select({ ownerUnit: projects.ownerUnit }).from(projects).where(eq(projects.id, id))
    if (!project) return fail(c, 404, 'not_found', `项目 ${id} 不存在`)
    if (!scopeReads(c.get('scope'), project.ownerUnit)) return fail(c, 403, 'forbidden', '该项目不属于本单位，无权查看')
    return null
  }

  register('GET', photoRoutes.ofProject, {
    summary: '一个项目的形象进度照片（各年各月），按月份从新到旧、同月按上传时间从新到旧；每张注明所属月报的状态（草稿、待审核的照片尚未审核）',
    params: z.object({ projectId }),
    responses: { 200: { description: '照片', schema: ProjectPhotoListSchema } },
    errors: { 400: '路径参数无效', 404: '项目不存在' },
  }, async (c, { params }) => {
    const refused = await readableProject(c, params.projectId)
    if (refused) return refused
    return c.json({ items: await photosOfProject(db, params.projectId) } satisfies ProjectPhotoList, 200)
  })

  for (const copy of ['display', 'thumb'] as const) {
    register('GET', photoRoutes[copy], {
      summary: copy === 'display' ? '照片展示图（长边不超过 1600 像素，JPEG，无 EXIF）：仅能查看该项目的账户可取' : '照片缩略图（320 像素，JPEG，无 EXIF）：仅能查看该项目的账户可取',
      params: z.object({ photoId }),
      responses: {
        200: { description: '图片（X-Content-Type-Options: nosniff，私有缓存一年，ETag 为内容的 SHA-256）', file: 'image/jpeg' },
        206: { description: '所请求的字节范围（Range）', file: 'image/jpeg' },
        304: { description: '未修改（If-None-Match）' },
      },
      errors: { 400: '路径参数无效', 404: '照片不存在', 416: '请求的范围超出文件大小' },
    }, async (c, { params }) => {
      const file = await photoFile(db, params.photoId, copy)
      if (!file) return fail(c, 404, 'not_found', '照片不存在（可能已被删除）')
      if (!scopeReads(c.get('scope'), file.ownerUnit)) return fail(c, 403, 'forbidden', '该项目不属于本单位，无权查看')
      const name = `${file.projectId}-${file.year}-${String(file.month).padStart(2, '0')}-${params.photoId.slice(0, 8)}${copy === 'thumb' ? '-thumb' : ''}.jpg`
      return serveFile(c, files, { id: file.fileId, type: file.type, size: file.size, fileName: name })
    })
  }
}
