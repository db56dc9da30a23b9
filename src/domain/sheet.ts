import type { ImportError } from '@/contract/imports'

/**
 * What every imported sheet shares (the ledger, the monthly reports): cells as read from a workbook, the
 * columns a sheet may have, and the header check. The server reads the workbook (exceljs) into cells;
 * what a cell means is decided here and in the sheet's own module.
 */

/** A cell as read from a workbook: a value, a date, a formula (refused), or empty. */
export type SheetCell = string | number | boolean | Date | { formula: string } | null

/** id: 项目编号; wan: integer 万元; percent: 0-100; year: a four-digit year; info: shown for reference, never read back. */
export type ColumnKind = 'id' | 'text' | 'wan' | 'percent' | 'year' | 'date' | 'choice' | 'info'

export type SheetColumn = {
  header: string
  key: string
  kind: ColumnKind
  required: boolean
  /** What the explanation sheet says about the column. */
  note: string
  /** For a choice: the names users see → the stored value. */
  choices?: Record<string, string>
}

/** The limits of any import: rows after the header, and the file's size. */
export const SHEET_LIMITS = { maxRows: 20_000, maxBytes: 10 * 1024 * 1024 } as const

export const isEmptyCell = (cell: SheetCell | undefined) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')
export const isFormulaCell = (cell: SheetCell | undefined): cell is { formula: string } => typeof cell === 'object' && cell !== null && !(cell instanceof Date)

/** YYYY-MM-DD of a date cell (Excel dates arrive as UTC midnight) or of a YYYY-MM-DD text. */
export function dateText(cell: SheetCell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10)
  if (typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell.trim())) return cell.trim()
  return null
}

/**
 * Check a header row against a sheet's columns: every required column is there, nothing unknown, nothing
 * twice. Returns the column index of each known header, or the errors (row 1).
 */
export function readSheetHeader(columns: readonly SheetColumn[], header: readonly SheetCell[]): { ok: true; index: Map<string, number> } | { ok: false; errors: ImportError[] } {
  const known = new Map(columns.map((c) => [c.header, c]))
  const index = new Map<string, number>()
  const errors: ImportError[] = []
  header.forEach((cell, i) => {
    if (isEmptyCell(cell)) return
    const name = typeof cell === 'string' ? cell.trim() : String(cell)
    const column = known.get(name)
    if (!column) errors.push({ row: 1, column: name, message: `无法识别的列“${name}”，请使用导入模板的列名` })
    else if (index.has(column.key)) errors.push({ row: 1, column: name, message: `列“${name}”重复` })
    else index.set(column.key, i)
  })
  for (const column of columns) {
    if (column.required && !index.has(column.key)) errors.push({ row: 1, column: column.header, message: `缺少列“${column.header}”` })
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, index }
}

/** Errors sorted the way a person fixes them: by row, then in the sheet's column order. */
export function sortImportErrors(columns: readonly SheetColumn[], errors: readonly ImportError[]): ImportError[] {
  const order = new Map(columns.map((c, i) => [c.header, i]))
  return [...errors].sort((a, b) => a.row - b.row || (order.get(a.column) ?? 99) - (order.get(b.column) ?? 99))
}
