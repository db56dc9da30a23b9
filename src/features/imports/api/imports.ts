import { ImportSummarySchema, XLSX_TYPE, importPaths } from '@/contract/imports'
import { apiUpload } from '@/lib/api-upload'

/**
 * Send a ledger workbook: a dry run (nothing written) or the import itself. A 422 carries the same summary
 * (its errors; nothing written); any other failure is an ApiRequestError.
 */
export function uploadLedger(file: Blob, dryRun: boolean) {
  return apiUpload(importPaths.projects, { dryRun: dryRun ? '1' : undefined }, file, XLSX_TYPE, ImportSummarySchema, [422])
}

/** Send a month's report sheet: a dry run, or the import (every row a submitted report, or none). */
export function uploadReports(month: string) {
  return (file: Blob, dryRun: boolean) =>
    apiUpload(importPaths.reports, { month, dryRun: dryRun ? '1' : undefined }, file, XLSX_TYPE, ImportSummarySchema, [422])
}
