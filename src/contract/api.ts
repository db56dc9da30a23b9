import { z } from 'zod'
import { AsOfSchema, MonthSchema } from './calendar'
import { ApprovalKindSlugSchema, ProjectListItemSchema, ProvenanceSchema, WanSchema } from './project'
import { EscalationStatusSchema } from './escalation'
import {
  FocusAreaSchema,
  InvestmentTypeSchema,
  LAG_CLASSES,
  LagClassSchema,
  StageSchema,
  ZoneIdSchema,
  type LagClass,
} from './vocabulary'

/** Path parameters: a malformed id is 400; a well-formed id that does not exist is 404. */
export const ProjectIdSchema = z.string().regex(/^P\d{3,6}$/, '项目编号格式应为 P 加 3-6 位数字')
export const ZoneIdParamSchema = z.string().regex(/^[a-z][a-z-]{0,39}$/, '片区编号格式无效')

export const AsOfQuerySchema = z.strictObject({ asOf: AsOfSchema.optional() })

export const PROJECT_SORT_KEYS = [
  'id',
  'name',
  'zone',
  'totalInvestment',
  'annualPlan',
  'actual',
  'completionRate',
  'gap',
  'progress',
  'shortfall',
  // 冲刺: the need ÷ the best month (no best month counts as the hardest; no catch-up last).
  'catchUpRatio',
  // 完成信心 (the commission's when given): descending puts 低 first; none last either way.
  'confidence',
] as const
export const ProjectSortKeySchema = z.enum(PROJECT_SORT_KEYS)
export type ProjectSortKey = z.infer<typeof ProjectSortKeySchema>
export const SortOrderSchema = z.enum(['asc', 'desc'])
export type SortOrder = z.infer<typeof SortOrderSchema>

export const MAX_PAGE_SIZE = 200

/** Free text from a query string: bounded, no control characters (PostgreSQL text cannot hold NUL). */
const SafeTextSchema = (max: number) =>
  z
    .string()
    .max(max, `最长 ${max} 个字符`)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, '含有不允许的控制字符')

/** A positive whole number written in plain digits ("0x10", "1e2" and "1.0" are refused). */
const PositiveIntegerText = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, '应为正整数')
    .transform(Number)
    .pipe(z.number().int().min(1, '应不小于 1').max(max, `应不大于 ${max}`))

const StatusListSchema = z
  .string()
  .transform((value) => value.split(',').filter(Boolean))
  .pipe(z.array(LagClassSchema).min(1))

/** Query of GET /api/projects. Unknown parameters are rejected, not ignored. */
export const ProjectListQuerySchema = z.strictObject({
  asOf: AsOfSchema.optional(),
  zone: ZoneIdSchema.optional(),
  focusArea: FocusAreaSchema.optional(),
  investmentType: InvestmentTypeSchema.optional(),
  stage: StageSchema.optional(),
  status: StatusListSchema.optional(),
  /** 挂牌督办 (decision 76): only the projects proposed, or only those listed. */
  escalation: EscalationStatusSchema.optional(),
  /** 前期手续 (decision 80): only the projects that have not obtained this approval (nor been excused from it). */
  missingApproval: ApprovalKindSlugSchema.optional(),
  owner: SafeTextSchema(100).min(1).optional(),
  dept: SafeTextSchema(100).min(1).optional(),
  q: SafeTextSchema(100).optional(),
  sort: ProjectSortKeySchema.optional(),
  order: SortOrderSchema.optional(),
  page: PositiveIntegerText(100_000).optional(),
  pageSize: PositiveIntegerText(MAX_PAGE_SIZE).optional(),
})
export type ProjectListQuery = z.infer<typeof ProjectListQuerySchema>

/** The filters as the client holds them (before they become query strings). */
/** A list view's filters; `asOf` as the URL carries it ('YYYY-MM'), absent for the latest month. */
export type ProjectFilters = Omit<ProjectListQuery, 'asOf'> & { asOf?: string }

export const LagCountsSchema = z.record(LagClassSchema, z.number().int().nonnegative())
export type LagCounts = Record<LagClass, number>
export const emptyLagCounts = (): LagCounts =>
  Object.fromEntries(LAG_CLASSES.map((c) => [c, 0])) as LagCounts

/** Figures of any group of projects (the district, a zone, an investment type...). */
export const GroupFiguresSchema = z.object({
  projectCount: z.number().int().nonnegative(),
  totalInvestmentWan: WanSchema,
  annualPlanWan: WanSchema,
  /** Completed 1-N月 (the as-of month): a running total, unlike a report's or a month's actualWan. */
  cumulativeActualWan: WanSchema,
  /** cumulative actual ÷ annual plan (1 = 100%); null for an empty group. */
  completionRate: z.number().nullable(),
  /** completionRate − 序时进度, in percentage points. */
  gapPoints: z.number().nullable(),
  /** Sum of the projects' shortfalls against 序时 pace (every project, 略低于序时 included). */
  shortfallWan: WanSchema,
  /** The part of shortfallWan owed by the projects on the 滞后项目 list (DELAYED_CLASSES): the same sum as /delayed. */
  delayedShortfallWan: WanSchema,
  lagCounts: LagCountsSchema,
  /** Of lagCounts['not-started'], those red (overdue three months or more): a chip takes the colour its projects have. */
  notStartedRedCount: z.number().int().nonnegative(),
})
export type GroupFigures = z.infer<typeof GroupFiguresSchema>

export const KeyedFiguresSchema = GroupFiguresSchema.extend({ key: z.string(), label: z.string() })
export type KeyedFigures = z.infer<typeof KeyedFiguresSchema>

export const ZoneSummarySchema = GroupFiguresSchema.extend({
  id: ZoneIdSchema,
  name: z.string(),
  group: z.string(),
  /** Completion rate at the end of the previous month (null for 1月). */
  previousCompletionRate: z.number().nullable(),
  /** Rank by completion rate among the seven zones (三南两城一岛一湾), 1 = best; null for 跨片区/全区, which is not a zone. */
  rank: z.number().int().min(1).nullable(),
  previousRank: z.number().int().min(1).nullable(),
})
export type ZoneSummary = z.infer<typeof ZoneSummarySchema>

export const MonthlyPointSchema = z.object({
  month: MonthSchema,
  planWan: WanSchema,
  /** Completed in that month alone (as a report's actualWan); null for a month with no approved report. */
  actualWan: WanSchema.nullable(),
  cumulativePlanWan: WanSchema,
  cumulativeActualWan: WanSchema.nullable(),
})
export type MonthlyPoint = z.infer<typeof MonthlyPointSchema>

export const NewStartFiguresSchema = z.object({
  plannedThisYear: z.number().int().nonnegative(),
  dueToDate: z.number().int().nonnegative(),
  /** Started by the as-of month, including 提前开工. */
  started: z.number().int().nonnegative(),
  /** Of those due by the as-of month, how many started. */
  startedOfDue: z.number().int().nonnegative(),
  /** startedOfDue ÷ dueToDate; null when none was due yet. */
  startRateToDate: z.number().nullable(),
  /** started ÷ planned this year. */
  startRateYear: z.number().nullable(),
})

export const SummarySchema = GroupFiguresSchema.extend({
  planYear: z.number().int(),
  asOfMonth: MonthSchema,
  /** Whether the as-of month is published (staff alone may read a month in progress: false, 未发布). */
  published: z.boolean(),
  latestReportMonth: MonthSchema,
  /** 序时进度 = asOfMonth / 12. */
  scheduleRate: z.number(),
  /** The figures at the end of the month before (completed 1-(N−1)月); null for 1月. */
  previous: z
    .object({ cumulativeActualWan: WanSchema, completionRate: z.number().nullable(), gapPoints: z.number().nullable() })
    .nullable(),
  newStarts: NewStartFiguresSchema,
  completedCount: z.number().int().nonnegative(),
  byZone: z.array(ZoneSummarySchema),
  byInvestmentType: z.array(KeyedFiguresSchema),
  byFocusArea: z.array(KeyedFiguresSchema),
  byStage: z.array(KeyedFiguresSchema),
  monthly: z.array(MonthlyPointSchema).length(12),
  mostBehind: z.array(ProjectListItemSchema),
  provenance: ProvenanceSchema,
  /** 挂牌督办 now (decision 76): the first ESCALATED_SHOWN listed projects, largest shortfall first, and how many in all. */
  escalated: z.object({ items: z.array(ProjectListItemSchema), total: z.number().int().nonnegative() }).default({ items: [], total: 0 }),
})
export type Summary = z.infer<typeof SummarySchema>

export const ZoneListSchema = z.object({
  asOfMonth: MonthSchema,
  /** Whether the as-of month is published (staff alone may read a month in progress: false, 未发布). */
  published: z.boolean(),
  scheduleRate: z.number(),
  items: z.array(ZoneSummarySchema),
  provenance: ProvenanceSchema,
})
export type ZoneList = z.infer<typeof ZoneListSchema>

/** The orders /zones offers (`?sort=`): by rank (the default), completion rate, shortfall against 序时, annual plan. */
export const ZONE_SORT_KEYS = ['rank', 'completionRate', 'shortfall', 'annualPlan'] as const
export const ZoneSortSchema = z.enum(ZONE_SORT_KEYS)
export type ZoneSort = z.infer<typeof ZoneSortSchema>
/** /zones' query string: the as-of month and the order of the cards. */
export const ZonesViewSearchSchema = z.object({ sort: ZoneSortSchema.optional() })

export const ZoneDetailSchema = ZoneSummarySchema.extend({
  planYear: z.number().int(),
  asOfMonth: MonthSchema,
  /** Whether the as-of month is published (staff alone may read a month in progress: false, 未发布). */
  published: z.boolean(),
  scheduleRate: z.number(),
  byStage: z.array(KeyedFiguresSchema),
  byInvestmentType: z.array(KeyedFiguresSchema),
  monthly: z.array(MonthlyPointSchema).length(12),
  /** The projects that explain the zone's shortfall, largest first. */
  shortfallProjects: z.array(ProjectListItemSchema),
  provenance: ProvenanceSchema,
})
export type ZoneDetail = z.infer<typeof ZoneDetailSchema>

export const ProjectListSchema = z.object({
  items: z.array(ProjectListItemSchema),
  total: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  planYear: z.number().int(),
  asOfMonth: MonthSchema,
  /** Whether the as-of month is published (staff alone may read a month in progress: false, 未发布). */
  published: z.boolean(),
  /** Sums of the whole filtered set (not only this page). */
  totals: z.object({
    totalInvestmentWan: WanSchema,
    annualPlanWan: WanSchema,
    /** Completed 1-N月, summed over the filtered set. */
    cumulativeActualWan: WanSchema,
    shortfallWan: WanSchema,
    completionRate: z.number().nullable(),
  }),
  lagCounts: LagCountsSchema,
  provenance: ProvenanceSchema,
})
export type ProjectList = z.infer<typeof ProjectListSchema>

export const FilterOptionsSchema = z.object({
  zones: z.array(z.object({ id: ZoneIdSchema, name: z.string() })),
  ownerUnits: z.array(z.string()),
  responsibleUnits: z.array(z.string()),
})
export type FilterOptions = z.infer<typeof FilterOptionsSchema>
