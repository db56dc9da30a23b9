import { randomBytes } from 'node:crypto'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { crc32, deflateRawSync, createDeflateRaw } from 'node:zlib'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XLSX_TYPE, importPaths } from '@/contract/imports'
import { SHEET_LIMITS } from '@/domain/sheet'
import { createApp } from '../../server/app'
import type { Database } from '../../server/db/client'
import { readFirstSheet } from '../../server/xlsx/sheet-reader'
import { readZipDirectory } from '../../server/xlsx/zip-directory'
import { expectApiError, seededMemoryDatabase, signedIn, silentLogger, type Client } from './support'

// Hostile workbooks (issue 25, decision 68): each is refused with a clear message, and while it is being
// refused the server's own thread stays free — /api/health and /api/summary answer in under 200 ms.
// The figures these tests print are those of docs/security-and-reliability.md ("Uploads").

let database: Database
let app: ReturnType<typeof createApp>
let staff: Client
let owner: Client

beforeAll(async () => {
  database = await seededMemoryDatabase()
  app = createApp({ database, logger: silentLogger() })
  staff = await signedIn(app, 'staff')
  owner = await signedIn(app, 'owner')
  // Warm: the summary's answer is made once per data version (decision 14), as it is on a running server.
  expect((await staff.request('/api/summary')).status).toBe(200)
  expect((await staff.request('/api/health')).status).toBe(200)
})
afterAll(async () => {
  await database?.close()
})

/** A zip written by hand, so a test can say exactly what is in it (stored or deflated, a declared size that lies). */
type Part = { name: string; data: Uint8Array; deflate?: boolean; packed?: Uint8Array; declaredSize?: number; crc?: number }
function zipOf(parts: readonly Part[]): Uint8Array {
  const locals: Buffer[] = []
  const directory: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const name = Buffer.from(part.name)
    const packed = part.packed ?? (part.deflate === false ? part.data : deflateRawSync(part.data, { level: 9 }))
    const method = part.deflate === false ? 0 : 8
    const crc = part.crc ?? crc32(part.data)
    const size = part.declaredSize ?? part.data.byteLength
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc >>> 0, 14)
    local.writeUInt32LE(packed.byteLength, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.byteLength, 26)
    locals.push(local, name, Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength))
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(crc >>> 0, 16)
    central.writeUInt32LE(packed.byteLength, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.byteLength, 28)
    central.writeUInt32LE(offset, 42)
    directory.push(central, name)
    offset += 30 + name.byteLength + packed.byteLength
  }
  const directorySize = directory.reduce((sum, b) => sum + b.byteLength, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length & 0xffff, 8)
  end.writeUInt16LE(parts.length & 0xffff, 10)
  end.writeUInt32LE(directorySize, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, ...directory, end]))
}

/** The parts of a real workbook (made by exceljs) with its first sheet's XML replaced by `sheetXml`. */
async function workbookWithSheet(sheetXml: string | Part): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  book.addWorksheet('项目台账').addRow(['项目编号'])
  const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer())
  const parts: Part[] = []
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir) continue
    if (name === 'xl/worksheets/sheet1.xml') parts.push(typeof sheetXml === 'string' ? { name, data: Buffer.from(sheetXml) } : sheetXml)
    else parts.push({ name, data: await file.async('uint8array') })
  }
  return zipOf(parts)
}

const sheetXml = (rows: Iterable<string>) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${[...rows].join('')}</sheetData></worksheet>`

function* numberRows(count: number) {
  for (let r = 1; r <= count; r++) yield `<row r="${r}"><c r="A${r}"><v>1</v></c></row>`
}

let millionRows: Promise<Uint8Array> | undefined
/** A million rows of numbers in a few MB, made once: three tests upload it (a copy each: an upload may transfer its buffer). */
const millionRowWorkbook = async () => (await (millionRows ??= workbookWithSheet(sheetXml(numberRows(1_000_000))))).slice()

/** An upload as a browser sends a File: with its Content-Length. */
const post = (client: Client, path: string, bytes: Uint8Array) =>
  client.request(path, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE, 'Content-Length': String(bytes.byteLength) }, body: new Blob([bytes as BlobPart]) })
const LEDGER_CHECK = `${importPaths.projects}?dryRun=1`
const REPORT_CHECK = `${importPaths.reports}?month=2024-10&dryRun=1`

type Probe = { healthMs: number; summaryMs: number }
const PROBE_EVERY_MS = 25
/**
 * Probes /api/health and /api/summary, one after the other, every 25 ms until `work` settles (at least
 * once), on this same thread — the server's, which a file read on it would stall. A probe is timed from
 * when it was due, not from when the thread got round to sending it: a stalled event loop delays the
 * timer as it would delay a request arriving on a socket, and that wait is the latency a user sees.
 */
async function probeWhile<T>(work: Promise<T>): Promise<{ result: T; probes: Probe[]; ms: number }> {
  const started = performance.now()
  let settled = false
  const result = work.finally(() => (settled = true))
  const probes: Probe[] = []
  let due = performance.now()
  do {
    expect((await staff.request('/api/health')).status).toBe(200)
    const t1 = performance.now()
    expect((await staff.request('/api/summary')).status).toBe(200)
    probes.push({ healthMs: t1 - due, summaryMs: performance.now() - t1 })
    due = performance.now() + PROBE_EVERY_MS
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS))
  } while (!settled)
  const value = await result
  return { result: value, probes, ms: performance.now() - started }
}

const timings = (probes: Probe[]) => probes.map((p) => `${Math.round(p.healthMs)}/${Math.round(p.summaryMs)}`).join(' ')

/**
 * The probes' normal latency, measured for a moment just before an upload; it also lets the garbage of
 * building the file (this thread is the client's too) be collected before the upload's probes are timed.
 */
async function baseline() {
  const run = await probeWhile(new Promise((resolve) => setTimeout(resolve, 300)))
  return timings(run.probes)
}

// This thread is the client's as well as the server's: the garbage of building a hostile file (hundreds of MB of
// strings) is collected before the upload, so that its collection is not timed as the server's latency.
setFlagsFromString('--expose-gc')
const collectClientGarbage = runInNewContext('gc') as () => void

/** Posts a hostile file while probing; prints what came back and the probes' times (health/summary ms), before and during. */
async function during<T>(label: string, bytes: Uint8Array, upload: () => Promise<T>, outcomeOf: (result: T) => { status: number; message: string }) {
  collectClientGarbage()
  const before = await baseline()
  // This process's resident set (the server's, the worker's while it runs, and the test's own): before, at the peak, a second after.
  const rssBefore = process.memoryUsage.rss()
  let rssPeak = rssBefore
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 20)
  const run = await probeWhile(upload())
  clearInterval(sampler)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  report(label, bytes, outcomeOf(run.result), run, before)
  const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`
  console.info(`[hostile upload] ${label}: process RSS ${mb(rssBefore)} before, ${mb(rssPeak)} at the peak, ${mb(process.memoryUsage.rss())} a second after`)
  return run.result
}

function report(label: string, bytes: Uint8Array, outcome: { status: number; message: string }, run: { probes: Probe[]; ms: number }, before: string) {
  const worst = Math.max(...run.probes.flatMap((p) => [p.healthMs, p.summaryMs]))
  console.info(
    `[hostile upload] ${label}: ${(bytes.byteLength / 2 ** 20).toFixed(2)} MB → ${outcome.status} in ${Math.round(run.ms)} ms ` +
      `“${outcome.message}”; ${run.probes.length} probes, slowest ${worst.toFixed(1)} ms (health/summary ms before: ${before}; during: ${timings(run.probes)})`,
  )
  for (const probe of run.probes) {
    expect(probe.healthMs).toBeLessThan(200)
    expect(probe.summaryMs).toBeLessThan(200)
  }
}

async function refusal(response: Response) {
  return { status: response.status, message: expectApiError(await response.json())!.message }
}

describe('hostile uploads are refused, and the server keeps answering meanwhile', () => {
  it('a million rows in a few MB: read as a stream in a worker and stopped at the 20,000-row limit', async () => {
    const bytes = await millionRowWorkbook()
    expect(bytes.byteLength).toBeLessThan(SHEET_LIMITS.maxBytes)
    const result = await during('1,000,000 rows (月报, owner)', bytes, () => post(owner, REPORT_CHECK, bytes).then(refusal), (r) => r)
    expect(result.status).toBe(422)
    expect(result.message).toBe('数据超过 20,000 行，请分批导入')
  })

  it('a 9 MB workbook of random text: stopped at the row limit, its memory gone with its worker', async () => {
    const hex = randomBytes(130_000 * 48).toString('hex')
    const rows = function* () {
      for (let r = 1; r <= 130_000; r++) {
        const text = hex.slice((r - 1) * 96, r * 96)
        yield `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${text.slice(0, 32)}</t></is></c><c r="B${r}" t="inlineStr"><is><t>${text.slice(32, 64)}</t></is></c><c r="C${r}" t="inlineStr"><is><t>${text.slice(64)}</t></is></c></row>`
      }
    }
    const bytes = await workbookWithSheet(sheetXml(rows()))
    expect(bytes.byteLength).toBeGreaterThan(8 * 2 ** 20)
    expect(bytes.byteLength).toBeLessThan(SHEET_LIMITS.maxBytes)
    const result = await during('9 MB of random text (ledger, staff)', bytes, () => post(staff, LEDGER_CHECK, bytes).then(refusal), (r) => r)
    expect(result.status).toBe(422)
    expect(result.message).toContain('数据超过 20,000 行')
  })

  it('a zip of 100,000 entries: refused from its directory, nothing inflated', async () => {
    const bytes = zipOf(Array.from({ length: 100_000 }, (_, i) => ({ name: i.toString(36), data: new Uint8Array(0), deflate: false })))
    expect(bytes.byteLength).toBeLessThan(SHEET_LIMITS.maxBytes)
    const result = await during('100,000 entries (月报, owner)', bytes, () => post(owner, REPORT_CHECK, bytes).then(refusal), (r) => r)
    expect(result.status).toBe(413)
    expect(result.message).toContain('条目超过 1,000 个')
  })

  it('a zip bomb (one sheet of 200 MB of zeros): refused from its directory', async () => {
    const deflater = createDeflateRaw({ level: 9 })
    const packed: Buffer[] = []
    deflater.on('data', (chunk: Buffer) => packed.push(chunk))
    const zeros = Buffer.alloc(2 ** 20)
    for (let i = 0; i < 200; i++) deflater.write(zeros)
    await new Promise((resolve) => deflater.end(resolve))
    const bytes = await workbookWithSheet({ name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(0), packed: Buffer.concat(packed), declaredSize: 200 * 2 ** 20, crc: 0 })
    const result = await during('200 MB of zeros in one entry (ledger, staff)', bytes, () => post(staff, LEDGER_CHECK, bytes).then(refusal), (r) => r)
    expect(result.status).toBe(413)
    expect(result.message).toContain('疑似压缩炸弹')
  })

  it('a sheet that unpacks to more than its directory declares: refused as it is inflated', async () => {
    const xml = sheetXml(numberRows(5_000))
    const bytes = await workbookWithSheet({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(xml), declaredSize: 10_000 })
    expect(readZipDirectory(bytes).ok).toBe(true)
    const result = await during('a declared size that lies (ledger, staff)', bytes, () => post(staff, LEDGER_CHECK, bytes).then(refusal), (r) => r)
    expect(result.status).toBe(413)
    expect(result.message).toContain('解压后大于其声明的大小')
  })

  it('four uploads at once by one account: one is read, the other three are answered 429', async () => {
    const bytes = await millionRowWorkbook()
    const results = await during('four at once (月报, one owner)', bytes, () => Promise.all(Array.from({ length: 4 }, () => post(owner, REPORT_CHECK, bytes).then(refusal))), (all) => all.find((r) => r.status === 429)!)
    expect(results.map((r) => r.status).sort()).toEqual([422, 429, 429, 429])
    expect(results.find((r) => r.status === 429)!.message).toContain('一次只能导入一个文件')
    // The account's slot is free again once its import is done; another account was never held up.
    const after = await post(owner, REPORT_CHECK, await workbookWithSheet(sheetXml(numberRows(3))))
    expect(after.status).not.toBe(429)
  })

  it('a read that outlasts its deadline or its heap is stopped, with a message (limits made tiny here)', async () => {
    const bytes = await millionRowWorkbook()
    const late = await readFirstSheet(bytes.slice(), { ...SHEET_LIMITS, parseTimeoutMs: 20 })
    expect(late).toMatchObject({ ok: false, status: 422, code: 'parse_timeout', message: expect.stringContaining('已停止') })
    const greedy = await readFirstSheet(bytes, { ...SHEET_LIMITS, maxRows: 1_000_000, parseHeapMb: 16 })
    expect(greedy).toMatchObject({ ok: false, status: 413, message: expect.stringContaining('内存超过 16 MB') })
  })
})
