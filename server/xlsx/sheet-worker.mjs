// The first worksheet of an uploaded workbook, read in a worker thread (decision 68): its heap is capped
// and it is stopped at a deadline by server/xlsx/read-sheet.ts, so no file can stall the server's own
// thread or keep its memory. Plain JavaScript, as Node runs it in every host (tests, tsx, dist-server/):
// it imports only Node and exceljs. The zip's directory was judged before this runs (zip-directory.ts);
// here each part is inflated as a stream that may not exceed what the directory declared, and the sheet's
// rows are parsed as they come, stopping at the row limit — no file is read whole.
import { Buffer } from 'node:buffer'
import { createRequire } from 'node:module'
import { setPriority } from 'node:os'
import { StringDecoder } from 'node:string_decoder'
import { Readable } from 'node:stream'
import { parentPort, workerData } from 'node:worker_threads'
import { createInflateRaw } from 'node:zlib'

// Below the server's own thread: on Linux a thread has its own nice value (0 here means this thread), so on
// a busy machine the thread that answers requests gets the CPU first. Elsewhere it may not apply: no matter.
try {
  setPriority(0, 10)
} catch {
  // not permitted or not supported: the read just runs at the usual priority
}

const require = createRequire(import.meta.url)
// exceljs's streaming reader (4.4.0, pinned: decision 45): its part parsers and its row-by-row sheet reader.
const WorkbookReader = require('exceljs/lib/stream/xlsx/workbook-reader.js')

const NOT_A_WORKBOOK = '文件不是有效的 Excel 工作簿（.xlsx），请用导入模板填写后另存为 .xlsx 再上传'
/** Excel's last row: a row number past it is not a workbook's. */
const EXCEL_MAX_ROW = 1_048_576

class Refused extends Error {
  constructor(status, code, message) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** An entry's text, inflated chunk by chunk and decoded across chunk edges; more than it declared is refused. */
async function* entryText(bytes, entry) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const at = entry.localOffset
  if (view.getUint32(at, true) !== 0x04034b50) throw new Refused(422, 'invalid_file', NOT_A_WORKBOOK)
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
  const packed = bytes.subarray(start, start + entry.compressedSize)
  const decoder = new StringDecoder('utf8')
  if (entry.method === 0) {
    if (packed.byteLength > entry.uncompressedSize) throw lie(entry)
    for (let i = 0; i < packed.byteLength; i += 65536) yield decoder.write(Buffer.from(packed.subarray(i, i + 65536)))
    yield decoder.end()
    return
  }
  const inflater = createInflateRaw({ chunkSize: 65536 })
  inflater.end(packed)
  let total = 0
  try {
    for await (const chunk of inflater) {
      total += chunk.length
      if (total > entry.uncompressedSize) throw lie(entry)
      yield decoder.write(chunk)
    }
    yield decoder.end()
  } finally {
    inflater.destroy()
  }
}

const lie = (entry) => new Refused(413, 'unpacked_too_large', `文件中的“${entry.name.slice(0, 60)}”解压后大于其声明的大小，疑似恶意构造的文件，已拒绝`)

/** One cell as the rules see it: values, dates, and formulas marked as such (as readFirstSheet always did). */
function cellOf(value) {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return value
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { formula: String(value.formula ?? '') }
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('text' in value && typeof value.text === 'string') return value.text
    if ('error' in value) return String(value.error)
  }
  return String(value)
}

async function readFirstSheet({ bytes, entries, maxRows, extraSheets = [] }) {
  const byName = new Map(entries.map((e) => [e.name, e]))
  const part = (name) => {
    const entry = byName.get(name)
    return entry ? Readable.from(entryText(bytes, entry)) : null
  }
  const reader = new WorkbookReader(null, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' })
  const rels = part('xl/_rels/workbook.xml.rels')
  const book = part('xl/workbook.xml')
  if (!rels || !book) throw new Refused(422, 'invalid_file', NOT_A_WORKBOOK)
  await reader._parseRels(rels)
  await reader._parseWorkbook(book)
  const styles = part('xl/styles.xml')
  if (styles) await reader._parseStyles(styles)
  const strings = part('xl/sharedStrings.xml')
  reader.sharedStrings = []
  if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _
  // The first sheet is the first the workbook lists (as exceljs's workbook.worksheets[0] is).
  const first = reader.model?.sheets?.[0]
  if (!first) return { ok: false, status: 422, code: 'invalid_file', message: '工作簿中没有工作表' }
  // The row limit is the whole file's: the first sheet's rows and those of any other sheet read with it count together.
  const budget = { dataRows: 0 }
  const sheet = await readSheet(reader, byName, bytes, first, maxRows, budget)
  if (!sheet.ok) return sheet
  // Other sheets asked for by name (the ledger's 前期手续, decision 80), read the same way when the workbook has them.
  const extra = {}
  for (const name of extraSheets) {
    const model = reader.model.sheets.find((s) => s.name === name)
    if (!model) continue
    const read = await readSheet(reader, byName, bytes, model, maxRows, budget)
    if (!read.ok) return read
    extra[name] = read.sheet
  }
  return { ok: true, sheet: sheet.sheet, extra }
}

/** One worksheet's cells, row 1 the header; `budget` counts the data rows read so far against `maxRows`. */
async function readSheet(reader, byName, bytes, model, maxRows, budget) {
  const target = (reader.workbookRels ?? []).find((rel) => rel.Id === model.rId)?.Target
  if (!target) throw new Refused(422, 'invalid_file', NOT_A_WORKBOOK)
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`
  const entry = byName.get(path)
  if (!entry) throw new Refused(422, 'invalid_file', NOT_A_WORKBOOK)
  const [{ value: sheet }] = [...reader._parseWorksheet(entryText(bytes, entry), model.id)]

  // Rows as they are parsed: row 1 the header, data rows placed at their row numbers (gaps stay empty);
  // the read stops at the first data row past the limit, whatever follows.
  let header = []
  const rows = []
  let width = 1
  for await (const row of sheet) {
    const number = row.number
    if (!Number.isInteger(number) || number < 1 || number > EXCEL_MAX_ROW) throw new Refused(422, 'invalid_file', NOT_A_WORKBOOK)
    if (!row.hasValues) continue
    const cells = Array.from({ length: row.cellCount }, (_, i) => cellOf(row.getCell(i + 1).value))
    width = Math.max(width, cells.length)
    if (number === 1) {
      header = cells
      continue
    }
    if (++budget.dataRows > maxRows) return { ok: false, status: 422, code: 'invalid_file', message: `数据超过 ${maxRows.toLocaleString('zh-CN')} 行，请分批导入` }
    rows[number - 2] = cells
  }
  // Every row as wide as the widest (as exceljs's columnCount made them); a gap is an empty row.
  const pad = (cells) => (cells.length < width ? [...cells, ...Array(width - cells.length).fill(null)] : cells)
  const empty = Array(width).fill(null)
  return { ok: true, sheet: { header: pad(header), rows: Array.from(rows, (cells) => (cells ? pad(cells) : empty)) } }
}

readFirstSheet(workerData)
  .catch((error) =>
    error instanceof Refused
      ? { ok: false, status: error.status, code: error.code, message: error.message }
      : { ok: false, status: 422, code: 'invalid_file', message: NOT_A_WORKBOOK },
  )
  .then((outcome) => parentPort.postMessage(outcome))
