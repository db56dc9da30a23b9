import { eq, sql } from 'drizzle-orm'
import type { Context } from 'hono'
import { ProjectIdSchema, ProjectRecordSchema } from '@/contract'
import { CreateProjectSchema, RetireProjectSchema, UpdateProjectSchema, projectEditRoutes } from '@/contract/project-edit'
import { applyProjectUpdate, applyRetire, checkProjectEdit, newProjectRecord } from '@/domain/project-edit'
import { appendAudit } from '../audit'
import { projectRecordsWhere } from '../db/queries'
import { planYearOf } from '../db/plan-year'
import { lockProject, removeFromReadModel } from '../db/reports'
import { storeNewProjects, storeProjectUpdate } from '../db/project-store'
import { projects } from '../db/schema'
import { bumpDataVersion, refreshNameRanks } from '../db/write'
import { clientAddress, fail, jsonBody, type AppEnv, type Deps } from './context'
import type { Register } from './register'

type C = Context<AppEnv>

/**
 * Staff correct a project (PATCH) or retire it (POST …/retire). The domain decides (src/domain/project-edit.ts);
 * here the row is locked, stored, re-judged (its read-model rows and its zones' totals), audited and the
 * data version bumped, in one transaction.
 */
export function projectEditRoutesOf(register: Register, deps: Deps) {
  const { db } = deps.database
  const notInOpenYear = (id: string, planYear: number) => `项目 ${id} 不在 ${planYear} 年度的重点项目清单中，不能修改（往年清单只能查看）`
  const projectIdOf = (c: C) => ProjectIdSchema.safeParse(c.req.param('projectId'))

  register('POST', projectEditRoutes.create, async (c) => {
    const parsed = await jsonBody(c, CreateProjectSchema)
    if (!parsed.ok) return parsed.response
    const now = deps.now()
    return db.transaction(async (tx) => {
      // One addition at a time: the next free 项目编号 and the name ranks are the whole list's.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('project-names'))`)
      const ids = (await tx.select({ id: projects.id }).from(projects)).map((r) => r.id)
      const planYear = await planYearOf(tx)
      const result = newProjectRecord(parsed.data, ids, planYear)
      if (!result.ok) return fail(c, result.status, result.code, result.message, { fields: result.fields })
      await storeNewProjects(tx, [result.record], planYear)
      await refreshNameRanks(tx)
      await bumpDataVersion(tx)
      await appendAudit(tx, {
        at: now,
        actor: c.get('user').username,
        action: 'project.create',
        target: result.record.id,
        changes: [{ field: 'name', before: null, after: result.record.name }, { field: 'annualPlanWan', before: null, after: result.record.annualPlanWan }],
        address: clientAddress(c, deps.trustProxy),
      })
      return c.json(result.record, 201)
    })
  }, { summary: '新增项目（发改委工作人员）：项目编号默认取下一个；年度计划平均分到各月；尚无月报', body: CreateProjectSchema, responses: { 201: { description: '已新增', schema: ProjectRecordSchema } }, errors: { 400: '请求内容无效（字段见 fields）', 409: '项目编号已存在', 415: '请求体不是 JSON', 422: '内容不符合规则，fields 指明字段' } })

  register('PATCH', projectEditRoutes.update, async (c) => {
    const projectId = projectIdOf(c)
    if (!projectId.success) return fail(c, 400, 'invalid_path', '路径参数无效', { fields: { projectId: projectId.error.issues[0]?.message ?? '无效' } })
    const parsed = await jsonBody(c, UpdateProjectSchema)
    if (!parsed.ok) return parsed.response
    const now = deps.now()
    return db.transaction(async (tx) => {
      // A rename rewrites every name rank: two at once would lock each other's rows. One rename at a time.
      if (parsed.data.name !== undefined) await tx.execute(sql`select pg_advisory_xact_lock(hashtext('project-names'))`)
      if (!(await lockProject(tx, projectId.data))) return fail(c, 404, 'not_found', `项目 ${projectId.data} 不存在`)
      const planYear = await planYearOf(tx)
      const [before] = await projectRecordsWhere({ db: tx }, eq(projects.id, projectId.data), planYear)
      if (!before) return fail(c, 409, 'invalid_transition', notInOpenYear(projectId.data, planYear))
      const refused = checkProjectEdit(before, parsed.data.version)
      if (refused) return fail(c, refused.status, refused.code, refused.message, { current: before })
      const result = applyProjectUpdate(before, parsed.data, now)
      if (!result.ok) return fail(c, result.status, result.code, result.message, { fields: result.fields })
      const next = result.record
      if (result.changes.length === 0) return c.json(next, 200)
      await storeProjectUpdate(tx, before, next, now, planYear)
      // A new name takes a new place in zh-CN order (every rank after it moves): rare, so all are re-ranked.
      if (next.name !== before.name) await refreshNameRanks(tx)
      await appendAudit(tx, {
        at: now,
        actor: c.get('user').username,
        action: 'project.update',
        target: next.id,
        changes: result.changes,
        reason: parsed.data.reason ?? null,
        address: clientAddress(c, deps.trustProxy),
      })
      return c.json(next, 200)
    })
  }, { summary: '修改项目信息（发改委工作人员；须带 version）：改年度计划投资即中期调整，须填 reason，原计划保留在 planAdjustment', params: { projectId: '项目编号，如 P001' }, body: UpdateProjectSchema, responses: { 200: { description: '修改后的项目', schema: ProjectRecordSchema } }, errors: { 400: '请求内容或路径无效', 404: '项目不存在', 409: '版本已过期（附 current）或项目已退出', 415: '请求体不是 JSON', 422: '内容不符合规则，fields 指明字段' } })

  register('POST', projectEditRoutes.retire, async (c) => {
    const projectId = projectIdOf(c)
    if (!projectId.success) return fail(c, 400, 'invalid_path', '路径参数无效', { fields: { projectId: projectId.error.issues[0]?.message ?? '无效' } })
    const parsed = await jsonBody(c, RetireProjectSchema)
    if (!parsed.ok) return parsed.response
    const now = deps.now()
    return db.transaction(async (tx) => {
      if (!(await lockProject(tx, projectId.data))) return fail(c, 404, 'not_found', `项目 ${projectId.data} 不存在`)
      const planYear = await planYearOf(tx)
      const [before] = await projectRecordsWhere({ db: tx }, eq(projects.id, projectId.data), planYear)
      if (!before) return fail(c, 409, 'invalid_transition', notInOpenYear(projectId.data, planYear))
      const refused = checkProjectEdit(before, parsed.data.version)
      if (refused) return fail(c, refused.status, refused.code, refused.message, { current: before })
      const { record: next, changes } = applyRetire(before, parsed.data.reason, now)
      await tx
        .update(projects)
        .set({ retiredAt: now, retiredReason: parsed.data.reason, version: next.version, updatedAt: now })
        .where(eq(projects.id, next.id))
      // Out of every figure from now on.
      await removeFromReadModel(tx, next.id, planYear)
      await appendAudit(tx, {
        at: now,
        actor: c.get('user').username,
        action: 'project.retire',
        target: next.id,
        changes,
        reason: parsed.data.reason,
        address: clientAddress(c, deps.trustProxy),
      })
      return c.json(next, 200)
    })
  }, { summary: '退出重点项目清单（发改委工作人员）：不删除，写明原因；退出后不计入任何统计', params: { projectId: '项目编号，如 P001' }, body: RetireProjectSchema, responses: { 200: { description: '项目', schema: ProjectRecordSchema } }, errors: { 400: '请求内容或路径无效', 404: '项目不存在', 409: '版本已过期（附 current）或项目已退出', 415: '请求体不是 JSON' } })
}
