import { and, asc, eq, isNull, lt, ne, sql } from 'drizzle-orm'
import type { Context } from 'hono'
import { ProblemSchema, ProjectIdSchema, type Problem, type ProjectRecord } from '@/contract'
import { AssignProblemSchema, CreateProblemSchema, OverdueProblemListSchema, ProblemIdSchema, ResolveProblemSchema, problemRoutes, type AssignProblem, type OverdueProblemList, type ResolveProblem } from '@/contract/problems'
import { chinaDate } from '@/domain/calendar'
import { applyAssign, applyResolve, checkProblemStep, retiredRefusal, invalidDueDate, newProblem, nextProblemId, overdueProblems, problemChanges, OVERDUE_PROBLEMS_SHOWN } from '@/domain/problems'
import { appendAudit } from '../audit'
import { lockProject } from '../db/reports'
import { problems, projects } from '../db/schema'
import { bumpDataVersion } from '../db/write'
import { clientAddress, fail, jsonBody, type AppEnv, type Deps } from './context'
import type { Register } from './register'

type C = Context<AppEnv>
type ProblemRow = typeof problems.$inferSelect

const problemOf = (row: ProblemRow): Problem => ({
  id: row.id,
  category: row.category,
  description: row.description,
  measure: row.measure,
  status: row.status as Problem['status'],
  raisedDate: row.raisedDate,
  dueDate: row.dueDate,
  resolvedDate: row.resolvedDate,
  assignedTo: row.assignedTo,
  resolution: row.resolution,
  version: row.version,
})

/**
 * 问题督办: staff register a problem, assign it to a department with a due date, and settle it. The
 * rules are the domain's (src/domain/problems.ts); each step locks the project row, stores, audits and
 * bumps the data version (the project page shows problems) in one transaction.
 */
export function problemRoutesOf(register: Register, deps: Deps) {
  const { db } = deps.database

  const projectIdOf = (c: C) => {
    const parsed = ProjectIdSchema.safeParse(c.req.param('projectId'))
    return parsed.success ? parsed.data : null
  }
  const badPath = (c: C, field: string, message: string) => fail(c, 400, 'invalid_path', '路径参数无效', { fields: { [field]: message } })

  register('POST', problemRoutes.create, async (c) => {
    const projectId = projectIdOf(c)
    if (!projectId) return badPath(c, 'projectId', '项目编号格式应为 P 加 3-6 位数字')
    const parsed = await jsonBody(c, CreateProblemSchema)
    if (!parsed.ok) return parsed.response
    const now = deps.now()
    return db.transaction(async (tx) => {
      const project = await lockProject(tx, projectId)
      if (!project) return fail(c, 404, 'not_found', `项目 ${projectId} 不存在`)
      const closed = retiredRefusal(project)
      if (closed) return fail(c, closed.status, closed.code, closed.message)
      const existing = await tx.select({ id: problems.id }).from(problems).where(eq(problems.projectId, projectId))
      const problem = newProblem(projectId, existing, parsed.data, now)
      const late = invalidDueDate(problem.dueDate, problem.raisedDate)
      if (late) return fail(c, late.status, late.code, late.message, { fields: late.fields })
      await tx.insert(problems).values({ ...problem, projectId, seq: nextProblemId(projectId, existing).seq })
      await appendAudit(tx, { at: now, actor: c.get('user').username, action: 'problem.create', target: problem.id, changes: problemChanges(null, problem), address: clientAddress(c, deps.trustProxy) })
      await bumpDataVersion(tx)
      return c.json(problem, 201)
    })
  }, { summary: '登记问题（发改委工作人员）：状态为预警，未督办', params: { projectId: '项目编号' }, body: CreateProblemSchema, responses: { 201: { description: '已登记', schema: ProblemSchema } }, errors: { 400: '请求内容或路径无效', 404: '项目不存在', 409: '项目已退出清单', 415: '请求体不是 JSON', 422: '要求解决日期早于提出日期' } })

  const step = (action: 'assign' | 'resolve') => async (c: C) => {
    const projectId = projectIdOf(c)
    if (!projectId) return badPath(c, 'projectId', '项目编号格式应为 P 加 3-6 位数字')
    const problemId = ProblemIdSchema.safeParse(c.req.param('problemId'))
    if (!problemId.success) return badPath(c, 'problemId', problemId.error.issues[0]?.message ?? '无效')
    const parsed = action === 'assign' ? await jsonBody(c, AssignProblemSchema) : await jsonBody(c, ResolveProblemSchema)
    if (!parsed.ok) return parsed.response
    const now = deps.now()
    return db.transaction(async (tx) => {
      const project = await lockProject(tx, projectId)
      if (!project) return fail(c, 404, 'not_found', `项目 ${projectId} 不存在`)
      const closed = retiredRefusal(project)
      if (closed) return fail(c, closed.status, closed.code, closed.message)
      const [row] = await tx.select().from(problems).where(and(eq(problems.id, problemId.data), eq(problems.projectId, projectId)))
      if (!row) return fail(c, 404, 'not_found', `问题 ${problemId.data} 不存在`)
      const before = problemOf(row)
      const refused = checkProblemStep(before, parsed.data.version)
      if (refused) return fail(c, refused.status, refused.code, refused.message, { current: before })
      if (action === 'assign') {
        const late = invalidDueDate((parsed.data as AssignProblem).dueDate, before.raisedDate)
        if (late) return fail(c, late.status, late.code, late.message, { fields: late.fields })
      }
      const after = action === 'assign' ? applyAssign(before, parsed.data as AssignProblem) : applyResolve(before, parsed.data as ResolveProblem, now)
      const { id: _id, ...values } = after
      await tx.update(problems).set(values).where(eq(problems.id, after.id))
      await appendAudit(tx, {
        at: now,
        actor: c.get('user').username,
        action: `problem.${action}`,
        target: after.id,
        changes: problemChanges(before, after),
        reason: action === 'assign' ? ((parsed.data as AssignProblem).comment ?? null) : null,
        address: clientAddress(c, deps.trustProxy),
      })
      await bumpDataVersion(tx)
      return c.json(after, 200)
    })
  }
  register('POST', problemRoutes.assign, step('assign'), { summary: '督办问题（发改委工作人员）：交给部门并给出办结时限，可再次督办', params: { projectId: '项目编号', problemId: '问题编号，如 P001-Q1' }, body: AssignProblemSchema, responses: { 200: { description: '问题', schema: ProblemSchema } }, errors: { 400: '请求内容或路径无效', 404: '项目或问题不存在', 409: '版本已过期（附 current）、问题已办结或项目已退出', 415: '请求体不是 JSON', 422: '办结时限早于提出日期' } })
  register('POST', problemRoutes.resolve, step('resolve'), { summary: '办结问题（发改委工作人员）：写明办结情况', params: { projectId: '项目编号', problemId: '问题编号，如 P001-Q1' }, body: ResolveProblemSchema, responses: { 200: { description: '问题', schema: ProblemSchema } }, errors: { 400: '请求内容或路径无效', 404: '项目或问题不存在', 409: '版本已过期（附 current）、问题已办结或项目已退出', 415: '请求体不是 JSON' } })

  register('GET', problemRoutes.overdue, async (c) => {
    if (new URL(c.req.url).search !== '') return fail(c, 400, 'invalid_query', '查询参数无效', { fields: { query: '此接口不接受查询参数' } })
    const scope = c.get('scope')
    if (scope.kind === 'none') return fail(c, 403, 'forbidden', '账户未绑定业主单位，无权查看项目数据')
    const now = deps.now()
    const today = chinaDate(now)
    // Only unsettled problems past due are read; the rule that judges and orders them is the domain's.
    const rows = await db
      .select({ problem: problems, projectName: projects.name, zoneId: projects.zoneId, simulated: projects.simulated })
      .from(problems)
      .innerJoin(projects, eq(projects.id, problems.projectId))
      .where(
        and(
          ne(problems.status, 'resolved'),
          isNull(projects.retiredAt),
          lt(problems.dueDate, today),
          scope.kind === 'owner-unit' ? eq(projects.ownerUnit, scope.ownerUnit) : sql`true`,
        ),
      )
      .orderBy(asc(problems.id))
    const items = overdueProblems(
      rows.map((r) => ({ problem: problemOf(r.problem), projectId: r.problem.projectId, projectName: r.projectName, zoneId: r.zoneId as ProjectRecord['zoneId'] })),
      now,
    )
    const body: OverdueProblemList = { items: items.slice(0, OVERDUE_PROBLEMS_SHOWN), total: items.length, asOfDate: today, simulated: rows.some((r) => r.simulated) }
    return c.json(body, 200)
  }, { summary: '逾期未办结的问题，逾期最久的在前（最多 20 个，total 为总数）', responses: { 200: { description: '逾期问题', schema: OverdueProblemListSchema } }, errors: { 400: '不接受查询参数' } })
}
