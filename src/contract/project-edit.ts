import { z } from 'zod'
import { CalendarDateSchema, MAX_TYPED_WAN, MAX_TYPED_WAN_WORDS } from './project'
import { FOCUS_AREAS, INVESTMENT_TYPES, STAGES, ZONE_IDS } from './vocabulary'

/**
 * Staff correct the project list (以区政府发文为准): master data, a mid-year plan change (中期调整) that
 * keeps the original plan beside the adjusted one, and retirement with a reason — never a hard delete.
 * Rules in src/domain/project-edit.ts. Not in the barrel.
 */
export const projectEditPaths = {
  create: '/api/projects',
  update: (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}`,
  retire: (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/retire`,
} as const
export const projectEditRoutes = {
  create: '/api/projects',
  update: '/api/projects/:projectId',
  retire: '/api/projects/:projectId/retire',
} as const

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/
const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最长 ${max} 个字`).regex(NO_CONTROL, `${label}含有不允许的控制字符`)
// Choices with a Chinese message (the vocabulary's enums, as a form names them).
const ZoneIdSchema = z.enum(ZONE_IDS, { error: '请选择所属片区' })
const FocusAreaSchema = z.enum(FOCUS_AREAS, { error: '请选择四个聚焦类别' })
const InvestmentTypeSchema = z.enum(INVESTMENT_TYPES, { error: '请选择投资类别' })
const StageSchema = z.enum(STAGES, { error: '请选择建设性质' })

/** Money typed by staff: integer 万元, up to MAX_TYPED_WAN for one project. */
const wan = (label: string) =>
  z.number({ error: `${label}应为数字（万元）` }).int(`${label}应为整数万元`).min(0, `${label}不能为负数`).max(MAX_TYPED_WAN, `${label}超过 ${MAX_TYPED_WAN_WORDS}，请检查单位（万元）`)
const date = (label: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为 YYYY-MM-DD`).pipe(CalendarDateSchema)

/** PATCH body: the version edited and only the fields that change. */
export const UpdateProjectSchema = z.strictObject({
  version: z.number({ error: '缺少版本号 version' }).int().positive(),
  name: text('项目名称', 100).optional(),
  zoneId: ZoneIdSchema.optional(),
  focusArea: FocusAreaSchema.optional(),
  investmentType: InvestmentTypeSchema.optional(),
  stage: StageSchema.optional(),
  ownerUnit: text('业主单位', 100).optional(),
  responsibleUnit: text('责任单位', 100).optional(),
  totalInvestmentWan: wan('总投资').optional(),
  annualPlanWan: wan('年度计划投资').optional(),
  plannedStartDate: date('计划开工日期').optional(),
  plannedCompletionDate: date('计划竣工日期').optional(),
  /** Why: required for a change of the annual plan (中期调整), kept in the audit log for every edit. */
  reason: z.string().trim().max(500, '调整原因最长 500 个字').regex(NO_CONTROL).optional(),
})
export type UpdateProject = z.infer<typeof UpdateProjectSchema>

/** POST /api/projects: a project added by hand; the 项目编号 is the next free one unless given. */
export const CreateProjectSchema = z
  .strictObject({
    id: z.string().regex(/^P\d{3,6}$/, '项目编号格式应为 P 加 3-6 位数字').optional(),
    name: text('项目名称', 100),
    zoneId: ZoneIdSchema,
    focusArea: FocusAreaSchema,
    focusSubCategory: z.string().trim().max(40).regex(NO_CONTROL).default(''),
    investmentType: InvestmentTypeSchema,
    stage: StageSchema,
    ownerUnit: text('业主单位', 100),
    responsibleUnit: text('责任单位', 100),
    totalInvestmentWan: wan('总投资'),
    completedBeforeYearWan: wan('截至上年底累计完成').default(0),
    annualPlanWan: wan('年度计划投资'),
    plannedStartDate: date('计划开工日期'),
    plannedCompletionDate: date('计划竣工日期'),
  })
export type CreateProject = z.infer<typeof CreateProjectSchema>

export const RetireProjectSchema = z.strictObject({
  version: z.number({ error: '缺少版本号 version' }).int().positive(),
  reason: text('退出原因', 500),
})
export type RetireProject = z.infer<typeof RetireProjectSchema>
