import { eq, isNull, sql } from 'drizzle-orm'
import { RULES_VERSION } from '@/domain/rules'
import type { Db } from './client'
import { planYearOf } from './plan-year'
import { projectRecordsWhere } from './queries'
import { meta, projectMonthStatus, projectYears, projects } from './schema'
import { RULES_VERSION_KEY, bumpDataVersion, insertChunkedStatus, refreshNameRanks } from './write'

/**
 * The judged read model stores each project's judgement per month (class, gap, rule text). When the rules
 * change (RULES_VERSION), a database written by an older release is re-judged once at start, in one
 * transaction under the seed lock: readers see the old judgements or the new ones, never a mix.
 */
export async function rejudgeIfRulesChanged(db: Db): Promise<'current' | 'rejudged'> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(20240204)`)
    const [row] = await tx.select({ value: meta.value }).from(meta).where(eq(meta.key, RULES_VERSION_KEY))
    // Only forward: an older release restarting beside a newer one (a rolling deploy) leaves newer judgements alone.
    if (row && row.value.localeCompare(RULES_VERSION, 'en', { numeric: true }) >= 0) return 'current' as const
    // No write while the rows are re-made (writers lock a project row first; plain reads go on).
    await tx.execute(sql`lock table projects in exclusive mode`)
    await tx.delete(projectMonthStatus)
    // Every plan year's list, the closed ones too: a closed year is judged by the same rules as the open one.
    // A project retired since a year closed stays in that year's figures, as it was reported then.
    const open = await planYearOf(tx)
    const years = await tx.selectDistinct({ year: projectYears.year }).from(projectYears).orderBy(projectYears.year)
    for (const { year } of years) {
      const records = await projectRecordsWhere({ db: tx }, year === open ? isNull(projects.retiredAt) : sql`true`, year)
      await insertChunkedStatus(tx, year === open ? records : records.map((r) => ({ ...r, retired: null })), year)
    }
    // Plans and reports are unchanged, so the monthly totals are too; only the ranks live in the re-made rows.
    await refreshNameRanks(tx)
    await markRulesVersion(tx)
    await bumpDataVersion(tx)
    return 'rejudged' as const
  })
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/** Record that the read model was judged by this release's rules. */
async function markRulesVersion(tx: Tx) {
  await tx
    .insert(meta)
    .values({ key: RULES_VERSION_KEY, value: RULES_VERSION })
    .onConflictDoUpdate({ target: meta.key, set: { value: RULES_VERSION, updatedAt: sql`now()` } })
}
