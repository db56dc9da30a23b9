import { ApiErrorSchema, ProblemSchema, ProjectRecordSchema } from '@/contract'
import { AuditListSchema } from '@/contract/accounts'
import { OverdueProblemListSchema } from '@/contract/problems'
import { referenceFor, writeTargets, type Target } from './targets'

/**
 * 问题督办 on every implementation: staff register a problem, assign it to a department with a due date,
 * settle it; a stale step gets 409 with the problem as it is; the overdue list is judged and ordered
 * alike everywhere. Same status and body (times aside) from the embedded database and PostgreSQL.
 */
const targets: Target[] = []
beforeAll(async () => {
  targets.push(...(await writeTargets()))
}, 120_000)
afterAll(async () => {
  for (const target of targets) await target.close()
})

const TIMES = new Set(['at', 'id', 'address', 'adjustedAt'])
const timeless = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(timeless)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([k]) => !TIMES.has(k)).map(([k, v]) => [k, timeless(v)]))
      : value

async function same(username: string, path: string, status: number, body?: unknown) {
  const answers: { status: number; body: unknown }[] = []
  for (const target of targets) {
    await target.signInAs(username)
    answers.push(await target.request(path, body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }))
  }
  for (const [i, answer] of answers.entries()) {
    expect(answer.status, `${targets[i]!.name}: ${path} → ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(status)
    if (status >= 400) expect(ApiErrorSchema.safeParse(answer.body).success).toBe(true)
    const reference = referenceFor(targets, i, username, body === undefined ? 'GET' : 'POST')
    if (i > reference) expect(timeless(answer.body), `${targets[i]!.name} differs from ${targets[reference]!.name}: ${path}`).toEqual(timeless(answers[reference]!.body))
  }
  return answers[0]!.body
}

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

describe('a problem tracked to closure', () => {
  it('is registered by staff only, with its fields checked in Chinese', async () => {
    const input = { category: '要素保障', description: '施工用电迟迟未接入', measure: '协调供电公司', dueDate: '2099-06-30' }
    await same('leader', '/api/projects/P010/problems', 403, input)
    await same('owner', '/api/projects/P010/problems', 403, input)
    const blank = (await same('staff', '/api/projects/P010/problems', 400, { ...input, description: '  ' })) as { error: { fields: Record<string, string> } }
    expect(blank.error.fields.description).toBe('请填写问题描述')
    const early = (await same('staff', '/api/projects/P010/problems', 422, { ...input, dueDate: '2000-01-01' })) as { error: { fields: Record<string, string> } }
    expect(early.error.fields.dueDate).toContain('不能早于')
    await same('staff', '/api/projects/P999/problems', 404, input)
    // A date that does not exist is a 400 everywhere, never a database error.
    const notADay = (await same('staff', '/api/projects/P010/problems', 400, { ...input, dueDate: '2099-02-30' })) as { error: { fields: Record<string, string> } }
    expect(notADay.error.fields.dueDate).toContain('日期无效')
    const created = ProblemSchema.parse(await same('staff', '/api/projects/P010/problems', 201, input))
    expect(created).toMatchObject({ status: 'warning', raisedDate: today, assignedTo: null, version: 1 })
    expect(created.id).toMatch(/^P010-Q\d+$/)

    const detail = (await same('leader', '/api/projects/P010', 200)) as { problems: { id: string }[] }
    expect(detail.problems.map((p) => p.id)).toContain(created.id)

    // 督办: assigned to a department with a due date; a stale version is refused with the problem as it is.
    const path = `/api/projects/P010/problems/${created.id}`
    const assigned = ProblemSchema.parse(await same('staff', `${path}/assign`, 200, { version: 1, department: '区经济信息委', dueDate: '2099-03-31', comment: '请一周内协调' }))
    expect(assigned).toMatchObject({ status: 'supervising', assignedTo: '区经济信息委', dueDate: '2099-03-31', version: 2 })
    const stale = (await same('staff', `${path}/resolve`, 409, { version: 1, resolution: '已通电' })) as { error: { code: string; current: { version: number } } }
    expect(stale.error).toMatchObject({ code: 'conflict', current: { version: 2, status: 'supervising' } })
    const resolved = ProblemSchema.parse(await same('staff', `${path}/resolve`, 200, { version: 2, resolution: '已通电' }))
    expect(resolved).toMatchObject({ status: 'resolved', resolution: '已通电', resolvedDate: today, version: 3 })
    await same('staff', `${path}/assign`, 409, { version: 3, department: '区经济信息委', dueDate: '2099-03-31' })

    const log = AuditListSchema.parse(await same('leader', '/api/audit?projectId=P010', 200)).items
    expect(log.map((e) => e.action)).toEqual(['problem.resolve', 'problem.assign', 'problem.create'])
    expect(log[1]!.reason).toBe('请一周内协调')
    expect(log[1]!.changes).toContainEqual({ field: 'assignedTo', before: null, after: '区经济信息委' })
  })

  it('lists the problems not settled by their due date, most overdue first, the same everywhere', async () => {
    const list = OverdueProblemListSchema.parse(await same('leader', '/api/problems/overdue', 200))
    expect(list.total).toBeGreaterThan(0)
    expect(list.items.length).toBeLessThanOrEqual(20)
    expect(list.simulated).toBe(true)
    const days = list.items.map((i) => i.daysOverdue)
    expect(days).toEqual([...days].sort((a, b) => b - a))
    // Judged at the end of the latest published month (September), not the clock: nothing raised later, nothing settled by then.
    expect(list.asOfDate).toBe('2024-09-30')
    expect(list.items.every((i) => i.problem.raisedDate <= '2024-09-30' && (i.problem.resolvedDate === null || i.problem.resolvedDate > '2024-09-30') && i.problem.dueDate < list.asOfDate)).toBe(true)
    const june = OverdueProblemListSchema.parse(await same('leader', '/api/problems/overdue?asOf=2024-06', 200))
    expect(june.asOfDate).toBe('2024-06-30')
    expect(june.total).toBeLessThan(list.total)
    expect(june.items[0]!.daysOverdue).toBe(Math.round((Date.parse('2024-06-30') - Date.parse(june.items[0]!.problem.dueDate)) / 86_400_000))
    // October is not published: a leader is told so; staff see it, judged as of the day (the month is running or over).
    expect(((await same('leader', '/api/problems/overdue?asOf=2024-10', 403)) as { error: { message: string } }).error.message).toContain('2024年9月')
    await same('leader', '/api/problems/overdue?x=1', 400)
  })
})

describe('the project list corrected by staff', () => {
  type Detail = { version: number; annualPlanWan: number; monthlyPlanWan: number[]; planAdjustment: unknown; retired: unknown; name: string }
  it('corrects a name and a plan (中期调整: the reason required, the original kept), refuses a stale edit, and retires a project out of every figure', async () => {
    const before = (await same('staff', '/api/projects/P020', 200)) as Detail
    const send = async (status: number, body: unknown, path = '/api/projects/P020', method = 'PATCH') => {
      const answers: { status: number; body: unknown }[] = []
      for (const target of targets) {
        await target.signInAs('staff')
        answers.push(await target.request(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }))
      }
      for (const [i, a] of answers.entries()) {
        expect(a.status, `${targets[i]!.name}: ${JSON.stringify(a.body).slice(0, 300)}`).toBe(status)
        if (i > 0) expect(timeless(a.body)).toEqual(timeless(answers[0]!.body))
      }
      return answers[0]!.body
    }
    for (const target of targets) await target.signInAs('leader')
    expect((await targets[0]!.request('/api/projects/P020', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: 1, name: 'x' }) })).status).toBe(403)

    const noReason = (await send(422, { version: before.version, annualPlanWan: before.annualPlanWan + 1000 })) as { error: { fields: Record<string, string> } }
    expect(noReason.error.fields.reason).toContain('中期调整')
    const adjusted = (await send(200, { version: before.version, annualPlanWan: before.annualPlanWan + 1000, name: '南岸区测试更名项目', reason: '区政府第二批调整' })) as Detail
    expect(adjusted.version).toBe(before.version + 1)
    expect(adjusted.name).toBe('南岸区测试更名项目')
    expect(adjusted.planAdjustment).toMatchObject({ originalAnnualPlanWan: before.annualPlanWan, reason: '区政府第二批调整' })
    expect(adjusted.monthlyPlanWan.reduce((a, b) => a + b, 0)).toBe(before.annualPlanWan + 1000)
    const stale = (await send(409, { version: before.version, name: '又一个名字' })) as { error: { code: string } }
    expect(stale.error.code).toBe('conflict')

    // The list and the summary use the adjusted plan; the name is found by search.
    const found = (await same('leader', `/api/projects?q=${encodeURIComponent('测试更名')}`, 200)) as { total: number; items: { annualPlanWan: number }[] }
    expect(found.total).toBe(1)
    expect(found.items[0]!.annualPlanWan).toBe(before.annualPlanWan + 1000)
    const summaryBefore = (await same('leader', '/api/summary', 200)) as { projectCount: number; annualPlanWan: number }

    await send(400, { version: adjusted.version }, '/api/projects/P020/retire', 'POST')
    const retired = (await send(200, { version: adjusted.version, reason: '区政府发文调出重点项目清单' }, '/api/projects/P020/retire', 'POST')) as Detail
    expect(retired.retired).toMatchObject({ reason: '区政府发文调出重点项目清单' })
    const summaryAfter = (await same('leader', '/api/summary', 200)) as { projectCount: number; annualPlanWan: number }
    expect(summaryAfter.projectCount).toBe(summaryBefore.projectCount - 1)
    expect(summaryAfter.annualPlanWan).toBe(summaryBefore.annualPlanWan - adjusted.annualPlanWan)
    // Still readable, with why; no longer editable.
    expect(((await same('leader', '/api/projects/P020', 200)) as Detail).retired).toMatchObject({ reason: '区政府发文调出重点项目清单' })
    await send(409, { version: retired.version, name: '再改名' })
    // No more problems on a retired project, and a wrong method is 405 on every target.
    await same('staff', '/api/projects/P020/problems', 409, { category: '其他', description: '退出后登记', measure: '无', dueDate: '2099-01-01' })
    for (const target of targets) expect((await target.request('/api/projects/P020/retire')).status, target.name).toBe(405)
    const log = AuditListSchema.parse(await same('leader', '/api/audit?projectId=P020', 200)).items
    expect(log.map((e) => e.action)).toEqual(['project.retire', 'project.update'])
    expect(log[1]!.reason).toBe('区政府第二批调整')
  })

  it('adds a project by hand with the next free 项目编号; it counts at once and has nothing reported', async () => {
    const input = { name: '南岸区手工录入测试项目', zoneId: 'nanshan', focusArea: 'livelihood', investmentType: 'government', stage: 'new-start', ownerUnit: '区城市建设发展平台公司', responsibleUnit: '区住房城乡建委', totalInvestmentWan: 80000, annualPlanWan: 12000, plannedStartDate: '2024-10-01', plannedCompletionDate: '2026-12-31' }
    const before = (await same('leader', '/api/summary', 200)) as { projectCount: number; annualPlanWan: number }
    await same('leader', '/api/projects', 403, input)
    const tooBig = (await same('staff', '/api/projects', 422, { ...input, annualPlanWan: 90000 })) as { error: { fields: Record<string, string> } }
    expect(tooBig.error.fields.annualPlanWan).toBe('年度计划投资不能超过总投资')
    const created = ProjectRecordSchema.parse(await same('staff', '/api/projects', 201, input))
    expect(created).toMatchObject({ id: 'P133', simulated: false, version: 1, monthlyActualWan: Array(12).fill(null) })
    expect(created.monthlyPlanWan.reduce((a, b) => a + b, 0)).toBe(12000)
    await same('staff', '/api/projects', 409, { ...input, id: 'P001' })
    const after = (await same('leader', '/api/summary', 200)) as { projectCount: number; annualPlanWan: number }
    expect(after.projectCount).toBe(before.projectCount + 1)
    expect(after.annualPlanWan).toBe(before.annualPlanWan + 12000)
    const found = (await same('leader', `/api/projects?q=${encodeURIComponent('手工录入')}`, 200)) as { items: { id: string; simulatedName: boolean }[] }
    expect(found.items).toEqual([expect.objectContaining({ id: 'P133', simulatedName: false })])
  })
})
