import { z } from 'zod'
import { YearMonthSchema } from './calendar'

// 通知 and 待办: everyone is told what changed for them and sees what they must do (docs/decisions/067).
// Not in the barrel: the first page's bundle does not carry them.

export const notificationPaths = {
  list: '/api/notifications',
  read: '/api/notifications/read',
  todo: '/api/todo',
  remind: (month: string) => `/api/months/${month}/remind`,
} as const

export const notificationRoutes = {
  list: '/api/notifications',
  read: '/api/notifications/read',
  todo: '/api/todo',
  remind: '/api/months/:month/remind',
} as const

/** What a notice is about; each links to the thing itself. */
export const NOTIFICATION_KINDS = [
  'report-returned',
  'report-approved',
  'problem-assigned',
  'due-soon',
  'overdue',
  'month-published',
  'reminder',
  // 挂牌督办 (decision 76): proposed → the staff; listed → the owner unit.
  'escalation-proposed',
  'escalation-listed',
] as const
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS)
export type NotificationKind = z.infer<typeof NotificationKindSchema>

export const NotificationSchema = z.object({
  id: z.number().int().positive(),
  /** When it happened (ISO instant, by the reporting calendar's clock). */
  at: z.string(),
  kind: NotificationKindSchema,
  text: z.string(),
  /** The app path of the thing itself, e.g. /projects/P012#reports. */
  link: z.string(),
  read: z.boolean(),
})
export type Notification = z.infer<typeof NotificationSchema>

export const NotificationListSchema = z.object({
  /** Newest first; at most `limit` of them. */
  items: z.array(NotificationSchema),
  /** How many of the account's notices are unread, in all. */
  unread: z.number().int().nonnegative(),
})
export type NotificationList = z.infer<typeof NotificationListSchema>

export const NotificationQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('最多返回多少条（1-200，默认 50）'),
})

/** Mark some notices read (`ids`, the account's own), or all of them. */
export const MarkReadSchema = z.union([
  z.strictObject({ ids: z.array(z.number().int().positive()).min(1, '请指明要标为已读的通知').max(500, '一次最多 500 条') }),
  z.strictObject({ all: z.literal(true) }),
])
export type MarkRead = z.infer<typeof MarkReadSchema>

export const MarkReadResultSchema = z.object({ marked: z.number().int().nonnegative(), unread: z.number().int().nonnegative() })

/** 催报: staff remind every unit with reports of a month still missing (or returned, or drafts). */
export const RemindSchema = z.strictObject({
  comment: z.string().trim().max(200, '附言最长 200 个字').optional(),
})
export type Remind = z.infer<typeof RemindSchema>

export const RemindResultSchema = z.object({
  month: YearMonthSchema,
  /** Units reminded now (one notice each, to its accounts). */
  units: z.array(z.object({ unit: z.string(), projects: z.number().int().positive() })),
  /** Units already reminded today for this month (a reminder goes once a day). */
  alreadyReminded: z.number().int().nonnegative(),
})
export type RemindResult = z.infer<typeof RemindResultSchema>

/** A report of the account's own to do: due (not started or a draft) or returned with the reason. */
export const TodoReportSchema = z.object({
  projectId: z.string(),
  projectName: z.string(),
  month: YearMonthSchema,
  state: z.enum(['missing', 'draft', 'returned']),
  /** The month's deadline (ISO date) and the whole days left until it (negative: days late). */
  deadline: z.string(),
  daysLeft: z.number().int(),
  returnComment: z.string().nullable(),
})

export const TodoProblemSchema = z.object({
  projectId: z.string(),
  projectName: z.string(),
  problemId: z.string(),
  description: z.string(),
  assignedTo: z.string().nullable(),
  dueDate: z.string(),
  /** Whole days until due (negative: overdue). */
  daysLeft: z.number().int(),
})

export const TodoSchema = z.object({
  /** The reporting calendar's today (ISO date): what days left are counted from. */
  today: z.string(),
  /** Owner unit: its projects' reports to do, returned ones first, then by month (at most 50, as the staff's reviews; `reportsTotal` is the count). Staff: empty. */
  reports: z.array(TodoReportSchema),
  reportsTotal: z.number().int().nonnegative(),
  /** Staff: reports awaiting review, oldest submission first (at most 50; `awaitingReviewTotal` is the count). */
  awaitingReview: z.array(z.object({ projectId: z.string(), projectName: z.string(), ownerUnit: z.string(), month: YearMonthSchema, submittedAt: z.string().nullable() })),
  awaitingReviewTotal: z.number().int().nonnegative(),
  /** Staff: units late with the open month's reports (past its deadline), most projects first. */
  lateUnits: z.array(z.object({ unit: z.string(), month: YearMonthSchema, projects: z.number().int().positive() })),
  /** Problems not settled: for an owner those of its projects or assigned to it; for staff, due within 7 days or overdue. */
  problems: z.array(TodoProblemSchema),
  /** Staff: 挂牌督办 the rule proposed and nobody has decided yet, oldest first (at most 50; decision 76). */
  escalationProposals: z
    .array(z.object({ projectId: z.string(), projectName: z.string(), ownerUnit: z.string(), since: z.string(), rule: z.string() }))
    .default([]),
  /** Staff: the month to publish next (the oldest open month that has begun) with its counts; null when none. */
  monthToPublish: z
    .object({
      month: YearMonthSchema,
      deadline: z.string(),
      counts: z.object({ expected: z.number().int(), approved: z.number().int(), submitted: z.number().int(), returned: z.number().int(), draft: z.number().int(), missing: z.number().int() }),
    })
    .nullable(),
})
export type Todo = z.infer<typeof TodoSchema>
