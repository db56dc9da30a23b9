import { z } from 'zod'

/** "三南两城一岛一湾" plus one explicit bucket for projects outside the seven zones (FACTS §2). */
export const ZONE_IDS = [
  'nanbin',
  'nanping',
  'nanshan',
  'gyw-city',
  'east-station',
  'gy-island',
  'gy-bay',
  'district-wide',
] as const
export const ZoneIdSchema = z.enum(ZONE_IDS)
export type ZoneId = z.infer<typeof ZoneIdSchema>

/** 四个聚焦 (FACTS §3). */
export const FOCUS_AREAS = ['key-zones', 'key-directions', 'livelihood', 'infrastructure'] as const
export const FocusAreaSchema = z.enum(FOCUS_AREAS)
export type FocusArea = z.infer<typeof FocusAreaSchema>

/** 投资类别: the report breaks 124 of 132 projects into three types; 8 are not broken down. */
export const INVESTMENT_TYPES = ['government', 'social', 'joint', 'unclassified'] as const
export const InvestmentTypeSchema = z.enum(INVESTMENT_TYPES)
export type InvestmentType = z.infer<typeof InvestmentTypeSchema>

/** 建设性质 */
export const STAGES = ['continuing', 'new-start', 'preparatory'] as const
export const StageSchema = z.enum(STAGES)
export type Stage = z.infer<typeof StageSchema>

export const LEVELS = ['city', 'district'] as const
export const LevelSchema = z.enum(LEVELS)
export type Level = z.infer<typeof LevelSchema>

/**
 * Lag classes, judged for one as-of month. `on-pace` and `slightly-behind` together are 正常;
 * `pending-start` is a new start whose planned start month is still ahead (not judged on money).
 */
export const LAG_CLASSES = [
  'on-pace',
  'slightly-behind',
  'lagging',
  'severe',
  'not-started',
  'not-reported',
  'pending-start',
  'completed',
] as const
export const LagClassSchema = z.enum(LAG_CLASSES)
export type LagClass = z.infer<typeof LagClassSchema>

/** The classes a reviewer (督查) works through. */
export const DELAYED_CLASSES = ['severe', 'lagging', 'not-started', 'not-reported'] as const satisfies readonly LagClass[]
/** Is this class on the 滞后项目 list (/delayed)? */
export const isDelayedClass = (lagClass: LagClass): boolean => (DELAYED_CLASSES as readonly LagClass[]).includes(lagClass)

export const SEVERITIES = ['green', 'yellow', 'red', 'grey'] as const
export const SeveritySchema = z.enum(SEVERITIES)
export type Severity = z.infer<typeof SeveritySchema>

export const PROBLEM_STATUSES = ['warning', 'supervising', 'resolved'] as const
export const ProblemStatusSchema = z.enum(PROBLEM_STATUSES)
export type ProblemStatus = z.infer<typeof ProblemStatusSchema>

/** Fields of a project record whose value can come from the report; the rest is simulated. */
export const PROVENANCE_FIELDS = [
  'name',
  'focusArea',
  'focusSubCategory',
  'investmentTypeGroup',
  'baselineProgress',
  /** 市级, for the projects the report lists as 市级在区重大交通项目. */
  'level',
] as const
export const ProvenanceFieldSchema = z.enum(PROVENANCE_FIELDS)
export type ProvenanceField = z.infer<typeof ProvenanceFieldSchema>

/**
 * The plan year of the district's 2024 report, the year of the demo dataset. A deployment's own plan
 * year is data (GET /api/calendar: the year its projects were seeded or imported for); no rule uses this.
 */
export const REPORT_PLAN_YEAR = 2024
