import { NotAvailableHere } from '../routes/context'

/**
 * server/xlsx/workbook.ts in the backend-free demo (vite.config.ts, `browserSeams`): workbooks are read
 * and written with exceljs on a server only. The demo runs the server's own Excel routes — access rules,
 * queries and all — and they answer 501 with this message where the workbook would be made or read.
 */
const notInDemo = (): never => {
  throw new NotAvailableHere('演示版（浏览器内模拟数据）不支持 Excel 导入导出，请在服务器版中使用')
}

export type SheetCells = { header: unknown[]; rows: unknown[][] }
export type ExportRow = (string | number | null)[]
export type BulletinSheet = { name: string; title: string; header: string[]; rows: (string | number | null)[][]; numFmts?: Record<number, string> }
export const readFirstSheet = notInDemo
export const ledgerTemplate = notInDemo
export const reportTemplate = notInDemo
export const streamProjectList = notInDemo
export const bulletinWorkbook = notInDemo

// Every value the real module exports has its stand-in here (tsc checks it; the import is types only).
const standsIn: { [K in keyof typeof import('../xlsx/workbook')]: unknown } = { readFirstSheet, ledgerTemplate, reportTemplate, streamProjectList, bulletinWorkbook }
void standsIn
