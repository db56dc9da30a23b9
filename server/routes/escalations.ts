import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { ProjectIdSchema } from '@/contract'
import { ESCALATION_ACTIONS, EscalationDecisionSchema, ProjectEscalationSchema, escalationRoutes, type EscalationAction } from '@/contract/escalation'
import { chinaDate } from '@/domain/calendar'
import { ESCALATION_STEPS, escalationOf, escalationStepProblem } from '@/domain/escalation'
import { noticeTexts } from '@/domain/notifications'
import { lockProject } from '../db/reports'
import { projectEscalations } from '../db/schema'
import { refuse, type Tx } from '../db/versioned-write'
import { notify } from '../notify/notices'
import { answerWrite, type Deps } from './context'
import type { Register } from './register'

/** The latest month published, any year ('YYYY-MM'), or null. */
async function latestPublished(tx: Tx): Promise<string | null> {
  const result = (await tx.execute(sql`select year::int as year, month::int as month from month_publications order by year desc, month desc limit 1`)) as unknown as {
    rows: { year: number; month: number }[]
  }
  const row = result.rows[0]
  return row ? `${row.year}-${String(row.month).padStart(2, '0')}` : null
}

const SUMMARIES: Record<EscalationAction, string> = {
  confirm: '确认挂牌督办（发改委工作人员，须填写理由）：规则提出的项目列入挂牌督办，通知业主单位',
  decline: '不予挂牌督办（发改委工作人员，须填写理由）：该提议关闭，规则在之后发布的月份再次满足时才重新提出',
  lift: '摘牌（发改委工作人员，须填写理由）：挂牌督办的项目摘牌',
}

/**
 * 挂牌督办 decided by the staff (decision 76): 确认挂牌 and 不予挂牌 on a proposal of the rule, 摘牌 on a listed
 * project. Each is a versioned write: the project's row locked, the escalation's version checked (409 with the
 * current escalation), stored, audited and the data version bumped; a confirmation tells the owner unit.
 */
export function escalationRoutesOf(register: Register, deps: Deps) {
  const projectPath = z.object({ projectId: ProjectIdSchema.describe('项目编号，如 P001') })
  for (const action of ESCALATION_ACTIONS) {
    const step = ESCALATION_STEPS[action]
    register(
      'POST',
      escalationRoutes[action],
      {
        summary: SUMMARIES[action],
        params: projectPath,
        body: EscalationDecisionSchema,
        responses: { 200: { description: '项目的挂牌督办状态', schema: ProjectEscalationSchema } },
        errors: { 400: '请求内容或路径无效（理由必填）', 404: '项目不存在', 409: `版本已过期（附 current），或当前状态不能${step.label}`, 415: '请求体不是 JSON' },
      },
      (c, { params: { projectId }, body }) => {
        const now = deps.calendarNow()
        return answerWrite(c, deps, now, {
          lock: (tx) => lockProject(tx, projectId),
          missing: `项目 ${projectId} 不存在`,
          current: async (tx) => {
            const [row] = await tx.select().from(projectEscalations).where(eq(projectEscalations.projectId, projectId)).for('update')
            return { row: row ?? null, escalation: escalationOf(row) }
          },
          check: ({ escalation }) => escalationStepProblem(action, escalation, body.version),
          change: async (tx, { row, escalation }, project) => {
            if (!row) refuse({ status: 409, code: 'invalid_transition', message: '该项目没有挂牌督办记录' })
            const latest = await latestPublished(tx)
            // Declined or lifted: the evidence weighed so far is spent; the rule proposes again only on a later month's.
            const settledThrough = step.to === 'listed' ? row.settledThrough : [latest, row.evidenceMonth].filter((m): m is string => m !== null).sort().at(-1)!
            const [next] = await tx
              .update(projectEscalations)
              .set({ status: step.to, since: chinaDate(now), reason: body.reason, settledThrough, version: row.version + 1, updatedAt: now, updatedBy: c.get('user').username })
              .where(eq(projectEscalations.projectId, projectId))
              .returning()
            if (action === 'confirm')
              await notify(
                tx,
                { kind: 'escalation-listed', at: now, text: noticeTexts.escalationListed(project.name, body.reason), link: `/projects/${projectId}`, to: { ownerUnits: [project.ownerUnit] } },
                deps.notices.outbound,
              )
            return {
              answer: { projectId, escalation: escalationOf(next) },
              audit: { action: `escalation.${action}`, target: projectId, changes: [{ field: 'escalation', before: escalation.status, after: step.to }], reason: body.reason },
              bump: true,
            }
          },
        })
      },
    )
  }
}
