import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Context } from 'hono'
import { z } from 'zod'
import { ApiErrorSchema, type ProjectRecord } from '@/contract'
import { ImportSummarySchema, ReportImportQuerySchema, ReportTemplateQuerySchema, XLSX_TYPE, importPaths } from '@/contract/imports'
import { parseReportMonth, reportChanges, reportMonthProblem, reportsInMonth } from '@/domain/monthly-report'
import { forecastRequired } from '@/domain/forecast-report'
import { REPORT_IMPORT_REASON, planReportImport, readReportSheetHeader, readReportSheetRows, reportImportSummary, reportTemplateRow } from '@/domain/report-sheet'
import { projectRecordsWhere } from '../db/queries'
import { reportOfRow, reportsOfMonth, storeReport } from '../db/reports'
import { projects } from '../db/schema'
import { planYearOf } from '../db/plan-year'
import { holdMonthOpen, isMonthPublished } from '../db/months'
import { publishedMonthProblem } from '@/domain/calendar'
import { refuse, type Tx } from '../db/versioned-write'
import { readFirstSheet, reportTemplate } from '../xlsx/workbook'
import { answerWrite, fail, type AppEnv, type Deps } from './context'
import { UPLOAD_ERRORS, XLSX_FILE, oneImportAtATime, refuseSecondImport, xlsxDownload } from './imports'
import type { Register } from './register'

type C = Context<AppEnv>

/**
 * 月报 from Excel: a month's template pre-filled for the projects the account reports for, and the import —
 * each row checked like a report typed in the UI, all rows in one transaction or none, every imported row
 * a submitted report for the staff to review. Rules in src/domain/report-sheet.ts.
 */
export function reportImportRoutesOf(register: Register, deps: Deps) {
  const { db } = deps.database

  /** The query's month, refused (400) when no report can be filled in for it. */
  const monthOf = async (c: C, asked: string) => {
    const { year, month } = parseReportMonth(asked)
    const planYear = await planYearOf(db)
    const problem = reportMonthProblem(year, month, planYear, deps.calendarNow())
    if (problem) return { ok: false as const, response: fail(c, 400, 'invalid_query', problem, { fields: { month: problem } }) }
    return { ok: true as const, year, month, planYear }
  }

  /** The owner unit an account reports for (null: the staff, any unit), or the 403 answer. */
  const unitOf = (c: C) => {
    const user = c.get('user')
    if (user.role !== 'owner') return { ok: true as const, unit: null }
    if (!user.ownerUnit) return { ok: false as const, response: fail(c, 403, 'forbidden', '账户未绑定业主单位，不能填报月报') }
    return { ok: true as const, unit: user.ownerUnit }
  }

  register('GET', importPaths.reportTemplate, {
    summary: '月报导入模板（.xlsx，业主单位与发改委工作人员）：每个可填报的项目一行，预填项目编号、名称、参考数据和本月已填内容',
    query: ReportTemplateQuerySchema,
    responses: { 200: { description: '模板文件', file: XLSX_TYPE } },
    errors: { 400: '月份无效、不在本年度或尚未开始' },
  }, async (c, { query }) => {
    const asked = await monthOf(c, query.month)
    if (!asked.ok) return asked.response
    const unit = unitOf(c)
    if (!unit.ok) return unit.response
    const { year, month } = asked
    const where = and(isNull(projects.retiredAt), unit.unit ? eq(projects.ownerUnit, unit.unit) : sql`true`)!
    const records = (await projectRecordsWhere({ db }, where)).filter((r) => reportsInMonth(r, year, month))
    const reports = await reportsOfMonth(db, query.month)
    const rows = records.map((r) => {
      const row = reports.get(r.id)
      return reportTemplateRow(r, row ? reportOfRow(row, r.simulated) : null, month)
    })
    const title = `${year}年${month}月`
    const forecastNote = forecastRequired(month, deps.reportChecks)
      ? `本月起须填写全年预计完成投资、完成信心（本年或明年完工的项目还须填写预计完工日期）；完成信心为中、较低或低时须填写信心说明。`
      : `全年预计完成投资、完成信心等自 ${deps.reportChecks.forecastRequiredFrom} 月起必填，本月可不填；完成信心为中、较低或低时须填写信心说明。`
    return xlsxDownload(new Uint8Array(await reportTemplate(rows, title, [forecastNote])), `${unit.unit ?? '南岸区重点项目'}_${title}月报.xlsx`)
  })

  register('POST', importPaths.reports, {
    summary:
      '导入月报（业主单位限本单位项目；发改委工作人员可代任何业主单位导入）：请求体为 .xlsx；dryRun=1 只检查不写入；否则全部行在一个事务中写入为“待审核”月报，任一错误则全部不写入（422）；同一文件再导入不产生修改',
    query: ReportImportQuerySchema,
    bodyFile: XLSX_FILE,
    responses: {
      200: { description: '检查结果或导入结果：行数、新提交、更新（草稿或已退回的月报改为提交）、未变及错误（行、列、原因）', schema: ImportSummarySchema },
      422: { description: '有错误，未写入任何数据（附与检查相同的结果）；或文件无法读取（统一错误格式）', schema: z.union([ImportSummarySchema, ApiErrorSchema]) },
    },
    errors: { 400: '参数无效，或该月份不能填报', 409: '该月已发布，月报不能再导入', ...UPLOAD_ERRORS },
    refuse: refuseSecondImport(deps),
  }, async (c, { query, body }) =>
    oneImportAtATime(c, deps, async () => {
      const asked = await monthOf(c, query.month)
      if (!asked.ok) return asked.response
      const unit = unitOf(c)
      if (!unit.ok) return unit.response
      // A published month takes no more reports (checked again under the month's lock when writing).
      if (await isMonthPublished(db, asked.year, asked.month)) return fail(c, 409, 'month_published', publishedMonthProblem(asked.year, asked.month))
      const dryRun = query.dryRun === '1' || query.dryRun === 'true'
      const read = await readFirstSheet(body)
      if (!read.ok) return fail(c, read.status, read.code, read.message)
      // Errors are answered 422 with the summary (nothing written); a dry run always 200.
      const statusOf = (summary: ReturnType<typeof reportImportSummary>) => (summary.errors.length > 0 && !dryRun ? 422 : 200)
      const head = readReportSheetHeader(read.sheet.header)
      if (!head.ok) {
        const summary = reportImportSummary(0, null, head.errors)
        return c.json(summary, statusOf(summary))
      }
      const { rows, errors: rowErrors, read: rowCount } = readReportSheetRows(head.index, read.sheet.rows)
      const user = c.get('user')
      const now = deps.calendarNow()
      const month = query.month
      const ids = [...new Set(rows.map((r) => r.projectId))].sort()

      return answerWrite(c, deps, now, {
        // The projects' rows are locked in id order (as every report write locks its project): no edit or
        // approval of these reports slips in between the check and the writes.
        lock: async (tx: Tx) => {
          const records: ProjectRecord[] = []
          for (let i = 0; i < ids.length; i += LOCK_CHUNK) {
            const chunk = ids.slice(i, i + LOCK_CHUNK)
            await tx.select({ id: projects.id }).from(projects).where(inArray(projects.id, chunk)).orderBy(asc(projects.id)).for('update')
            records.push(...(await projectRecordsWhere({ db: tx }, inArray(projects.id, chunk), asked.year)))
          }
          return records
        },
        change: async (tx, records) => {
          // A new plan year opened since the month was checked (its ledger import holds every project's lock): refuse.
          const openNow = await planYearOf(tx)
          if (openNow !== asked.planYear) refuse({ status: 409, code: 'conflict', message: `计划年度刚刚变为 ${openNow} 年度，${asked.year} 年的月报不能再导入，请刷新后重试` })
          await holdMonthOpen(tx, asked.year, asked.month)
          const byId = new Map(records.map((r) => [r.id, r]))
          const stored = await reportsOfMonth(tx, month)
          const { plan, errors: planErrors } = planReportImport(rows, {
            month,
            planYear: asked.planYear,
            actor: user,
            now,
            projectOf: (id) => byId.get(id),
            reportOf: (id) => {
              const row = stored.get(id)
              return row ? reportOfRow(row, byId.get(id)?.simulated ?? false) : null
            },
            checks: deps.reportChecks,
          })
          const summary = reportImportSummary(rowCount, plan, [...rowErrors, ...planErrors])
          if (dryRun || summary.errors.length > 0) return { answer: summary, status: statusOf(summary) }

          const writes = [...plan.created.map((after) => ({ before: null, after })), ...plan.updated]
          for (const { after } of writes) await storeReport(tx, after)
          deps.logger.info({ actor: user.username, month, created: plan.created.length, updated: plan.updated.length, unchanged: plan.unchanged }, 'reports imported')
          return {
            answer: summary,
            status: statusOf(summary),
            audit: writes.map(({ before, after }) => ({
              action: 'report.submit' as const,
              target: after.projectId,
              month,
              changes: reportChanges(before, after),
              reason: REPORT_IMPORT_REASON,
            })),
            // Submitted reports show in the lists as awaiting review: cached answers go. They count once approved.
            bump: writes.length > 0,
          }
        },
      })
    }),
  )
}

/** Project rows locked and read this many at a time (a bound on the statement's parameters). */
const LOCK_CHUNK = 1000
