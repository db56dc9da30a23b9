import type { ImportError } from '@/contract/imports'
import { parseTypedNumber } from './typed-number'

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

/**
 * The limits of any import: rows after the header and the file's size, then what the file (a zip) may
 * unpack to, checked from its central directory before anything is inflated, and what reading it may cost
 * (a worker thread with its own heap and a deadline). Decision 68.
 */
export const SHEET_LIMITS = {
  maxRows: 20_000,
  maxBytes: 10 * 1024 * 1024,
  /** Entries in the zip: a workbook has about a dozen. */
  maxZipEntries: 1_000,
  /** All entries unpacked, as the central directory declares them (and as they are inflated: a lie is refused). */
  maxUnpackedBytes: 60 * 1024 * 1024,
  /** Unpacked ÷ packed for an entry larger than 1 MB unpacked; XML compresses 5–30×, a zip bomb about 1,000×. */
  maxCompressionRatio: 200,
  /** Reading the sheet: its worker is stopped after this long, or when its heap reaches parseHeapMb. */
  parseTimeoutMs: 30_000,
  parseHeapMb: 256,
} as const

export const isEmptyCell = (cell: SheetCell | undefined) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')
export const isFormulaCell = (cell: SheetCell | undefined): cell is { formula: string } => typeof cell === 'object' && cell !== null && !(cell instanceof Date)

/** YYYY-MM-DD of a date cell (Excel dates arrive as UTC midnight) or of a YYYY-MM-DD text. */
export function dateText(cell: SheetCell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10)
  if (typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell.trim())) return cell.trim()
  return null
}

/** A cell read against its column: nothing in it, what is wrong with it, or its value. */
export type CellReading = { kind: 'empty' } | { kind: 'error'; message: string } | { kind: 'value'; value: string | number | Date | boolean }

/**
 * What every sheet refuses in a cell, once: formulas, a required cell left empty, a malformed 项目编号,
 * text where a number belongs, a name not in a choice's list, a date or year that is none. A choice
 * reads as its stored value, an id in upper case; what a value means beyond that is the sheet's own rule.
 */
export function readSheetCell(column: SheetColumn, cell: SheetCell | undefined): CellReading {
  if (isFormulaCell(cell)) return { kind: 'error', message: '不能使用公式，请复制后“粘贴为数值”' }
  if (isEmptyCell(cell)) return column.required ? { kind: 'error', message: `请填写${column.header.replace(/（.*）$/, '')}` } : { kind: 'empty' }
  const value = cell as Exclude<SheetCell, null | { formula: string }>
  switch (column.kind) {
    case 'id': {
      const id = String(value).trim().toUpperCase()
      return /^P\d{3,6}$/.test(id) ? { kind: 'value', value: id } : { kind: 'error', message: '项目编号格式应为 P 加 3-6 位数字，如 P001' }
    }
    case 'wan':
    case 'percent': {
      if (typeof value === 'number') return { kind: 'value', value }
      // A number typed as text ('1,200', full-width digits) reads by the one rule for typed numbers; '1e3' is refused by it.
      const typed = typeof value === 'string' && /\d/.test(value.normalize('NFKC')) ? parseTypedNumber(value, { label: column.header, decimal: column.kind === 'percent' }) : null
      if (typed?.ok && typed.value !== null) return { kind: 'value', value: typed.value }
      return { kind: 'error', message: typed && !typed.ok ? typed.message : `${column.header}应为数值，不能是文字` }
    }
    case 'year': {
      const year = typeof value === 'number' ? value : Number(String(value).trim())
      return Number.isInteger(year) && year >= 2000 && year <= 2100 ? { kind: 'value', value: year } : { kind: 'error', message: '计划年度应为四位年份，如 2025' }
    }
    case 'date': {
      const text = dateText(value)
      return text === null ? { kind: 'error', message: `${column.header}应为日期（Excel 日期或 YYYY-MM-DD）` } : { kind: 'value', value: text }
    }
    case 'choice': {
      const chosen = column.choices![String(value).trim()]
      return chosen === undefined
        ? { kind: 'error', message: `“${String(value)}”不是可选的${column.header}（可选：${Object.keys(column.choices!).join('、')}）` }
        : { kind: 'value', value: chosen }
    }
    default:
      return { kind: 'value', value }
  }
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
