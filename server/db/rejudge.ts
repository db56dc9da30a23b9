import { eq, isNull, sql } from 'drizzle-orm'
import { RULES_VERSION } from '@/domain/rules'
import type { Db } from './handle'
import { planYearOf } from './plan-year'
import { projectRecordsWhere } from './queries'
import { meta, projectMonthStatus, projects } from './schema'
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
    // The open year only. A closed year keeps the judgements it was reported and closed with: its figures are
    // a record (re-judging it would also move projects retired or re-zoned since into or out of its lists).
    const open = await planYearOf(tx)
    await tx.delete(projectMonthStatus).where(eq(projectMonthStatus.year, open))
    await insertChunkedStatus(tx, await projectRecordsWhere({ db: tx }, isNull(projects.retiredAt), open), open)
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
