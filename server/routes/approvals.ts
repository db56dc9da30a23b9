import { eq, sql } from 'drizzle-orm'
import type { Context } from 'hono'
import { z } from 'zod'
import { ProjectIdSchema, type SessionUser } from '@/contract'
import {
  APPROVAL_FILE_FORM,
  APPROVAL_FILE_LIMITS,
  APPROVAL_FILE_TYPE,
  RemoveApprovalFileQuerySchema,
  approvalPaths,
  type Approval,
  ApprovalKindListSchema,
  ApprovalKindSchema,
  ApprovalKindSlugSchema,
  ApprovalListSchema,
  ApprovalSchema,
  CreateApprovalKindSchema,
  SaveApprovalSchema,
  UpdateApprovalKindSchema,
  approvalRoutes,
  type ApprovalKindList,
  type ApprovalList,
} from '@/contract/approvals'
import { APPROVAL_FILE_MESSAGES, approvalFileChanges, approvalFileName } from '@/domain/approval-files'
import { APPROVAL_MESSAGES, applyApprovalKindUpdate, applyApprovalSave, approvalKindChanges, approvalWriteProblem, nextKindSlug } from '@/domain/approvals'
import { chinaDate } from '@/domain/calendar'
import {
  approvalFileIdOf,
  approvalFileOf,
  approvalOfProject,
  approvalsOfProject,
  listApprovalKinds,
  storeApproval,
  storeApprovalFile,
  storedFileOf,
  toApprovalKind,
} from '../db/approvals'
import type { Db } from '../db/handle'
import { recordFile } from '../db/photos'
import { lockProject } from '../db/reports'
import { approvalKinds, projects } from '../db/schema'
import { refuse, type Refusal, type Tx } from '../db/versioned-write'
import { readPdfUpload } from '../files/pdf-upload'
import { serveFile } from '../files/serve'
import { answerWrite, fail, type AppEnv, type Deps } from './context'
import type { Register } from './register'

/**
 * 前期手续 (decision 80): a project's approvals, read by every reader of the project and kept up to date by the
 * staff and the project's own owner unit; and the list of kinds, kept by the staff as 问题类别 are (decision 79).
 * Each write is a versioned write (server/db/versioned-write.ts): the project's row locked, the version checked
 * (409 with the approval as it is), stored, audited, and the data version bumped (lists, pages and the bulletin
 * name the missing approvals).
 */
export function approvalRoutesOf(register: Register, deps: Deps) {
  const { db } = deps.database
  const projectPath = z.object({ projectId: ProjectIdSchema.describe('项目编号，如 P001') })
  const approvalPath = z.object({ projectId: ProjectIdSchema.describe('项目编号'), kind: ApprovalKindSlugSchema.describe('手续类别，如 construction-permit') })
  const kindPath = z.object({ kind: ApprovalKindSlugSchema.describe('手续类别，如 construction-permit') })

  /** The project, or the answer refusing it: 403 for an account that sees no data or another unit's project (OWNER_SEES=own), 404 for none. */
  const readable = async (c: Context<AppEnv>, projectId: string): Promise<Response | null> => {
    const scope = c.get('scope')
    if (scope.kind === 'none') return fail(c, 403, 'forbidden', '账户未绑定业主单位，无权查看项目数据')
    const [project] = await db.select({ ownerUnit: projects.ownerUnit }).from(projects).where(eq(projects.id, projectId))
    if (!project) return fail(c, 404, 'not_found', `项目 ${projectId} 不存在`)
    if (scope.kind === 'owner-unit' && scope.ownerUnit !== project.ownerUnit) return fail(c, 403, 'forbidden', '该项目不属于本单位，无权查看')
    return null
  }

  /**
   * Whether this user may write this approval now, and the approval as it is: the staff, or the project's own
   * owner unit; a project still listed; a kind on the list and not retired. Run under the project's lock by
   * every write, and by the PDF upload before its body is read (a refusal costs no upload).
   */
  const writable = async (ex: Tx | Db, project: { ownerUnit: string; retired: Date | null }, user: SessionUser, projectId: string, kind: string): Promise<Approval> => {
    const refused = approvalWriteProblem(user, project.ownerUnit)
    if (refused) refuse({ status: 403, code: 'forbidden', message: refused })
    if (project.retired) refuse({ status: 409, code: 'invalid_transition', message: `项目 ${projectId} 已退出重点项目清单，不能修改` })
    const found = await approvalOfProject(ex, projectId, kind)
    if (!found) refuse({ status: 404, code: 'not_found', message: APPROVAL_MESSAGES.unknownKind(kind) })
    if (found.kind.retired) refuse({ status: 409, code: 'invalid_transition', message: APPROVAL_MESSAGES.retiredKind(found.kind.name) })
    return found.approval
  }

  /** A stale version (when one is given) is 409 with the approval as it is. */
  const staleCheck = (version: number | undefined) => (current: Approval) =>
    version !== undefined && version !== current.version ? { status: 409 as const, code: 'conflict', message: APPROVAL_FILE_MESSAGES.conflict, current } : null

  register('GET', approvalRoutes.list, { summary: '一个项目的前期手续：清单中每种手续一项（按清单顺序），未填写的为未启动', params: projectPath, responses: { 200: { description: '前期手续', schema: ApprovalListSchema } }, errors: { 400: '路径参数无效', 403: '不是本单位的项目（OWNER_SEES=own）', 404: '项目不存在' } }, async (c, { params: { projectId } }) => {
    const refused = await readable(c, projectId)
    if (refused) return refused
    return c.json({ items: await approvalsOfProject(db, projectId) } satisfies ApprovalList, 200)
  })

  register('PUT', approvalRoutes.one, {
    summary: '填写一项前期手续（发改委工作人员，或本项目的业主单位）：状态、取得日期（已取得时必填，不晚于今天）、文号、办理部门；新填时不带 version（或 0），修改时带所依据的 version',
    params: approvalPath,
    body: SaveApprovalSchema,
    responses: { 200: { description: '填写后的手续', schema: ApprovalSchema } },
    errors: { 400: '请求内容或路径无效（字段见 fields）', 403: '不是本单位的项目', 404: '项目不存在，或手续类别不在清单中', 409: '版本已过期（附 current）、手续已停用或项目已退出', 415: '请求体不是 JSON', 422: '取得日期缺失、晚于今天，或状态不是已取得却填了取得日期（fields.obtainedOn）' },
  }, (c, { params: { projectId, kind }, body }) => {
    const user = c.get('user')
    const now = deps.calendarNow()
    return answerWrite(c, deps, now, {
      lock: (tx) => lockProject(tx, projectId),
      missing: `项目 ${projectId} 不存在`,
      current: (tx, project) => writable(tx, project, user, projectId, kind),
      change: async (tx, before) => {
        const result = applyApprovalSave(before, body, chinaDate(now))
        if (!result.ok) refuse(result)
        if (result.changes.length === 0) return { answer: before }
        await storeApproval(tx, projectId, result.approval, now, user.username)
        return { answer: result.approval, audit: { action: 'approval.update', target: projectId, changes: result.changes }, bump: true }
      },
    })
  })

  const maxMb = APPROVAL_FILE_LIMITS.maxBytes / 1024 / 1024

  register('POST', approvalRoutes.file, {
    summary: `上传或替换一项前期手续的批复文件（发改委工作人员，或本项目的业主单位）：multipart/form-data，字段 file（PDF，按文件内容识别，不超过 ${maxMb} MB），可附 version（所依据的版本，过期为 409）。替换后旧文件仍保留（修改记录中可查）；尚未填写的手续随之建立记录，状态不变（未启动）`,
    params: approvalPath,
    bodyForm: { file: APPROVAL_FILE_FORM.file, parts: { [APPROVAL_FILE_FORM.file]: `批复文件（PDF，不超过 ${maxMb} MB）`, [APPROVAL_FILE_FORM.version]: '所依据的版本号（可选）' }, required: [APPROVAL_FILE_FORM.file] },
    responses: { 200: { description: '上传后的手续（fileUrl 为文件地址，version 加一）', schema: ApprovalSchema } },
    errors: {
      400: '路径参数无效、未选择文件、一次多于一个文件，或 version 不是整数（fields.version）',
      403: '不是本单位的项目',
      404: '项目不存在，或手续类别不在清单中',
      409: '版本已过期（附 current）、手续已停用或项目已退出',
      413: `文件超过 ${maxMb} MB`,
      415: '不是 multipart/form-data，或文件不是 PDF（按内容识别）',
      501: '演示版不支持上传批复文件',
    },
  }, async (c, { params: { projectId, kind } }) => {
    const user = c.get('user')
    const now = deps.calendarNow()
    // Refused before a byte of the upload is read: no project, another unit, a retired project or kind.
    const [project] = await db.select({ ownerUnit: projects.ownerUnit, retired: projects.retiredAt }).from(projects).where(eq(projects.id, projectId))
    if (!project) return fail(c, 404, 'not_found', `项目 ${projectId} 不存在`)
    try {
      await writable(db, project, user, projectId, kind)
    } catch (error) {
      const refusal = (error as { refusal?: Refusal }).refusal
      if (!refusal) throw error
      return fail(c, refusal.status, refusal.code, refusal.message, { fields: refusal.fields })
    }
    const upload = await readPdfUpload(c.req.raw)
    if (!upload.ok) return fail(c, upload.status, upload.code, upload.message, { fields: upload.fields })
    // The file first, durably; the record that names it only then, in the write's transaction. A refusal below
    // leaves an unnamed file (never a record without its file): harmless, deduplicated (decision 81).
    const stored = await deps.files.put(upload.bytes, { type: APPROVAL_FILE_TYPE })
    return answerWrite(c, deps, now, {
      lock: (tx) => lockProject(tx, projectId),
      missing: `项目 ${projectId} 不存在`,
      current: (tx, locked) => writable(tx, locked, user, projectId, kind),
      check: staleCheck(upload.version),
      change: async (tx, before) => {
        const beforeId = await approvalFileIdOf(tx, projectId, kind)
        // The same bytes again: nothing changes (no new version, no audit entry).
        if (beforeId === stored.id) return { answer: before }
        await recordFile(tx, { id: stored.id, type: APPROVAL_FILE_TYPE, size: stored.size }, now)
        const after: Approval = { ...before, fileUrl: approvalPaths.file(projectId, kind), version: before.version + 1 }
        await storeApprovalFile(tx, projectId, after, stored.id, now, user.username)
        // The file replaced stays in the store and in the log (decision 81: files are never deleted).
        const replaced = beforeId ? ((await storedFileOf(tx, beforeId)) ?? { id: beforeId, size: 0 }) : null
        return { answer: after, audit: { action: 'approval.update', target: projectId, changes: approvalFileChanges(before.name, replaced, stored) }, bump: true }
      },
    })
  })

  register('DELETE', approvalRoutes.file, {
    summary: '去掉一项前期手续的批复文件（发改委工作人员，或本项目的业主单位）：手续不再链接该文件，文件本身保留（修改记录中可查）；可带 ?version= 所依据的版本（过期为 409）。没有文件时原样返回',
    params: approvalPath,
    query: RemoveApprovalFileQuerySchema,
    responses: { 200: { description: '去掉文件后的手续', schema: ApprovalSchema } },
    errors: { 400: '路径参数或 version 无效', 403: '不是本单位的项目', 404: '项目不存在，或手续类别不在清单中', 409: '版本已过期（附 current）、手续已停用或项目已退出' },
  }, (c, { params: { projectId, kind }, query }) => {
    const user = c.get('user')
    const now = deps.calendarNow()
    return answerWrite(c, deps, now, {
      lock: (tx) => lockProject(tx, projectId),
      missing: `项目 ${projectId} 不存在`,
      current: (tx, locked) => writable(tx, locked, user, projectId, kind),
      check: staleCheck(query.version),
      change: async (tx, before) => {
        const beforeId = await approvalFileIdOf(tx, projectId, kind)
        if (!beforeId) return { answer: before }
        const after: Approval = { ...before, fileUrl: null, version: before.version + 1 }
        await storeApprovalFile(tx, projectId, after, null, now, user.username)
        const removed = (await storedFileOf(tx, beforeId)) ?? { id: beforeId, size: 0 }
        return { answer: after, audit: { action: 'approval.update', target: projectId, changes: approvalFileChanges(before.name, removed, null) }, bump: true }
      },
    })
  })

  register('GET', approvalRoutes.file, {
    summary: '一项前期手续的批复文件（PDF）：仅能查看该项目的账户可取；支持 Range（PDF 阅读器按需读取）；文件名为“项目编号-手续名.pdf”',
    params: approvalPath,
    responses: {
      200: { description: '批复文件（application/pdf，X-Content-Type-Options: nosniff，私有缓存、每次校验 ETag）', file: APPROVAL_FILE_TYPE },
      206: { description: '所请求的字节范围（Range）', file: APPROVAL_FILE_TYPE },
      304: { description: '未修改（If-None-Match）' },
    },
    errors: { 400: '路径参数无效', 403: '不是本单位的项目（OWNER_SEES=own）', 404: '项目不存在，或该手续没有批复文件', 416: '请求的范围超出文件大小' },
  }, async (c, { params: { projectId, kind } }) => {
    const refused = await readable(c, projectId)
    if (refused) return refused
    const file = await approvalFileOf(db, projectId, kind)
    if (!file) {
      const [k] = await db.select({ name: approvalKinds.name }).from(approvalKinds).where(eq(approvalKinds.kind, kind))
      return fail(c, 404, 'not_found', k ? APPROVAL_FILE_MESSAGES.noFile(k.name) : APPROVAL_MESSAGES.unknownKind(kind))
    }
    // The URL answers whichever PDF the approval names now (a replacement changes it): revalidated each time.
    return serveFile(c, deps.files, { id: file.id, type: file.type, size: file.size, fileName: approvalFileName(projectId, file.kindName), cache: 'revalidate' })
  })

  register('GET', approvalRoutes.kinds, { summary: '前期手续类别清单：启用的在前，各按添加顺序；已停用的不再填写，已填的记录保留', noStore: true, responses: { 200: { description: '手续类别', schema: ApprovalKindListSchema } } }, async (c) => {
    const body: ApprovalKindList = { items: await listApprovalKinds(db) }
    return c.json(body, 200)
  })

  register('POST', approvalRoutes.kinds, { summary: '新增前期手续类别（发改委工作人员）；不给 kind 时编号为 other-N', body: CreateApprovalKindSchema, responses: { 201: { description: '已新增', schema: ApprovalKindSchema } }, errors: { 400: '请求内容无效', 409: '已有同名手续或同编号（含已停用的）', 415: '请求体不是 JSON' } }, (c, { body }) =>
    answerWrite(c, deps, deps.now(), {
      serialise: 'approval-kinds',
      change: async (tx) => {
        const existing = (await tx.select().from(approvalKinds)).map(toApprovalKind)
        if (existing.some((k) => k.name === body.name)) refuse({ status: 409, code: 'kind_exists', message: APPROVAL_MESSAGES.kindTaken(body.name), fields: { name: APPROVAL_MESSAGES.kindTaken(body.name) } })
        const slug = body.kind ?? nextKindSlug(existing.map((k) => k.kind))
        if (existing.some((k) => k.kind === slug)) refuse({ status: 409, code: 'kind_exists', message: APPROVAL_MESSAGES.slugTaken(slug), fields: { kind: APPROVAL_MESSAGES.slugTaken(slug) } })
        const [row] = await tx.insert(approvalKinds).values({ kind: slug, name: body.name }).returning()
        const created = toApprovalKind(row!)
        return { answer: created, status: 201, audit: { action: 'approval-kind.create', target: created.kind, changes: approvalKindChanges(null, created) }, bump: true }
      },
    }),
  )

  register('PATCH', approvalRoutes.kind, { summary: '改名、停用（retired: true）或恢复（retired: false）前期手续类别（发改委工作人员）；须带所见的 version，过期为 409（附 current）', params: kindPath, body: UpdateApprovalKindSchema, responses: { 200: { description: '手续类别', schema: ApprovalKindSchema } }, errors: { 400: '请求内容或路径无效', 404: '手续类别不存在', 409: '版本已过期（附 current），或新名称已被其他手续使用', 415: '请求体不是 JSON' } }, (c, { params: { kind }, body }) =>
    answerWrite(c, deps, deps.now(), {
      serialise: 'approval-kinds',
      lock: async (tx) => {
        await tx.execute(sql`select 1 from approval_kinds where kind = ${kind} for update`)
        const [row] = await tx.select().from(approvalKinds).where(eq(approvalKinds.kind, kind))
        return row ? toApprovalKind(row) : null
      },
      missing: APPROVAL_MESSAGES.unknownKind(kind),
      change: async (tx, before) => {
        const result = applyApprovalKindUpdate(before, body)
        if (!result.ok) refuse(result)
        if (result.changes.length === 0) return { answer: before }
        const taken = body.name !== undefined && body.name !== before.name && (await tx.select({ id: approvalKinds.id }).from(approvalKinds).where(eq(approvalKinds.name, body.name))).length > 0
        if (taken) refuse({ status: 409, code: 'kind_exists', message: APPROVAL_MESSAGES.kindTaken(body.name!), fields: { name: APPROVAL_MESSAGES.kindTaken(body.name!) } })
        const { name, retired, version } = result.kind
        await tx.update(approvalKinds).set({ name, retired, version }).where(eq(approvalKinds.kind, kind))
        // A kind renamed, retired or brought back changes what pages, lists and the bulletin name as missing.
        return { answer: result.kind, audit: { action: 'approval-kind.update', target: kind, changes: result.changes }, bump: true }
      },
    }),
  )
}
