import { z } from 'zod'
import {
  FocusAreaSchema,
  InvestmentTypeSchema,
  LagClassSchema,
  LevelSchema,
  ProblemStatusSchema,
  ProvenanceFieldSchema,
  SeveritySchema,
  StageSchema,
  ZoneIdSchema,
} from './vocabulary'
import { MonthSchema } from './calendar'
import { ProjectConfidenceSchema } from './confidence'
import { EscalationSchema, LagStreakSchema, NO_ESCALATION } from './escalation'

/** Money is always an integer number of 万元. */
export const WanSchema = z.number().int().nonnegative()
/**
 * The most a person may type as one figure of money — a project's investment or plan, a month's report, a
 * workbook cell: 10,000,000 万元 (1,000 亿元), a guard against a figure typed in 元, far above any real one.
 * The forms, the report and the workbooks' cell checks all use this one cap.
 */
export const MAX_TYPED_WAN = 10_000_000
/** MAX_TYPED_WAN as the messages say it. */
export const MAX_TYPED_WAN_WORDS = '1,000 亿元'
/** ISO calendar date, YYYY-MM-DD. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
/** Whether an ISO date is a real calendar day of a sane year (2024-02-30 and 0000-01-01 are not). */
export function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  if (!(y >= 1900 && y <= 2200)) return false
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}
/** A date a person types: YYYY-MM-DD and a real day (what a database date column accepts). */
export const CalendarDateSchema = IsoDateSchema.refine(isCalendarDate, '日期无效（应为真实存在的日期，如 2024-10-31）')

/** 前期手续 (decision 80): a kind of approval by its stable slug, e.g. construction-permit. */
export const ApprovalKindSlugSchema = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, '手续类别编号格式无效（小写字母、数字和连字符）')
/** An approval a 应开未开 project has not obtained (nor been excused from): its kind and name, in the list's order. */
export const MissingApprovalSchema = z.object({ kind: ApprovalKindSlugSchema, name: z.string() })
export type MissingApproval = z.infer<typeof MissingApprovalSchema>

export const ProgressSchema = z.object({
  /** 形象进度 as a percentage, or null where the source states progress only in words. */
  percent: z.number().min(0).max(100).nullable(),
  text: z.string(),
})
export type Progress = z.infer<typeof ProgressSchema>

export const ProgressEntrySchema = ProgressSchema.extend({ month: MonthSchema })
export type ProgressEntry = z.infer<typeof ProgressEntrySchema>

export const MilestoneSchema = z.object({
  name: z.string(),
  plannedDate: IsoDateSchema,
  actualDate: IsoDateSchema.nullable(),
})
export type Milestone = z.infer<typeof MilestoneSchema>

export const ProblemSchema = z.object({
  id: z.string(),
  category: z.string(),
  description: z.string(),
  measure: z.string(),
  status: ProblemStatusSchema,
  raisedDate: IsoDateSchema,
  dueDate: IsoDateSchema,
  resolvedDate: IsoDateSchema.nullable(),
  /** The department the problem was assigned to (督办), null while not assigned. */
  assignedTo: z.string().nullable(),
  /** How it was settled (办结情况), once resolved through the workflow. */
  resolution: z.string().nullable(),
  /** Row version for optimistic concurrency (409 on a stale step). */
  version: z.number().int().positive(),
})
export type Problem = z.infer<typeof ProblemSchema>

/** One project as stored: what the report says plus what is simulated (see `sourcedFields`). */
export const ProjectRecordSchema = z.object({
  id: z.string().regex(/^P\d{3,6}$/),
  name: z.string().min(1),
  zoneId: ZoneIdSchema,
  focusArea: FocusAreaSchema,
  focusSubCategory: z.string(),
  investmentType: InvestmentTypeSchema,
  stage: StageSchema,
  level: LevelSchema,
  ownerUnit: z.string(),
  responsibleUnit: z.string(),
  responsibleLeader: z.string(),
  buildStartYear: z.number().int(),
  buildEndYear: z.number().int(),
  plannedStartDate: IsoDateSchema,
  actualStartDate: IsoDateSchema.nullable(),
  plannedCompletionDate: IsoDateSchema,
  actualCompletionDate: IsoDateSchema.nullable(),
  totalInvestmentWan: WanSchema,
  completedBeforeYearWan: WanSchema,
  annualPlanWan: WanSchema,
  /** 分月计划投资: twelve values that add up exactly to annualPlanWan. */
  monthlyPlanWan: z.array(WanSchema).length(12),
  /** 当月完成投资 per month; null where no report was received (or the month has not come). */
  monthlyActualWan: z.array(WanSchema.nullable()).length(12),
  /** Where the project stood at the end of the previous year (FACTS §4 where the report says so). */
  baselineProgress: ProgressSchema.nullable(),
  progressHistory: z.array(ProgressEntrySchema),
  milestones: z.array(MilestoneSchema),
  problems: z.array(ProblemSchema),
  /** Fields taken from the report; every other field is simulated. */
  sourcedFields: z.array(ProvenanceFieldSchema),
  /** A short note on provenance for this record (shown on the detail page). */
  provenanceNote: z.string(),
  /**
   * Whether the record's other figures (amounts, units, dates, monthly plan and completion, 形象进度,
   * milestones, problems) are simulated, as in the demo dataset, rather than reported by the commission.
   */
  simulated: z.boolean().describe('该项目除 sourcedFields 所列字段外的金额、单位、日期、月度数据、形象进度、节点和问题是否为模拟值'),
  /** Row version for optimistic concurrency: an edit based on another version gets 409. */
  version: z.number().int().positive().default(1),
  /** 中期调整: the annual plan as first issued, kept beside annualPlanWan (the adjusted plan every rate uses). */
  planAdjustment: z
    .object({ originalAnnualPlanWan: WanSchema, reason: z.string(), adjustedAt: z.string() })
    .nullable()
    .default(null),
  /** Months with a report submitted and awaiting review (not counted yet): shown as 待审核, not as missing. */
  pendingReportMonths: z.array(MonthSchema).default([]),
  /** Retired from the key-project list with the reason (never deleted); a retired project is in no figure. */
  retired: z.object({ reason: z.string(), at: z.string() }).nullable().default(null),
})
export type ProjectRecord = z.infer<typeof ProjectRecordSchema>

/** How a project stands at one as-of month, judged by the domain rules. */
export const ProjectStatusSchema = z.object({
  lagClass: LagClassSchema,
  severity: SeveritySchema,
  /** Human-readable rule that produced the class, e.g. "完成率低于序时进度12.3个百分点". */
  rule: z.string(),
  cumulativeActualWan: WanSchema,
  cumulativePlanWan: WanSchema,
  /** cumulative actual ÷ annual plan, 0..n (1 = 100%); null when the annual plan is 0. */
  completionRate: z.number().nullable(),
  /** completionRate − 序时进度, in percentage points. */
  gapPoints: z.number().nullable(),
  /** How far the project is short of 序时 pace, 万元 (0 when on or ahead of pace). */
  shortfallWan: WanSchema,
  /** Months since the planned start passed without a start (应开未开), else 0. */
  monthsOverdue: z.number().int().nonnegative(),
  /** The last month with a report, null if none this year. */
  lastReportMonth: MonthSchema.nullable(),
})
export type ProjectStatus = z.infer<typeof ProjectStatusSchema>

// --- Forecast and catch-up (issue 27, decision 75) ---
/**
 * 冲刺: what a project behind 序时 must deliver in each month left to reach its annual plan, beside its best and
 * average approved month; null on a project on plan, finished, not yet due to start, or in December.
 */
export const CatchUpSchema = z.object({
  /** (annual plan − actual 1-N月) ÷ the months after N, rounded up to a whole 万元. */
  neededPerMonthWan: WanSchema,
  bestMonthWan: WanSchema,
  averageMonthWan: WanSchema,
  /** The need ÷ the best month, to 0.01; null when no month delivered anything. */
  ratioToBest: z.number().nonnegative().nullable(),
  /** false: 按现有进度难以完成 (a need above CATCH_UP_MAX_RATIO × the best month, default 2, or no best month). */
  feasible: z.boolean(),
})
export type CatchUp = z.infer<typeof CatchUpSchema>

/** A project's year forecast: the owner's latest 全年预计 beside the one computed from its pace (decision 75). */
export const ProjectForecastSchema = z.object({
  /** The latest approved report's 全年预计 of the year up to the as-of month; null: none given. */
  ownerForecastWan: WanSchema.nullable(),
  /** The month of that report. */
  ownerForecastMonth: MonthSchema.nullable(),
  computedForecastWan: WanSchema,
  /** 预计偏乐观: the owner's forecast exceeds the computed one by more than FORECAST_OPTIMISM_MARGIN (default 20%). */
  optimistic: z.boolean(),
})
export type ProjectForecast = z.infer<typeof ProjectForecastSchema>
// --- end forecast and catch-up ---

export const ProjectListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  simulatedName: z.boolean(),
  zoneId: ZoneIdSchema,
  zoneName: z.string(),
  focusArea: FocusAreaSchema,
  investmentType: InvestmentTypeSchema,
  stage: StageSchema,
  ownerUnit: z.string(),
  responsibleUnit: z.string(),
  totalInvestmentWan: WanSchema,
  annualPlanWan: WanSchema,
  progress: ProgressSchema.nullable(),
  status: ProjectStatusSchema,
  /** The as-of month's report is submitted and awaiting review (it counts once approved). */
  reportPending: z.boolean(),
  /** 冲刺 (decision 75). */
  catchUp: CatchUpSchema.nullable().default(null),
  // Issue 27 §4 (decision 76): 连续滞后月数 and 挂牌督办. Defaults: a bulletin issued before them has neither.
  lagStreakMonths: LagStreakSchema.default(0),
  escalation: EscalationSchema.default(NO_ESCALATION),
  /** 前期手续 not obtained, named only while the project is 应开未开 (decision 80); none in a bulletin issued before. */
  missingApprovals: z.array(MissingApprovalSchema).default([]),
  /** 完成信心 as of the month (the commission's rating when given); null when no approved report has one. */
  confidence: ProjectConfidenceSchema.nullable().default(null),
})
export type ProjectListItem = z.infer<typeof ProjectListItemSchema>

/**
 * Whether an answer's figures include simulated values (the demo dataset), and the words to say so.
 * It follows the data: once only reported figures are stored, `simulated` is false and `notice` null.
 */
export const ProvenanceSchema = z.object({
  simulated: z.boolean(),
  notice: z.string().nullable(),
}).describe(
  '数据来源：simulated 为 true 表示本次返回的数字含模拟值（演示数据集），notice 为应向读者说明的原话；只含报送数据时 simulated 为 false、notice 为 null。',
)
export type Provenance = z.infer<typeof ProvenanceSchema>

export const ProjectDetailSchema = ProjectRecordSchema.extend({
  zoneName: z.string(),
  /** The plan year the figures are of (the deployment's: GET /api/calendar). */
  planYear: z.number().int(),
  asOfMonth: MonthSchema,
  /** Whether the as-of month is published (staff alone may read a month in progress: false, 未发布). */
  published: z.boolean(),
  status: ProjectStatusSchema,
  /** 形象进度 as of the as-of month. */
  progress: ProgressSchema.nullable(),
  provenance: ProvenanceSchema,
  /** 冲刺 and the year's forecasts (decision 75). */
  catchUp: CatchUpSchema.nullable().default(null),
  forecast: ProjectForecastSchema.nullable().default(null),
  // Issue 27 §4 (decision 76): 连续滞后月数 to the as-of month, and 挂牌督办 as it stands now.
  lagStreakMonths: LagStreakSchema,
  escalation: EscalationSchema,
  /** 前期手续 not obtained, named only while the project is 应开未开 (decision 80). */
  missingApprovals: z.array(MissingApprovalSchema).default([]),
})
export type ProjectDetail = z.infer<typeof ProjectDetailSchema>
