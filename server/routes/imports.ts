import { and, count, eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import {
  ApiErrorSchema,
  AsOfQuerySchema,
  DELAYED_CLASSES,
  ProjectListQuerySchema,
  type KeyedFigures,
  type LagClass,
  type ProjectList,
  type ProjectListItem,
  type ProjectRecord,
} from '@/contract'
import { compareZh } from '@/domain/zh-order'
import { currentChinaYear, resolveAsOf, unpublishedProblem } from '@/domain/calendar'
import { can } from '@/domain/access'
import { describeFilters } from '@/domain/filter-text'
import { approvalOfProject, approvalRecordsOf, listApprovalKinds, storeApproval } from '../db/approvals'
import { APPROVAL_SHEET_COLUMNS, APPROVAL_SHEET_NAME, approvalSheetRows, readApprovalSheet } from '@/domain/approvals-sheet'
import { applyApprovalSave, approvalOf, missingApprovalCounts, notStartedApprovalsText } from '@/domain/approvals'
import type { BulletinContent } from '@/contract/bulletins'
import { SHEET_LIMITS } from '@/domain/sheet'
import { chinaDate } from '@/domain/calendar'
import { WAN_PER_YI } from '@/domain/money'
import { monthRange } from '@/lib/format'
import { ImportQuerySchema, ImportSummarySchema, XLSX_TYPE, importPaths, type ImportError } from '@/contract/imports'
import { LEDGER_PLAN_REASON, importSummary, ledgerPlanYear, planLedgerImport, readLedgerHeader, readLedgerRows } from '@/domain/ledger'
import { exportRow, exportTotalsRow, listTitle } from '@/domain/list-export'
import { calendarOf, lastListedRecords, projectListOf, projectRecordsWhere, summaryOf, type Unpublished } from '../db/queries'
import { issueMissingBulletins, issuedBulletinOf } from '../db/bulletins'
import { storeCarriedProjects, storeNewProjects, storeProjectUpdate } from '../db/project-store'
import { planYearOf, storePlanYear } from '../db/plan-year'
import { monthlyReports, projects } from '../db/schema'
import type { Tx } from '../db/versioned-write'
import type { SheetCell } from '@/domain/sheet'
import type { Approval } from '@/contract/approvals'
import type { AuditChange } from '@/contract/accounts'
import { PROJECT_NAMES_LOCK, publishThroughApproved, refreshNameRanks } from '../db/write'
import { bulletinWorkbook, ledgerTemplate, readFirstSheet, streamProjectList, type ExportRow } from '../xlsx/workbook'
import type { Context } from 'hono'
import { answerWrite, fail, type AppEnv, type Deps } from './context'
import type { Register } from './register'
import { ERRORS } from './spec'

/** An uploaded workbook as a request body (415 for any other media type); its size is capped by the import routes' own body limit (server/api.ts: 413). */
export const XLSX_FILE = { type: XLSX_TYPE, name: 'Excel 工作簿（.xlsx）' }

const IMPORT_UNDERWAY = '您的上一个文件还在导入中，请等它完成后再上传（同一账户一次只能导入一个文件）'

/** A second upload by an account whose import is under way: refused before its body is read (the handler takes the slot). */
export const refuseSecondImport = (deps: Deps) => (c: Context<AppEnv>) =>
  deps.importsUnderway.has(c.get('user').username) ? fail(c, 429, 'import_underway', IMPORT_UNDERWAY) : null

/**
 * One workbook import (a check or the import itself, ledger or 月报) at a time per account (decision 68): a
 * second one while the first is read or written is answered 429. Reading is bounded (server/xlsx/sheet-reader.ts);
 * this bounds how many a single account can have the server read at once.
 */
export async function oneImportAtATime(c: Context<AppEnv>, deps: Deps, run: () => Promise<Response>): Promise<Response> {
  const account = c.get('user').username
  if (deps.importsUnderway.has(account)) return fail(c, 429, 'import_underway', IMPORT_UNDERWAY)
  deps.importsUnderway.add(account)
  try {
    return await run()
  } finally {
    deps.importsUnderway.delete(account)
  }
}

/** Errors an upload may be answered with before its rows are judged (declared by both import routes). */
export const UPLOAD_ERRORS = {
  413: '文件超过 10 MB，或解压后超过 60 MB、条目超过 1,000 个、压缩比异常（疑似压缩炸弹）、读取所需内存超限',
  415: '请求体不是 .xlsx',
  429: '同一账户的上一个导入尚未完成',
} as const

/** A download with a Chinese file name (RFC 5987), never cached. */
export function xlsxDownload(body: BodyInit, fileName: string) {
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Cache-Control': 'no-store',
    },
  })
}

/**
 * The ledger's 前期手续 sheet (decision 80): each row read and checked (src/domain/approvals-sheet.ts), then saved
 * over the approval as it is now, by the same rule as the form (applyApprovalSave): what it would change, and
 * any row the rule refuses. Nothing is written here.
 */
async function planApprovals(tx: Tx, sheet: { header: SheetCell[]; rows: SheetCell[][] }, projectIds: ReadonlySet<string>, today: string) {
  const kinds = await listApprovalKinds(tx)
  const { rows, errors } = readApprovalSheet(sheet.header, sheet.rows, kinds, projectIds, today)
  const changed: { projectId: string; approval: Approval; changes: AuditChange[] }[] = []
  for (const row of rows) {
    const current = (await approvalOfProject(tx, row.projectId, row.kind))?.approval ?? approvalOf(kinds.find((k) => k.kind === row.kind)!)
    const result = applyApprovalSave(current, { ...row.body, version: current.version }, today)
    if (!result.ok) errors.push({ row: row.row, column: `${APPROVAL_SHEET_NAME}·${APPROVAL_SHEET_COLUMNS[3]!.header}`, message: result.fields?.obtainedOn ?? result.message })
    else if (result.changes.length > 0) changed.push({ projectId: row.projectId, approval: result.approval, changes: result.changes })
  }
  return { rows: rows.length + new Set(errors.map((e) => e.row)).size, changed, errors }
}

/**
 * The project ledger (项目台账) in and out of Excel: the template, and the import — a dry run that only
 * reports, or the import itself, all rows in one transaction or none. Rules in src/domain/ledger.ts.
 */
export function importRoutesOf(register: Register, deps: Deps) {
  /** A month not yet published is the staff's alone (decision 63). */
  const mayReadUnpublished = (c: Context<AppEnv>) => can(c.get('user').role, 'month:publish')
  register('GET', importPaths.projectTemplate, {
    summary: '项目台账导入模板（.xlsx）：中文表头、下拉选项、填写说明工作表',
    responses: { 200: { description: '模板文件', file: XLSX_TYPE } },
  }, async () => xlsxDownload(new Uint8Array(await ledgerTemplate()), '项目台账导入模板.xlsx'))

  register('POST', importPaths.projects, {
    summary: '导入项目台账（发改委工作人员）：请求体为 .xlsx 文件；dryRun=1 只检查不写入；否则全部行在一个事务中写入，任一错误则全部不写入（422）',
    query: ImportQuerySchema,
    bodyFile: XLSX_FILE,
    responses: {
      200: { description: '检查结果或导入结果：行数、新增、更新、未变及错误（行、列、原因）', schema: ImportSummarySchema },
      422: {
        description: '有错误，未写入任何数据（附与检查相同的结果）；或文件无法读取（不是 .xlsx、超过 20,000 行、读取超过 30 秒：统一错误格式）',
        schema: z.union([ImportSummarySchema, ApiErrorSchema]),
      },
    },
    errors: { 400: '参数无效', ...UPLOAD_ERRORS },
    refuse: refuseSecondImport(deps),
  }, async (c, { query, body }) =>
    oneImportAtATime(c, deps, async () => {
      const dryRun = query.dryRun === '1' || query.dryRun === 'true'
      // The ledger, and its 前期手续 sheet when the file has one (decision 80): read together, under one row limit.
      const read = await readFirstSheet(body, SHEET_LIMITS, [APPROVAL_SHEET_NAME])
      if (!read.ok) return fail(c, read.status, read.code, read.message)
      const approvalSheet = read.extra?.[APPROVAL_SHEET_NAME]
      const head = readLedgerHeader(read.sheet.header)
      // Errors are answered 422 with the summary (nothing written); a dry run always 200.
      const statusOf = (summary: ReturnType<typeof importSummary>) => (summary.errors.length > 0 && !dryRun ? 422 : 200)
      if (!head.ok) {
        const summary = importSummary(0, null, head.errors)
        return c.json(summary, statusOf(summary))
      }
      const { rows, errors: rowErrors } = readLedgerRows(head.index, read.sheet.rows)
      const rowCount = rows.length + new Set(rowErrors.map((e) => e.row)).size
      const now = deps.calendarNow()
      const actor = c.get('user').username

      return answerWrite(c, deps, now, {
        // One import (or project addition or rename) at a time: ids and name ranks are the whole list's.
        serialise: PROJECT_NAMES_LOCK,
        // Every project row is locked for the decision and the writes: no edit slips in between.
        lock: async (tx: Tx) => {
          const locked = await tx.execute(sql`select id from projects order by id for update`)
          return (locked as unknown as { rows: { id: string }[] }).rows.map((r) => r.id)
        },
        change: async (tx, idsInUse) => {
          // Whole records only of the projects the file names (the others need only their ids).
          const inUse = new Set(idsInUse)
          const named = [...new Set(rows.flatMap((r) => (r.input.id ? [r.input.id] : [])))].filter((id) => inUse.has(id))
          const current = await planYearOf(tx)
          const { year: planYear, opensYear, errors: yearErrors } = ledgerPlanYear(rows, current, idsInUse.length > 0, currentChinaYear(now))
          // The named projects as the year's list has them; those it does not name yet, as last listed (carried into it).
          const existing: ProjectRecord[] = []
          for (let i = 0; i < named.length; i += 1000) existing.push(...(await projectRecordsWhere({ db: tx }, inArray(projects.id, named.slice(i, i + 1000)), planYear)))
          const listed = new Set(existing.map((r) => r.id))
          const carried = await lastListedRecords({ db: tx }, named.filter((id) => !listed.has(id)))
          existing.push(...carried)
          const { plan, errors: planErrors } = planLedgerImport(rows, existing, planYear, now, idsInUse, new Set(carried.map((r) => r.id)))
          const errors: ImportError[] = [...rowErrors, ...yearErrors, ...planErrors]
          // The year closes when the next opens: reports still awaiting review would be left with no year to count in.
          if (opensYear) {
            const [{ pending } = { pending: 0 }] = await tx
              .select({ pending: count() })
              .from(monthlyReports)
              .where(and(eq(monthlyReports.year, current), eq(monthlyReports.status, 'submitted')))
            if (pending > 0) errors.push({ row: 1, column: '计划年度', message: `${current} 年度还有 ${pending} 份月报待审核，请审核（通过或退回）后再导入 ${planYear} 年度的台账` })
          }
          // 前期手续, row by row against the projects there are and those this file adds; each saved as the form saves it.
          const approvals = approvalSheet ? await planApprovals(tx, approvalSheet, new Set([...idsInUse, ...plan.created.map((r) => r.id)]), chinaDate(now)) : null
          const ledgerSummary = importSummary(rowCount, plan, [...errors, ...(approvals?.errors ?? [])])
          const summary = {
            ...ledgerSummary,
            // The first sheet's errors in its order, then the 前期手续 sheet's (their rows are that sheet's).
            errors: [...importSummary(rowCount, plan, errors).errors, ...(approvals?.errors ?? [])],
            ...(opensYear && ledgerSummary.errors.length === 0 ? { opensYear: planYear } : {}),
            // An empty 前期手续 sheet (the template's, left as it is) says nothing.
            ...(approvals && approvals.rows > 0 ? { approvals: { rows: approvals.rows, updated: ledgerSummary.errors.length > 0 ? 0 : approvals.changed.length, unchanged: ledgerSummary.errors.length > 0 ? 0 : approvals.rows - approvals.changed.length } } : {}),
          }
          if (dryRun || summary.errors.length > 0) return { answer: summary, status: statusOf(summary) }

          // A deployment's first ledger decides its plan year; the next year's ledger opens that year (see ledgerPlanYear).
          if (planYear !== current) {
            // The closing year is published through its latest approved month: it stays readable, as it was, for every reader.
            if (opensYear) {
              await publishThroughApproved(tx, now, `${planYear} 年度开始：${current} 年度截至已审核月报的最新月份发布`, current)
              // Each month published so is issued its bulletin, as a publication by staff is (decision 64).
              await issueMissingBulletins(tx, deps.bulletin)
            }
            await storePlanYear(tx, planYear)
            deps.logger.info({ actor, from: current, to: planYear, carried: plan.carried.length }, opensYear ? 'plan year opened by its ledger' : 'plan year set by the first ledger')
          }
          await storeCarriedProjects(tx, plan.carried.map((c) => c.after), now, planYear)
          await storeNewProjects(tx, plan.created, planYear)
          for (const { before, after } of plan.updated) await storeProjectUpdate(tx, before, after, now, planYear)
          for (const { projectId, approval } of approvals?.changed ?? []) await storeApproval(tx, projectId, approval, now, actor)
          const renamed = [...plan.updated, ...plan.carried].some((u) => u.after.name !== u.before.name)
          if (plan.created.length > 0 || renamed) await refreshNameRanks(tx)
          deps.logger.info({ actor, created: plan.created.length, updated: plan.updated.length, unchanged: plan.unchanged }, 'ledger imported')
          return {
            answer: summary,
            status: statusOf(summary),
            audit: [
              ...plan.created.map((record) => ({
                action: 'project.create' as const,
                target: record.id,
                changes: [
                  { field: 'name', before: null, after: record.name },
                  { field: 'annualPlanWan', before: null, after: record.annualPlanWan },
                ],
                reason: '导入项目台账',
              })),
              ...plan.updated.map(({ before, after, changes }) => ({
                action: 'project.update' as const,
                target: after.id,
                changes,
                reason: after.annualPlanWan !== before.annualPlanWan ? LEDGER_PLAN_REASON : '导入项目台账',
              })),
              ...plan.carried.map(({ after, changes }) => ({
                action: 'project.update' as const,
                target: after.id,
                changes,
                reason: `列入 ${planYear} 年度重点项目清单（导入项目台账）`,
              })),
              ...(approvals?.changed ?? []).map(({ projectId, changes }) => ({ action: 'approval.update' as const, target: projectId, changes, reason: '导入项目台账' })),
            ],
            bump: plan.created.length > 0 || plan.updated.length > 0 || plan.carried.length > 0 || (approvals?.changed.length ?? 0) > 0,
          }
        },
      })
    }),
  )

  register('GET', importPaths.exportProjects, {
    summary: '导出项目清单（.xlsx，督查与工作人员）：与列表相同的筛选和排序，全部行；标题含数据截至，亿元与万元分列，冻结表头，合计行，模拟数据说明',
    query: ProjectListQuerySchema,
    responses: { 200: { description: '项目清单工作簿（流式生成）', file: XLSX_TYPE } },
    errors: ERRORS.badQuery,
  }, async (c, { query }) => {
    const { page: _page, pageSize: _pageSize, ...filters } = query
    // Every row of the list as on screen, read on one snapshot (the workbook is then written as a stream).
    const read = await deps.database.snapshot(async (d) => {
      const calendar = await calendarOf(d, deps.calendarNow())
      const month = resolveAsOf(filters.asOf, calendar, deps.calendarNow())
      if (!month.ok) return { ok: false as const, fields: month.fields }
      if (month.explicit && !month.published && !mayReadUnpublished(c)) return { ok: false as const, unpublished: unpublishedProblem(calendar, month.planYear, month.month) }
      const pages: Unpublished<ProjectList>[] = []
      for (let page = 1; ; page++) {
        const list = await projectListOf(d, { ...filters, page, pageSize: EXPORT_PAGE_ROWS }, month.month, month.planYear)
        pages.push(list)
        if (page * EXPORT_PAGE_ROWS >= list.total) break
      }
      // The 前期手续 filtered by, in words (decision 80).
      const approvalName = filters.missingApproval ? (await listApprovalKinds(d.db)).find((k) => k.kind === filters.missingApproval)?.name : undefined
      // The second sheet, 前期手续: every listed project's approvals, on the same snapshot.
      const ids = pages.flatMap((p) => p.items.map((i) => i.id))
      const approvals = await approvalRecordsOf(d.db, ids)
      return { ok: true as const, month: month.month, planYear: month.planYear, published: month.published, pages, approvalName, approvalRows: ids.flatMap((id) => approvalSheetRows(id, approvals.get(id) ?? [])) }
    })
    if (!read.ok) return read.unpublished !== undefined ? fail(c, 403, 'month_unpublished', read.unpublished) : fail(c, 400, 'invalid_query', '查询参数无效', { fields: read.fields })
    const first = read.pages[0]!
    const period = `${read.planYear}年${monthRange(read.month)}${read.published ? '' : '（未发布）'}`
    const title = listTitle(filters.status?.every((s) => (DELAYED_CLASSES as readonly string[]).includes(s)) ? 'delayed' : 'all')
    let index = 0
    async function* rows(): AsyncIterable<ExportRow> {
      for (const list of read.ok ? read.pages : []) {
        for (const item of list.items) yield [++index, ...exportRow(item, 'xlsx')]
        // Let the stream drain between pages: memory stays flat however long the list is.
        await new Promise((resolve) => setTimeout(resolve, 0))
      }
    }
    const { totals } = first
    const body = streamProjectList(
      { title: `${title}（数据截至${period}）`, subtitle: `筛选条件：${describeFilters(filters, read.approvalName)}；共 ${first.total} 个项目；金额：总投资、年度计划、累计完成为亿元，欠序时进度为万元` },
      rows(),
      () => ['合计', ...exportTotalsRow(totals, first.total, 'xlsx')],
      first.provenance.notice ? `说明：${first.provenance.notice}` : '说明：各项数据均为报送数据。',
      (error) => deps.logger.error({ err: error }, 'export failed while streaming'),
      { name: APPROVAL_SHEET_NAME, header: APPROVAL_SHEET_COLUMNS.map((col) => col.header), rows: read.approvalRows },
    )
    return xlsxDownload(body, `${title}_${period}.xlsx`)
  })

  register('GET', importPaths.exportBulletin, {
    summary: '进展情况通报（.xlsx）：总体情况、分类情况、片区排名、滞后/应开未开/未报送项目（按责任单位）',
    query: AsOfQuerySchema,
    // The district's bulletin: an owner unit limited to its own projects (OWNER_SEES=own) may not take it.
    refuse: (c) => (c.get('scope').kind === 'owner-unit' ? fail(c, 403, 'forbidden', '业主单位账户只能查看本单位项目，不能下载全区通报') : null),
    responses: { 200: { description: '通报工作簿', file: XLSX_TYPE } },
    errors: ERRORS.badQuery,
  }, async (c, { query }) => {
    const read = await deps.database.snapshot(async (d) => {
      const calendar = await calendarOf(d, deps.calendarNow())
      const month = resolveAsOf(query.asOf, calendar, deps.calendarNow())
      if (!month.ok) return { ok: false as const, fields: month.fields }
      if (month.explicit && !month.published && !mayReadUnpublished(c)) return { ok: false as const, unpublished: unpublishedProblem(calendar, month.planYear, month.month) }
      const listOf = async (status: LagClass[]) => {
        const items: ProjectListItem[] = []
        for (let page = 1; ; page++) {
          const list = await projectListOf(d, { status, sort: 'shortfall', order: 'desc', page, pageSize: EXPORT_PAGE_ROWS }, month.month, month.planYear)
          items.push(...list.items)
          if (items.length >= list.total) return items
        }
      }
      // A published month's workbook is its issued bulletin, as issued: later edits never change it (decision 64).
      const issued = month.published ? await issuedBulletinOf(d.db, month.planYear, month.month) : null
      if (issued) return { ok: true as const, published: true, number: issued.number, ...issued.content }
      const notStarted = await listOf(['not-started'])
      return {
        ok: true as const,
        summary: await summaryOf(d, month.month, month),
        published: month.published,
        number: null,
        severe: await listOf(['severe']),
        lagging: await listOf(['lagging']),
        notStarted,
        notReported: await listOf(['not-reported']),
        notStartedApprovals: missingApprovalCounts(notStarted, await listApprovalKinds(d.db)) as BulletinContent['notStartedApprovals'],
      }
    })
    if (!read.ok) return read.unpublished !== undefined ? fail(c, 403, 'month_unpublished', read.unpublished) : fail(c, 400, 'invalid_query', '查询参数无效', { fields: read.fields })
    const { summary } = read
    // 应开未开5个：其中施工许可未取得3个… under the sheet's title (decision 80), as the bulletin says it.
    const notStartedLead = read.notStarted.length > 0 && read.notStartedApprovals !== null ? `：${notStartedApprovalsText(read.notStarted.length, read.notStartedApprovals)}` : ''
    const period = `${summary.planYear}年${monthRange(summary.asOfMonth)}${read.published ? '' : '（未发布）'}`
    const figures = (rows: readonly KeyedFigures[]) => rows.map((r) => [r.label, r.projectCount, r.annualPlanWan / WAN_PER_YI, r.cumulativeActualWan / WAN_PER_YI, r.completionRate, r.gapPoints])
    const FIGURE_HEADER = ['类别', '项目数', '年度计划（亿元）', `${period}完成（亿元）`, '完成率', '较序时（个百分点）']
    const FIGURE_FORMATS = { 2: '#,##0.00', 3: '#,##0.00', 4: '0.00%', 5: '+0.00;-0.00;0.00' }
    const byDept = (items: ProjectListItem[]) =>
      [...items]
        .sort((a, b) => compareZh(a.responsibleUnit, b.responsibleUnit))
        .map((i) => [i.responsibleUnit, i.id, i.name, i.zoneName, i.status.completionRate, i.status.gapPoints, i.status.shortfallWan, i.status.rule])
    const LIST_HEADER = ['责任单位', '项目编号', '项目名称', '所属片区', '完成率', '较序时（个百分点）', '欠序时进度（万元）', '判断依据']
    const LIST_FORMATS = { 4: '0.00%', 5: '+0.00;-0.00;0.00', 6: '#,##0' }
    const ranking = [...summary.byZone].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
    const workbook = await bulletinWorkbook(
      [
        {
          name: '总体情况',
          title: `${read.number ? `${read.number} ` : ''}南岸区重点项目${period}进展情况通报：总体情况`,
          header: ['指标', '数值'],
          rows: [
            ['重点项目（个）', summary.projectCount],
            ['年度计划投资（亿元）', summary.annualPlanWan / WAN_PER_YI],
            [`${period}累计完成（亿元）`, summary.cumulativeActualWan / WAN_PER_YI],
            ['投资完成率', summary.completionRate],
            ['序时进度', summary.scheduleRate],
            ['较序时（个百分点）', summary.gapPoints],
            ['严重滞后（个）', summary.lagCounts.severe],
            ['滞后（个）', summary.lagCounts.lagging],
            ['应开未开（个）', summary.lagCounts['not-started']],
            ['未报送（个）', summary.lagCounts['not-reported']],
            ['已完工（个）', summary.completedCount],
          ],
        },
        { name: '按投资类别', title: '按投资类别', header: FIGURE_HEADER, rows: figures(summary.byInvestmentType), numFmts: FIGURE_FORMATS },
        { name: '按四个聚焦', title: '按四个聚焦', header: FIGURE_HEADER, rows: figures(summary.byFocusArea), numFmts: FIGURE_FORMATS },
        { name: '按建设性质', title: '按建设性质', header: FIGURE_HEADER, rows: figures(summary.byStage), numFmts: FIGURE_FORMATS },
        {
          name: '片区排名',
          title: `片区完成率排名（${period}）`,
          header: ['排名', '片区', '项目数', '年度计划（亿元）', '完成率', '较序时（个百分点）', '上月排名'],
          rows: ranking.map((z) => [z.rank ?? '不排名', z.name, z.projectCount, z.annualPlanWan / WAN_PER_YI, z.completionRate, z.gapPoints, z.previousRank]),
          numFmts: { 3: '#,##0.00', 4: '0.00%', 5: '+0.00;-0.00;0.00' },
        },
        { name: '严重滞后项目', title: '严重滞后项目（按责任单位）', header: LIST_HEADER, rows: byDept(read.severe), numFmts: LIST_FORMATS },
        { name: '滞后项目', title: '滞后项目（按责任单位）', header: LIST_HEADER, rows: byDept(read.lagging), numFmts: LIST_FORMATS },
        { name: '应开未开', title: `应开未开项目（按责任单位）${notStartedLead}`, header: LIST_HEADER, rows: byDept(read.notStarted), numFmts: LIST_FORMATS },
        { name: '未报送', title: '未报送项目（按责任单位）', header: LIST_HEADER, rows: byDept(read.notReported), numFmts: LIST_FORMATS },
      ],
      summary.provenance.notice ? `说明：${summary.provenance.notice}` : '说明：各项数据均为报送数据。',
    )
    return xlsxDownload(new Uint8Array(workbook), `南岸区重点项目${period}进展情况通报.xlsx`)
  })
}

/** Pages of this many rows are read for an export. */
const EXPORT_PAGE_ROWS = 1000

