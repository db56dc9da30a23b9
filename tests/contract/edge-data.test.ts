import { withMonths, makeProject, resetFactory } from '../factories'
import type { ProjectRecord } from '@/contract'
import type { Database } from '../../server/db/client'
import { freshMemoryDatabase } from '../support/seeded-snapshot'
import { seedIfEmpty } from '../../server/db/write'
import { forwardedTarget, postgresDatabase, serverTarget, type Target } from './targets'

/**
 * The seeded dataset never exercises some shapes of data a real list will have. Here both
 * databases get the same hand-made records and must still answer alike.
 */
function edgeRecords(): ProjectRecord[] {
  resetFactory()
  const problem = (i: number) => ({
    id: `P901-Q${i}`,
    category: '施工组织',
    description: `第${i}个问题`,
    measure: '督促整改',
    status: 'supervising' as const,
    raisedDate: '2024-03-01',
    dueDate: '2024-12-31',
    resolvedDate: null,
    assignedTo: '区住房城乡建委',
    resolution: null,
    version: 1,
  })
  return [
    // Twelve problems: Q10 must not sort before Q2.
    makeProject({ problems: Array.from({ length: 12 }, (_, i) => problem(i + 1)) }),
    // A report month without a progress entry, and progress only in some months.
    makeProject({
      progressHistory: [
        { month: 3, percent: 40, text: '主体施工' },
        { month: 7, percent: null, text: '装饰装修' },
      ],
    }),
    // Two projects exactly as far behind as each other, given out of id order.
    makeProject({ id: 'P999', monthlyActualWan: withMonths(makeProject().monthlyActualWan, { 9: 0 }) }),
    makeProject({ id: 'P950', monthlyActualWan: withMonths(makeProject().monthlyActualWan, { 9: 0 }) }),
    // Not reported, and no plan at all this year.
    makeProject({ monthlyActualWan: withMonths(makeProject().monthlyActualWan, { 9: null }) }),
    makeProject({ annualPlanWan: 0, monthlyPlanWan: Array(12).fill(0), monthlyActualWan: Array(12).fill(0) }),
  ]
}

let embedded: Target
let other: Target
let database: Database
const records = edgeRecords()

// The same SQL on both databases (PostgreSQL when the suite has one, as in CI), else the embedded one
// against itself through MSW's forwarding.
beforeAll(async () => {
  database = await freshMemoryDatabase()
  await seedIfEmpty(database.db, () => records)
  embedded = await serverTarget('embedded', database)
  const postgres = await postgresDatabase()
  if (postgres) {
    await seedIfEmpty(postgres.db, () => records)
    other = await serverTarget('postgres', postgres)
  } else other = await forwardedTarget(database)
})
afterAll(async () => {
  await other.close()
  await embedded.close()
})

const paths = [
  ...records.map((r) => `/api/projects/${r.id}`),
  ...records.map((r) => `/api/projects/${r.id}?asOf=2024-05`),
  '/api/summary',
  '/api/zones/nanping',
  '/api/projects?sort=shortfall&order=desc',
  '/api/projects?sort=completionRate&order=asc',
  '/api/projects?sort=progress&order=desc',
]

describe('hand-made edge cases, answered alike', () => {
  it.each(paths)('%s', async (path) => {
    const [a, b] = await Promise.all([embedded.request(path), other.request(path)])
    expect(b.status).toBe(a.status)
    expect(b.body).toEqual(a.body)
  })

  it('keeps the order in which problems were raised', async () => {
    const detail = (await embedded.request('/api/projects/P901')).body as { problems: { id: string }[] }
    expect(detail.problems.map((p) => p.id)).toEqual(records[0]!.problems.map((p) => p.id))
  })
})
