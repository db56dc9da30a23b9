import { asc, count } from 'drizzle-orm'
import type { ProblemCategory } from '@/contract/problems'
import { DEFAULT_PROBLEM_CATEGORIES } from '@/domain/problems'
import type { Db } from './handle'
import { problemCategories } from './schema'

type Executor = Pick<Db, 'select' | 'insert'>

export const toCategory = (row: typeof problemCategories.$inferSelect): ProblemCategory => ({ id: row.id, name: row.name, retired: row.retired, version: row.version })

/**
 * A database without 问题类别 (a new one, or one made before the list was data) gets the list the code
 * offered until then, once; from then on it is the staff's (decision 79). Runs at every start, inside
 * the seed's transaction and lock.
 */
export async function ensureProblemCategories(tx: Executor) {
  const [row] = await tx.select({ n: count() }).from(problemCategories)
  if (Number(row?.n ?? 0) === 0) await tx.insert(problemCategories).values(DEFAULT_PROBLEM_CATEGORIES.map((name) => ({ name })))
}

/** Every category: the active ones first, each group in the order they were added. */
export async function listProblemCategories(db: Pick<Db, 'select'>): Promise<ProblemCategory[]> {
  const rows = await db.select().from(problemCategories).orderBy(asc(problemCategories.retired), asc(problemCategories.id))
  return rows.map(toCategory)
}
