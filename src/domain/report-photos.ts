import { PHOTO_LIMITS, type PhotoType } from '@/contract/photos'
import type { ReportStatus } from '@/contract/reports'
import { chinaDate } from './calendar'

/**
 * 形象进度照片 (issue 28 §1, decision 81): which files are images we take, when a report's photos may change,
 * and when a photo is 拍摄时间较早. Pure; the server judges with these, the UI shows with them.
 */

/** The first day a photo of `year`-`month` may be taken on without being 拍摄时间较早 (ISO date, China calendar). */
export function earliestTimelyDate(year: number, month: number): string {
  // The month's first day minus 45 days, counted on the calendar (UTC noon keeps the arithmetic off any edge).
  const first = Date.UTC(year, month - 1, 1, 12)
  return new Date(first - PHOTO_LIMITS.earlyDays * 86_400_000).toISOString().slice(0, 10)
}

/**
 * 拍摄时间较早: the photo's capture date (in China) is before the first day of the report's month minus 45
 * days — for October 2024, a photo of 16 August or earlier; 17 August is not. A photo whose file carries no
 * capture time is not marked (we cannot tell).
 */
export function isTakenEarly(takenAt: string | Date | null, year: number, month: number): boolean {
  if (takenAt === null) return false
  const instant = typeof takenAt === 'string' ? new Date(takenAt) : takenAt
  if (Number.isNaN(instant.getTime())) return false
  return chinaDate(instant) < earliestTimelyDate(year, month)
}

/**
 * The capture time as an instant: EXIF DateTimeOriginal is the camera's wall-clock time, with no zone
 * unless OffsetTimeOriginal (e.g. `+08:00`) says one. exif-reader hands the wall-clock time as if it were
 * UTC; a file naming no offset is taken to be China time (the district's photos are taken there).
 */
export function captureInstant(wallClockAsUtc: Date | null | undefined, offset: string | null | undefined): Date | null {
  if (!wallClockAsUtc || Number.isNaN(wallClockAsUtc.getTime())) return null
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(offset?.trim() ?? '')
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 8 * 60
  const instant = new Date(wallClockAsUtc.getTime() - minutes * 60_000)
  // A camera whose clock was never set writes 0000:00:00 or 1970; such a time says nothing.
  return instant.getUTCFullYear() < 1990 ? null : instant
}

export type SniffedImage = { ok: true; type: PhotoType } | { ok: false; message: string }

const WHAT_TO_SEND = '请上传 JPG、PNG 或 WebP 格式的照片'

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b)
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))

/** Bytes needed to recognise a file (the ISO-BMFF brand of HEIC sits at 8–11). */
export const SNIFF_BYTES = 12

/**
 * What the file is, from its first bytes: JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A) or WebP (RIFF … WEBP)
 * are taken; HEIC/HEIF (an iPhone's default, `ftyp` + heic/heix/mif1 …), GIF and anything else are refused
 * with what to send instead. Never by the name or the declared type: a text file named .jpg is text.
 */
export function sniffImage(head: Uint8Array): SniffedImage {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { ok: true, type: 'image/jpeg' }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: 'image/png' }
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { ok: true, type: 'image/webp' }
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12)
    if (/^(heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif|avis)$/.test(brand)) {
      return { ok: false, message: `不支持 HEIC/HEIF 格式的照片（苹果手机默认格式）。请将 HEIC 照片转为 JPG 后上传（手机“设置 → 相机 → 格式”选“兼容性最佳”可直接拍 JPG），或${WHAT_TO_SEND.slice(1)}` }
    }
  }
  if (ascii(head, 0, 4) === 'GIF8') return { ok: false, message: `不支持 GIF 动图，${WHAT_TO_SEND}` }
  if (head.length === 0) return { ok: false, message: `文件为空，${WHAT_TO_SEND}` }
  return { ok: false, message: `该文件不是可识别的图片（按文件内容判断，与文件名无关），${WHAT_TO_SEND}` }
}

/** The report states in which its photos may change: the owner's own draft, or a report returned to it. */
export const PHOTO_EDITABLE: readonly ReportStatus[] = ['draft', 'returned']

export type PhotoRefusal = { status: 409 | 422; code: string; message: string }

/**
 * Whether a photo may be added to (or taken from) a month's report in the state it is in: only a draft or a
 * returned report (none yet: adding starts a draft, as saving one does); at most nine photos. A published
 * month and the owner's own unit are checked beside this (src/domain/monthly-report.ts, server/db/months.ts).
 */
export function photoChangeProblem(change: 'add' | 'delete', status: ReportStatus | null, photoCount: number): PhotoRefusal | null {
  if (status !== null && !PHOTO_EDITABLE.includes(status)) {
    const state = status === 'approved' ? '已审核通过' : '已提交，正在审核'
    const verb = change === 'add' ? '添加' : '删除'
    return { status: 409, code: 'invalid_transition', message: `该月月报${state}，照片不能再${verb}${status === 'submitted' ? '（如需修改，请联系发改委退回）' : ''}` }
  }
  if (change === 'add' && photoCount >= PHOTO_LIMITS.perReport) {
    return { status: 422, code: 'too_many_photos', message: `每份月报最多 ${PHOTO_LIMITS.perReport} 张照片，请先删除不需要的照片再上传` }
  }
  return null
}
