import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { LagClass, ProjectListItem } from '@/contract'
import type { Bulletin, BulletinContent, BulletinList } from '@/contract/bulletins'
import { bulletinNumber, type BulletinSettings } from '@/domain/bulletin'
import { chinaDate } from '@/domain/calendar'
import { monthEnd } from '@/domain/milestones'
import type { Database, Db } from './handle'
import { overdueProblemsOn } from './overdue-problems'
import { projectListOf, summaryOf } from './queries'
import { BULLETIN_CATCH_UP_ROWS } from '@/lib/bulletin-text'
import { bulletins } from './schema'
import { listApprovalKinds } from './approvals'
import { missingApprovalCounts } from '@/domain/approvals'

/**
 * The issued bulletins (docs/decisions/064): publishing a month issues its bulletin in the same transaction —
 * what it shows, as it stands then, stored with a 文号 numbered in order of issue within the year of issue.
 * Withdrawing the publication marks it withdrawn (kept; its 文号 is never reused); publishing again issues anew.
 */

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

const yearMonth = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`

/** The queries of server/db/queries.ts on a transaction: one connection, so one query after another. */
function onTransaction(tx: Tx): Database {
  let queue: Promise<unknown> = Promise.resolve()
  const rows = <T>(statement: SQL): Promise<T[]> => {
    const next = queue.then(async () => ((await tx.execute(statement)) as unknown as { rows: T[] }).rows)
    queue = next.catch(() => undefined)
    return next
  }
  const self: Database = {
    db: tx as unknown as Db,
    kind: 'embedded',
    rows,
    ping: () => Promise.resolve(true),
    close: () => Promise.resolve(),
    snapshot: (read) => read(self),
  }
  return self
}

/** Pages of this many rows are read for a list. */
const LIST_PAGE_ROWS = 1000

/**
 * What a month's bulletin shows, from the data as it stands: the summary, the 严重滞后, 滞后, 应开未开 and
 * 未报送 lists (largest shortfall first) and the problems overdue at the month's end. District-wide.
 */
export async function bulletinContentOf(database: Database, planYear: number, month: number, latestReportMonth: number): Promise<BulletinContent> {
  const listOf = async (status: LagClass[] | undefined, escalation?: 'listed') => {
    const items: ProjectListItem[] = []
    for (let page = 1; ; page++) {
      const list = await projectListOf(database, { status, escalation, sort: 'shortfall', order: 'desc', page, pageSize: LIST_PAGE_ROWS }, month, planYear)
      items.push(...list.items)
      if (items.length >= list.total || list.items.length === 0) return items
    }
  }
  const notStarted = await listOf(['not-started'])
  return {
    summary: await summaryOf(database, month, { planYear, latestReportMonth }),
    severe: await listOf(['severe']),
    lagging: await listOf(['lagging']),
    notStarted,
    // 应开未开5个：其中施工许可未取得3个… (decision 80).
    notStartedApprovals: missingApprovalCounts(notStarted, await listApprovalKinds(database.db)),
    notReported: await listOf(['not-reported']),
    // 挂牌督办 as it stands when the bulletin is issued (decision 76).
    escalated: await listOf(undefined, 'listed'),
    problems: await overdueProblemsOn(database.db, monthEnd(planYear, month)).then(({ items, total, asOfDate }) => ({ items, total, asOfDate })),
    // 冲刺: the hardest to land first (no best month hardest); projects without a catch-up sort last and are left out.
    catchUp: (await projectListOf(database, { sort: 'catchUpRatio', order: 'desc', pageSize: BULLETIN_CATCH_UP_ROWS }, month, planYear)).items.filter((i) => i.catchUp !== null),
  }
}

/** Issue the bulletin of a month just published (inside the publication's transaction); its 文号 is returned. */
export async function issueBulletin(tx: Tx, at: { year: number; month: number; now: Date; by: string | null; settings: BulletinSettings }): Promise<string> {
  // One issuer at a time: the next number is read and taken under this lock.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('bulletin-numbers'))`)
  const issuedDate = chinaDate(at.now)
  const issueYear = Number(issuedDate.slice(0, 4))
  const [last] = await tx.select({ seq: sql<number>`coalesce(max(${bulletins.seq}), 0)::int` }).from(bulletins).where(eq(bulletins.issueYear, issueYear))
  const seq = Number(last?.seq ?? 0) + 1
  const number = bulletinNumber(at.settings.numberFormat, issueYear, seq)
  const content = await bulletinContentOf(onTransaction(tx), at.year, at.month, at.month)
  await tx.insert(bulletins).values({
    year: at.year,
    month: at.month,
    issueYear,
    seq,
    number,
    issuedAt: at.now,
    issuedDate,
    issuedBy: at.by,
    mainTo: at.settings.mainTo,
    copyTo: at.settings.copyTo,
    issuer: at.settings.issuer,
    snapshot: content,
  })
  return number
}

/** Withdraw a month's bulletin in force with its publication (inside that transaction); its 文号, or null when it had none. */
export async function withdrawBulletin(tx: Tx, at: { year: number; month: number; now: Date; by: string; reason: string }): Promise<string | null> {
  const rows = await tx
    .update(bulletins)
    .set({ withdrawnAt: at.now, withdrawnBy: at.by, withdrawnReason: at.reason })
    .where(and(eq(bulletins.year, at.year), eq(bulletins.month, at.month), isNull(bulletins.withdrawnAt)))
    .returning({ number: bulletins.number })
  return rows[0]?.number ?? null
}

/**
 * Every published month without a bulletin in force gets one, oldest month first, dated its publication: the
 * months the seed publishes, the closing year's months published when the next year opens, and those a database
 * published before bulletins were issued (migration 0007), at the first start after the upgrade.
 */
export async function issueMissingBulletins(db: Db, settings: BulletinSettings): Promise<number> {
  const run = async (tx: Tx) => {
    const missing = (await tx.execute(sql`
      select p.year, p.month, p.published_at, p.published_by from month_publications p
      where not exists (select 1 from bulletins b where b.year = p.year and b.month = p.month and b.withdrawn_at is null)
      order by p.year, p.month`)) as unknown as { rows: { year: number; month: number; published_at: string | Date; published_by: string | null }[] }
    for (const row of missing.rows) {
      await issueBulletin(tx, { year: Number(row.year), month: Number(row.month), now: new Date(row.published_at), by: row.published_by, settings })
    }
    return missing.rows.length
  }
  return db.transaction(run)
}

/** Every bulletin issued, the latest month first (a month's withdrawn ones after the one in force). */
export async function bulletinListOf(db: Pick<Db, 'select'>): Promise<BulletinList> {
  const rows = await db
    .select({
      year: bulletins.year,
      month: bulletins.month,
      number: bulletins.number,
      issuedAt: bulletins.issuedAt,
      issuedDate: bulletins.issuedDate,
      issuedBy: bulletins.issuedBy,
      withdrawnAt: bulletins.withdrawnAt,
      withdrawnReason: bulletins.withdrawnReason,
    })
    .from(bulletins)
    .orderBy(desc(bulletins.year), desc(bulletins.month), desc(bulletins.id))
  return {
    items: rows.map((r) => ({
      month: yearMonth(r.year, r.month),
      number: r.number,
      issuedAt: r.issuedAt.toISOString(),
      issuedDate: r.issuedDate,
      issuedBy: r.issuedBy,
      withdrawn: r.withdrawnAt !== null,
      withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
      withdrawnReason: r.withdrawnReason,
    })),
  }
}

/** A month's bulletin in force, as issued; null when it has none. */
export async function issuedBulletinOf(db: Pick<Db, 'select'>, year: number, month: number): Promise<Bulletin | null> {
  const [row] = await db
    .select()
    .from(bulletins)
    .where(and(eq(bulletins.year, year), eq(bulletins.month, month), isNull(bulletins.withdrawnAt)))
    .orderBy(asc(bulletins.id))
    .limit(1)
  if (!row) return null
  return {
    month: yearMonth(row.year, row.month),
    status: 'issued',
    number: row.number,
    issuedAt: row.issuedAt.toISOString(),
    issuedDate: row.issuedDate,
    issuedBy: row.issuedBy,
    mainTo: row.mainTo,
    copyTo: row.copyTo,
    issuer: row.issuer,
    content: row.snapshot as BulletinContent,
  }
}

/** A month in progress as its bulletin would read now: the staff's draft (征求意见稿), no 文号. */
export async function draftBulletinOf(database: Database, year: number, month: number, latestReportMonth: number, settings: BulletinSettings): Promise<Bulletin> {
  return {
    month: yearMonth(year, month),
    status: 'draft',
    number: null,
    issuedAt: null,
    issuedDate: null,
    issuedBy: null,
    mainTo: settings.mainTo,
    copyTo: settings.copyTo,
    issuer: settings.issuer,
    content: await bulletinContentOf(database, year, month, latestReportMonth),
  }
}
