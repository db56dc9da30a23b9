import { z } from 'zod'
import { MonthStatusSchema, YearMonthSchema } from './calendar'

// 发布: a month of the open plan year is published by staff, in order; an admin may withdraw a publication
// with a reason (docs/decisions/063-months-are-published.md).

export const monthPaths = {
  one: (month: string) => `/api/months/${month}`,
  publish: (month: string) => `/api/months/${month}/publish`,
  unpublish: (month: string) => `/api/months/${month}/unpublish`,
} as const

export const monthRoutes = {
  one: '/api/months/:month',
  publish: '/api/months/:month/publish',
  unpublish: '/api/months/:month/unpublish',
} as const

export const MonthParamSchema = YearMonthSchema

/** A month's reporting state: the open year's projects due to report it, counted by their report's state. */
export const MonthCountsSchema = z.object({
  /** Projects that report this month (the open year's list, not retired, begun). */
  expected: z.number().int().nonnegative(),
  approved: z.number().int().nonnegative(),
  submitted: z.number().int().nonnegative(),
  returned: z.number().int().nonnegative(),
  draft: z.number().int().nonnegative(),
  /** No report started (未报送). */
  missing: z.number().int().nonnegative(),
})
export type MonthCounts = z.infer<typeof MonthCountsSchema>

export const MonthStateSchema = z.object({
  month: YearMonthSchema,
  status: MonthStatusSchema,
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  counts: MonthCountsSchema,
})
export type MonthState = z.infer<typeof MonthStateSchema>

export const PublishMonthSchema = z.strictObject({
  comment: z.string().trim().max(500, '说明最长 500 个字').optional(),
})
export type PublishMonth = z.infer<typeof PublishMonthSchema>

export const UnpublishMonthSchema = z.strictObject({
  reason: z.string({ error: '请填写撤回发布的原因' }).trim().min(1, '请填写撤回发布的原因').max(500, '原因最长 500 个字'),
})
export type UnpublishMonth = z.infer<typeof UnpublishMonthSchema>
