import { DEFAULT_PROBLEM_CATEGORIES, activeCategories, applyCategoryUpdate, categoryChanges, categoryRefusal, daysOverdue, overdueProblems } from '@/domain/problems'
import type { Problem } from '@/contract'

/**
 * A problem is overdue as of a day (the end of the month in view), as things stood that day: raised by
 * then, not settled by then, past its due date then (docs/decisions/066).
 */
const problem = (over: Partial<Problem>): Problem => ({
  id: 'P001-Q1',
  category: '要素保障',
  description: '施工用电未接入',
  measure: '协调供电公司',
  status: 'supervising',
  raisedDate: '2024-03-01',
  dueDate: '2024-06-30',
  resolvedDate: null,
  assignedTo: '区经济信息委',
  resolution: null,
  version: 2,
  ...over,
})

describe('daysOverdue: as of a day, never the clock', () => {
  it('counts whole days past the due date at that day', () => {
    expect(daysOverdue(problem({}), '2024-09-30')).toBe(92)
    expect(daysOverdue(problem({}), '2024-07-01')).toBe(1)
  })
  it('is not overdue on its due date, nor before it was raised', () => {
    expect(daysOverdue(problem({}), '2024-06-30')).toBe(0)
    expect(daysOverdue(problem({ raisedDate: '2024-10-08', dueDate: '2024-10-01' }), '2024-09-30')).toBe(0)
  })
  it('was still overdue at a month end before it was settled, and is not once settled', () => {
    const settledInOctober = problem({ status: 'resolved', resolvedDate: '2024-10-15', resolution: '已接入' })
    expect(daysOverdue(settledInOctober, '2024-09-30')).toBe(92)
    expect(daysOverdue(settledInOctober, '2024-10-31')).toBe(0)
  })
})

describe('overdueProblems: most overdue first as of the day', () => {
  it('orders by days overdue, then by problem id in number order, and leaves out what was not overdue', () => {
    const entries = [
      problem({ id: 'P001-Q10' }),
      problem({ id: 'P001-Q2' }),
      problem({ id: 'P001-Q3', dueDate: '2024-09-01' }),
      problem({ id: 'P001-Q4', dueDate: '2024-12-01' }),
    ].map((p) => ({ problem: p, projectId: 'P001', projectName: '测试项目', zoneId: 'nanping' as const }))
    const list = overdueProblems(entries, '2024-09-30')
    expect(list.map((e) => [e.problem.id, e.daysOverdue])).toEqual([
      ['P001-Q2', 92],
      ['P001-Q10', 92],
      ['P001-Q3', 29],
    ])
  })
})

describe('问题类别 from the staff’s list', () => {
  const list = [
    { id: 1, name: '要素保障', retired: false, version: 1 },
    { id: 2, name: '规划设计', retired: true, version: 2 },
    { id: 3, name: '资金保障', retired: false, version: 1 },
  ]

  it('offers the active categories only, in the list’s order', () => {
    expect(activeCategories(list)).toEqual(['要素保障', '资金保障'])
  })

  it('refuses a new problem under a retired or unknown category, on the field', () => {
    const active = activeCategories(list)
    expect(categoryRefusal('要素保障', active)).toBeNull()
    for (const name of ['规划设计', '要素']) {
      expect(categoryRefusal(name, active)).toMatchObject({ status: 422, code: 'invalid_category', fields: { category: expect.stringContaining('请从问题类别清单中选择') } })
    }
  })

  it('renames and retires on the version seen; a stale version is 409 with the category as it is', () => {
    const before = list[0]!
    expect(applyCategoryUpdate(before, { version: 1, name: '要素保障（用地、用电）' })).toEqual({
      ok: true,
      category: { id: 1, name: '要素保障（用地、用电）', retired: false, version: 2 },
      changes: [{ field: 'category', before: '要素保障', after: '要素保障（用地、用电）' }],
    })
    expect(applyCategoryUpdate(before, { version: 1, retired: true })).toMatchObject({
      ok: true,
      category: { retired: true, version: 2 },
      changes: [{ field: 'categoryRetired', before: false, after: true }],
    })
    expect(applyCategoryUpdate(before, { version: 1, name: '要素保障' })).toEqual({ ok: true, category: before, changes: [] })
    expect(applyCategoryUpdate(before, { version: 3, retired: true })).toMatchObject({ ok: false, status: 409, code: 'conflict', current: before })
  })

  it('records a new category as its name from nothing', () => {
    expect(categoryChanges(null, { name: '安全生产', retired: false })).toEqual([{ field: 'category', before: null, after: '安全生产' }])
  })

  it('starts with every category the seeded problems use', () => {
    expect(DEFAULT_PROBLEM_CATEGORIES).toEqual(['要素保障', '资金保障', '审批手续', '征地拆迁', '管线迁改', '规划设计', '设计变更', '市政配套', '施工组织', '市场因素', '其他'])
  })
})
