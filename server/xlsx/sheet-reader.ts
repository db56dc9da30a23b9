import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { SHEET_LIMITS, type SheetCell } from '@/domain/sheet'
import { readZipDirectory, type Refusal, type ZipEntry } from './zip-directory'

/**
 * An uploaded workbook's first sheet, bounded before it is read (decision 68): the zip's directory is judged
 * first (entries, declared unpacked size, compression ratios: zip-directory.ts), then the sheet is read in a
 * worker thread with its own capped heap and a deadline (sheet-worker.mjs), rows streamed and the read
 * stopped at the row limit. The server's thread only waits: /api/health and every other reader keep their
 * latency while a hostile file is refused, and the worker's memory goes when it exits.
 */

export type SheetCells = { header: SheetCell[]; rows: SheetCell[][] }
/** The first sheet, and any other sheet asked for by name that the workbook has (`extra`, by name). */
export type ReadOutcome = { ok: true; sheet: SheetCells; extra?: Record<string, SheetCells> } | ({ ok: false } & Refusal)

/** The worker beside this module, or (in the bundled server, dist-server/) in the sources from the repo root. */
function workerFile(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [join(here, 'sheet-worker.mjs'), join(here, '..', 'server', 'xlsx', 'sheet-worker.mjs'), resolve('server/xlsx/sheet-worker.mjs')]
  return candidates.find((file) => existsSync(file)) ?? candidates[0]!
}

/** SHEET_LIMITS, or (in tests) other numbers for them. */
export type SheetLimits = { readonly [K in keyof typeof SHEET_LIMITS]: number }
type Limits = SheetLimits

/**
 * The first worksheet's cells (row 1 the header), and those of the sheets named in `extraSheets` that the workbook
 * has (the ledger's 前期手续; the row limit counts every sheet read), or a refusal with its status and a message in Chinese.
 * Takes the bytes: a Uint8Array over a whole ArrayBuffer (a request body) is moved to the worker, and is
 * empty (detached) afterwards — pass a copy if you need them again.
 */
export async function readFirstSheet(bytes: Uint8Array, limits: Limits = SHEET_LIMITS, extraSheets: readonly string[] = []): Promise<ReadOutcome> {
  const directory = readZipDirectory(bytes, { ...SHEET_LIMITS, ...limits })
  if (!directory.ok) return directory
  return readInWorker(bytes, directory.entries, limits, extraSheets)
}

function readInWorker(bytes: Uint8Array, entries: ZipEntry[], limits: Limits, extraSheets: readonly string[]): Promise<ReadOutcome> {
  // The bytes move to the worker (transferred, not cloned): the request's own buffer when it holds just them, else a copy.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
  const copy = whole ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice()
  return new Promise((settle, reject) => {
    let settled = false
    const done = (outcome: ReadOutcome | Error) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      if (outcome instanceof Error) reject(outcome)
      else settle(outcome)
      void worker.terminate()
    }
    const worker = new Worker(workerFile(), {
      workerData: { bytes: copy, entries, maxRows: limits.maxRows, extraSheets: [...extraSheets] },
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: limits.parseHeapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    })
    const deadline = setTimeout(
      () => done({ ok: false, status: 422, code: 'parse_timeout', message: `文件读取超过 ${limits.parseTimeoutMs / 1000} 秒仍未完成，已停止：请检查文件是否由导入模板生成，或分批导入` }),
      limits.parseTimeoutMs,
    )
    worker.once('message', (outcome: ReadOutcome) => done(outcome))
    // Out of memory is the file's doing (413); any other failure of the worker is the server's (500, logged).
    worker.once('error', (error: Error & { code?: string }) =>
      done(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { ok: false, status: 413, code: 'unpacked_too_large', message: `读取文件所需内存超过 ${limits.parseHeapMb} MB 上限，已停止：请删除多余的列、工作表或空行，或分批导入` }
          : error,
      ),
    )
    worker.once('exit', (code) => done(new Error(`the sheet worker exited (code ${code}) without an answer`)))
  })
}
