import { and, asc, eq, gt, isNull, lt, lte, or } from 'drizzle-orm'
import type { Problem, ProjectRecord } from '@/contract'
import type { OverdueProblem } from '@/contract/problems'
import { overdueProblems } from '@/domain/problems'
import type { Db } from './handle'
import { problems, projects } from './schema'

/**
 * The district's problems overdue on a day (ISO, China date): raised by then, due before it and not settled
 * by then, most overdue first (the domain's rule, src/domain/problems.ts). The bulletin asks for its month's
 * last day, so the list it keeps is the one as of the month's end, whatever happened after (decision 64).
 * A problem re-assigned since with another due date is judged by the date it has now (its history is in
 * the audit log, not in the row). GET /api/problems/overdue judges the same way (docs/decisions/066).
 */
export async function overdueProblemsOn(
  db: Pick<Db, 'select'>,
  day: string,
  ownerUnit: string | null = null,
): Promise<{ items: OverdueProblem[]; total: number; asOfDate: string; simulated: boolean }> {
  const rows = await db
    .select({ problem: problems, projectName: projects.name, zoneId: projects.zoneId, simulated: projects.simulated })
    .from(problems)
    .innerJoin(projects, eq(projects.id, problems.projectId))
    .where(
      and(
        isNull(projects.retiredAt),
        lte(problems.raisedDate, day),
        lt(problems.dueDate, day),
        or(isNull(problems.resolvedDate), gt(problems.resolvedDate, day)),
        // An owner unit limited to its own projects (OWNER_SEES=own) reads its own problems only.
        ownerUnit === null ? undefined : eq(projects.ownerUnit, ownerUnit),
      ),
    )
    .orderBy(asc(problems.id))
  // Settled after the day: still open on it, and shown as stored (the domain's rule judges as of the day).
  const items = overdueProblems(
    rows.map((r) => ({ problem: problemOf(r.problem), projectId: r.problem.projectId, projectName: r.projectName, zoneId: r.zoneId as ProjectRecord['zoneId'] })),
    day,
  )
  return { items, total: items.length, asOfDate: day, simulated: rows.some((r) => r.simulated) }
}

export function problemOf(row: typeof problems.$inferSelect): Problem {
  return {
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
  }
}
