import { z } from 'zod'
import { SummarySchema } from './api'
import { ProjectListItemSchema } from './project'
import { YearMonthSchema } from './calendar'
import { OverdueProblemSchema } from './problems'

// The issued bulletin (进展情况通报): publishing a month issues it — a stored snapshot with its 文号, 印发日期,
// 主送, 抄送 and 落款 that later edits never change (docs/decisions/064-issued-bulletins.md).

export const bulletinPaths = {
  list: '/api/bulletins',
  one: (month: string) => `/api/bulletins/${month}`,
  docx: '/api/export/bulletin.docx',
} as const

export const bulletinRoutes = {
  list: '/api/bulletins',
  one: '/api/bulletins/:month',
  docx: '/api/export/bulletin.docx',
} as const

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** What a bulletin shows, as it stood when it was issued (or, for a draft, as it stands). */
export const BulletinContentSchema = z.object({
  /** The month's summary (the overview's answer for the month, without its published flag). */
  summary: SummarySchema.omit({ published: true }),
  /** 严重滞后 projects, largest shortfall first. */
  severe: z.array(ProjectListItemSchema),
  /** 滞后 projects, largest shortfall first. */
  lagging: z.array(ProjectListItemSchema),
  /** 应开未开. */
  notStarted: z.array(ProjectListItemSchema),
  /**
   * 前期手续 the 应开未开 projects lack (decision 80): how many lack each kind, the most first, ties in the list's
   * order. Null in a bulletin issued before approvals were kept.
   */
  notStartedApprovals: z.array(z.object({ kind: z.string(), name: z.string(), count: z.number().int().positive() })).nullable().default(null),
  /** 未报送. */
  notReported: z.array(ProjectListItemSchema),
  /** 挂牌督办 projects when it was issued, largest shortfall first (decision 76; none in a bulletin issued before). */
  escalated: z.array(ProjectListItemSchema).default([]),
  /** Problems not settled by their due date, judged at the month's end (asOfDate), most overdue first. */
  problems: z.object({ items: z.array(OverdueProblemSchema), total: z.number().int().nonnegative(), asOfDate: z.string() }),
  /** 冲刺 (decision 75): the projects hardest to land, highest need ÷ best month first (ten at most; none in a bulletin issued before it). */
  catchUp: z.array(ProjectListItemSchema).default([]),
})
export type BulletinContent = z.infer<typeof BulletinContentSchema>

/** The document's head and foot: who it goes to (主送), who gets a copy (抄送), who issues it (落款). */
export const BulletinAddressSchema = z.object({
  mainTo: z.string(),
  copyTo: z.string(),
  issuer: z.string(),
})
export type BulletinAddress = z.infer<typeof BulletinAddressSchema>

export const BULLETIN_STATUSES = ['issued', 'draft'] as const

/** GET /api/bulletins/:month: the month's bulletin in force (issued), or for staff a month in progress as a draft. */
export const BulletinSchema = BulletinAddressSchema.extend({
  month: YearMonthSchema,
  /** issued: the stored snapshot of a published month; draft: a month in progress (征求意见稿, staff only), figures as they stand. */
  status: z.enum(BULLETIN_STATUSES),
  /** 文号, e.g. 南岸发改〔2024〕10号; null for a draft. */
  number: z.string().nullable(),
  /** When it was issued (ISO instant); null for a draft. */
  issuedAt: z.string().nullable(),
  /** 印发日期: the China date of issue (YYYY-MM-DD); null for a draft. */
  issuedDate: z.string().nullable(),
  /** The account that published the month (null: issued by the seed or at upgrade for a month published before bulletins were issued). */
  issuedBy: z.string().nullable(),
  content: BulletinContentSchema,
})
export type Bulletin = z.infer<typeof BulletinSchema>

export const BulletinListItemSchema = z.object({
  month: YearMonthSchema,
  number: z.string(),
  issuedAt: z.string(),
  issuedDate: z.string(),
  issuedBy: z.string().nullable(),
  /** Withdrawn with the month's publication (admin, with a reason): kept, its 文号 never reused. */
  withdrawn: z.boolean(),
  withdrawnAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
})
export type BulletinListItem = z.infer<typeof BulletinListItemSchema>

/** GET /api/bulletins: every bulletin issued, the latest month first, withdrawn ones marked. */
export const BulletinListSchema = z.object({ items: z.array(BulletinListItemSchema) })
export type BulletinList = z.infer<typeof BulletinListSchema>
