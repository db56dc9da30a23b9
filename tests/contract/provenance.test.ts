import { ProvenanceSchema, type ProjectRecord } from '@/contract'
import { generateDataset } from '@/dataset/generate'
import { SIMULATED_NOTICE } from '@/domain/provenance'
import { freshMemoryDatabase } from '../support/seeded-snapshot'
import { seedIfEmpty } from '../../server/db/write'
import { forwardedTarget, serverTarget, type Target } from './targets'

/**
 * Every answer that carries figures says whether they include simulated values, alike on every target,
 * and it follows the data: reported records only → no notice.
 */
const FIGURE_PATHS = ['/api/summary', '/api/zones', '/api/zones/nanping', '/api/projects', '/api/projects/P001', '/api/projects?zone=gy-bay&asOf=2024-05']

async function targetsOver(records: ProjectRecord[]): Promise<Target[]> {
  const database = await freshMemoryDatabase()
  await seedIfEmpty(database.db, () => records)
  const server = await serverTarget('embedded', database)
  return [server, await forwardedTarget(database)]
}

const provenanceOf = (body: unknown) => ProvenanceSchema.parse((body as { provenance: unknown }).provenance)

describe('provenance of the figures', () => {
  it('the demo dataset: every figure answer says it includes simulated values, in the same words everywhere', async () => {
    const targets = await targetsOver(generateDataset())
    try {
      for (const path of FIGURE_PATHS) {
        for (const target of targets) {
          const answer = await target.request(path)
          expect(answer.status, `${target.name} ${path}`).toBe(200)
          expect(provenanceOf(answer.body), `${target.name} ${path}`).toEqual({ simulated: true, notice: SIMULATED_NOTICE })
        }
      }
    } finally {
      for (const target of targets) await target.close()
    }
  })

  it('reported records only: no notice, on every target', async () => {
    const targets = await targetsOver(generateDataset().map((r) => ({ ...r, simulated: false })))
    try {
      for (const path of FIGURE_PATHS) {
        const answers = await Promise.all(targets.map((t) => t.request(path)))
        for (const [i, answer] of answers.entries()) expect(provenanceOf(answer.body), `${targets[i]!.name} ${path}`).toEqual({ simulated: false, notice: null })
        expect(answers[1]!.body, path).toEqual(answers[0]!.body)
      }
    } finally {
      for (const target of targets) await target.close()
    }
  })
})
