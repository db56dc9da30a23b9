import { z } from 'zod'
import { ApprovalKindSlugSchema, CalendarDateSchema } from './project'

/**
 * 前期手续 (decision 80): the approvals a project needs before it may start. The kinds are a list the staff
 * maintain (seeded with six); each project has, per kind, a status, the date obtained, the 文号 and the
 * 办理部门. A project with no record of a kind has not started it (未启动). Rules in src/domain/approvals.ts.
 * Not in the barrel.
 */
export const approvalPaths = {
  list: (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/approvals`,
  one: (projectId: string, kind: string) => `/api/projects/${encodeURIComponent(projectId)}/approvals/${encodeURIComponent(kind)}`,
  kinds: '/api/approval-kinds',
  kind: (kind: string) => `/api/approval-kinds/${encodeURIComponent(kind)}`,
  /** The approval's PDF (批复文件): GET serves it, POST (multipart) attaches or replaces it, DELETE removes the reference (decision 83). */
  file: (projectId: string, kind: string) => `/api/projects/${encodeURIComponent(projectId)}/approvals/${encodeURIComponent(kind)}/file`,
} as const

export const approvalRoutes = {
  list: '/api/projects/:projectId/approvals',
  one: '/api/projects/:projectId/approvals/:kind',
  file: '/api/projects/:projectId/approvals/:kind/file',
  /** The list of kinds: every reader of data sees it; the staff add, rename and retire. */
  kinds: '/api/approval-kinds',
  kind: '/api/approval-kinds/:kind',
} as const

export { ApprovalKindSlugSchema }

/**
 * The approval's PDF (批复文件, decision 83): one PDF per approval, recognised by its content (`%PDF-` at the
 * start), at most 20 MB (refused with 413 while it is read). Sent as multipart/form-data: the file in `file`,
 * and optionally the approval's `version` as seen (a stale one is 409).
 */
export const APPROVAL_FILE_LIMITS = {
  /** Largest PDF accepted, in bytes: a scanned approval of a few dozen pages at 300 dpi fits. */
  maxBytes: 20 * 1024 * 1024,
} as const
export const APPROVAL_FILE_TYPE = 'application/pdf'
export const APPROVAL_FILE_FORM = { file: 'file', version: 'version' } as const

/** The version seen, as text (a form field or a query parameter): a whole number. */
export const ApprovalVersionTextSchema = z
  .string({ error: '版本号 version 应为整数' })
  .regex(/^\d{1,9}$/, '版本号 version 应为整数')
  .transform(Number)

/** DELETE …/file: the version seen, optionally (a stale one is 409). */
export const RemoveApprovalFileQuerySchema = z.strictObject({ version: ApprovalVersionTextSchema.optional() })

/** 未启动, 办理中, 已取得, 不需要. */
export const APPROVAL_STATUSES = ['not-started', 'in-progress', 'obtained', 'not-needed'] as const
export const ApprovalStatusSchema = z.enum(APPROVAL_STATUSES, { error: '请选择办理状态' })
export type ApprovalStatus = z.infer<typeof ApprovalStatusSchema>

/** The longest 文号 kept (e.g. 渝建施〔2024〕0123号 is 14). */
export const APPROVAL_NUMBER_MAX = 60
export const APPROVAL_DEPARTMENT_MAX = 100

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/
const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最长 ${max} 个字`).regex(NO_CONTROL, `${label}含有不允许的控制字符`)
/** An optional text: empty (or only spaces) is none. */
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}最长 ${max} 个字`)
    .regex(NO_CONTROL, `${label}含有不允许的控制字符`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()

/** One approval of a project, as GET and PUT answer it. */
export const ApprovalSchema = z.object({
  kind: ApprovalKindSlugSchema,
  name: z.string(),
  status: ApprovalStatusSchema,
  /** 取得日期 (YYYY-MM-DD): set exactly when obtained. */
  obtainedOn: z.string().nullable(),
  /** 文号. */
  number: z.string().nullable(),
  /** 办理部门. */
  department: z.string().nullable(),
  /** The approval's PDF (GET answers it to readers of the project); null until one is uploaded (POST …/file). */
  fileUrl: z.string().nullable(),
  /** Row version; 0 while the project has no record of this kind (未启动). */
  version: z.number().int().min(0),
})
export type Approval = z.infer<typeof ApprovalSchema>

/** GET /api/projects/:projectId/approvals: one item per active kind, in the list's order. */
export const ApprovalListSchema = z.object({ items: z.array(ApprovalSchema) })
export type ApprovalList = z.infer<typeof ApprovalListSchema>

/**
 * PUT /api/projects/:projectId/approvals/:kind: the whole approval as it should be, on the version seen
 * (none, or 0, for a kind the project has no record of yet).
 */
export const SaveApprovalSchema = z.strictObject({
  version: z.number({ error: '版本号 version 应为整数' }).int().min(0).optional(),
  status: ApprovalStatusSchema,
  obtainedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '取得日期应为 YYYY-MM-DD')
    .pipe(CalendarDateSchema)
    .nullable()
    .optional(),
  number: optionalText('文号', APPROVAL_NUMBER_MAX),
  department: optionalText('办理部门', APPROVAL_DEPARTMENT_MAX),
})
export type SaveApproval = z.infer<typeof SaveApprovalSchema>

/** One kind of the list. A retired one is asked for no more; the records of it are kept. */
export const ApprovalKindSchema = z.object({
  kind: ApprovalKindSlugSchema,
  name: z.string(),
  retired: z.boolean(),
  version: z.number().int().min(1),
})
export type ApprovalKind = z.infer<typeof ApprovalKindSchema>

/** Every kind: the active ones first, each group in the order they were added. */
export const ApprovalKindListSchema = z.object({ items: z.array(ApprovalKindSchema) })
export type ApprovalKindList = z.infer<typeof ApprovalKindListSchema>

/** POST /api/approval-kinds: a kind the staff add; its slug is made for it (other-N) unless given. */
export const CreateApprovalKindSchema = z.strictObject({
  name: text('手续名称', 40),
  kind: ApprovalKindSlugSchema.optional(),
})
export type CreateApprovalKind = z.infer<typeof CreateApprovalKindSchema>

/** PATCH /api/approval-kinds/:kind: rename, retire (retired: true) or bring back, on the version seen. */
export const UpdateApprovalKindSchema = z.strictObject({
  version: z.number({ error: '缺少版本号 version' }).int().positive(),
  name: text('手续名称', 40).optional(),
  retired: z.boolean().optional(),
})
export type UpdateApprovalKind = z.infer<typeof UpdateApprovalKindSchema>
