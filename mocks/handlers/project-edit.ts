import { HttpResponse } from 'msw'
import { REPORT_PLAN_YEAR, ProjectIdSchema, type SessionUser } from '@/contract'
import { CreateProjectSchema, RetireProjectSchema, UpdateProjectSchema, projectEditRoutes } from '@/contract/project-edit'
import { applyProjectUpdate, applyRetire, checkProjectEdit, newProjectRecord } from '@/domain/project-edit'
import { accountStore } from '../accounts'
import { store } from '../store'
import { errorResponse, methodNotAllowed, parseBody, route } from './respond'

const badPath = (message: string) => errorResponse(400, 'invalid_path', '路径参数无效', { fields: { projectId: message } })
const replace = (next: ReturnType<typeof store.all>[number]) => store.replace(store.all().map((r) => (r.id === next.id ? next : r)))

/** Project corrections and retirement as the server answers them, with the domain's rules. */
export const projectEditHandlers = [
  route('POST', projectEditRoutes.create, async ({ request, user }) => {
    const body = await parseBody(request, CreateProjectSchema)
    if (!body.ok) return body.response
    const result = newProjectRecord(body.data, store.all().map((r) => r.id), REPORT_PLAN_YEAR)
    if (!result.ok) return errorResponse(result.status, result.code, result.message, { fields: result.fields })
    store.replace([...store.all(), result.record])
    accountStore.record({
      actor: (user as SessionUser).username,
      action: 'project.create',
      target: result.record.id,
      changes: [{ field: 'name', before: null, after: result.record.name }, { field: 'annualPlanWan', before: null, after: result.record.annualPlanWan }],
    })
    return HttpResponse.json(result.record, { status: 201 })
  }),
  route('PATCH', projectEditRoutes.update, async ({ request, params, user }) => {
    const projectId = ProjectIdSchema.safeParse(params.projectId)
    if (!projectId.success) return badPath(projectId.error.issues[0]?.message ?? '无效')
    const body = await parseBody(request, UpdateProjectSchema)
    if (!body.ok) return body.response
    const before = store.all().find((r) => r.id === projectId.data)
    if (!before) return errorResponse(404, 'not_found', `项目 ${projectId.data} 不存在`)
    const refused = checkProjectEdit(before, body.data.version)
    if (refused) return errorResponse(refused.status, refused.code, refused.message, { current: before })
    const result = applyProjectUpdate(before, body.data, new Date())
    if (!result.ok) return errorResponse(result.status, result.code, result.message, { fields: result.fields })
    if (result.changes.length === 0) return HttpResponse.json(before)
    replace(result.record)
    accountStore.record({ actor: (user as SessionUser).username, action: 'project.update', target: before.id, changes: result.changes, reason: body.data.reason ?? null })
    return HttpResponse.json(result.record)
  }),
  route('POST', projectEditRoutes.retire, async ({ request, params, user }) => {
    const projectId = ProjectIdSchema.safeParse(params.projectId)
    if (!projectId.success) return badPath(projectId.error.issues[0]?.message ?? '无效')
    const body = await parseBody(request, RetireProjectSchema)
    if (!body.ok) return body.response
    const before = store.all().find((r) => r.id === projectId.data)
    if (!before) return errorResponse(404, 'not_found', `项目 ${projectId.data} 不存在`)
    const refused = checkProjectEdit(before, body.data.version)
    if (refused) return errorResponse(refused.status, refused.code, refused.message, { current: before })
    const { record, changes } = applyRetire(before, body.data.reason, new Date())
    replace(record)
    accountStore.record({ actor: (user as SessionUser).username, action: 'project.retire', target: before.id, changes, reason: body.data.reason })
    return HttpResponse.json(record)
  }),
  ...methodNotAllowed([projectEditRoutes.retire]),
]
