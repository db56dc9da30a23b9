import { z } from 'zod'
import { AsOfSchema, MonthSchema, YearMonthSchema } from './calendar'
import { ProvenanceSchema, WanSchema } from './project'
import { ZoneIdSchema } from './vocabulary'

/**
 * Will the year land (issue 27, decision 75): GET /api/forecast — the annual plan, the approved actual, the owners'
 * forecast and the computed forecast of the district and of each zone, with the catch-up each needs.
 */

/** Query of GET /api/forecast: the as-of month (default: the latest published) and, optionally, one zone. */
export const ForecastQuerySchema = z.strictObject({ asOf: AsOfSchema.optional(), zone: ZoneIdSchema.optional() })

/** A group's 冲刺: the plan left per remaining month against the average of what the last three months delivered. */
export const GroupCatchUpSchema = z.object({
  neededPerMonthWan: WanSchema,
  /** The average approved actual of the as-of month and the two before it (fewer early in the year). */
  recentMonthlyAverageWan: WanSchema,
  /** The need ÷ that average, to 0.01; null when they delivered nothing. */
  ratio: z.number().nonnegative().nullable(),
})
export type GroupCatchUp = z.infer<typeof GroupCatchUpSchema>

/** The figures of a group; every amount is the sum of the projects' whole 万元, so the zones add up to the district. */
export const ForecastFiguresSchema = z.object({
  projectCount: z.number().int().nonnegative(),
  planWan: WanSchema,
  /** Approved actual 1-N月. */
  actualWan: WanSchema,
  /** Σ each project's latest approved 全年预计; a project without one counts its plan (a finished one its actual). */
  ownerForecastWan: WanSchema,
  /** Σ each project's forecast from its own pace and the district's monthly pattern. */
  computedForecastWan: WanSchema,
  /** Projects that gave no 全年预计 up to the as-of month (counted at their plan in ownerForecastWan). */
  withoutOwnerForecastCount: z.number().int().nonnegative(),
  /** Projects marked 预计偏乐观. */
  optimisticCount: z.number().int().nonnegative(),
  /** Null when the plan is reached or no month is left. */
  catchUp: GroupCatchUpSchema.nullable(),
})
export type ForecastFigures = z.infer<typeof ForecastFiguresSchema>

export const ForecastZoneSchema = ForecastFiguresSchema.extend({ zoneId: ZoneIdSchema, name: z.string() })
export type ForecastZone = z.infer<typeof ForecastZoneSchema>

export const ForecastSchema = ForecastFiguresSchema.extend({
  /** The as-of month, `YYYY-MM`. */
  asOf: YearMonthSchema,
  planYear: z.number().int(),
  asOfMonth: MonthSchema,
  /** Whether the as-of month is published (staff alone may read a month in progress: false, 未发布). */
  published: z.boolean(),
  /** The asked zone alone when `zone` is given; else every zone, 跨片区/全区 included. */
  byZone: z.array(ForecastZoneSchema),
  /** The district's monthly pattern the computed forecasts used: twelve shares adding up to 1. */
  pattern: z.object({
    source: z.enum(['closed-years', 'plan', 'even']),
    years: z.array(z.number().int()),
    shares: z.array(z.number().nonnegative()).length(12),
  }),
  /** The deployment's settings: FORECAST_OPTIMISM_MARGIN (percent) and CATCH_UP_MAX_RATIO. */
  settings: z.object({ optimismMarginPercent: z.number().nonnegative(), feasibleRatio: z.number().positive() }),
  provenance: ProvenanceSchema,
})
export type Forecast = z.infer<typeof ForecastSchema>
