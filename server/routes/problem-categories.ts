import { eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import {
  CreateProblemCategorySchema,
  ProblemCategoryIdSchema,
  ProblemCategoryListSchema,
  ProblemCategorySchema,
  UpdateProblemCategorySchema,
  problemRoutes,
  type ProblemCategoryList,
} from '@/contract/problems'
import { CATEGORY_MESSAGES, applyCategoryUpdate, categoryChanges } from '@/domain/problems'
import { listProblemCategories, toCategory } from '../db/problem-categories'
import { problemCategories } from '../db/schema'
import { refuse } from '../db/versioned-write'
import { answerWrite, type Deps } from './context'
import type { Register } from './register'

/**
 * 问题类别, a list the staff maintain (decision 79): read by every reader of data, added to, renamed, retired and
 * brought back by the staff. Each change is a versioned write, audited; it changes no problem (a problem keeps
 * the category it was registered under), so the data version does not move.
 */
export function problemCategoryRoutesOf(register: Register, deps: Deps) {
  const { db } = deps.database
  const idPath = z.object({ id: ProblemCategoryIdSchema.describe('类别编号') })

  register('GET', problemRoutes.categories, { summary: '问题类别清单：启用的在前，各按添加顺序；已停用的仍留在用过它的问题上，不再用于新问题', noStore: true, responses: { 200: { description: '问题类别', schema: ProblemCategoryListSchema } } }, async (c) => {
    const body: ProblemCategoryList = { items: await listProblemCategories(db) }
    return c.json(body, 200)
  })

  register('POST', problemRoutes.categories, { summary: '新增问题类别（发改委工作人员）', body: CreateProblemCategorySchema, responses: { 201: { description: '已新增', schema: ProblemCategorySchema } }, errors: { 400: '请求内容无效', 409: '已有同名类别（含已停用的）', 415: '请求体不是 JSON' } }, async (c, { body }) => {
    const now = deps.now()
    return answerWrite(c, deps, now, {
      serialise: 'problem-categories',
      change: async (tx) => {
        const [row] = await tx.insert(problemCategories).values({ name: body.name }).onConflictDoNothing().returning()
        if (!row) refuse({ status: 409, code: 'category_exists', message: CATEGORY_MESSAGES.taken(body.name), fields: { name: CATEGORY_MESSAGES.taken(body.name) } })
        const category = toCategory(row)
        return { answer: category, status: 201, audit: { action: 'problem-category.create', target: category.name, changes: categoryChanges(null, category) } }
      },
    })
  })

  register('PATCH', problemRoutes.category, { summary: '改名、停用（retired: true）或恢复（retired: false）问题类别（发改委工作人员）；须带所见的 version，过期为 409（附 current）', params: idPath, body: UpdateProblemCategorySchema, responses: { 200: { description: '问题类别', schema: ProblemCategorySchema } }, errors: { 400: '请求内容或路径无效', 404: '类别不存在', 409: '版本已过期（附 current），或新名称已被其他类别使用', 415: '请求体不是 JSON' } }, async (c, { params: { id }, body }) => {
    const now = deps.now()
    // Every category write takes one lock: two renames to one new name cannot both pass the check.
    return answerWrite(c, deps, now, {
      serialise: 'problem-categories',
      lock: async (tx) => {
        await tx.execute(sql`select 1 from problem_categories where id = ${id} for update`)
        const [row] = await tx.select().from(problemCategories).where(eq(problemCategories.id, id))
        return row ? toCategory(row) : null
      },
      missing: CATEGORY_MESSAGES.notFound(id),
      change: async (tx, before) => {
        const result = applyCategoryUpdate(before, body)
        if (!result.ok) refuse(result)
        if (result.changes.length === 0) return { answer: before }
        const taken = body.name !== undefined && body.name !== before.name && (await tx.select({ id: problemCategories.id }).from(problemCategories).where(eq(problemCategories.name, body.name))).length > 0
        if (taken) refuse({ status: 409, code: 'category_exists', message: CATEGORY_MESSAGES.taken(body.name!), fields: { name: CATEGORY_MESSAGES.taken(body.name!) } })
        const { name, retired, version } = result.category
        await tx.update(problemCategories).set({ name, retired, version }).where(eq(problemCategories.id, id))
        return { answer: result.category, audit: { action: 'problem-category.update', target: name, changes: result.changes } }
      },
    })
  })
}
