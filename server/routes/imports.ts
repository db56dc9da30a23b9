import { sql } from 'drizzle-orm'
import type { Context } from 'hono'
import { z } from 'zod'
import { ApiErrorSchema, PLAN_YEAR } from '@/contract'
import { ImportQuerySchema, ImportSummarySchema, XLSX_TYPE, importPaths, type ImportError } from '@/contract/imports'
import { LEDGER_LIMITS, LEDGER_PLAN_REASON, importSummary, planLedgerImport, readLedgerHeader, readLedgerRows } from '@/domain/ledger'
import { appendAudit } from '../audit'
import { projectRecordsWhere } from '../db/queries'
import { storeNewProjects, storeProjectUpdate } from '../db/project-store'
import { bumpDataVersion, refreshNameRanks } from '../db/write'
import { ledgerTemplate, readFirstSheet } from '../xlsx/workbook'
import { clientAddress, fail, type AppEnv, type Deps } from './context'
import type { Register } from './register'

type C = Context<AppEnv>

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
 * The uploaded workbook: refused before reading when it is not declared as .xlsx (415) or is larger than
 * an import takes (413), whatever Content-Length claims.
 */
async function workbookBody(c: C): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; response: Response }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== XLSX_TYPE) {
    return { ok: false, response: fail(c, 415, 'unsupported_media_type', '请上传 Excel 工作簿（.xlsx），Content-Type 应为 ' + XLSX_TYPE) }
  }
  const tooLarge = () => ({ ok: false as const, response: fail(c, 413, 'payload_too_large', `文件超过 ${LEDGER_LIMITS.maxBytes / 1024 / 1024} MB，请分批导入`) })
  if (Number(c.req.header('content-length') ?? 0) > LEDGER_LIMITS.maxBytes) return tooLarge()
  const reader = c.req.raw.body?.getReader()
  if (!reader) return { ok: true, bytes: new Uint8Array() }
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > LEDGER_LIMITS.maxBytes) {
      await reader.cancel()
      return tooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return { ok: true, bytes }
}

/**
 * The project ledger (项目台账) in and out of Excel: the template, and the import — a dry run that only
 * reports, or the import itself, all rows in one transaction or none. Rules in src/domain/ledger.ts.
 */
export function importRoutesOf(register: Register, deps: Deps) {
  const { db } = deps.database

  register('GET', importPaths.projectTemplate, async () => xlsxDownload(new Uint8Array(await ledgerTemplate()), '项目台账导入模板.xlsx'), {
    summary: '项目台账导入模板（.xlsx）：中文表头、下拉选项、填写说明工作表',
    responses: { 200: { description: '模板文件', file: XLSX_TYPE } },
  })

  register('POST', importPaths.projects, async (c) => {
    const query = ImportQuerySchema.safeParse(c.req.query())
    if (!query.success) return fail(c, 400, 'invalid_query', '参数无效', { fields: { dryRun: '应为 1 或 0' } })
    const dryRun = query.data.dryRun === '1' || query.data.dryRun === 'true'
    const body = await workbookBody(c)
    if (!body.ok) return body.response
    const read = await readFirstSheet(body.bytes)
    if (!read.ok) return fail(c, 422, 'invalid_file', read.message)
    const head = readLedgerHeader(read.sheet.header)
    const answer = (summary: ReturnType<typeof importSummary>) => c.json(summary, summary.errors.length > 0 && !dryRun ? 422 : 200)
    if (!head.ok) return answer(importSummary(0, null, head.errors))
    const { rows, errors: rowErrors } = readLedgerRows(head.index, read.sheet.rows)
    const rowCount = rows.length + new Set(rowErrors.map((e) => e.row)).size
    const now = deps.now()

    return db.transaction(async (tx) => {
      // One import (or project addition or rename) at a time: ids and name ranks are the whole list's.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('project-names'))`)
      // Every project row is locked for the decision and the writes: no edit slips in between.
      await tx.execute(sql`select id from projects order by id for update`)
      const existing = await projectRecordsWhere({ db: tx }, sql`true`)
      const { plan, errors: planErrors } = planLedgerImport(rows, existing, PLAN_YEAR, now)
      const errors: ImportError[] = [...rowErrors, ...planErrors]
      const summary = importSummary(rowCount, plan, errors)
      if (dryRun || errors.length > 0) return answer(summary)

      const actor = c.get('user').username
      const address = clientAddress(c, deps.trustProxy)
      await storeNewProjects(tx, plan.created)
      for (const record of plan.created) {
        await appendAudit(tx, {
          at: now,
          actor,
          action: 'project.create',
          target: record.id,
          changes: [
            { field: 'name', before: null, after: record.name },
            { field: 'annualPlanWan', before: null, after: record.annualPlanWan },
          ],
          reason: '导入项目台账',
          address,
        })
      }
      for (const { before, after, changes } of plan.updated) {
        await storeProjectUpdate(tx, before, after, now)
        await appendAudit(tx, {
          at: now,
          actor,
          action: 'project.update',
          target: after.id,
          changes,
          reason: after.annualPlanWan !== before.annualPlanWan ? LEDGER_PLAN_REASON : '导入项目台账',
          address,
        })
      }
      if (plan.created.length > 0 || plan.updated.some((u) => u.after.name !== u.before.name)) await refreshNameRanks(tx)
      if (plan.created.length > 0 || plan.updated.length > 0) await bumpDataVersion(tx)
      deps.logger.info({ actor, created: plan.created.length, updated: plan.updated.length, unchanged: plan.unchanged }, 'ledger imported')
      return answer(summary)
    })
  }, {
    summary: '导入项目台账（发改委工作人员）：请求体为 .xlsx 文件；dryRun=1 只检查不写入；否则全部行在一个事务中写入，任一错误则全部不写入（422）',
    query: ImportQuerySchema,
    bodyFile: XLSX_TYPE,
    responses: {
      200: { description: '检查结果或导入结果：行数、新增、更新、未变及错误（行、列、原因）', schema: ImportSummarySchema },
      422: {
        description: '有错误，未写入任何数据（附与检查相同的结果）；或文件无法读取（不是 .xlsx、超过 20,000 行：统一错误格式）',
        schema: z.union([ImportSummarySchema, ApiErrorSchema]),
      },
    },
    errors: { 400: '参数无效', 413: '文件超过 10 MB', 415: '请求体不是 .xlsx' },
  })
}
