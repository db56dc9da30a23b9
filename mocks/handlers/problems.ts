import { HttpResponse } from 'msw'
import { ProjectIdSchema, type SessionUser } from '@/contract'
import {
  AssignProblemSchema,
  CreateProblemSchema,
  ProblemIdSchema,
  ResolveProblemSchema,
  problemRoutes,
  type OverdueProblemList,
} from '@/contract/problems'
import { chinaDate } from '@/domain/calendar'
import {
  OVERDUE_PROBLEMS_SHOWN,
  applyAssign,
  applyResolve,
  checkProblemStep,
  invalidDueDate,
  newProblem,
  overdueProblems,
  problemChanges,
  problemsOf,
  retiredRefusal,
} from '@/domain/problems'
import { accountStore } from '../accounts'
import { store } from '../store'
import { errorResponse, methodNotAllowed, parseBody, route } from './respond'

const badPath = (field: string, message: string) => errorResponse(400, 'invalid_path', '路径参数无效', { fields: { [field]: message } })

/** Replace one record's problems (the mock's storage of a problem step). */
function storeProblems(projectId: string, update: (problems: ReturnType<typeof store.all>[number]['problems']) => ReturnType<typeof store.all>[number]['problems']) {
  store.replace(store.all().map((r) => (r.id === projectId ? { ...r, problems: update(r.problems) } : r)))
}

/** 问题督办 as the server answers it, with the domain's rules (src/domain/problems.ts). */
export const problemHandlers = [
  route('POST', problemRoutes.create, async ({ request, params, user }) => {
    const projectId = ProjectIdSchema.safeParse(params.projectId)
    if (!projectId.success) return badPath('projectId', '项目编号格式应为 P 加 3-6 位数字')
    const body = await parseBody(request, CreateProblemSchema)
    if (!body.ok) return body.response
    const record = store.all().find((r) => r.id === projectId.data)
    if (!record) return errorResponse(404, 'not_found', `项目 ${projectId.data} 不存在`)
    const closed = retiredRefusal(record)
    if (closed) return errorResponse(closed.status, closed.code, closed.message)
    const problem = newProblem(record.id, record.problems, body.data, new Date())
    const late = invalidDueDate(problem.dueDate, problem.raisedDate)
    if (late) return errorResponse(late.status, late.code, late.message, { fields: late.fields })
    storeProblems(record.id, (list) => [...list, problem])
    accountStore.record({ actor: (user as SessionUser).username, action: 'problem.create', target: problem.id, changes: problemChanges(null, problem) })
    return HttpResponse.json(problem, { status: 201 })
  }),
  ...(['assign', 'resolve'] as const).map((action) =>
    route('POST', problemRoutes[action], async ({ request, params, user }) => {
      const projectId = ProjectIdSchema.safeParse(params.projectId)
      if (!projectId.success) return badPath('projectId', '项目编号格式应为 P 加 3-6 位数字')
      const problemId = ProblemIdSchema.safeParse(params.problemId)
      if (!problemId.success) return badPath('problemId', problemId.error.issues[0]?.message ?? '无效')
      const body = action === 'assign' ? await parseBody(request, AssignProblemSchema) : await parseBody(request, ResolveProblemSchema)
      if (!body.ok) return body.response
      const record = store.all().find((r) => r.id === projectId.data)
      if (!record) return errorResponse(404, 'not_found', `项目 ${projectId.data} 不存在`)
      const closed = retiredRefusal(record)
      if (closed) return errorResponse(closed.status, closed.code, closed.message)
      const before = record.problems.find((p) => p.id === problemId.data)
      if (!before) return errorResponse(404, 'not_found', `问题 ${problemId.data} 不存在`)
      const refused = checkProblemStep(before, body.data.version)
      if (refused) return errorResponse(refused.status, refused.code, refused.message, { current: before })
      if ('department' in body.data) {
        const late = invalidDueDate(body.data.dueDate, before.raisedDate)
        if (late) return errorResponse(late.status, late.code, late.message, { fields: late.fields })
      }
      const after = 'department' in body.data ? applyAssign(before, body.data) : applyResolve(before, body.data, new Date())
      storeProblems(record.id, (list) => list.map((p) => (p.id === after.id ? after : p)))
      accountStore.record({
        actor: (user as SessionUser).username,
        action: `problem.${action}`,
        target: after.id,
        changes: problemChanges(before, after),
        reason: 'comment' in body.data ? (body.data.comment ?? null) : null,
      })
      return HttpResponse.json(after)
    }),
  ),
  route('GET', problemRoutes.overdue, ({ request }) => {
    if (new URL(request.url).search !== '') return errorResponse(400, 'invalid_query', '查询参数无效', { fields: { query: '此接口不接受查询参数' } })
    const now = new Date()
    const items = overdueProblems(problemsOf(store.all().filter((r) => !r.retired)), now)
    const overdueProjects = new Set(items.map((i) => i.projectId))
    return HttpResponse.json<OverdueProblemList>({
      items: items.slice(0, OVERDUE_PROBLEMS_SHOWN),
      total: items.length,
      asOfDate: chinaDate(now),
      simulated: store.all().some((r) => overdueProjects.has(r.id) && r.simulated),
    })
  }),
  ...methodNotAllowed(Object.values(problemRoutes)),
]
