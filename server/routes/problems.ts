import { and, eq } from 'drizzle-orm'
import type { Context } from 'hono'
import { z } from 'zod'
import { ProblemSchema, ProjectIdSchema } from '@/contract'
import { AssignProblemSchema, CreateProblemSchema, OverdueProblemListSchema, ProblemIdSchema, ResolveProblemSchema, problemRoutes, type AssignProblem, type OverdueProblemList, type ResolveProblem } from '@/contract/problems'
import { AsOfQuerySchema } from '@/contract'
import { can } from '@/domain/access'
import { judgedAt, resolveAsOf, unpublishedProblem } from '@/domain/calendar'
import { calendarOf } from '../db/queries'
import { activeCategories, applyAssign, applyResolve, categoryRefusal, checkProblemStep, retiredRefusal, invalidDueDate, newProblem, nextProblemId, problemChanges, OVERDUE_PROBLEMS_SHOWN } from '@/domain/problems'
import { listProblemCategories } from '../db/problem-categories'
import { lockProject } from '../db/reports'
import { overdueProblemsOn, problemOf } from '../db/overdue-problems'
import { problems } from '../db/schema'
import { refuse, type Tx } from '../db/versioned-write'
import { noticeTexts } from '@/domain/notifications'
import { notify } from '../notify/notices'
import { answerWrite, fail, type AppEnv, type Deps } from './context'
import type { Register } from './register'
import { ERRORS } from './spec'

type C = Context<AppEnv>


/**
 * 问题督办: staff register a problem, assign it to a department with a due date, and settle it. The
 * rules are the domain's (src/domain/problems.ts); each step is a versioned write
 * (server/db/versioned-write.ts) that locks the project row, stores, audits and bumps the data version
 * (the project page shows problems) in one transaction.
 */
export function problemRoutesOf(register: Register, deps: Deps) {
  const { db } = deps.database
  const projectPath = z.object({ projectId: ProjectIdSchema.describe('项目编号') })
  const problemPath = z.object({ projectId: ProjectIdSchema.describe('项目编号'), problemId: ProblemIdSchema.describe('问题编号，如 P001-Q1') })

  /** Every problem write takes its project's row lock; a retired project takes no more problems or steps. */
  const lockOpenProject = async (tx: Tx, projectId: string) => {
    const project = await lockProject(tx, projectId)
    const closed = project && retiredRefusal(project)
    if (closed) refuse(closed)
    return project
  }

  register('POST', problemRoutes.create, { summary: '登记问题（发改委工作人员）：状态为预警，未督办', params: projectPath, body: CreateProblemSchema, responses: { 201: { description: '已登记', schema: ProblemSchema } }, errors: { 400: '请求内容或路径无效', 404: '项目不存在', 409: '项目已退出清单', 415: '请求体不是 JSON', 422: '问题类别不在类别清单中（或已停用），或要求解决日期早于提出日期' } }, (c, { params: { projectId }, body }) => {
    const now = deps.calendarNow()
    return answerWrite(c, deps, now, {
      lock: (tx) => lockOpenProject(tx, projectId),
      missing: `项目 ${projectId} 不存在`,
      change: async (tx) => {
        // The category must be on the staff's list and not retired (decision 79).
        const badCategory = categoryRefusal(body.category, activeCategories(await listProblemCategories(tx)))
        if (badCategory) refuse(badCategory)
        const existing = await tx.select({ id: problems.id }).from(problems).where(eq(problems.projectId, projectId))
        const problem = newProblem(projectId, existing, body, now)
        const late = invalidDueDate(problem.dueDate, problem.raisedDate)
        if (late) refuse(late)
        await tx.insert(problems).values({ ...problem, projectId, seq: nextProblemId(projectId, existing).seq })
        return { answer: problem, status: 201, audit: { action: 'problem.create', target: problem.id, changes: problemChanges(null, problem) }, bump: true }
      },
    })
  })

  const step = (action: 'assign' | 'resolve', body: AssignProblem | ResolveProblem, { projectId, problemId }: { projectId: string; problemId: string }, c: C) => {
    const now = deps.calendarNow()
    return answerWrite(c, deps, now, {
      lock: (tx) => lockOpenProject(tx, projectId),
      missing: `项目 ${projectId} 不存在`,
      current: async (tx) => {
        const [row] = await tx.select().from(problems).where(and(eq(problems.id, problemId), eq(problems.projectId, projectId)))
        if (!row) refuse({ status: 404, code: 'not_found', message: `问题 ${problemId} 不存在` })
        return problemOf(row)
      },
      check: (before) => checkProblemStep(before, body.version),
      change: async (tx, before, project) => {
        if (action === 'assign') {
          const late = invalidDueDate((body as AssignProblem).dueDate, before.raisedDate)
          if (late) refuse(late)
        }
        const after = action === 'assign' ? applyAssign(before, body as AssignProblem) : applyResolve(before, body as ResolveProblem, now)
        const { id: _id, ...values } = after
        await tx.update(problems).set(values).where(eq(problems.id, after.id))
        // 督办: the project's owner unit is told, and the department it went to where that department has accounts.
        if (action === 'assign' && after.assignedTo) {
          const text = noticeTexts.problemAssigned(project.name, after.description, after.assignedTo, after.dueDate)
          await notify(tx, { kind: 'problem-assigned', at: now, text, link: `/projects/${projectId}`, to: { ownerUnits: [project.ownerUnit, after.assignedTo] } }, deps.notices.outbound)
        }
        return {
          answer: after,
          audit: { action: `problem.${action}`, target: after.id, changes: problemChanges(before, after), reason: action === 'assign' ? ((body as AssignProblem).comment ?? null) : null },
          bump: true,
        }
      },
    })
  }
  register('POST', problemRoutes.assign, { summary: '督办问题（发改委工作人员）：交给部门并给出办结时限，可再次督办', params: problemPath, body: AssignProblemSchema, responses: { 200: { description: '问题', schema: ProblemSchema } }, errors: { 400: '请求内容或路径无效', 404: '项目或问题不存在', 409: '版本已过期（附 current）、问题已办结或项目已退出', 415: '请求体不是 JSON', 422: '办结时限早于提出日期' } }, (c, { params, body }) => step('assign', body, params, c))
  register('POST', problemRoutes.resolve, { summary: '办结问题（发改委工作人员）：写明办结情况', params: problemPath, body: ResolveProblemSchema, responses: { 200: { description: '问题', schema: ProblemSchema } }, errors: { 400: '请求内容或路径无效', 404: '项目或问题不存在', 409: '版本已过期（附 current）、问题已办结或项目已退出', 415: '请求体不是 JSON' } }, (c, { params, body }) => step('resolve', body, params, c))

  register('GET', problemRoutes.overdue, { summary: '截至所看月份月末（该月尚未结束时截至今天）逾期未办结的问题，逾期最久的在前（最多 20 个，total 为总数）', query: AsOfQuerySchema, responses: { 200: { description: '逾期问题', schema: OverdueProblemListSchema } }, errors: { ...ERRORS.badQuery, ...ERRORS.unpublished } }, async (c, { query }) => {
    const scope = c.get('scope')
    if (scope.kind === 'none') return fail(c, 403, 'forbidden', '账户未绑定业主单位，无权查看项目数据')
    const now = deps.calendarNow()
    const calendar = await calendarOf(deps.database, now)
    const month = resolveAsOf(query.asOf, calendar, now)
    if (!month.ok) return fail(c, 400, 'invalid_query', '查询参数无效', { fields: month.fields })
    if (month.explicit && !month.published && !can(c.get('user').role, 'month:publish')) return fail(c, 403, 'month_unpublished', unpublishedProblem(calendar, month.planYear, month.month))
    // Judged as of the month's end (today while it runs), never the clock (docs/decisions/066).
    const today = judgedAt(month.planYear, month.month, now)
    const overdue = await overdueProblemsOn(db, today, scope.kind === 'owner-unit' ? scope.ownerUnit : null)
    const body: OverdueProblemList = { ...overdue, items: overdue.items.slice(0, OVERDUE_PROBLEMS_SHOWN) }
    return c.json(body, 200)
  })
}
