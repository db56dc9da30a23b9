import type { LagClass, ProjectDetail, ProjectRecord } from '@/contract'
import { NO_ESCALATION, type Escalation } from '@/contract/escalation'
import { lagStreakMonths } from './escalation'
import { progressAt } from './aggregate'
import { zoneInfo } from './labels'
import { classifyProject } from './rules'
import { provenanceOfRecords } from './provenance'
import { compareZh } from './zh-order'

/**
 * What the API's answers share with the rules: the list's page size and how many projects a 最落后 list
 * shows, zh-CN order and search text (the server stores ranks and texts computed here, SQL having no zh-CN
 * collation), and a project's page made from its record. Every other answer is computed in SQL
 * (server/db/queries.ts); there is no second, in-memory implementation.
 */

export const DEFAULT_PAGE_SIZE = 50
export const MOST_BEHIND_COUNT = 10
/** How many 挂牌督办 projects the overview lists (the rest are a link away: /projects?escalation=listed). */
export const ESCALATED_SHOWN = 5


/**
 * Each id's place in zh-CN order of the names. Equal names share a place, so that ties fall through to the
 * id order like every other sort key. The server stores these places (SQL has no zh-CN collation).
 */
export function rankNames(rows: readonly { id: string; name: string }[]): Map<string, number> {
  const sorted = [...rows].sort((a, b) => compareZh(a.name, b.name))
  const ranks = new Map<string, number>()
  let rank = 0
  sorted.forEach((row, i) => {
    if (i > 0 && compareZh(sorted[i - 1]!.name, row.name) !== 0) rank = i
    ranks.set(row.id, rank)
  })
  return ranks
}

/** Lower-case, width-folded text for search. */
export const normaliseSearch = (s: string) => s.normalize('NFKC').toLowerCase().trim()

/** What 搜索 matches a project on: id, name and both units, folded the same way as the query. */
export function searchTextOf(record: Pick<ProjectRecord, 'id' | 'name' | 'ownerUnit' | 'responsibleUnit'>): string {
  return normaliseSearch(`${record.id} ${record.name} ${record.ownerUnit} ${record.responsibleUnit}`)
}

/** GET /api/projects/:id; null for an unknown id. Judged at the end of `asOfMonth` of `planYear`, the records' year. */
export function buildProjectDetail(
  records: readonly ProjectRecord[],
  projectId: string,
  asOfMonth: number,
  planYear: number,
  /** The months of `planYear` published (for 连续滞后月数) and the project's 挂牌督办 now (decision 76). */
  escalation: { publishedMonths: readonly number[]; escalation: Escalation } = { publishedMonths: [], escalation: NO_ESCALATION },
): Omit<ProjectDetail, 'published'> | null {
  const record = records.find((r) => r.id === projectId)
  if (!record) return null
  // The class of each month as the read model judged it (the same rule), for the run of published months in lag.
  const classes: (LagClass | null)[] = record.retired
    ? []
    : Array.from({ length: asOfMonth }, (_, i) => classifyProject(record, i + 1, planYear).lagClass)
  return {
    ...record,
    zoneName: zoneInfo(record.zoneId).name,
    planYear,
    asOfMonth,
    status: classifyProject(record, asOfMonth, planYear),
    progress: progressAt(record, asOfMonth),
    provenance: provenanceOfRecords([record]),
    // The server adds the catch-up and the forecasts (they need the district's pattern and the reports' forecasts).
    catchUp: null,
    forecast: null,
    // The server adds the 前期手续 a 应开未开 project lacks (decision 80).
    missingApprovals: [],
    lagStreakMonths: lagStreakMonths(classes, escalation.publishedMonths, asOfMonth),
    escalation: escalation.escalation,
  }
}
