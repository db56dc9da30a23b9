import { REPORT_PLAN_YEAR, type InvestmentType } from '@/contract'
import { yiToWan } from './money'

/**
 * The figures of the district's 2024 plan report (FACTS §1), as integer 万元. The demo dataset is built
 * so that these reconcile exactly; the UI uses them to speak of a total in the report's own words.
 */
export const REPORT_FIGURES = {
  planYear: REPORT_PLAN_YEAR,
  projectCount: 132,
  totalInvestmentWan: yiToWan(2391),
  annualPlanWan: yiToWan(277.08),
  byInvestmentType: {
    government: { projectCount: 77, annualPlanWan: yiToWan(124.4) },
    social: { projectCount: 46, annualPlanWan: yiToWan(85.7) },
    joint: { projectCount: 1, annualPlanWan: yiToWan(1) },
    // Not in the report: 132 − 124 projects and 277.08 − 211.1 亿元, derived by subtraction (推算).
    unclassified: { projectCount: 8, annualPlanWan: yiToWan(65.98) },
  } satisfies Record<InvestmentType, { projectCount: number; annualPlanWan: number }>,
} as const

/** The report's words for its district totals: it says 约, and gives 2391 and 277.08 at that precision. */
const REPORT_WORDING = { totalInvestmentWan: '约2391亿元', annualPlanWan: '约277.08亿元' } as const

/**
 * A district total in the report's words when the figure is exactly the report's (the whole district,
 * the report's year), else null and the caller shows the computed figure as usual.
 */
export function asReported(
  figure: keyof typeof REPORT_WORDING,
  value: { planYear: number; projectCount: number; totalInvestmentWan: number; annualPlanWan: number },
): string | null {
  const isReportScope = value.planYear === REPORT_FIGURES.planYear && value.projectCount === REPORT_FIGURES.projectCount
  return isReportScope && value[figure] === REPORT_FIGURES[figure] ? REPORT_WORDING[figure] : null
}

/** Whether the project count is the report's (132 in 2024). */
export const isReportedProjectCount = (value: { planYear: number; projectCount: number }) =>
  value.planYear === REPORT_FIGURES.planYear && value.projectCount === REPORT_FIGURES.projectCount
