import type { ProjectRecord } from '@/contract'
import type { Report, ReportAction, ReportFields, ReportFlag } from '@/contract/reports'
import type { ReportChecks } from './forecast-report'
import { groupThousands } from './money'

/**
 * 需核实 (issue 27 §5, decision 74): a report that does not look like the project's own pattern is held for
 * a look. Found at submit (typed in or imported), stored on the report, listed first in the review queue;
 * approving such a report needs a confirming comment. Pure: the thresholds come from the deployment.
 */

export const REPORT_FLAG_CODES = ['amount-over-largest', 'amount-over-remaining', 'progress-jump', 'progress-without-amount'] as const
export type ReportFlagCode = (typeof REPORT_FLAG_CODES)[number]

/** What the checks read: the report's figures and the project's approved months of the year. */
export type FlagInput = {
  month: number
  actualWan: number
  progressPercent: number | null
  /** 形象进度 of the latest approved report before this month, else the year-start baseline. */
  previousProgressPercent: number | null
  annualPlanWan: number
  /** Approved 当月完成投资 of the year, by month (null: none approved). */
  monthlyActualWan: readonly (number | null)[]
}

const wan = (v: number) => `${groupThousands(v)} 万元`
const points = (v: number) => String(Math.round(v * 10) / 10)

/** Every 需核实 reason of a report, in the order a reviewer reads them (empty when nothing looks off). */
export function reportFlags(input: FlagInput, checks: Pick<ReportChecks, 'flagAmountRatio' | 'flagProgressJumpPoints'>): ReportFlag[] {
  const flags: ReportFlag[] = []
  const { month, actualWan, progressPercent, previousProgressPercent: previous, annualPlanWan } = input
  // The largest approved month of the year (other than this one): the check needs one with an amount.
  let largest = 0
  let largestMonth = 0
  input.monthlyActualWan.forEach((v, i) => {
    if (i + 1 !== month && v !== null && v > largest) {
      largest = v
      largestMonth = i + 1
    }
  })
  if (largest > 0 && actualWan > largest * checks.flagAmountRatio) {
    flags.push({
      code: 'amount-over-largest',
      message: `当月完成投资 ${wan(actualWan)}，超过本年已审核最大月份（${largestMonth}月 ${wan(largest)}）的 ${checks.flagAmountRatio} 倍`,
    })
  }
  if (annualPlanWan > 0) {
    const before = input.monthlyActualWan.slice(0, month - 1).reduce<number>((sum, v) => sum + (v ?? 0), 0)
    const remaining = annualPlanWan - before
    if (actualWan > remaining && actualWan > 0) {
      flags.push({
        code: 'amount-over-remaining',
        message: `当月完成投资 ${wan(actualWan)}，超过年度计划剩余 ${wan(Math.max(0, remaining))}（年度计划 ${wan(annualPlanWan)}，此前已审核完成 ${wan(before)}）`,
      })
    }
  }
  if (progressPercent !== null && previous !== null) {
    const rise = progressPercent - previous
    if (rise > checks.flagProgressJumpPoints) {
      flags.push({
        code: 'progress-jump',
        message: `形象进度由 ${points(previous)}% 升至 ${points(progressPercent)}%，一个月上升 ${points(rise)} 个百分点（超过 ${checks.flagProgressJumpPoints} 个百分点）`,
      })
    }
    if (actualWan === 0 && rise > 0) {
      flags.push({ code: 'progress-without-amount', message: `当月完成投资为 0，但形象进度由 ${points(previous)}% 升至 ${points(progressPercent)}%` })
    }
  }
  return flags
}

/** The checks' input from a project's record and the report's fields. */
export function flagInputOf(
  record: Pick<ProjectRecord, 'annualPlanWan' | 'monthlyActualWan'>,
  fields: Pick<ReportFields, 'actualWan' | 'progressPercent'>,
  month: number,
  previousProgressPercent: number | null,
): FlagInput {
  return {
    month,
    actualWan: fields.actualWan,
    progressPercent: fields.progressPercent,
    previousProgressPercent,
    annualPlanWan: record.annualPlanWan,
    monthlyActualWan: record.monthlyActualWan,
  }
}

/** Approving a report flagged 需核实 needs a comment confirming it was looked at: the field's message, or null. */
export function flaggedApprovalProblem(action: ReportAction, current: Pick<Report, 'flags'> | null, comment: string | undefined): Record<string, string> | null {
  if (action !== 'approve' || !current || current.flags.length === 0 || comment?.trim()) return null
  return { comment: `该月报需核实（${current.flags.map((f) => f.message).join('；')}），审核通过前请填写确认意见` }
}
