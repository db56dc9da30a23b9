import { z } from 'zod'
import { MonthSchema } from './calendar'

/** 完成信心, five levels (issue 27): 高 / 较高 / 中 / 较低 / 低, shown green → red. Labels and colours: src/domain. */
export const CONFIDENCE_LEVELS = ['high', 'fairly-high', 'medium', 'fairly-low', 'low'] as const
export const ConfidenceSchema = z.enum(CONFIDENCE_LEVELS, { error: '完成信心应为 高、较高、中、较低 或 低' })
export type Confidence = z.infer<typeof ConfidenceSchema>

/**
 * A project's 完成信心 as of a month (decision 74): the rating of its latest approved report of the year up to that
 * month that has one — the commission's when given (`by: 'commission'`), else the owner's. What lists rank by.
 */
export const ProjectConfidenceSchema = z.object({
  level: ConfidenceSchema,
  by: z.enum(['commission', 'owner']),
  /** The month of that report. */
  month: MonthSchema,
})
export type ProjectConfidence = z.infer<typeof ProjectConfidenceSchema>
