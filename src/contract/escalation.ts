import { z } from 'zod'

// Issue 27 §4: lag that persists is escalated (挂牌督办). The record's fields (lagStreakMonths, escalation) are
// part of every project answer (./project); the staff's writes (确认挂牌, 不予挂牌, 摘牌) are here.
// Decision 76 states the rule, its settings and when it is evaluated.

/** What a project's escalation stands at: 拟挂牌 (proposed by the rule, awaiting the staff), 挂牌督办 (listed), or neither. */
export const ESCALATION_STATUSES = ['proposed', 'listed'] as const
export const EscalationStatusSchema = z.enum(ESCALATION_STATUSES)
export type EscalationStatus = z.infer<typeof EscalationStatusSchema>

export const EscalationSchema = z
  .object({
    status: EscalationStatusSchema.nullable(),
    /** When the status began (the China date, YYYY-MM-DD); null when neither proposed nor listed. */
    since: z.string().nullable(),
    /** Proposed: the rule that proposed it (why); listed: the staff's reason for 挂牌. Null when neither. */
    reason: z.string().nullable(),
    /** The rule's words when it proposed the project (kept once listed); null when neither. */
    rule: z.string().nullable(),
    /** Row version for the staff's writes (409 on a stale one); 0 when the project was never proposed. */
    version: z.number().int().nonnegative(),
  })
  .describe('挂牌督办：status 为 proposed（规则提出，待工作人员确认）、listed（已挂牌）或 null；since 为开始日期，reason 为提出的规则或挂牌理由')
export type Escalation = z.infer<typeof EscalationSchema>

/** A project never proposed, or proposed and declined, or lifted. */
export const NO_ESCALATION: Escalation = { status: null, since: null, reason: null, rule: null, version: 0 }

/** 连续滞后月数: consecutive published months, to the month in view, judged 滞后 or 严重滞后 (src/domain/escalation.ts). */
export const LagStreakSchema = z.number().int().nonnegative().describe('连续滞后月数：截至所看月份，连续已发布月份中判为滞后或严重滞后的月数')

export const escalationPaths = {
  confirm: (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/escalation/confirm`,
  decline: (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/escalation/decline`,
  lift: (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/escalation/lift`,
} as const
export const escalationRoutes = {
  confirm: '/api/projects/:projectId/escalation/confirm',
  decline: '/api/projects/:projectId/escalation/decline',
  lift: '/api/projects/:projectId/escalation/lift',
} as const

export const ESCALATION_ACTIONS = ['confirm', 'decline', 'lift'] as const
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number]

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/

/** 确认挂牌 / 不予挂牌 / 摘牌: the version seen and the reason (required). */
export const EscalationDecisionSchema = z.strictObject({
  version: z.number({ error: '缺少版本号 version' }).int().nonnegative(),
  reason: z
    .string({ error: '请填写理由' })
    .trim()
    .min(1, '请填写理由')
    .max(500, '理由最长 500 个字')
    .regex(NO_CONTROL, '理由含有不允许的控制字符'),
})
export type EscalationDecision = z.infer<typeof EscalationDecisionSchema>

/** The answer of a write: the project's escalation as it is now. */
export const ProjectEscalationSchema = z.object({ projectId: z.string(), escalation: EscalationSchema })
export type ProjectEscalation = z.infer<typeof ProjectEscalationSchema>
