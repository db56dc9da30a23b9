import { ApiErrorSchema } from '@/contract'
import { CONTRACT_CASES, DETAIL_PATHS } from './cases'
import { embeddedDatabase, forwardedTarget, seededPostgresDatabase, serverTarget, type Target } from './targets'

/**
 * One contract, one implementation on every road to it: the server on the embedded database, the same
 * app reached through MSW's forwarding (as the web tests and the demo reach it), and the server on PostgreSQL (when TEST_DATABASE_URL is set, as in CI). Every case must give the same
 * status and the very same body everywhere; a difference fails the build.
 */
const targets: Target[] = []

beforeAll(async () => {
  const embedded = await serverTarget('embedded', await embeddedDatabase())
  targets.push(embedded, await forwardedTarget(embedded.database))
  const postgres = await seededPostgresDatabase()
  if (postgres) targets.push(await serverTarget('postgres', postgres))
  else if (process.env.CI) throw new Error('CI must run the contract suite on PostgreSQL too: set TEST_DATABASE_URL')
})
afterAll(async () => {
  for (const target of targets) await target.close()
})

describe('the API contract', () => {
  it.each(CONTRACT_CASES)('$name → $status', async ({ path, status, method }) => {
    const answers = await Promise.all(targets.map((t) => t.request(path, method ? { method } : undefined)))
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, `${targets[i]!.name} status for ${path}`).toBe(status)
      if (status >= 400) expect(ApiErrorSchema.safeParse(answer.body).success, `${targets[i]!.name} error shape`).toBe(true)
    }
    for (const [i, answer] of answers.entries()) {
      if (i === 0) continue
      expect(answer.body, `${targets[i]!.name} differs from ${targets[0]!.name} for ${path}`).toEqual(answers[0]!.body)
    }
  })

  it('returns the same detail for every one of the 132 projects', async () => {
    for (const path of DETAIL_PATHS) {
      const answers = await Promise.all(targets.map((t) => t.request(path)))
      for (const [i, answer] of answers.entries()) {
        expect(answer.status).toBe(200)
        if (i > 0) expect(answer.body, `${targets[i]!.name} ${path}`).toEqual(answers[0]!.body)
      }
    }
  })
})

describe('one judgement everywhere', () => {
  it('a zone’s 滞后项目 shortfall is the total of /delayed filtered to that zone, on every target and month', async () => {
    const delayed = 'severe,lagging,not-started,not-reported'
    for (const target of targets) {
      for (const asOf of ['2024-03', '2024-09']) {
        const zones = await target.request(`/api/zones?asOf=${asOf}`)
        for (const zone of (zones.body as { items: { id: string }[] }).items) {
          const detail = (await target.request(`/api/zones/${zone.id}?asOf=${asOf}`)).body as { delayedShortfallWan: number; shortfallWan: number }
          const list = (await target.request(`/api/projects?asOf=${asOf}&zone=${zone.id}&status=${delayed}&pageSize=1`)).body as {
            totals: { shortfallWan: number }
          }
          expect(detail.delayedShortfallWan, `${target.name} ${zone.id} ${asOf}`).toBe(list.totals.shortfallWan)
          // The rest is owed by projects still in the 正常 band (略低于序时进度).
          expect(detail.shortfallWan).toBeGreaterThanOrEqual(detail.delayedShortfallWan)
        }
      }
    }
  })
})

describe('will the year land: the district’s forecast is the sum of the zones’', () => {
  it('on every target, at every month asked, for every figure', async () => {
    const fields = ['projectCount', 'planWan', 'actualWan', 'ownerForecastWan', 'computedForecastWan', 'withoutOwnerForecastCount', 'optimisticCount'] as const
    for (const target of targets) {
      const summary = (await target.request('/api/summary?asOf=2024-09')).body as { annualPlanWan: number; cumulativeActualWan: number }
      for (const asOf of ['2024-01', '2024-06', '2024-09', '2024-12']) {
        const answer = await target.request(`/api/forecast?asOf=${asOf}`)
        expect(answer.status, `${target.name} ${asOf}`).toBe(200)
        const forecast = answer.body as Record<(typeof fields)[number], number> & { byZone: Record<(typeof fields)[number], number>[] }
        for (const field of fields) {
          expect(forecast.byZone.reduce((sum, zone) => sum + zone[field], 0), `${target.name} ${asOf} ${field}`).toBe(forecast[field])
        }
        expect(forecast.planWan, `${target.name} ${asOf}: the summary's plan`).toBe(summary.annualPlanWan)
      }
      const september = (await target.request('/api/forecast?asOf=2024-09')).body as { actualWan: number }
      expect(september.actualWan, `${target.name}: the summary's actual`).toBe(summary.cumulativeActualWan)
    }
  })
})

describe('sign-in and roles, alike on every target', () => {
  const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  const same = async (ask: (t: Target) => Promise<{ status: number; body: unknown }>, status: number, label: string) => {
    const answers = []
    for (const target of targets) answers.push(await ask(target))
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, `${targets[i]!.name}: ${label}`).toBe(status)
      if (i > 0) expect(answer.body, `${targets[i]!.name} differs from ${targets[0]!.name}: ${label}`).toEqual(answers[0]!.body)
    }
    return answers
  }
  afterAll(async () => {
    for (const target of targets) await target.signInAs('staff')
  })

  it('refuses every data route without a session, in one shape', async () => {
    for (const path of ['/api/summary', '/api/zones', '/api/projects', '/api/projects/P001', '/api/filter-options', '/api/auth/me']) {
      await same((t) => t.anonymous(path), 401, `anonymous ${path}`)
    }
  })

  it('answers a wrong password, an unknown name and a malformed sign-in alike', async () => {
    await same((t) => t.anonymous('/api/auth/login', json({ username: 'staff', password: 'wrong-password' })), 401, 'wrong password')
    await same((t) => t.anonymous('/api/auth/login', json({ username: 'nobody', password: 'wrong-password' })), 401, 'unknown name')
    await same((t) => t.anonymous('/api/auth/login', json({ username: '', password: 'x', extra: 1 })), 400, 'malformed')
  })

  it('tells each demo account who it is', async () => {
    for (const username of ['leader', 'staff', 'reviewer', 'owner', 'admin']) {
      for (const target of targets) await target.signInAs(username)
      await same((t) => t.request('/api/auth/me'), 200, `me as ${username}`)
    }
  })

  it('refuses project data to the admin and accounts to everyone else', async () => {
    for (const target of targets) await target.signInAs('admin')
    await same((t) => t.request('/api/summary'), 403, 'admin reads the summary')
    const lists = await same(async (t) => {
      const answer = await t.request('/api/admin/accounts')
      // Times differ between targets; names, roles and bindings must not.
      const items = (answer.body as { items: { username: string; role: string; ownerUnit: string | null }[] }).items
      return { status: answer.status, body: items.map(({ username, role, ownerUnit }) => ({ username, role, ownerUnit })) }
    }, 200, 'admin lists accounts')
    expect(lists[0]!.body).toHaveLength(5)
    for (const username of ['leader', 'staff', 'reviewer', 'owner']) {
      for (const target of targets) await target.signInAs(username)
      await same((t) => t.request('/api/admin/accounts'), 403, `${username} lists accounts`)
    }
  })
})
