import { z } from 'zod'

/**
 * 形象进度照片: up to nine photos with each month's report (issue 28 §1). The server keeps a re-encoded
 * display copy and a thumbnail of each (no EXIF in either), the capture time as data, and serves both to
 * the readers of the project only. Rules (which month, which state, 拍摄时间较早) in src/domain/report-photos.ts;
 * decision 81. Not in the contract's barrel: only the reporting and project pages load it.
 */

/** What an upload may be, and what the server makes of it. */
export const PHOTO_LIMITS = {
  /** Largest photo accepted, in bytes (15 MB): refused with 413 while it is read. */
  maxBytes: 15 * 1024 * 1024,
  /** Photos per monthly report: the tenth is refused with 422. */
  perReport: 9,
  /** Longest side of the display copy and of the thumbnail, in pixels. */
  displaySide: 1600,
  thumbSide: 320,
  /** Caption (图片说明) length after trimming. */
  captionMax: 100,
  /** A photo taken this many days before its report's month begins is 拍摄时间较早. */
  earlyDays: 45,
} as const

/** The images accepted, recognised by their first bytes (never by name or declared type). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export const PhotoTypeSchema = z.enum(PHOTO_TYPES)
export type PhotoType = z.infer<typeof PhotoTypeSchema>

/** The multipart form's field names (POST …/photos): one file and its caption. */
export const PHOTO_FORM = { file: 'file', caption: 'caption' } as const

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/

/** 图片说明: required, 1–100 characters after trimming, one line. */
export const PhotoCaptionSchema = z
  .string({ error: '请填写图片说明' })
  .trim()
  .min(1, '请填写图片说明')
  .max(PHOTO_LIMITS.captionMax, `图片说明最长 ${PHOTO_LIMITS.captionMax} 个字`)
  .regex(NO_CONTROL, '图片说明含有不允许的控制字符（请写在一行内）')

/** A photo's id: a random UUID (not a count: ids say nothing about how many photos exist). */
export const PhotoIdSchema = z.uuid({ error: '照片编号无效' })

/** A photo as a report lists it (and as the upload answers it). */
export const ReportPhotoSchema = z.object({
  id: PhotoIdSchema,
  caption: z.string(),
  /** EXIF DateTimeOriginal of the uploaded file as an ISO instant (China time when the file names no offset); null when it had none. */
  takenAt: z.string().nullable(),
  /** 拍摄时间较早: taken more than 45 days before the report's month began (src/domain/report-photos.ts). */
  takenEarly: z.boolean(),
  /** Size of the display copy (longest side at most 1600 px). */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The display copy and the thumbnail (320 px), served to readers of the project. */
  url: z.string(),
  thumbUrl: z.string(),
})
export type ReportPhoto = z.infer<typeof ReportPhotoSchema>

/** A photo in the project's timeline: its month and the state of that month's report. */
export const ProjectPhotoSchema = ReportPhotoSchema.extend({
  month: z.string(),
  /** The report's state: a draft's or a submission's photos are not yet reviewed (the UI says so). */
  reportStatus: z.enum(['draft', 'submitted', 'approved', 'returned']),
  uploadedAt: z.string(),
})
export type ProjectPhoto = z.infer<typeof ProjectPhotoSchema>

/** GET /api/projects/:projectId/photos: newest first (by month, then upload time). */
export const ProjectPhotoListSchema = z.object({ items: z.array(ProjectPhotoSchema) })
export type ProjectPhotoList = z.infer<typeof ProjectPhotoListSchema>

export const photoRoutes = {
  upload: '/api/projects/:projectId/reports/:month/photos',
  one: '/api/projects/:projectId/reports/:month/photos/:photoId',
  ofProject: '/api/projects/:projectId/photos',
  display: '/api/files/photos/:photoId',
  thumb: '/api/files/photos/:photoId/thumb',
} as const

const pid = (projectId: string) => encodeURIComponent(projectId)
export const photoPaths = {
  upload: (projectId: string, month: string) => `/api/projects/${pid(projectId)}/reports/${month}/photos`,
  one: (projectId: string, month: string, photoId: string) => `/api/projects/${pid(projectId)}/reports/${month}/photos/${photoId}`,
  ofProject: (projectId: string) => `/api/projects/${pid(projectId)}/photos`,
  display: (photoId: string) => `/api/files/photos/${photoId}`,
  thumb: (photoId: string) => `/api/files/photos/${photoId}/thumb`,
} as const
