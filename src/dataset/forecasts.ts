import type { ProjectRecord } from '@/contract'
import type { Confidence, Report } from '@/contract/reports'
import { DEFAULT_REPORT_CHECKS, asksCompletionDate, confidenceNeedsReason } from '@/domain/forecast-report'
import { createRandom } from './random'

/**
 * The demo's simulated owner forecasts (issue 27, decision 74): each simulated approved report from the
 * month the forecast is required (6月) carries a 全年预计完成投资 near the project's own pace, a 完成信心
 * read off that forecast against the plan, a reason when it is 中 or lower, and a 预计完工日期 where one
 * is asked. Most owners forecast their pace; about one in six forecasts the plan whatever the pace (the
 * optimist the computed forecast is there to catch); about one in ten is gloomier than its pace. Drawn
 * from a generator of each project's own, seeded by its id: the dataset's other draws, and every amount
 * and figure FACTS.md reconciles, stay exactly as they were. Labelled 模拟 like every simulated report.
 */

export type SimulatedForecast = Pick<Report, 'forecastYearWan' | 'forecastCompletionDate' | 'confidence' | 'confidenceReason'>

/** The month simulated forecasts start from: the default month the forecast is required from. */
export const SIMULATED_FORECAST_FROM = DEFAULT_REPORT_CHECKS.forecastRequiredFrom

const REASONS = [
  '征地拆迁进度慢于预期，影响后续施工',
  '项目资金到位不足，部分标段推迟实施',
  '施工许可办理滞后，主体工程开工推迟',
  '设计变更待批复，部分工程暂缓',
  '雨季影响土石方施工，工期有所延后',
  '管线迁改协调难度大，进度受影响',
] as const

/** A stable number from a project id (FNV-1a): the seed of its own draws. */
function seedOf(id: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** The level a forecast earns against the year's plan. */
function confidenceOf(forecast: number, plan: number): Confidence {
  if (plan <= 0) return 'fairly-high'
  const ratio = forecast / plan
  return ratio >= 1 ? 'high' : ratio >= 0.9 ? 'fairly-high' : ratio >= 0.75 ? 'medium' : ratio >= 0.6 ? 'fairly-low' : 'low'
}

const LEVELS: readonly Confidence[] = ['high', 'fairly-high', 'medium', 'fairly-low', 'low']
const lower = (level: Confidence): Confidence => LEVELS[Math.min(LEVELS.length - 1, LEVELS.indexOf(level) + 1)]!

/** YYYY-MM-DD moved on by whole months (to the month's last day when the day does not exist in it). */
function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/**
 * The simulated forecast of a simulated project's approved report of `month` (null: before 6月, or no
 * report that month). Deterministic: the same record and month give the same forecast on every run.
 */
export function simulatedForecast(record: ProjectRecord, month: number, planYear: number): SimulatedForecast | null {
  if (!record.simulated || month < SIMULATED_FORECAST_FROM || record.monthlyActualWan[month - 1] == null) return null
  const rng = createRandom(seedOf(record.id))
  const temper = rng.next()
  const wobble = rng.between(0.95, 1.08)
  const reason = rng.pick(REASONS)
  const slip = rng.int(2, 6)
  const cumulative = record.monthlyActualWan.slice(0, month).reduce<number>((sum, v) => sum + (v ?? 0), 0)
  const plan = record.annualPlanWan
  const finished = record.actualCompletionDate !== null && record.actualCompletionDate <= `${planYear}-${String(month).padStart(2, '0')}-31`
  // The pace: what the months so far add up to by December (a finished project's is what it did).
  const pace = finished ? cumulative : Math.round((cumulative / month) * 12 * wobble)
  let forecast = Math.max(cumulative, pace)
  let confidence = confidenceOf(forecast, plan)
  if (!finished && temper < 0.16 && plan > forecast) {
    // The optimist: the plan, whatever the pace, and high confidence.
    forecast = plan
    confidence = 'high'
  } else if (!finished && temper > 0.9) {
    // The gloomy owner: below its pace, one level lower.
    forecast = Math.max(cumulative, Math.round(forecast * 0.85))
    confidence = lower(confidenceOf(forecast, plan))
  }
  const date =
    !finished && asksCompletionDate(record, planYear)
      ? confidence === 'fairly-low' || confidence === 'low'
        ? addMonths(record.plannedCompletionDate, slip)
        : record.plannedCompletionDate
      : null
  return {
    forecastYearWan: forecast,
    forecastCompletionDate: date,
    confidence,
    confidenceReason: confidenceNeedsReason(confidence) ? (cumulative === 0 ? '项目尚未开工，全年投资难以按计划完成' : reason) : null,
  }
}
