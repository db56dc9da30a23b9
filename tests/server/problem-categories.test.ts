import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProblemSchema } from '@/contract'
import { AuditListSchema } from '@/contract/accounts'
import { ProblemCategoryListSchema, ProblemCategorySchema } from '@/contract/problems'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { seedIfEmpty } from '../../server/db/write'
import { generateDataset } from '@/dataset/generate'
import { expectApiError, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

/**
 * 问题类别 as data the staff maintain (decision 79): seeded once with the list the code used to offer, added
 * to, renamed and retired through versioned, audited writes; a new problem is registered only under an
 * active one, while the problems that used a retired one keep it.
 */

let database: Database
let app: ReturnType<typeof createApp>
let staff: Client
let leader: Client

beforeAll(async () => {
  database = await seededMemoryDatabase()
  app = createApp({ database, logger: silentLogger() })
  staff = await signedIn(app, 'staff')
  leader = await signedIn(app, 'leader')
})
afterAll(async () => {
  await database?.close()
})

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
const list = async (client: Client = staff) => ProblemCategoryListSchema.parse(await (await client.request('/api/problem-categories')).json()).items
const byName = async (name: string) => (await list()).find((c) => c.name === name)!
const registerProblem = (category: string) =>
  staff.request('/api/projects/P010/problems', json('POST', { category, description: '施工用电迟迟未接入', measure: '协调供电公司', dueDate: '2099-06-30' }))

describe('问题类别', () => {
  it('starts with the list the code offered, active, for every reader of data; seeding again adds nothing', async () => {
    const items = await list(leader)
    expect(items.map((c) => c.name)).toEqual(['要素保障', '资金保障', '审批手续', '征地拆迁', '管线迁改', '规划设计', '设计变更', '市政配套', '施工组织', '市场因素', '其他'])
    expect(items.every((c) => !c.retired && c.version === 1)).toBe(true)
    await seedIfEmpty(database.db, () => generateDataset())
    expect(await list()).toHaveLength(items.length)
  })

  it('the staff add one; a name already on the list is 409 in Chinese; the others may not add', async () => {
    const added = await staff.request('/api/problem-categories', json('POST', { name: ' 安全生产 ' }))
    expect(added.status).toBe(201)
    expect(ProblemCategorySchema.parse(await added.json())).toMatchObject({ name: '安全生产', retired: false, version: 1 })
    expect((await list()).at(-1)!.name, 'the active ones in the order they were added').toBe('安全生产')

    const again = await staff.request('/api/problem-categories', json('POST', { name: '安全生产' }))
    expect(again.status).toBe(409)
    expect(expectApiError(await again.json())).toMatchObject({ code: 'category_exists', message: expect.stringContaining('已有名为“安全生产”的问题类别') })
    expect((await staff.request('/api/problem-categories', json('POST', { name: '' }))).status).toBe(400)
    expect((await leader.request('/api/problem-categories', json('POST', { name: '领导加的' }))).status).toBe(403)
  })

  it('renames on the version seen: a stale one is 409 with the category as it is, nothing overwritten', async () => {
    const before = await byName('市场因素')
    const renamed = await staff.request(`/api/problem-categories/${before.id}`, json('PATCH', { version: before.version, name: '市场及招商因素' }))
    expect(renamed.status).toBe(200)
    expect(ProblemCategorySchema.parse(await renamed.json())).toMatchObject({ id: before.id, name: '市场及招商因素', version: 2 })

    const stale = await staff.request(`/api/problem-categories/${before.id}`, json('PATCH', { version: before.version, name: '过期的改名' }))
    expect(stale.status).toBe(409)
    const error = expectApiError(await stale.json())
    expect(error).toMatchObject({ code: 'conflict', message: '该问题类别已被他人修改，请查看最新内容后重试' })
    expect(ProblemCategorySchema.parse((error as { current?: unknown }).current)).toMatchObject({ name: '市场及招商因素', version: 2 })

    const clash = await staff.request(`/api/problem-categories/${before.id}`, json('PATCH', { version: 2, name: '其他' }))
    expect(clash.status).toBe(409)
    expect((await byName('市场及招商因素')).version).toBe(2)
    expect((await staff.request('/api/problem-categories/9999', json('PATCH', { version: 1, retired: true }))).status).toBe(404)
    expect((await staff.request('/api/problem-categories/abc', json('PATCH', { version: 1, retired: true }))).status).toBe(400)
  })

  it('a retired category is offered no more: a new problem under it is 422 on the field; the problem registered before keeps it', async () => {
    const earlier = await registerProblem('规划设计')
    expect(earlier.status).toBe(201)
    const problem = ProblemSchema.parse(await earlier.json())

    const category = await byName('规划设计')
    const retired = await staff.request(`/api/problem-categories/${category.id}`, json('PATCH', { version: category.version, retired: true }))
    expect(ProblemCategorySchema.parse(await retired.json())).toMatchObject({ retired: true, version: 2 })
    expect((await list()).at(-1), 'retired ones after the active').toMatchObject({ name: '规划设计', retired: true })

    const refused = await registerProblem('规划设计')
    expect(refused.status).toBe(422)
    expect(expectApiError(await refused.json())).toMatchObject({ code: 'invalid_category', message: '问题类别不在类别清单中', fields: { category: expect.stringContaining('已停用') } })
    expect((await registerProblem('随手打的类别')).status, 'a name not on the list').toBe(422)

    const detail = (await (await staff.request('/api/projects/P010')).json()) as { problems: { id: string; category: string }[] }
    expect(detail.problems.find((p) => p.id === problem.id)?.category).toBe('规划设计')

    // Brought back, it is offered again.
    const back = await staff.request(`/api/problem-categories/${category.id}`, json('PATCH', { version: 2, retired: false }))
    expect(back.status).toBe(200)
    expect((await registerProblem('规划设计')).status).toBe(201)
  })

  it('writes each change in the 修改记录 with the staff member behind it', async () => {
    const { items } = AuditListSchema.parse(await (await staff.request('/api/audit?action=problem-category.update')).json())
    expect(items.map((e) => e.changes)).toEqual([
      [{ field: 'categoryRetired', before: true, after: false }],
      [{ field: 'categoryRetired', before: false, after: true }],
      [{ field: 'category', before: '市场因素', after: '市场及招商因素' }],
    ])
    expect(items[0]).toMatchObject({ actor: 'staff', actorName: '陈立新（演示）', actorUnit: '区发改委', target: '规划设计' })
    const created = AuditListSchema.parse(await (await staff.request('/api/audit?action=problem-category.create')).json()).items
    expect(created.map((e) => e.target)).toEqual(['安全生产'])
  })
})
