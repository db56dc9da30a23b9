import { daysOverdue, overdueProblems } from '@/domain/problems'
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
