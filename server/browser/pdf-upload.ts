import { NotAvailableHere } from '../routes/context'

/**
 * server/files/pdf-upload.ts in the backend-free demo (vite.config.ts, `browserSeams`): a PDF is read from a
 * multipart body (busboy) on a server only. The demo runs the server's own approval routes — access, versions —
 * and an upload answers 501 with this message where the file would be read.
 */
const notInDemo = (): never => {
  throw new NotAvailableHere('演示版（浏览器内模拟数据）不支持上传批复文件，请在服务器版中使用')
}

export type UploadRefusal = { ok: false; status: 400 | 413 | 415 | 422; code: string; message: string; fields?: Record<string, string> }
export type PdfUpload = { ok: true; bytes: Uint8Array; fileName: string; version: number | undefined }
export const readPdfUpload = notInDemo as (request: Request) => Promise<PdfUpload | UploadRefusal>
