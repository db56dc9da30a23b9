import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { ProjectIdSchema } from '@/contract'
import {
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
import { APPROVAL_MESSAGES, applyApprovalKindUpdate, applyApprovalSave, approvalKindChanges, approvalWriteProblem, nextKindSlug } from '@/domain/approvals'
import { chinaDate } from '@/domain/calendar'
import { approvalOfProject, approvalsOfProject, listApprovalKinds, storeApproval, toApprovalKind } from '../db/approvals'
import { lockProject } from '../db/reports'
import { approvalKinds, projects } from '../db/schema'
import { refuse } from '../db/versioned-write'
import { answerWrite, fail, type Deps } from './context'
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

  register('GET', approvalRoutes.list, { summary: '一个项目的前期手续：清单中每种手续一项（按清单顺序），未填写的为未启动', params: projectPath, responses: { 200: { description: '前期手续', schema: ApprovalListSchema } }, errors: { 400: '路径参数无效', 403: '不是本单位的项目（OWNER_SEES=own）', 404: '项目不存在' } }, async (c, { params: { projectId } }) => {
    const scope = c.get('scope')
    if (scope.kind === 'none') return fail(c, 403, 'forbidden', '账户未绑定业主单位，无权查看项目数据')
    const [project] = await db.select({ ownerUnit: projects.ownerUnit }).from(projects).where(eq(projects.id, projectId))
    if (!project) return fail(c, 404, 'not_found', `项目 ${projectId} 不存在`)
    if (scope.kind === 'owner-unit' && scope.ownerUnit !== project.ownerUnit) return fail(c, 403, 'forbidden', '该项目不属于本单位，无权查看')
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
      current: async (tx, project) => {
        const refused = approvalWriteProblem(user, project.ownerUnit)
        if (refused) refuse({ status: 403, code: 'forbidden', message: refused })
        if (project.retired) refuse({ status: 409, code: 'invalid_transition', message: `项目 ${projectId} 已退出重点项目清单，不能修改` })
        const found = await approvalOfProject(tx, projectId, kind)
        if (!found) refuse({ status: 404, code: 'not_found', message: APPROVAL_MESSAGES.unknownKind(kind) })
        if (found.kind.retired) refuse({ status: 409, code: 'invalid_transition', message: APPROVAL_MESSAGES.retiredKind(found.kind.name) })
        return found.approval
      },
      change: async (tx, before) => {
        const result = applyApprovalSave(before, body, chinaDate(now))
        if (!result.ok) refuse(result)
        if (result.changes.length === 0) return { answer: before }
        await storeApproval(tx, projectId, result.approval, now, user.username)
        return { answer: result.approval, audit: { action: 'approval.update', target: projectId, changes: result.changes }, bump: true }
      },
    })
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
