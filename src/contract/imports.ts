import { z } from 'zod'
import { ReportMonthSchema } from './reports'

/**
 * Excel in and out (server only: workbooks are read and written with exceljs on the server, never in the
 * browser bundle). Rules in src/domain/ledger.ts. Not in the barrel.
 */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const importPaths = {
  projectTemplate: '/api/import/projects/template.xlsx',
  projects: '/api/import/projects',
  reportTemplate: '/api/import/reports/template.xlsx',
  reports: '/api/import/reports',
  exportProjects: '/api/export/projects.xlsx',
  exportBulletin: '/api/export/bulletin.xlsx',
} as const

/** One problem of an imported file: Excel's row number (the header is row 1) and the column's header. */
export const ImportErrorSchema = z.object({ row: z.number().int().nonnegative(), column: z.string(), message: z.string() })
export type ImportError = z.infer<typeof ImportErrorSchema>

/**
 * The answer of an import, dry run or not: how many data rows were read, what they create, update or leave
 * as they are, and every error. Any error means nothing is (or would be) written, and the counts are 0.
 */
export const ImportSummarySchema = z.object({
  rows: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  errors: z.array(ImportErrorSchema),
  /** A ledger of the next plan year opens that year (the year before is then closed: read only). */
  opensYear: z.number().int().optional(),
  /** The ledger's 前期手续 sheet, when the file has one (decision 80): approvals it changes and leaves as they are. */
  approvals: z.object({ rows: z.number().int().nonnegative(), updated: z.number().int().nonnegative(), unchanged: z.number().int().nonnegative() }).optional(),
})
export type ImportSummary = z.infer<typeof ImportSummarySchema>

export const ImportQuerySchema = z.strictObject({ dryRun: z.enum(['1', 'true', '0', 'false']).optional() })

/** The month a report template is for. */
export const ReportTemplateQuerySchema = z.strictObject({ month: ReportMonthSchema })

/** The month the imported reports are for, and whether only to check. */
export const ReportImportQuerySchema = ImportQuerySchema.extend({ month: ReportMonthSchema })
