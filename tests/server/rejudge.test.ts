import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { RULES_VERSION } from '@/domain/rules'
import type { Database } from '../../server/db/client'
import { rejudgeIfRulesChanged } from '../../server/db/rejudge'
import { seededMemoryDatabase } from './support'

// A deployment upgraded to new rules: its stored judgements are from the old release until re-judged.
let database: Database
beforeAll(async () => {
  database = await seededMemoryDatabase()
})
afterAll(async () => {
  await database.close()
})

const ruleOf = async (projectId: string, month: number) =>
  (await database.rows<{ rule: string; gap_points: number | null }>(
    sql`select rule, gap_points from project_month_status where project_id = ${projectId} and month = ${month}`,
  ))[0]

describe('re-judging the read model when the rules change', () => {
  it('a freshly seeded database is judged by the current rules: nothing to do', async () => {
    expect(await rejudgeIfRulesChanged(database.db)).toBe('current')
  })

  it('a database judged by older rules is re-judged once, every row, and the data version moves', async () => {
    const before = await ruleOf('P001', 9)
    await database.db.execute(sql`update project_month_status set rule = '旧规则', gap_points = -75 where month = 9`)
    await database.db.execute(sql`update meta set value = '2024-01-01.0' where key = 'rules_version'`)
    const metaValue = async (key: string) => (await database.rows<{ value: string }>(sql`select value from meta where key = ${key}`))[0]?.value
    const versionBefore = await metaValue('data_version')

    expect(await rejudgeIfRulesChanged(database.db)).toBe('rejudged')
    expect(await ruleOf('P001', 9)).toEqual(before)
    const [stale] = await database.rows<{ n: number }>(sql`select count(*)::int as n from project_month_status where rule = '旧规则'`)
    expect(stale!.n).toBe(0)
    expect(await metaValue('rules_version')).toBe(RULES_VERSION)
    expect(await metaValue('data_version')).not.toBe(versionBefore)

    expect(await rejudgeIfRulesChanged(database.db)).toBe('current')
  })

  it('an older release starting beside a newer one leaves the newer judgements alone', async () => {
    await database.db.execute(sql`update meta set value = '2999-01-01.1' where key = 'rules_version'`)
    await database.db.execute(sql`update project_month_status set rule = '新规则' where project_id = 'P001' and month = 9`)
    expect(await rejudgeIfRulesChanged(database.db)).toBe('current')
    expect((await ruleOf('P001', 9))!.rule).toBe('新规则')
  })

  it('a project not yet due to start is stored with no gap', async () => {
    const [row] = await database.rows<{ n: number }>(
      sql`select count(*)::int as n from project_month_status where lag_class = 'pending-start' and gap_points is not null`,
    )
    const [all] = await database.rows<{ n: number }>(sql`select count(*)::int as n from project_month_status where lag_class = 'pending-start'`)
    expect(all!.n).toBeGreaterThan(0)
    expect(row!.n).toBe(0)
  })
})
