import type { PhotoType } from '@/contract/photos'
import { NotAvailableHere } from '../routes/context'

/**
 * server/files/photo-upload.ts in the backend-free demo (vite.config.ts, `browserSeams`): photos are read and
 * re-encoded (busboy, sharp) on a server only. The demo runs the server's own photo routes — access, states and
 * limits — and an upload answers 501 with this message where the photo would be read.
 */
const notInDemo = (): never => {
  throw new NotAvailableHere('演示版（浏览器内模拟数据）不支持上传照片，请在服务器版中使用')
}

export type UploadRefusal = { ok: false; status: 400 | 413 | 415 | 422; code: string; message: string; fields?: Record<string, string> }
export type PhotoUpload = { ok: true; source: Uint8Array | string; type: PhotoType; caption: string | undefined; fileName: string }
export type Encoded = { bytes: Uint8Array; width: number; height: number; type: 'image/jpeg' }
export type ProcessedPhoto = { ok: true; display: Encoded; thumb: Encoded; takenAt: Date | null }
export const MAX_INPUT_PIXELS = 50_000_000
export const readPhotoUpload = notInDemo as (request: Request, stageDir?: string) => Promise<PhotoUpload | UploadRefusal>
export const processPhoto = notInDemo as (source: Uint8Array | string) => Promise<ProcessedPhoto | UploadRefusal>
export const discardUpload = async (_source: Uint8Array | string): Promise<void> => undefined
export const takenAtOf = (): Date | null => null
