import type { Milestone, Problem } from '@/contract'

export type MilestoneState = 'done-on-time' | 'done-late' | 'overdue' | 'upcoming'

/** Last day of a month of the plan year, as an ISO date. */
export function monthEnd(planYear: number, month: number): string {
  const day = new Date(Date.UTC(planYear, month, 0)).getUTCDate()
  return `${planYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)

/** A milestone as seen at the end of the as-of month (later actual dates are not yet known then). */
export function milestoneState(milestone: Milestone, asOfDate: string): { state: MilestoneState; daysLate: number } {
  const actual = milestone.actualDate && milestone.actualDate <= asOfDate ? milestone.actualDate : null
  if (actual) {
    const late = days(milestone.plannedDate, actual)
    return late > 0 ? { state: 'done-late', daysLate: late } : { state: 'done-on-time', daysLate: 0 }
  }
  if (milestone.plannedDate < asOfDate) return { state: 'overdue', daysLate: days(milestone.plannedDate, asOfDate) }
  return { state: 'upcoming', daysLate: 0 }
}

export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
  'done-on-time': '按期完成',
  'done-late': '逾期完成',
  overdue: '逾期未完成',
  upcoming: '未到期',
}

/** Problems raised by the as-of date and still open then. */
export function openProblems(problems: readonly Problem[], asOfDate: string): Problem[] {
  return problems.filter((p) => p.raisedDate <= asOfDate && (p.resolvedDate === null || p.resolvedDate > asOfDate))
}
