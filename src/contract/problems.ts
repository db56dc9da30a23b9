import { z } from 'zod'
import { CalendarDateSchema, ProblemSchema } from './project'
import { ZoneIdSchema } from './vocabulary'

/**
 * 存在问题 tracked to closure: raised (预警) → assigned to a department with a due date (督办中) → settled
 * (已办结), every step versioned and audited. Rules in src/domain/problems.ts. Not in the barrel.
 */
export const problemPaths = {
  create: (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/problems`,
  action: (projectId: string, problemId: string, action: 'assign' | 'resolve') =>
    `/api/projects/${encodeURIComponent(projectId)}/problems/${encodeURIComponent(problemId)}/${action}`,
  overdue: '/api/problems/overdue',
  categories: '/api/problem-categories',
  category: (id: number) => `/api/problem-categories/${id}`,
} as const

export const problemRoutes = {
  create: '/api/projects/:projectId/problems',
  assign: '/api/projects/:projectId/problems/:problemId/assign',
  resolve: '/api/projects/:projectId/problems/:problemId/resolve',
  overdue: '/api/problems/overdue',
  /** 问题类别: the list staff maintain (add, rename, retire); new problems are registered under an active one. */
  categories: '/api/problem-categories',
  category: '/api/problem-categories/:id',
} as const

export const ProblemIdSchema = z.string().regex(/^P\d{3,6}-Q\d{1,4}$/, '问题编号格式应为 项目编号-Q序号，如 P001-Q1')

// eslint-disable-next-line no-control-regex
const NO_CONTROL_EXCEPT_NEWLINE = /^[^\u0000-\u0009\u000b-\u001f\u007f]*$/
const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最长 ${max} 个字`)
    .regex(NO_CONTROL_EXCEPT_NEWLINE, `${label}含有不允许的控制字符`)
const dueDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期').pipe(CalendarDateSchema)

export const CreateProblemSchema = z.strictObject({
  category: text('问题类别', 40),
  description: text('问题描述', 1000),
  measure: text('拟采取的措施', 1000),
  dueDate: z.string({ error: '请填写要求解决日期' }).pipe(dueDate),
})
export type CreateProblem = z.infer<typeof CreateProblemSchema>

/** One 问题类别 of the list. A retired one stays on the problems registered under it and is offered no more. */
export const ProblemCategorySchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  retired: z.boolean(),
  /** Row version: a change based on an older one is refused with 409 and the category as it is. */
  version: z.number().int().min(1),
})
export type ProblemCategory = z.infer<typeof ProblemCategorySchema>

/** Every category, the active ones first (each group in the order they were added). */
export const ProblemCategoryListSchema = z.object({ items: z.array(ProblemCategorySchema) })
export type ProblemCategoryList = z.infer<typeof ProblemCategoryListSchema>

export const CreateProblemCategorySchema = z.strictObject({ name: text('类别名称', 40) })
export type CreateProblemCategory = z.infer<typeof CreateProblemCategorySchema>

/** Rename, retire (retired: true) or bring back (retired: false) a category, on the version seen. */
export const UpdateProblemCategorySchema = z.strictObject({
  version: z.number({ error: '缺少版本号 version' }).int().positive(),
  name: text('类别名称', 40).optional(),
  retired: z.boolean().optional(),
})
export type UpdateProblemCategory = z.infer<typeof UpdateProblemCategorySchema>

export const ProblemCategoryIdSchema = z.string().regex(/^[1-9]\d{0,8}$/, '类别编号应为正整数').transform(Number)

export const AssignProblemSchema = z.strictObject({
  version: z.number({ error: '缺少版本号 version' }).int().positive(),
  department: text('督办部门', 100),
  dueDate: z.string({ error: '请填写办结时限' }).pipe(dueDate),
  comment: z.string().trim().max(500, '督办意见最长 500 个字').regex(NO_CONTROL_EXCEPT_NEWLINE).optional(),
})
export type AssignProblem = z.infer<typeof AssignProblemSchema>

export const ResolveProblemSchema = z.strictObject({
  version: z.number({ error: '缺少版本号 version' }).int().positive(),
  resolution: text('办结情况', 1000),
})
export type ResolveProblem = z.infer<typeof ResolveProblemSchema>

export const OverdueProblemSchema = z.object({
  problem: ProblemSchema,
  projectId: z.string(),
  projectName: z.string(),
  zoneId: ZoneIdSchema,
  zoneName: z.string(),
  /** Whole days past the due date (China time). */
  daysOverdue: z.number().int().positive(),
})
export type OverdueProblem = z.infer<typeof OverdueProblemSchema>

export const OverdueProblemListSchema = z.object({
  /** Most overdue first. */
  items: z.array(OverdueProblemSchema),
  /** How many problems are overdue in all (items holds the most overdue of them). */
  total: z.number().int().nonnegative(),
  /** The date (China time) the list was judged on. */
  asOfDate: z.string(),
  /** Whether the problems come from simulated records (the demo dataset). */
  simulated: z.boolean(),
})
export type OverdueProblemList = z.infer<typeof OverdueProblemListSchema>
