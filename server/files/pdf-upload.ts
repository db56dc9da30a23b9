import { APPROVAL_FILE_FORM, APPROVAL_FILE_LIMITS, ApprovalVersionTextSchema } from '@/contract/approvals'
import { APPROVAL_FILE_MESSAGES, PDF_SNIFF_BYTES, sniffPdf } from '@/domain/approval-files'
import { readSingleFileForm, type UploadRefusal } from './multipart'
import { PDF_REQUEST_MAX_BYTES } from './store'

/**
 * An approval's PDF upload, read as it streams (decision 83; server/files/multipart.ts, as the photos are): one
 * file in `file`, recognised by its content (`%PDF-` first: src/domain/approval-files.ts sniffPdf; 415
 * otherwise, without reading the rest), at most 20 MB (413 the moment it is passed), and optionally the
 * approval's `version` as seen. Node only: the demo's browser build swaps this module for
 * server/browser/pdf-upload.ts (vite.config.ts), which answers 501.
 */

export type { UploadRefusal }
export type PdfUpload = { ok: true; bytes: Uint8Array; fileName: string; version: number | undefined }

export async function readPdfUpload(request: Request): Promise<PdfUpload | UploadRefusal> {
  // Held in memory (no stageDir): one PDF of at most 20 MB, uploaded now and then, not fifty at once.
  const form = await readSingleFileForm<true>(request, {
    fileField: APPROVAL_FILE_FORM.file,
    textFields: [APPROVAL_FILE_FORM.version],
    maxFileBytes: APPROVAL_FILE_LIMITS.maxBytes,
    maxRequestBytes: PDF_REQUEST_MAX_BYTES,
    sniffBytes: PDF_SNIFF_BYTES,
    sniff: (head) => {
      const sniffed = sniffPdf(head)
      return sniffed.ok ? { ok: true, value: true } : sniffed
    },
    messages: {
      missing: APPROVAL_FILE_MESSAGES.missing,
      tooLarge: APPROVAL_FILE_MESSAGES.tooLarge,
      oneFile: APPROVAL_FILE_MESSAGES.oneFile,
      wrongField: `请在字段 ${APPROVAL_FILE_FORM.file} 中上传一个 PDF 文件`,
      notMultipart: '请以 multipart/form-data 上传批复文件（字段 file，可附 version）',
      tooManyFields: '请求中的字段过多：只需 file 与 version',
    },
  })
  if (!form.ok) return form
  const raw = form.fields[APPROVAL_FILE_FORM.version]
  if (raw === undefined || raw === '') return { ok: true, bytes: form.content as Uint8Array, fileName: form.fileName, version: undefined }
  const version = ApprovalVersionTextSchema.safeParse(raw)
  if (!version.success) {
    const message = version.error.issues[0]?.message ?? '版本号 version 应为整数'
    return { ok: false, status: 400, code: 'invalid_body', message, fields: { version: message } }
  }
  return { ok: true, bytes: form.content as Uint8Array, fileName: form.fileName, version: version.data }
}
