import { compareZh } from '@/domain/zh-order'
import { sql } from 'drizzle-orm'
import type { SessionUser } from '@/contract'
import type { Todo } from '@/contract/notifications'
import { chinaDate, DEFAULT_REPORT_DEADLINE_DAY, isFutureMonth, reportDeadline } from '@/domain/calendar'
import { daysBetween, addDays } from '@/domain/notifications'
import { reportMonthOf } from '@/domain/monthly-report'
import type { Db } from '../db/handle'
import { districtCounts, notSubmitted, unitReportsToDo, unitStatesOf, type UnitStates } from './month-reporting'
import { openMonthsOver } from './reminders'

/** Problems due within this many days show on the staff's 待办 beside the overdue ones. */
export const PROBLEMS_DUE_WITHIN_DAYS = 7
const AWAITING_REVIEW_SHOWN = 50
/** Proposals of 挂牌督办 listed at most on the staff's 待办 (`/projects?escalation=proposed` has them all). */
const PROPOSALS_SHOWN = 50
/** An owner unit's reports to do listed at most (a city's largest unit has hundreds); the count is always whole. */
const REPORTS_SHOWN = 50

const rowsOf = async <T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(query)) as unknown as { rows: T[] }).rows

type ProblemRow = { project_id: string; project_name: string; id: string; description: string; assigned_to: string | null; due_date: string | Date }
const isoDate = (value: string | Date) => (typeof value === 'string' ? value.slice(0, 10) : chinaDate(value))

/**
 * 待办 (docs/decisions/067): what this account must do now. An owner unit: its reports of the months that
 * are over and not yet published (not started, drafts, returned with the reason), with the deadline and
 * days left; its problems not settled. Staff: reports awaiting review, units late, problems due within a
 * week or overdue, and the month to publish next with its counts. Other roles have nothing to do here.
 */
export async function todoOf(db: Db, user: SessionUser, now: Date): Promise<Todo> {
  const today = chinaDate(now)
  const todo: Todo = { today, reports: [], reportsTotal: 0, awaitingReview: [], awaitingReviewTotal: 0, lateUnits: [], problems: [], escalationProposals: [], monthToPublish: null }
  if (user.role !== 'owner' && user.role !== 'staff') return todo
  const { year, months } = await openMonthsOver(db, today)
  const problemOf = (r: ProblemRow) => ({ projectId: r.project_id, projectName: r.project_name, problemId: r.id, description: r.description, assignedTo: r.assigned_to, dueDate: isoDate(r.due_date), daysLeft: daysBetween(today, isoDate(r.due_date)) })

  if (user.role === 'owner') {
    const unit = user.ownerUnit
    if (!unit) return todo
    for (const m of months) {
      const deadline = reportDeadline(year, m, DEFAULT_REPORT_DEADLINE_DAY)
      for (const item of await unitReportsToDo(db, year, m, unit)) {
        todo.reports.push({ projectId: item.project_id, projectName: item.name, month: reportMonthOf(year, m), state: item.state, deadline, daysLeft: daysBetween(today, deadline), returnComment: item.return_comment })
      }
    }
    // Returned first (a reason waits), then by month and project.
    const order = { returned: 0, draft: 1, missing: 2 }
    todo.reports.sort((a, b) => order[a.state] - order[b.state] || a.month.localeCompare(b.month) || a.projectId.localeCompare(b.projectId))
    todo.reportsTotal = todo.reports.length
    todo.reports = todo.reports.slice(0, REPORTS_SHOWN)
    const problems = await rowsOf<ProblemRow>(
      db,
      sql`select q.project_id, p.name as project_name, q.id, q.description, q.assigned_to, q.due_date
          from problems q join projects p on p.id = q.project_id
          where q.status <> 'resolved' and p.retired_at is null and (p.owner_unit = ${unit} or q.assigned_to = ${unit})
          order by q.due_date, q.id limit 100`,
    )
    todo.problems = problems.map(problemOf)
    return todo
  }

  const [awaiting] = await rowsOf<{ n: number | string }>(db, sql`select count(*) as n from monthly_reports where year = ${year} and status = 'submitted'`)
  todo.awaitingReviewTotal = Number(awaiting?.n ?? 0)
  const review = await rowsOf<{ project_id: string; name: string; owner_unit: string; month: number; submitted_at: Date | string | null }>(
    db,
    sql`select r.project_id, p.name, p.owner_unit, r.month::int as month, r.submitted_at
        from monthly_reports r join projects p on p.id = r.project_id
        where r.year = ${year} and r.status = 'submitted' order by r.submitted_at nulls last, r.project_id limit ${AWAITING_REVIEW_SHOWN}`,
  )
  todo.awaitingReview = review.map((r) => ({ projectId: r.project_id, projectName: r.name, ownerUnit: r.owner_unit, month: reportMonthOf(year, Number(r.month)), submittedAt: r.submitted_at === null ? null : new Date(r.submitted_at).toISOString() }))
  // Each month read once: its units' states give both the late units and, for the month to publish, its counts.
  const statesOf = new Map<number, Promise<UnitStates[]>>()
  const states = (m: number) => statesOf.get(m) ?? (statesOf.set(m, unitStatesOf(db, year, m)), statesOf.get(m)!)
  for (const m of months) {
    if (today <= reportDeadline(year, m, DEFAULT_REPORT_DEADLINE_DAY)) continue
    for (const { unit, counts } of await states(m)) if (notSubmitted(counts) > 0) todo.lateUnits.push({ unit, month: reportMonthOf(year, m), projects: notSubmitted(counts) })
  }
  todo.lateUnits.sort((a, b) => a.month.localeCompare(b.month) || b.projects - a.projects || compareZh(a.unit, b.unit))
  const problems = await rowsOf<ProblemRow>(
    db,
    sql`select q.project_id, p.name as project_name, q.id, q.description, q.assigned_to, q.due_date
        from problems q join projects p on p.id = q.project_id
        where q.status <> 'resolved' and p.retired_at is null and q.due_date <= ${addDays(today, PROBLEMS_DUE_WITHIN_DAYS)}
        order by q.due_date, q.id limit 100`,
  )
  todo.problems = problems.map(problemOf)
  // 挂牌督办 proposed at a publication and waiting for the staff to confirm or decline (decision 76).
  const proposals = await rowsOf<{ project_id: string; name: string; owner_unit: string; since: string | Date; rule: string }>(
    db,
    sql`select e.project_id, p.name, p.owner_unit, e.since, e.rule
        from project_escalations e join projects p on p.id = e.project_id
        where e.status = 'proposed' and p.retired_at is null
        order by e.since, e.project_id limit ${PROPOSALS_SHOWN}`,
  )
  todo.escalationProposals = proposals.map((r) => ({ projectId: r.project_id, projectName: r.name, ownerUnit: r.owner_unit, since: isoDate(r.since), rule: r.rule }))
  // The month to publish next: the oldest open month, once it has begun (as /reports offers it).
  const next = months[0] ?? (await nextOpenMonth(db, year, now))
  if (next !== null) {
    todo.monthToPublish = { month: reportMonthOf(year, next), deadline: reportDeadline(year, next, DEFAULT_REPORT_DEADLINE_DAY), counts: districtCounts(await states(next)) }
  }
  return todo
}

/** The oldest open month of the year that has begun (null: none). */
async function nextOpenMonth(db: Db, year: number, now: Date): Promise<number | null> {
  const [row] = await rowsOf<{ published: number }>(db, sql`select coalesce(max(month), 0)::int as published from month_publications where year = ${year}`)
  const next = Number(row?.published ?? 0) + 1
  return next <= 12 && !isFutureMonth(year, next, now) ? next : null
}
