import { SHEET_LIMITS } from '@/domain/sheet'

/**
 * An uploaded workbook (.xlsx is a zip) judged by its central directory alone, before a byte is inflated
 * (decision 68): how many entries, what they declare they unpack to, and how hard each is compressed. Reads
 * only the directory at the end of the file; no Node module, no allocation in proportion to what is declared.
 */

export type ZipEntry = {
  name: string
  /** 0 stored, 8 deflated (nothing else is read). */
  method: number
  compressedSize: number
  uncompressedSize: number
  /** Where the entry's local header starts. */
  localOffset: number
}

export type Refusal = { status: 413 | 422; code: string; message: string }
export type ZipDirectory = { ok: true; entries: ZipEntry[] } | ({ ok: false } & Refusal)

const NOT_A_WORKBOOK = '文件不是有效的 Excel 工作簿（.xlsx），请用导入模板填写后另存为 .xlsx 再上传'
const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${Math.round(bytes / 1024 / 1024)} MB`)
const refused = (status: 413 | 422, code: string, message: string) => ({ ok: false as const, status, code, message })
export const notAWorkbook = () => refused(422, 'invalid_file', NOT_A_WORKBOOK)

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
/** Ratios are judged only for entries larger than this unpacked (a small entry cannot hurt whatever its ratio). */
const RATIO_FLOOR_BYTES = 1024 * 1024

export function readZipDirectory(bytes: Uint8Array, limits: { readonly [K in 'maxZipEntries' | 'maxUnpackedBytes' | 'maxCompressionRatio']: number } = SHEET_LIMITS): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const size = bytes.byteLength
  if (size < 22) return notAWorkbook()
  // The end-of-directory record: the last 22 bytes, or earlier by a comment of up to 65,535 bytes.
  let end = -1
  for (let at = size - 22; at >= Math.max(0, size - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY && at + 22 + view.getUint16(at + 20, true) === size) {
      end = at
      break
    }
  }
  if (end < 0) return notAWorkbook()
  const directorySize = view.getUint32(end + 12, true)
  const directoryOffset = view.getUint32(end + 16, true)
  // ZIP64 (offsets or sizes past 4 GB, or more than 65,535 entries) is never a workbook this import takes.
  if (directoryOffset === 0xffffffff || directorySize === 0xffffffff || view.getUint16(end + 10, true) === 0xffff)
    return refused(413, 'workbook_too_large', `文件中的条目或解压后大小超过导入上限（${limits.maxZipEntries.toLocaleString('zh-CN')} 个条目、${mb(limits.maxUnpackedBytes)}），请检查文件或分批导入`)
  if (directoryOffset + directorySize > end) return notAWorkbook()

  // Walk the directory itself: the 16-bit count in the end record wraps past 65,535 and can lie.
  const entries: ZipEntry[] = []
  let unpacked = 0
  let at = directoryOffset
  while (at < directoryOffset + directorySize) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) return notAWorkbook()
    if (entries.length === limits.maxZipEntries)
      return refused(413, 'too_many_entries', `文件包含的条目超过 ${limits.maxZipEntries.toLocaleString('zh-CN')} 个，不是导入模板生成的工作簿，请用导入模板填写后再上传`)
    const flags = view.getUint16(at + 8, true)
    const method = view.getUint16(at + 10, true)
    const compressedSize = view.getUint32(at + 20, true)
    const uncompressedSize = view.getUint32(at + 24, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const localOffset = view.getUint32(at + 42, true)
    if (at + 46 + nameLength > end) return notAWorkbook()
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength))
    if (flags & 1) return refused(422, 'invalid_file', '文件已加密，请取消密码保护后另存为 .xlsx 再上传')
    if (method !== 0 && method !== 8) return notAWorkbook()
    if (localOffset + 30 + compressedSize > directoryOffset) return notAWorkbook()
    if (uncompressedSize > RATIO_FLOOR_BYTES && uncompressedSize / Math.max(compressedSize, 1) > limits.maxCompressionRatio)
      return refused(
        413,
        'compression_ratio',
        `文件中的“${name.slice(0, 60)}”压缩比异常（${mb(compressedSize)} 解压为 ${mb(uncompressedSize)}），疑似压缩炸弹，已拒绝`,
      )
    unpacked += uncompressedSize
    if (unpacked > limits.maxUnpackedBytes)
      return refused(413, 'unpacked_too_large', `文件解压后超过 ${mb(limits.maxUnpackedBytes)}，请删除多余的工作表、图片或空行，或分批导入`)
    entries.push({ name, method, compressedSize, uncompressedSize, localOffset })
    at += 46 + nameLength + extraLength + commentLength
  }
  if (entries.length === 0) return notAWorkbook()
  return { ok: true, entries }
}
