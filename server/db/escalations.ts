import { effectiveConfidence } from '@/domain/forecast-report'
import type { Confidence } from '@/contract/reports'
import { eq, sql } from 'drizzle-orm'
import type { LagClass } from '@/contract'
import type { Escalation } from '@/contract/escalation'
import type { AuditInput } from '../audit'
import { chinaDate } from '@/domain/calendar'
import {
  escalationEvidence,
  escalationOf,
  shouldPropose,
  type EscalationRule,
  type StoredEscalation,
} from '@/domain/escalation'
import { noticeTexts } from '@/domain/notifications'
import { notify } from '../notify/notices'
import type { Db } from './handle'
import { projectEscalations } from './schema'
import type { Tx } from './versioned-write'

/**
 * 挂牌督办 in the database (decision 76): the rule evaluated when a month is published, inside the publication's
 * transaction, and the escalation of one project as the answers and the staff's writes read it. The rule itself
 * is the domain's (src/domain/escalation.ts); SQL only narrows the projects it is asked about.
 */

type Executor = Pick<Db, 'execute'> | Tx
const rowsOf = async <T>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(query)) as unknown as { rows: T[] }).rows
const yearMonth = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`

type AuditOf = Omit<AuditInput, 'at' | 'actor' | 'address'>

/**
 * Evaluate the rule for every project of the open year's list at the month just published (`month` of `year`):
 * propose 挂牌 where it holds and the project is not proposed or listed already, nor settled on this evidence
 * (shouldPropose). Idempotent: a second run at the same month proposes nothing more. The staff are told in one
 * notice. Returns the audit entries of the proposals (the publication writes them with its own).
 */
export async function proposeEscalations(
  tx: Tx,
  at: { year: number; month: number; now: Date; rule: EscalationRule; outbound: boolean },
): Promise<AuditOf[]> {
  const { year, month, rule } = at
  const first = Math.max(1, month - rule.severeMonths + 1)
  // Candidates: 严重滞后 in the month just published, or an approved report of the year with a 完成信心 of 低 (either rating).
  const candidates = await rowsOf<{ project_id: string; name: string }>(
    tx,
    sql`select p.id as project_id, p.name from projects p
        where p.retired_at is null and exists(select 1 from project_years y where y.project_id = p.id and y.year = ${year})
          and (exists(select 1 from project_month_status s where s.year = ${year} and s.month = ${month} and s.project_id = p.id and s.lag_class = 'severe')
            or exists(select 1 from monthly_reports r where r.project_id = p.id and r.year = ${year} and r.month <= ${month}
                      and r.status = 'approved' and 'low' in (r.confidence, r.commission_confidence)))
        order by p.id`,
  )
  if (candidates.length === 0) return []
  const ids = candidates.map((c) => c.project_id)
  const idList = sql.join(ids.map((id) => sql`${id}`), sql`, `)
  const published = (await rowsOf<{ month: number }>(tx, sql`select month::int as month from month_publications where year = ${year}`)).map((r) => Number(r.month))
  const classes = await rowsOf<{ project_id: string; month: number; lag_class: LagClass }>(
    tx,
    sql`select project_id, month::int as month, lag_class from project_month_status
        where year = ${year} and month between ${first} and ${month} and project_id in (${idList})`,
  )
  const reports = await rowsOf<{ project_id: string; month: number; confidence: string | null; commission_confidence: string | null }>(
    tx,
    sql`select project_id, month::int as month, confidence, commission_confidence from monthly_reports
        where year = ${year} and month <= ${month} and status = 'approved' and project_id in (${idList})
          and (confidence is not null or commission_confidence is not null)`,
  )
  const stored = await rowsOf<{ project_id: string; status: StoredEscalation['status']; settled_through: string | null }>(
    tx,
    sql`select project_id, status, settled_through from project_escalations where project_id in (${idList}) for update`,
  )
  const classesOf = new Map<string, (LagClass | null)[]>()
  for (const row of classes) {
    const list = classesOf.get(row.project_id) ?? new Array<LagClass | null>(12).fill(null)
    list[Number(row.month) - 1] = row.lag_class
    classesOf.set(row.project_id, list)
  }
  const lowOf = new Map<string, number[]>()
  for (const row of reports) {
    if (effectiveConfidence({ confidence: row.confidence as Confidence | null, commissionConfidence: row.commission_confidence as Confidence | null }) !== 'low') continue
    lowOf.set(row.project_id, [...(lowOf.get(row.project_id) ?? []), Number(row.month)])
  }
  const storedOf = new Map(stored.map((r) => [r.project_id, { status: r.status, settledThrough: r.settled_through }]))

  const since = chinaDate(at.now)
  const audits: AuditOf[] = []
  const proposedNames: string[] = []
  for (const { project_id: projectId, name } of candidates) {
    const evidence = escalationEvidence(
      { year, publishedMonth: month, publishedMonths: published, classes: classesOf.get(projectId) ?? [], lowConfidenceMonths: lowOf.get(projectId) ?? [] },
      rule,
    )
    const current = storedOf.get(projectId) ?? null
    if (!evidence || !shouldPropose(current, evidence)) continue
    await tx.execute(sql`
      insert into project_escalations (project_id, status, since, rule, evidence_month, reason, settled_through, version, updated_at, updated_by)
      values (${projectId}, 'proposed', ${since}, ${evidence.rule}, ${evidence.month}, null, null, 1, ${at.now.toISOString()}::timestamptz, null)
      on conflict (project_id) do update set status = 'proposed', since = excluded.since, rule = excluded.rule,
        evidence_month = excluded.evidence_month, reason = null, version = project_escalations.version + 1,
        updated_at = excluded.updated_at, updated_by = null`)
    audits.push({
      action: 'escalation.propose',
      target: projectId,
      month: yearMonth(year, month),
      changes: [{ field: 'escalation', before: current?.status ?? null, after: 'proposed' }],
      reason: evidence.rule,
    })
    proposedNames.push(name)
  }
  if (proposedNames.length > 0)
    await notify(
      tx,
      { kind: 'escalation-proposed', at: at.now, text: noticeTexts.escalationProposed(yearMonth(year, month), proposedNames), link: '/projects?escalation=proposed', to: { roles: ['staff'] } },
      at.outbound,
    )
  return audits
}

/** A project's escalation as the answers carry it (never proposed: NO_ESCALATION's shape, version 0). */
export async function escalationOfProject(db: Pick<Db, 'select'> | Tx, projectId: string): Promise<Escalation> {
  const [row] = await db.select().from(projectEscalations).where(eq(projectEscalations.projectId, projectId))
  return escalationOf(row)
}
