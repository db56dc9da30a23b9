import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { ProjectIdSchema, ProjectRecordSchema } from '@/contract'
import { CreateProjectSchema, RetireProjectSchema, UpdateProjectSchema, projectEditRoutes } from '@/contract/project-edit'
import { applyProjectUpdate, applyRetire, checkProjectEdit, newProjectRecord } from '@/domain/project-edit'
import { projectRecordsWhere } from '../db/queries'
import { planYearOf } from '../db/plan-year'
import { lockProject, removeFromReadModel } from '../db/reports'
import { storeNewProjects, storeProjectUpdate } from '../db/project-store'
import { projects } from '../db/schema'
import { refuse, type Tx } from '../db/versioned-write'
import { PROJECT_NAMES_LOCK, refreshNameRanks } from '../db/write'
import { answerWrite, type Deps } from './context'
import type { Register } from './register'

/**
 * Staff add a project, correct one (PATCH) or retire it (POST …/retire). The domain decides
 * (src/domain/project-edit.ts); each is a versioned write (server/db/versioned-write.ts): the row is
 * locked, its version checked, stored, re-judged (its read-model rows and its zones' totals), audited and
 * the data version bumped, in one transaction.
 */
export function projectEditRoutesOf(register: Register, deps: Deps) {
  const notInOpenYear = (id: string, planYear: number) => `项目 ${id} 不在 ${planYear} 年度的重点项目清单中，不能修改（往年清单只能查看）`
  const projectPath = z.object({ projectId: ProjectIdSchema.describe('项目编号，如 P001') })
  /** The project's row locked (with the open year), and the project as the open year's list has it (another year's is read only). */
  const lockedInOpenYear = (projectId: string) => ({
    lock: async (tx: Tx) => ((await lockProject(tx, projectId)) ? { planYear: await planYearOf(tx) } : null),
    missing: `项目 ${projectId} 不存在`,
    current: async (tx: Tx, { planYear }: { planYear: number }) => {
      const [before] = await projectRecordsWhere({ db: tx }, eq(projects.id, projectId), planYear)
      if (!before) refuse({ status: 409, code: 'invalid_transition', message: notInOpenYear(projectId, planYear) })
      return before
    },
  })

  register('POST', projectEditRoutes.create, { summary: '新增项目（发改委工作人员）：项目编号默认取下一个；年度计划平均分到各月；尚无月报', body: CreateProjectSchema, responses: { 201: { description: '已新增', schema: ProjectRecordSchema } }, errors: { 400: '请求内容无效（字段见 fields）', 409: '项目编号已存在', 415: '请求体不是 JSON', 422: '内容不符合规则，fields 指明字段' } }, (c, { body }) =>
    answerWrite(c, deps, deps.calendarNow(), {
      // One addition at a time: the next free 项目编号 and the name ranks are the whole list's.
      serialise: PROJECT_NAMES_LOCK,
      change: async (tx) => {
        const ids = (await tx.select({ id: projects.id }).from(projects)).map((r) => r.id)
        const planYear = await planYearOf(tx)
        const result = newProjectRecord(body, ids, planYear)
        if (!result.ok) refuse(result)
        await storeNewProjects(tx, [result.record], planYear)
        await refreshNameRanks(tx)
        return {
          answer: result.record,
          status: 201,
          audit: { action: 'project.create', target: result.record.id, changes: [{ field: 'name', before: null, after: result.record.name }, { field: 'annualPlanWan', before: null, after: result.record.annualPlanWan }] },
          bump: true,
        }
      },
    }),
  )

  register('PATCH', projectEditRoutes.update, { summary: '修改项目信息（发改委工作人员；须带 version）：改年度计划投资即中期调整，须填 reason，原计划保留在 planAdjustment', params: projectPath, body: UpdateProjectSchema, responses: { 200: { description: '修改后的项目', schema: ProjectRecordSchema } }, errors: { 400: '请求内容或路径无效', 404: '项目不存在', 409: '版本已过期（附 current）或项目已退出', 415: '请求体不是 JSON', 422: '内容不符合规则，fields 指明字段' } }, (c, { params: { projectId }, body }) => {
    const now = deps.calendarNow()
    return answerWrite(c, deps, now, {
      // A rename rewrites every name rank: two at once would lock each other's rows. One rename at a time.
      serialise: body.name !== undefined && PROJECT_NAMES_LOCK,
      ...lockedInOpenYear(projectId),
      check: (before) => checkProjectEdit(before, body.version),
      change: async (tx, before, { planYear }) => {
        const result = applyProjectUpdate(before, body, now)
        if (!result.ok) refuse(result)
        const next = result.record
        if (result.changes.length === 0) return { answer: next }
        // Its row, its plan and its judged rows (the read model) in one step, as the ledger import stores an edit.
        await storeProjectUpdate(tx, before, next, now, planYear)
        // A new name takes a new place in zh-CN order (every rank after it moves): rare, so all are re-ranked.
        if (next.name !== before.name) await refreshNameRanks(tx)
        return { answer: next, audit: { action: 'project.update', target: next.id, changes: result.changes, reason: body.reason ?? null }, bump: true }
      },
    })
  })

  register('POST', projectEditRoutes.retire, { summary: '退出重点项目清单（发改委工作人员）：不删除，写明原因；退出后不计入任何统计', params: projectPath, body: RetireProjectSchema, responses: { 200: { description: '项目', schema: ProjectRecordSchema } }, errors: { 400: '请求内容或路径无效', 404: '项目不存在', 409: '版本已过期（附 current）或项目已退出', 415: '请求体不是 JSON' } }, (c, { params: { projectId }, body }) => {
    const now = deps.calendarNow()
    return answerWrite(c, deps, now, {
      ...lockedInOpenYear(projectId),
      check: (before) => checkProjectEdit(before, body.version),
      change: async (tx, before, { planYear }) => {
        const { record: next, changes } = applyRetire(before, body.reason, now)
        await tx
          .update(projects)
          .set({ retiredAt: now, retiredReason: body.reason, version: next.version, updatedAt: now })
          .where(eq(projects.id, next.id))
        return {
          answer: next,
          audit: { action: 'project.retire', target: next.id, changes, reason: body.reason },
          // Out of every figure from now on.
          refresh: () => removeFromReadModel(tx, next.id, planYear),
          bump: true,
        }
      },
    })
  })
}
