import { z } from 'zod'
import { CalendarDateSchema, IsoDateSchema, MAX_TYPED_WAN, MAX_TYPED_WAN_WORDS, WanSchema } from './project'
import { ReportPhotoSchema } from './photos'

/**
 * 月报: what an owner unit reports for one project and month, and the review workflow around it
 * (src/domain/monthly-report.ts holds the rules). Not in the contract's barrel: only the reporting pages
 * load it, so the first page does not.
 */

export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const
export const ReportStatusSchema = z.enum(REPORT_STATUSES)
export type ReportStatus = z.infer<typeof ReportStatusSchema>

// 完成信心 lives in ./confidence (a project's list item carries it too); re-exported here for the reports' users.
export { CONFIDENCE_LEVELS, ConfidenceSchema, type Confidence } from './confidence'
import { ConfidenceSchema } from './confidence'

/** A reason a submitted report is held for a look (需核实, issue 27 §5): a code and a Chinese sentence with the figures. */
export const ReportFlagSchema = z.object({ code: z.string(), message: z.string() })
export type ReportFlag = z.infer<typeof ReportFlagSchema>

/** The transitions a POST can ask for; saving a draft is the PUT. */
export const REPORT_ACTIONS = ['submit', 'approve', 'return'] as const
export type ReportAction = (typeof REPORT_ACTIONS)[number] | 'save'

export const reportPaths = {
  list: (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/reports`,
  one: (projectId: string, month: string) => `/api/projects/${encodeURIComponent(projectId)}/reports/${month}`,
  action: (projectId: string, month: string, action: (typeof REPORT_ACTIONS)[number]) =>
    `/api/projects/${encodeURIComponent(projectId)}/reports/${month}/${action}`,
  commissionConfidence: (projectId: string, month: string) => `/api/projects/${encodeURIComponent(projectId)}/reports/${month}/commission-confidence`,
  month: '/api/reports',
} as const

export const reportRoutes = {
  list: '/api/projects/:projectId/reports',
  one: '/api/projects/:projectId/reports/:month',
  submit: '/api/projects/:projectId/reports/:month/submit',
  approve: '/api/projects/:projectId/reports/:month/approve',
  return: '/api/projects/:projectId/reports/:month/return',
  commissionConfidence: '/api/projects/:projectId/reports/:month/commission-confidence',
  month: '/api/reports',
} as const

/** A report month, `YYYY-MM`. */
export const ReportMonthSchema = z
  .string({ error: '请指定月份，格式为 YYYY-MM，如 2024-10' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM 格式，如 2024-10')

/** Free text of a report: line breaks allowed, other control characters not. */
// eslint-disable-next-line no-control-regex
const NO_CONTROL_EXCEPT_NEWLINE = /^[^\u0000-\u0009\u000b-\u001f\u007f]*$/
const reportText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}最长 ${max} 个字`)
    .regex(NO_CONTROL_EXCEPT_NEWLINE, `${label}含有不允许的控制字符`)

export const MilestoneReachedSchema = z.strictObject({
  name: reportText('节点名称', 100).min(1, '请填写节点名称'),
  date: z.string({ error: '请填写节点完成日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '请填写节点完成日期').pipe(CalendarDateSchema),
})
export type MilestoneReached = z.infer<typeof MilestoneReachedSchema>

const ACTUAL_WAN_LABEL = '当月完成投资（万元）'
const PROGRESS_PERCENT_LABEL = '形象进度（%）'
/** Missing (null or absent) → 请填写…; anything else that is not a number → …应为数字. */
const numberError = (missing: string, wrong: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? missing : wrong) })
const actualWanSchema = z
  .number(numberError(`请填写${ACTUAL_WAN_LABEL}`, '当月完成投资应为数字（万元）'))
  .int('当月完成投资应为整数万元')
  .min(0, '当月完成投资不能为负数')
  .max(MAX_TYPED_WAN, `当月完成投资超过 ${MAX_TYPED_WAN_WORDS}，请检查单位（万元）`)
const progressPercentSchema = z
  .number(numberError(`请填写${PROGRESS_PERCENT_LABEL}`, '形象进度应为 0-100 的数字'))
  .min(0, '形象进度应为 0-100')
  .max(100, '形象进度应为 0-100')
  .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, '形象进度最多保留一位小数')

const FORECAST_WAN_LABEL = '全年预计完成投资（万元）'
const forecastWanSchema = z
  .number(numberError(`请填写${FORECAST_WAN_LABEL}`, '全年预计完成投资应为数字（万元）'))
  .int('全年预计完成投资应为整数万元')
  .min(0, '全年预计完成投资不能为负数')
  .max(MAX_TYPED_WAN, `全年预计完成投资超过 ${MAX_TYPED_WAN_WORDS}，请检查单位（万元）`)
const forecastDateSchema = z
  .string({ error: '预计完工日期应为日期，格式 YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '预计完工日期应为日期，格式 YYYY-MM-DD')
  .pipe(CalendarDateSchema)
/** 信心说明: one sentence, at most 200 characters. */
export const CONFIDENCE_REASON_MAX = 200
const confidenceReasonSchema = reportText('信心说明', CONFIDENCE_REASON_MAX)

/**
 * What a draft (保存草稿) holds: any subset of the fields, an empty form included (decision 65). What is
 * filled in must be well-formed (a negative or fractional amount is refused even here); what is left empty
 * is null (the two figures) or '' (the texts). The checks that make a report complete run at submit.
 */
export const ReportDraftFieldsSchema = z.strictObject({
  actualWan: actualWanSchema.nullable().default(null),
  progressPercent: progressPercentSchema.nullable().default(null),
  progressText: reportText('形象进度描述', 500).default(''),
  milestonesReached: z.array(MilestoneReachedSchema).max(20, '一次最多填报 20 个节点').default([]),
  problems: reportText('存在问题', 1000).default(''),
  coordination: reportText('需协调事项', 1000).default(''),
  nextMonthPlan: reportText('下月计划', 1000).default(''),
  /** Required when 形象进度 is lower than the last approved report's. */
  progressDropReason: reportText('进度回退原因', 500).nullable().default(null),
  /** Required (true) when the year's cumulative total would exceed 150% of the annual plan. */
  confirmOverrun: z.boolean().default(false),
  /**
   * 全年预计完成投资, 预计完工日期 (asked of a project due to finish this year or next), 完成信心 and its reason
   * (issue 27). Required at submit from the month FORECAST_REQUIRED_FROM names; the reason whenever the
   * confidence is 中 or lower (src/domain/forecast-report.ts).
   */
  forecastYearWan: forecastWanSchema.nullable().default(null),
  forecastCompletionDate: forecastDateSchema.nullable().default(null),
  confidence: ConfidenceSchema.nullable().default(null),
  confidenceReason: confidenceReasonSchema.nullable().default(null),
})
export type ReportDraftFields = z.infer<typeof ReportDraftFieldsSchema>

/** A complete report, as submitted (提交审核) or imported from Excel: the figures and the 形象进度 text are required. */
export const ReportFieldsSchema = ReportDraftFieldsSchema.extend({
  actualWan: actualWanSchema,
  progressPercent: progressPercentSchema,
  progressText: reportText('形象进度描述', 500).min(1, '请填写形象进度描述'),
})
export type ReportFields = z.infer<typeof ReportFieldsSchema>

/** PUT body: a draft's fields, and the version the edit was based on (absent when creating). */
export const SaveReportSchema = ReportDraftFieldsSchema.extend({
  version: z.number().int().positive().optional(),
})
export type SaveReport = z.infer<typeof SaveReportSchema>

/** POST …/submit | approve | return body. A return needs its reason; approving a report flagged 需核实 needs a confirming comment. */
export const ReportTransitionSchema = z.strictObject({
  version: z.number({ error: '缺少版本号 version' }).int().positive(),
  comment: reportText('意见', 500).optional(),
})
export type ReportTransition = z.infer<typeof ReportTransitionSchema>

/** PUT …/commission-confidence body: the commission's own 完成信心 beside the owner's, with its reason (staff). */
export const CommissionConfidenceSchema = z.strictObject({
  version: z.number({ error: '缺少版本号 version' }).int().positive(),
  confidence: ConfidenceSchema,
  reason: confidenceReasonSchema.min(1, '请填写评定理由'),
})
export type CommissionConfidence = z.infer<typeof CommissionConfidenceSchema>

export const ReportSchema = z.object({
  projectId: z.string(),
  month: z.string(),
  status: ReportStatusSchema,
  version: z.number().int().positive(),
  /** Null only in a draft that left it empty: a submitted, returned or approved report always has it. */
  actualWan: WanSchema.nullable(),
  progressPercent: z.number().min(0).max(100).nullable(),
  progressText: z.string(),
  milestonesReached: z.array(z.object({ name: z.string(), date: IsoDateSchema })),
  problems: z.string(),
  coordination: z.string(),
  nextMonthPlan: z.string(),
  progressDropReason: z.string().nullable(),
  overrunConfirmed: z.boolean(),
  /** The reviewer's reason when the report was returned. */
  returnComment: z.string().nullable(),
  /** 全年预计完成投资 (万元), the owner's expected total for the report's year; null when not given. */
  forecastYearWan: WanSchema.nullable(),
  /** 预计完工日期 (YYYY-MM-DD), asked of a project due to finish this year or next. */
  forecastCompletionDate: IsoDateSchema.nullable(),
  /** 完成信心, the owner's, and why (required when 中 or lower). */
  confidence: ConfidenceSchema.nullable(),
  confidenceReason: z.string().nullable(),
  /** The commission's own 完成信心 and its reason (staff); when present it is the one ranked by (effectiveConfidence). */
  commissionConfidence: ConfidenceSchema.nullable(),
  commissionConfidenceReason: z.string().nullable(),
  /** 需核实: what looked off when the report was submitted (empty when nothing did). */
  flags: z.array(ReportFlagSchema),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  /** The figures are the demo dataset's simulated months, not a unit's report. */
  simulated: z.boolean(),
  /** 形象进度照片 (up to nine), in the order they were added (src/contract/photos.ts; decision 81). */
  photos: z.array(ReportPhotoSchema),
})
export type Report = z.infer<typeof ReportSchema>

export const ReportListSchema = z.object({ items: z.array(ReportSchema) })
export type ReportList = z.infer<typeof ReportListSchema>

/** GET /api/reports?month=YYYY-MM[&status=…]: the month's reporting state, per project and per unit. */
export const ReportQueueQuerySchema = z.strictObject({ month: ReportMonthSchema })

export const QUEUE_STATES = ['approved', 'submitted', 'returned', 'draft', 'missing'] as const
export type QueueState = (typeof QUEUE_STATES)[number]

export const QueueItemSchema = z.object({
  projectId: z.string(),
  projectName: z.string(),
  ownerUnit: z.string(),
  responsibleUnit: z.string(),
  /** The report's status, or `missing` when none was started. */
  state: z.enum(QUEUE_STATES),
  /** Not approved and the deadline has passed: 未报送 (or 逾期未审). */
  overdue: z.boolean(),
  version: z.number().int().positive().nullable(),
  actualWan: WanSchema.nullable(),
  progressPercent: z.number().nullable(),
  submittedAt: z.string().nullable(),
  returnComment: z.string().nullable(),
  /** The report's 全年预计 and 完成信心 (the owner's and the commission's), when it has them. */
  forecastYearWan: WanSchema.nullable(),
  confidence: ConfidenceSchema.nullable(),
  commissionConfidence: ConfidenceSchema.nullable(),
  /** 需核实 found at submit: the queue lists flagged reports first with these reasons. */
  flags: z.array(ReportFlagSchema),
  /** The report's 形象进度照片, for the reviewer (empty when none, or no report). */
  photos: z.array(ReportPhotoSchema),
})
export type QueueItem = z.infer<typeof QueueItemSchema>

export const UnitCountsSchema = z.object({
  unit: z.string(),
  projects: z.number().int(),
  approved: z.number().int(),
  submitted: z.number().int(),
  returned: z.number().int(),
  draft: z.number().int(),
  missing: z.number().int(),
  overdue: z.number().int(),
})
export type UnitCounts = z.infer<typeof UnitCountsSchema>

export const ReportQueueSchema = z.object({
  month: z.string(),
  /** The last day to report this month (ISO date). */
  deadline: z.string(),
  pastDeadline: z.boolean(),
  items: z.array(QueueItemSchema),
  byOwnerUnit: z.array(UnitCountsSchema),
  byResponsibleUnit: z.array(UnitCountsSchema),
})
export type ReportQueue = z.infer<typeof ReportQueueSchema>
