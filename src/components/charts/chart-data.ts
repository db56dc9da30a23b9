import { scheduleRate } from '@/domain/rules'
import { money, moneyUnitFor } from '@/lib/format'

/** The data the charts draw; kept out of the lazily loaded Recharts module so pages can use it for text. */
/** A group's annual plan and its completion 1-N月 (累计完成). */
export type PlanActualDatum = { label: string; planWan: number; cumulativeActualWan: number }

export type MonthlyDatum = {
  month: number
  planWan: number
  actualWan: number | null
  cumulativePlanWan: number
  cumulativeActualWan: number | null
}

/** Plot heights (px), known before the chart code loads so the placeholder keeps the page still. */
export const planActualBarsHeight = (rows: number) => Math.max(200, rows * 46 + 30)
export const MONTHLY_PLOT_HEIGHT = 300
/** A group's annual plan beside the owners' and the computed forecast of its year (decision 75). */
export type ForecastDatum = { label: string; planWan: number; ownerForecastWan: number; computedForecastWan: number }
export const forecastBarsHeight = (rows: number) => Math.max(160, rows * 40 + 30)

/** 序时进度 in 万元 at the end of each month: annual plan × M/12 (the line the headline judges against). */
export function scheduleLine(annualPlanWan: number): number[] {
  return Array.from({ length: 12 }, (_, i) => Math.round(annualPlanWan * scheduleRate(i + 1)))
}

/**
 * The chart in words, for its accessible name: where completion stands against the 序时 line and the
 * monthly plans at the last month with figures.
 */
export function monthlyChartSummary(subject: string, data: readonly MonthlyDatum[], annualPlanWan: number): string {
  const last = [...data].reverse().find((d) => d.cumulativeActualWan !== null)
  if (!last) return `${subject}逐月计划与完成投资图：尚无完成数据`
  const schedule = scheduleLine(annualPlanWan)[last.month - 1] ?? 0
  const unit = moneyUnitFor(last.cumulativeActualWan ?? 0, schedule, last.cumulativePlanWan)
  return (
    `${subject}逐月计划与完成投资图：截至${last.month}月累计完成${money(last.cumulativeActualWan ?? 0, unit)}，` +
    `序时进度线${money(schedule, unit)}，分月计划累计${money(last.cumulativePlanWan, unit)}`
  )
}
