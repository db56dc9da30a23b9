import type { AuditChange } from '@/contract/accounts'
import { APPROVAL_FILE_LIMITS } from '@/contract/approvals'
import { sniffImage } from './report-photos'

/**
 * An approval's PDF (批复文件, decision 83), once for the server and the UI: what counts as a PDF, the name it is
 * served under, how the audit log names it, and what the refusals say.
 */

/** How many first bytes are looked at: `%PDF-`, and enough to tell an image sent by mistake (sniffImage). */
export const PDF_SNIFF_BYTES = 12

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-

const SEND_PDF = '请上传批复文件的 PDF（扫描件请在扫描仪或手机扫描 App 中选择“导出为 PDF”）'

export type SniffedPdf = { ok: true } | { ok: false; message: string }

/**
 * Whether a file's first bytes are a PDF's: `%PDF-` at the very start (never the file's name or declared type).
 * A photo or scan sent as an image, an empty file and anything else are refused, each with what to send.
 */
export function sniffPdf(head: Uint8Array): SniffedPdf {
  if (head.length >= PDF_MAGIC.length && PDF_MAGIC.every((b, i) => head[i] === b)) return { ok: true }
  if (head.length === 0) return { ok: false, message: `文件为空。${SEND_PDF}` }
  if (sniffImage(head).ok) return { ok: false, message: `该文件是图片，不是 PDF（按文件内容判断，与文件名无关）。${SEND_PDF}` }
  return { ok: false, message: `该文件不是 PDF（按文件内容判断，与文件名无关）。${SEND_PDF}` }
}

export const APPROVAL_FILE_MESSAGES = {
  tooLarge: `批复文件超过 ${APPROVAL_FILE_LIMITS.maxBytes / 1024 / 1024} MB，请降低扫描分辨率（如 200 dpi、黑白）或拆分后上传`,
  missing: '请选择批复文件（PDF）',
  oneFile: '每次只能上传一个 PDF 文件',
  noFile: (name: string) => `${name}尚未上传批复文件`,
  conflict: '该手续已被他人修改，请查看最新内容后重试',
} as const

/** Characters a file name may not hold on common systems, and control characters. */
// eslint-disable-next-line no-control-regex
const NOT_IN_NAMES = /[\\/:*?"<>|\u0000-\u001f\u007f]/g

/** The name a PDF is served under: 项目编号-手续名.pdf, e.g. P001-施工许可.pdf (Chinese kept; RFC 5987 carries it). */
export function approvalFileName(projectId: string, kindName: string): string {
  return `${projectId}-${kindName}`.replace(NOT_IN_NAMES, '_') + '.pdf'
}

/** A size in words: 850 KB, 1.2 MB. */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** A stored PDF as the audit log names it: readable, and with its full name in the store (sha256:…), so a sweep of unnamed files can find it. */
export function approvalFileText(file: { id: string; size: number }): string {
  return `PDF ${fileSizeText(file.size)}（sha256:${file.id}）`
}

/** The audit entry's change when an approval's PDF is attached, replaced or removed: 施工许可·批复文件. */
export function approvalFileChanges(kindName: string, before: { id: string; size: number } | null, after: { id: string; size: number } | null): AuditChange[] {
  if (before?.id === after?.id) return []
  return [{ field: `${kindName}·批复文件`, before: before ? approvalFileText(before) : null, after: after ? approvalFileText(after) : null }]
}
