import { ApiErrorSchema } from '@/contract'
import { CONTRACT_CASES, DETAIL_PATHS } from './cases'
import { embeddedDatabase, mockTarget, postgresDatabase, serverTarget, type Target } from './targets'

/**
 * One contract, several implementations: the MSW handlers, the server on the embedded database, and
 * the server on PostgreSQL (when TEST_DATABASE_URL is set, as in CI). Every case must give the same
 * status and the very same body everywhere; a difference fails the build.
 */
const targets: Target[] = []

beforeAll(async () => {
  targets.push(mockTarget())
  targets.push(await serverTarget('embedded', await embeddedDatabase()))
  const postgres = await postgresDatabase()
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
