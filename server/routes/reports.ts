import { and, eq } from 'drizzle-orm'
import type { Context } from 'hono'
import { z } from 'zod'
import { ProjectIdSchema } from '@/contract'
import {
  CommissionConfidenceSchema,
  ReportListSchema,
  ReportMonthSchema,
  ReportQueueSchema,
  ReportSchema,
  ReportQueueQuerySchema,
  ReportTransitionSchema,
  SaveReportSchema,
  reportRoutes,
  type Report,
  type ReportAction,
  type ReportList,
} from '@/contract/reports'
import { otherYearProblem } from '@/domain/calendar'
import { scopeReads } from '@/domain/access'
import {
  applySave,
  applyTransition,
  checkTransition,
  reviewerProblem,
  completeReport,
  fieldsOfReport,
  milestonesAfterApproval,
  mayAct,
  missingReturnReason,
  parseReportMonth,
  previousProgressPercent,
  reportChanges,
  reportContextOf,
  reportMonthProblem,
  reviewYearProblem,
  validateReport,
} from '@/domain/monthly-report'
import { applyCommissionConfidence, commissionConfidenceProblem, forecastNeedOf } from '@/domain/forecast-report'
import { flagInputOf, flaggedApprovalProblem, reportFlags } from '@/domain/report-flags'
import { projectRecordsWhere } from '../db/queries'
import { fillReportOutlook } from '../db/write'
import { lockProject, refreshProjectReadModel, reportOf, reportQueueOf, reportsOfProject, storeReport } from '../db/reports'
import { holdMonthOpen } from '../db/months'
import { milestones, projectYears, projects } from '../db/schema'
import { planYearOf } from '../db/plan-year'
import { refuse } from '../db/versioned-write'
import { noticeTexts } from '@/domain/notifications'
import { notify } from '../notify/notices'
import { answerWrite, fail, type AppEnv, type Deps } from './context'
import type { Register } from './register'

type C = Context<AppEnv>

/**
 * 月报: the owner unit fills in and submits, the staff approve or return. Every rule is the domain's
 * (src/domain/monthly-report.ts); this file only reads, locks, stores and audits. Each write runs in one
 * transaction that holds the project's row lock, so two editors of one project go one after the other
 * and the second, based on an old version, gets 409 with the current report.
 */
export function reportRoutesOf(register: Register, deps: Deps) {
  const { database } = deps
  const { db } = database

  const projectPath = z.object({ projectId: ProjectIdSchema.describe('项目编号，如 P001') })
  const reportPath = z.object({ projectId: ProjectIdSchema.describe('项目编号'), month: ReportMonthSchema.describe('月份 YYYY-MM') })

  /** Whether the account may see this project (an owner unit limited to its own, OWNER_SEES=own). */
  const mayRead = (c: C, ownerUnit: string) => scopeReads(c.get('scope'), ownerUnit)

  register('GET', reportRoutes.list, { summary: '一个项目本年度各月的月报（含草稿、待审核、已退回）', params: projectPath, responses: { 200: { description: '月报', schema: ReportListSchema } }, errors: { 400: '路径参数无效', 404: '项目不存在' } }, async (c, { params: { projectId } }) => {
    const [project] = await db.select({ ownerUnit: projects.ownerUnit, simulated: projects.simulated }).from(projects).where(eq(projects.id, projectId))
    if (!project) return fail(c, 404, 'not_found', `项目 ${projectId} 不存在`)
    if (!mayRead(c, project.ownerUnit)) return fail(c, 403, 'forbidden', '该项目不属于本单位，无权查看')
    return c.json({ items: await reportsOfProject(db, projectId, project.simulated) } satisfies ReportList, 200)
  })

  /**
   * One write (a versioned write, server/db/versioned-write.ts): the project's row locked, who may and
   * which version checked, the content validated, the domain's step applied, stored and audited.
   */
  const write = async (c: C, { projectId, month }: { projectId: string; month: string }, action: ReportAction, body: { version?: number; comment?: string; fields?: Parameters<typeof applySave>[1] }) => {
    const user = c.get('user')
    const now = deps.calendarNow()
    const reason = missingReturnReason(action, body.comment)
    if (reason) return fail(c, 422, 'invalid_report', '退回时请填写退回原因', { fields: reason })
    const { year, month: m } = parseReportMonth(month)
    return answerWrite(c, deps, now, {
      lock: (tx) => lockProject(tx, projectId),
      missing: `项目 ${projectId} 不存在`,
      current: async (tx, project) => {
        const refused = mayAct(user, action, project)
        if (refused) refuse(refused)
        return reportOf(tx, projectId, month, project.simulated)
      },
      check: (current) => checkTransition(action, current, body.version) ?? reviewerProblem(action, current, user),
      change: async (tx, current, project) => {
        let flags: Report['flags'] = []
        const planYear = await planYearOf(tx)
        // A published month is closed (409 naming it); a closed year's months answer with the year's own reason below.
        if (year === planYear) await holdMonthOpen(tx, year, m, current)
        // A closed year's reports are a record: no review moves its figures (saving and submitting are checked below).
        const closed = action === 'approve' || action === 'return' ? reviewYearProblem(year, planYear) : null
        if (closed) refuse({ status: 409, code: 'invalid_transition', message: closed }, { current })
        // A report flagged 需核实 is approved only with a comment confirming it was looked at (audited as the reason).
        const unconfirmed = flaggedApprovalProblem(action, current, body.comment)
        if (unconfirmed) refuse({ status: 422, code: 'invalid_report', message: '该月报需核实，审核通过前请填写确认意见', fields: unconfirmed })
        // A draft saves with any subset of its fields (the contract checked that what is filled in is well-formed);
        // only the month must be one that can be reported. Submit checks that the report is complete, then its
        // rules (进度回退, 超计划150%, 节点日期), against the approved figures as they are now (decision 65).
        if (action === 'save' || action === 'submit') {
          const [record] = await projectRecordsWhere({ db: tx }, eq(projects.id, projectId), year)
          // A month of a year this project is not listed in: refused with the reason (a closed year, a later one, or not in that year's list).
          const monthProblem = reportMonthProblem(year, m, planYear, now) ?? (record ? null : `项目 ${projectId} 不在 ${year} 年度的重点项目清单中，不能填报该年的月报`)
          if (monthProblem) refuse({ status: 422, code: 'invalid_report', message: '月报内容有误，请按提示修改', fields: { month: monthProblem } })
          if (action === 'submit') {
            // From FORECAST_REQUIRED_FROM the forecast is part of a complete report (decision 74).
            const complete = completeReport(fieldsOfReport(current!), forecastNeedOf(m, deps.reportChecks, record!, year))
            if (!complete.ok) refuse({ status: 422, code: 'invalid_report', message: complete.message, fields: complete.fields })
            const problems = validateReport(complete.fields, reportContextOf(record!, year, m, planYear, now))
            if (Object.keys(problems).length > 0) refuse({ status: 422, code: 'invalid_report', message: '月报内容有误，请按提示修改', fields: problems })
            // 需核实: judged against the approved months as they are now, stored with the submission.
            flags = reportFlags(flagInputOf(record!, complete.fields, m, previousProgressPercent(record!, m)), deps.reportChecks)
          }
        }
        const next: Report =
          action === 'save' ? applySave(current, body.fields!, projectId, month, user, now) : applyTransition(current!, action, user, now, body.comment, flags)
        await storeReport(tx, next)
        // The owner unit is told of a review, in the same transaction (docs/decisions/067).
        if (action === 'return' || action === 'approve') {
          const text = action === 'return' ? noticeTexts.reportReturned(project.name, month, body.comment ?? '') : noticeTexts.reportApproved(project.name, month)
          const kind = action === 'return' ? 'report-returned' : 'report-approved'
          await notify(tx, { kind, at: now, text, link: `/projects/${projectId}#reports`, to: { ownerUnits: [project.ownerUnit] } }, deps.notices.outbound)
        }
        /** An approval counts: milestones the report says were reached get their dates (the domain's rule), then the project is judged again. */
        const countApproved = async () => {
          const [record] = await projectRecordsWhere({ db: tx }, eq(projects.id, projectId), year)
          const after = milestonesAfterApproval(record!.milestones, next.milestonesReached)
          for (const [seq, stone] of after.entries()) {
            if (stone.actualDate !== record!.milestones[seq]!.actualDate) {
              await tx.update(milestones).set({ actualDate: stone.actualDate }).where(and(eq(milestones.projectId, projectId), eq(milestones.seq, seq)))
            }
          }
          await refreshProjectReadModel(tx, projectId, year)
        }
        return {
          answer: next,
          status: action === 'save' && !current ? 201 : 200,
          audit: { action: `report.${action}`, target: projectId, month, changes: reportChanges(current, next), reason: action === 'return' || action === 'approve' ? (body.comment?.trim() || null) : null },
          refresh: action === 'approve' ? countApproved : undefined,
          // Submitted, returned and approved reports show in the lists (awaiting review, no longer, counted): cached answers go. A draft is its unit's own.
          bump: action !== 'save',
        }
      },
    })
  }

  register('PUT', reportRoutes.one, {
    summary: '保存月报草稿（业主单位，限本单位项目）：新建时不带 version，修改时带所依据的 version',
    params: reportPath,
    body: SaveReportSchema,
    responses: { 200: { description: '修改后的月报', schema: ReportSchema }, 201: { description: '已新建', schema: ReportSchema } },
    errors: { 400: '请求内容或路径无效（字段见 fields）', 404: '项目不存在', 409: '版本已过期（附 current）、该状态不能修改，或该月已发布（month_published）', 415: '请求体不是 JSON', 422: '非本年度或未开始的月份（fields.month）；草稿可只填部分内容，完整性和规则在提交时检查' },
  }, (c, { params, body: { version, ...fields } }) => write(c, params, 'save', { version, fields }))
  for (const action of ['submit', 'approve', 'return'] as const) {
    register('POST', reportRoutes[action], {
      summary: { submit: '提交月报（业主单位）', approve: '审核通过月报（发改委工作人员）：计入统计', return: '退回月报（发改委工作人员）：须填写 comment' }[action],
      params: reportPath,
      body: ReportTransitionSchema,
      responses: { 200: { description: '月报', schema: ReportSchema } },
      errors: { 400: '请求内容或路径无效', 403: '不是本单位的项目，或审核本人提交、导入的月报（four_eyes：须由另一位工作人员审核）', 404: '项目不存在', 409: '版本已过期（附 current）、该状态不允许此操作，或该月已发布（month_published）', 415: '请求体不是 JSON', 422: '提交时月报未填写完整（fields 列出缺少的字段，自 FORECAST_REQUIRED_FROM 月起含全年预计完成投资、完成信心、预计完工日期；完成信心为中及以下须填信心说明）或不符合规则（进度回退未说明原因、超过年度计划 150% 未确认、节点日期晚于今天）；退回未填原因；审核通过“需核实”的月报未填确认意见（fields.comment）' },
    }, (c, { params, body }) => write(c, params, action, body))
  }

  /**
   * The commission's own 完成信心 beside the owner's (staff, with a reason): a versioned write on the report,
   * audited; the owner's rating and content are kept. The figures do not move, but the rating is ranked by
   * (effectiveConfidence), so cached answers go.
   */
  register('PUT', reportRoutes.commissionConfidence, {
    summary: '发改委评定完成信心（发改委工作人员）：与业主单位的完成信心并存，须填写理由；仅限已提交或已审核通过的月报',
    params: reportPath,
    body: CommissionConfidenceSchema,
    responses: { 200: { description: '评定后的月报', schema: ReportSchema } },
    errors: { 400: '请求内容或路径无效（未填理由等，字段见 fields）', 404: '项目或该月月报不存在', 409: '版本已过期（附 current）、月报为草稿或已退回，或该年度已结束', 415: '请求体不是 JSON' },
  }, (c, { params: { projectId, month }, body }) => {
    const user = c.get('user')
    const now = deps.calendarNow()
    const { year } = parseReportMonth(month)
    return answerWrite(c, deps, now, {
      lock: (tx) => lockProject(tx, projectId),
      missing: `项目 ${projectId} 不存在`,
      current: async (tx, project) => {
        const refused = mayAct(user, 'approve', project)
        if (refused) refuse(refused)
        const report = await reportOf(tx, projectId, month, project.simulated)
        if (!report) refuse({ status: 404, code: 'not_found', message: `项目 ${projectId} 的${parseReportMonth(month).month}月尚无月报` })
        return report
      },
      check: (current) => {
        if (body.version !== current.version) {
          return { status: 409, code: 'conflict', message: `月报已被他人修改（当前第 ${current.version} 版，您看到的是第 ${body.version} 版），请查看最新内容后重新评定` }
        }
        const problem = commissionConfidenceProblem(current)
        return problem ? { status: 409, code: 'invalid_transition', message: problem } : null
      },
      change: async (tx, current) => {
        const closed = reviewYearProblem(year, await planYearOf(tx))
        if (closed) refuse({ status: 409, code: 'invalid_transition', message: closed }, { current })
        const next = applyCommissionConfidence(current, body.confidence, body.reason)
        await storeReport(tx, next)
        // An approved report's rating is what the lists rank by from its month on: the read model follows.
        if (next.status === 'approved') await fillReportOutlook(tx, year, [projectId])
        return {
          answer: next,
          audit: { action: 'report.commission-confidence', target: projectId, month, changes: reportChanges(current, next), reason: body.reason.trim() },
          bump: true,
        }
      },
    })
  })

  register('GET', reportRoutes.month, { summary: '某月报送情况：每个项目的月报状态、是否逾期，按业主单位和责任单位计数（业主单位只看本单位）', query: ReportQueueQuerySchema, responses: { 200: { description: '报送情况', schema: ReportQueueSchema } }, errors: { 400: '查询参数无效' } }, async (c, { query }) => {
    const { year, month } = parseReportMonth(query.month)
    const planYear = await planYearOf(db)
    // Another year than the open one: a closed year (it has a list) is refused as such, any other as never planned.
    const listed = year === planYear ? [] : await db.selectDistinct({ year: projectYears.year }).from(projectYears).where(eq(projectYears.year, year))
    const otherYear = otherYearProblem(year, planYear, '的月报', listed.map((y) => y.year))
    if (otherYear) return fail(c, 400, 'invalid_query', '查询参数无效', { fields: { month: otherYear } })
    const user = c.get('user')
    const scope = c.get('scope')
    // An owner unit's queue is its own projects, whatever it may read.
    const ownUnit = user.role === 'owner' ? user.ownerUnit : scope.kind === 'owner-unit' ? scope.ownerUnit : null
    if (user.role === 'owner' && !ownUnit) return fail(c, 403, 'forbidden', '账户未绑定业主单位')
    const queue = await reportQueueOf(db, planYear, year, month, ownUnit, deps.calendarNow())
    return c.json(queue, 200)
  })
}
