import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/pglite'
import { computedForecastWan, isOptimistic, monthlyPattern, ownerForecastOf, windowShareTable, type ForecastInput } from '@/domain/forecast'
import { computedForecastSql, optimisticSql, ownerForecastSql } from '../../server/db/forecast-sql'

/**
 * GET /api/forecast sums the computed forecast, the owner's forecast and 预计偏乐观 in SQL (decision 75). Those SQL
 * fragments are the domain's rules written again: here both run on every branch of the rules — finished, no plan,
 * not begun, no approved month, capped by the plan, capped by what is left, no plan window, a short window — and
 * must give the same whole 万元 and the same marks.
 */
let client: PGlite
let db: ReturnType<typeof drizzle>

beforeAll(async () => {
  client = new PGlite()
  db = drizzle(client)
})
afterAll(async () => {
  await client?.close()
})

type Case = ForecastInput & { latest: number | null }

function cases(): Case[] {
  const all: Case[] = []
  for (const annualPlanWan of [0, 1200, 999])
    for (const cumulativeActualWan of [0, 7, 300, 1000, 2500])
      for (const finished of [false, true])
        for (const reportedMonths of [0, 3])
          for (const [firstPlanMonth, lastPlanMonth] of [[null, null], [1, 12], [7, 12], [3, 5], [10, 10]] as const)
            for (const remainingInvestmentWan of [null, 0, 500, 5000])
              for (const latest of [null, 1500, 900])
                all.push({ annualPlanWan, cumulativeActualWan, finished, reportedMonths, firstPlanMonth, lastPlanMonth, remainingInvestmentWan, latest })
  return all
}

const literal = (v: number | boolean | null, type: string) => (v === null ? `null::${type}` : `${v}::${type}`)

describe('the forecast rules in SQL give the domain’s answers', () => {
  // An uneven pattern (closed years), so that the window shares are not simple fractions.
  const pattern = monthlyPattern([{ year: 2023, monthlyActualWan: [3, 5, 8, 9, 10, 11, 7, 8, 9, 12, 14, 30] }], [])
  const settings = { optimismMarginPercent: 20 }

  it.each([1, 3, 6, 9, 11, 12])('on every branch, as of month %i', async (month) => {
    const all = cases()
    const values = all
      .map((c) =>
        [
          literal(c.annualPlanWan, 'float8'),
          literal(c.cumulativeActualWan, 'float8'),
          literal(c.finished, 'boolean'),
          literal(c.reportedMonths, 'int'),
          literal(c.firstPlanMonth, 'int'),
          literal(c.lastPlanMonth, 'int'),
          literal(c.remainingInvestmentWan, 'float8'),
          literal(c.latest, 'float8'),
        ].join(', '),
      )
      .map((row, i) => `(${i}, ${row})`)
      .join(',\n')
    const columns = {
      plan: sql.raw('plan'),
      actual: sql.raw('actual'),
      finished: sql.raw('finished'),
      reportedMonths: sql.raw('reported_months'),
      firstPlanMonth: sql.raw('first_month'),
      lastPlanMonth: sql.raw('last_month'),
      remaining: sql.raw('remaining'),
    }
    const computed = computedForecastSql(columns, windowShareTable(pattern, month))
    const { rows } = await db.execute<{ i: number; computed: number; owner: number; optimistic: boolean }>(sql`
      select i, computed, ${ownerForecastSql(sql.raw('latest'), columns)} as owner, ${optimisticSql(sql.raw('latest'), sql.raw('computed'), settings)} as optimistic
      from (select *, ${computed} as computed
            from (values ${sql.raw(values)}) as v(i, plan, actual, finished, reported_months, first_month, last_month, remaining, latest)) x
      order by i`)
    expect(rows).toHaveLength(all.length)
    let differences = 0
    for (const row of rows) {
      const c = all[Number(row.i)]!
      const expected = computedForecastWan(c, pattern, month)
      const owner = ownerForecastOf(c.latest, c).wan
      const optimistic = isOptimistic(c.latest, expected, settings)
      if (Number(row.computed) !== expected || Number(row.owner) !== owner || row.optimistic !== optimistic) {
        differences++
        expect({ case: c, computed: Number(row.computed), owner: Number(row.owner), optimistic: row.optimistic }).toEqual({ case: c, computed: expected, owner, optimistic })
      }
    }
    expect(differences).toBe(0)
    // The grid reaches every branch: some projects finished, some capped, some with no month yet, some 预计偏乐观.
    expect(rows.some((r) => r.optimistic)).toBe(true)
  })
})
