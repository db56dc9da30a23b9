import type { ProjectRecord } from '@/contract'
import type { Confidence, Report, ReportDraftFields } from '@/contract/reports'
import { CONFIDENCE_LABELS } from './labels'

/**
 * The owner's forecast in a monthly report (issue 27 §1, decision 74): 全年预计完成投资, 预计完工日期 for a
 * project due to finish this year or next, and 完成信心 with its reason. When each is required, and which
 * 完成信心 counts, once: the server checks with these at submit and on Excel import, the form shows them.
 */

/**
 * The deployment's report checks (env FORECAST_REQUIRED_FROM, FLAG_AMOUNT_RATIO, FLAG_PROGRESS_JUMP_POINTS):
 * from which month of the year the forecast is required at submit, and the thresholds of 需核实
 * (src/domain/report-flags.ts).
 */
export type ReportChecks = {
  /** The forecast fields are required at submit from this month (1–12) of the report's year. */
  forecastRequiredFrom: number
  /** 需核实 when a month's amount is more than this many times the project's largest approved month this year. */
  flagAmountRatio: number
  /** 需核实 when 形象进度 rises by more than this many points over the previous month's. */
  flagProgressJumpPoints: number
}

export const DEFAULT_REPORT_CHECKS: ReportChecks = { forecastRequiredFrom: 6, flagAmountRatio: 3, flagProgressJumpPoints: 30 }

/** Whether a report of this month (1–12) must carry the forecast at submit. */
export const forecastRequired = (month: number, checks: Pick<ReportChecks, 'forecastRequiredFrom'>) => month >= checks.forecastRequiredFrom

/** The levels that need a sentence of reason: 中 and lower. */
export const REASON_NEEDED_LEVELS: readonly Confidence[] = ['medium', 'fairly-low', 'low']
export const confidenceNeedsReason = (confidence: Confidence | null | undefined) => !!confidence && REASON_NEEDED_LEVELS.includes(confidence)

export type CompletionSchedule = Pick<ProjectRecord, 'plannedCompletionDate' | 'buildEndYear' | 'actualCompletionDate'>

/**
 * Whether 预计完工日期 is asked of a project in a year: not yet completed, and due to finish this year or
 * next by its planned completion date or its 建设年限 (whichever is earlier). A project already late (its
 * planned date passed) is asked too: when it will finish is the question.
 */
export function asksCompletionDate(project: CompletionSchedule, year: number): boolean {
  if (project.actualCompletionDate !== null) return false
  const plannedYear = Number(project.plannedCompletionDate.slice(0, 4))
  return Math.min(plannedYear, project.buildEndYear) <= year + 1
}

/** What a report of one month and project must carry at submit. */
export type ForecastNeed = { required: boolean; completionDate: boolean }
export const NO_FORECAST_NEED: ForecastNeed = { required: false, completionDate: false }

export function forecastNeedOf(month: number, checks: Pick<ReportChecks, 'forecastRequiredFrom'>, project: CompletionSchedule | null, year: number): ForecastNeed {
  const required = forecastRequired(month, checks)
  return { required, completionDate: required && project !== null && asksCompletionDate(project, year) }
}

export const FORECAST_FIELD_LABELS = {
  forecastYearWan: '全年预计完成投资（万元）',
  forecastCompletionDate: '预计完工日期',
  confidence: '完成信心',
  confidenceReason: '信心说明',
  commissionConfidence: '发改委评定的完成信心',
  commissionConfidenceReason: '发改委评定理由',
} as const

/**
 * Field → message for each forecast field a report lacks at submit (empty when none): the three fields
 * when the month requires them (预计完工日期 only when asked), and the reason whenever the confidence
 * given is 中 or lower — before the required month too, since a low confidence without a reason says nothing.
 */
export function missingForecastFields(
  fields: Pick<ReportDraftFields, 'forecastYearWan' | 'forecastCompletionDate' | 'confidence' | 'confidenceReason'>,
  need: ForecastNeed,
): Record<string, string> {
  const missing: Record<string, string> = {}
  if (need.required && fields.forecastYearWan === null) missing.forecastYearWan = `请填写${FORECAST_FIELD_LABELS.forecastYearWan}`
  if (need.completionDate && fields.forecastCompletionDate === null) missing.forecastCompletionDate = '请填写预计完工日期（本年或明年完工的项目）'
  if (need.required && fields.confidence === null) missing.confidence = '请选择完成信心'
  if (confidenceNeedsReason(fields.confidence) && !fields.confidenceReason?.trim()) {
    missing.confidenceReason = `完成信心为“${CONFIDENCE_LABELS[fields.confidence!]}”时，请用一句话说明原因（信心说明）`
  }
  return missing
}

/**
 * The 完成信心 that counts: the commission's own rating when staff gave one, else the owner's (null: none).
 * What the dashboard ranks by and the escalation rule reads.
 */
export function effectiveConfidence(report: Pick<Report, 'confidence' | 'commissionConfidence'>): Confidence | null {
  return report.commissionConfidence ?? report.confidence
}

/** Where the commission may give its rating: a report the owner has submitted (under review or approved). */
export function commissionConfidenceProblem(current: Pick<Report, 'status'> | null): string | null {
  if (!current) return '该月尚无月报，不能评定完成信心'
  if (current.status === 'submitted' || current.status === 'approved') return null
  return current.status === 'draft' ? '月报尚未提交，不能评定完成信心' : '月报已退回，待业主单位重新提交后再评定完成信心'
}

/** The report with the commission's rating (a new version; the owner's content and its last editor unchanged). */
export function applyCommissionConfidence(before: Report, confidence: Confidence, reason: string): Report {
  return { ...before, version: before.version + 1, commissionConfidence: confidence, commissionConfidenceReason: reason.trim() }
}
