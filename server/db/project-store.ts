import { and, eq } from 'drizzle-orm'
import type { ProjectRecord } from '@/contract'
import { rankNames, searchTextOf } from '@/domain/answers'
import type { Db } from './handle'
import { addToMonthlyTotals, refreshProjectReadModel } from './reports'
import { monthlyPlans, projectYears, projects } from './schema'
import { insertPlanYear, insertProjects } from './write'

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/**
 * Store the outcome of a project edit decided by the domain (src/domain/project-edit.ts, ledger.ts):
 * the project's row, its monthly plan when it changed, and its judged rows — inside the caller's
 * transaction. Used by the edit form's PATCH and by the ledger import alike.
 */
export async function storeProjectUpdate(tx: Tx, before: ProjectRecord, next: ProjectRecord, now: Date, planYear: number) {
  await updateProjectRow(tx, next, now)
  await tx
    .update(projectYears)
    .set({ stage: next.stage, annualPlanWan: next.annualPlanWan, planAdjustment: next.planAdjustment })
    .where(and(eq(projectYears.projectId, next.id), eq(projectYears.year, planYear)))
  for (const [i, planWan] of next.monthlyPlanWan.entries()) {
    if (planWan === before.monthlyPlanWan[i]) continue
    await tx
      .update(monthlyPlans)
      .set({ planWan })
      .where(and(eq(monthlyPlans.projectId, next.id), eq(monthlyPlans.year, planYear), eq(monthlyPlans.month, i + 1)))
  }
  // Its twelve judged rows again; the monthly totals move from the old zone to the new one if it changed.
  await refreshProjectReadModel(tx, next.id, planYear)
}

/**
 * Store projects of the closed year carried into the next year's list (src/domain/ledger.ts: carryIntoYear):
 * what does not change with the year is updated, the new year's fields, plans and judged rows are added.
 * The closed year's rows are left as they were.
 */
export async function storeCarriedProjects(tx: Tx, carried: readonly ProjectRecord[], now: Date, planYear: number) {
  if (carried.length === 0) return
  for (const record of carried) await updateProjectRow(tx, record, now)
  const names = await tx.select({ id: projects.id, name: projects.name }).from(projects)
  const renamed = new Map(carried.map((c) => [c.id, c.name]))
  const ranks = rankNames(names.map((n) => ({ id: n.id, name: renamed.get(n.id) ?? n.name })))
  await insertPlanYear(tx, carried, planYear, ranks)
  await addToMonthlyTotals(tx, carried, planYear)
}

/** What does not change with the year: the projects row. */
async function updateProjectRow(tx: Tx, next: ProjectRecord, now: Date) {
  await tx
    .update(projects)
    .set({
      name: next.name,
      searchText: searchTextOf(next),
      zoneId: next.zoneId,
      focusArea: next.focusArea,
      investmentType: next.investmentType,
      ownerUnit: next.ownerUnit,
      responsibleUnit: next.responsibleUnit,
      totalInvestmentWan: next.totalInvestmentWan,
      plannedStartDate: next.plannedStartDate,
      plannedCompletionDate: next.plannedCompletionDate,
      version: next.version,
      updatedAt: now,
    })
    .where(eq(projects.id, next.id))
}

/** Store new projects (with their judged rows), then their zones' monthly totals; the caller re-ranks names once. */
export async function storeNewProjects(tx: Tx, records: readonly ProjectRecord[], planYear: number) {
  if (records.length === 0) return
  // The new rows are written with their places in zh-CN order; the caller's re-rank then moves only the others.
  const names = await tx.select({ id: projects.id, name: projects.name }).from(projects)
  await insertProjects(tx, records, planYear, rankNames([...names, ...records]))
  await addToMonthlyTotals(tx, records, planYear)
}
