import type { LagClass } from '@/contract'
import type { Escalation, EscalationAction } from '@/contract/escalation'

/**
 * Lag that persists is escalated (issue 27 §4; docs/decisions/076-escalation-rule.md):
 * - 连续滞后月数: the published months in a row, ending at the latest published month up to the month in
 *   view, in which the project was judged 滞后 or 严重滞后;
 * - the rule that proposes 挂牌督办, evaluated when a month is published, and the staff's decisions on it.
 * Pure: the server feeds it the judged classes (project_month_status), the publications and the reports.
 */

/** The classes a 连续滞后 month is made of: 滞后 and 严重滞后 (not 未报送, 应开未开 or 已完工: each ends a run). */
export const LAG_STREAK_CLASSES = ['lagging', 'severe'] as const satisfies readonly LagClass[]
const inLag = (lagClass: LagClass | null | undefined) => lagClass === 'lagging' || lagClass === 'severe'

/**
 * 连续滞后月数 at `asOfMonth`: `classes[m - 1]` is the project's class at the end of month m of the plan year
 * (null or missing: not judged that month — not in the list, retired); `publishedMonths` the months published
 * (a withdrawn publication is not one). The run ends at the latest published month ≤ asOfMonth (a month in
 * view that is not published yet adds nothing) and goes back while each month is published and in lag: an
 * unpublished month, a month in another class or a month not judged ends it. Within the plan year only.
 */
export function lagStreakMonths(classes: readonly (LagClass | null)[], publishedMonths: readonly number[], asOfMonth: number): number {
  const published = new Set(publishedMonths)
  let anchor = 0
  for (const m of published) if (m <= asOfMonth && m > anchor) anchor = m
  let streak = 0
  for (let m = anchor; m >= 1; m--) {
    if (!published.has(m) || !inLag(classes[m - 1])) break
    streak++
  }
  return streak
}

/** The settings of the rule (env ESCALATION_SEVERE_MONTHS, ESCALATION_LOW_CONFIDENCE_REPORTS). */
export type EscalationRule = {
  /** This many published months in a row 严重滞后 (ending at the month published) propose 挂牌. */
  severeMonths: number
  /** This many approved reports of the year whose effective 完成信心 is 低 (in any months) propose 挂牌. */
  lowConfidenceReports: number
}
export const DEFAULT_ESCALATION_RULE: EscalationRule = { severeMonths: 3, lowConfidenceReports: 2 }

/** What the rule sees of one project when month `publishedMonth` of `year` is published. */
export type EscalationInput = {
  year: number
  /** The month just published. */
  publishedMonth: number
  /** The months published in the year (the one just published included). */
  publishedMonths: readonly number[]
  /** `classes[m - 1]`: the class at the end of month m (null: not judged). */
  classes: readonly (LagClass | null)[]
  /** Months (≤ publishedMonth) of the year's approved reports whose effective 完成信心 is 低. */
  lowConfidenceMonths: readonly number[]
}

/** Why the rule proposes 挂牌, and the month of its latest evidence ('YYYY-MM'). */
export type EscalationEvidence = { month: string; rule: string }

const yearMonth = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`

/**
 * Whether the rule holds at the month just published, and on what evidence: N published months in a row
 * 严重滞后 ending at that month (its evidence: that month), or K approved reports this year with effective
 * 完成信心 低, consecutive or not (its evidence: the latest such report's month). Both: the later evidence.
 */
export function escalationEvidence(input: EscalationInput, rule: EscalationRule = DEFAULT_ESCALATION_RULE): EscalationEvidence | null {
  const { year, publishedMonth: p } = input
  const published = new Set(input.publishedMonths)
  const reasons: { month: number; rule: string }[] = []
  const n = rule.severeMonths
  if (n >= 1 && p - n + 1 >= 1) {
    let run = true
    for (let m = p - n + 1; m <= p; m++) if (!published.has(m) || input.classes[m - 1] !== 'severe') run = false
    if (run) reasons.push({ month: p, rule: n === 1 ? `${p}月严重滞后` : `${p - n + 1}-${p}月连续${n}个月严重滞后` })
  }
  const low = [...new Set(input.lowConfidenceMonths.filter((m) => m >= 1 && m <= p))].sort((a, b) => a - b)
  if (rule.lowConfidenceReports >= 1 && low.length >= rule.lowConfidenceReports) {
    reasons.push({ month: low.at(-1)!, rule: `${low.length}次月报完成信心为低（${low.map((m) => `${m}月`).join('、')}）` })
  }
  if (reasons.length === 0) return null
  return { month: yearMonth(year, Math.max(...reasons.map((r) => r.month))), rule: `${year}年${reasons.map((r) => r.rule).join('；')}` }
}

/** A project's escalation as stored (server/db/schema.ts project_escalations). */
export type StoredEscalation = {
  status: 'proposed' | 'listed' | 'declined' | 'lifted'
  /** Declined or lifted: the latest month published when the staff decided ('YYYY-MM'); evidence up to it is spent. */
  settledThrough: string | null
}

/**
 * Whether evidence proposes 挂牌 now. Not while proposed or listed (idempotent: publishing a month again adds
 * nothing); after 不予挂牌 or 摘牌, only on evidence from a month published after the decision — a further month
 * 严重滞后 in the run, or a further report with 完成信心 低 — never again on what the staff have already weighed.
 */
export function shouldPropose(current: StoredEscalation | null, evidence: EscalationEvidence | null): boolean {
  if (!evidence) return false
  if (!current) return true
  if (current.status === 'proposed' || current.status === 'listed') return false
  return current.settledThrough === null || evidence.month > current.settledThrough
}

/** Which status each staff action needs, what it leads to, and the words of its audit entry. */
export const ESCALATION_STEPS: Record<EscalationAction, { from: 'proposed' | 'listed'; to: 'listed' | 'declined' | 'lifted'; label: string }> = {
  confirm: { from: 'proposed', to: 'listed', label: '确认挂牌' },
  decline: { from: 'proposed', to: 'declined', label: '不予挂牌' },
  lift: { from: 'listed', to: 'lifted', label: '摘牌' },
}

/** Why a staff action cannot be taken on the escalation as it is (409), or null. */
export function escalationStepProblem(action: EscalationAction, current: Escalation, version: number): { status: 409; code: string; message: string } | null {
  if (version !== current.version) return { status: 409, code: 'version_conflict', message: '挂牌督办状态已被他人修改，请查看当前状态后重试' }
  const step = ESCALATION_STEPS[action]
  if (current.status !== step.from)
    return {
      status: 409,
      code: 'invalid_transition',
      message: step.from === 'proposed' ? `该项目没有待确认的挂牌督办提议，不能${step.label}` : '该项目未挂牌督办，不能摘牌',
    }
  return null
}

/** The answer's escalation from the stored one (declined and lifted show as neither). */
export function escalationOf(row: { status: string; since: string; reason: string | null; rule: string | null; version: number } | null | undefined): Escalation {
  if (!row) return { status: null, since: null, reason: null, rule: null, version: 0 }
  if (row.status === 'proposed') return { status: 'proposed', since: row.since, reason: row.rule, rule: row.rule, version: row.version }
  if (row.status === 'listed') return { status: 'listed', since: row.since, reason: row.reason, rule: row.rule, version: row.version }
  return { status: null, since: null, reason: null, rule: null, version: row.version }
}

/** 连续滞后N个月, or null when not in a run. */
export function lagStreakText(months: number): string | null {
  return months > 0 ? `连续滞后${months}个月` : null
}
