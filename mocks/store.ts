import type { ProjectRecord } from '@/contract'
import { generateDataset } from '@/dataset/generate'

/** The in-memory project list the mock API serves; seeded once from the dataset module. */
let records: ProjectRecord[] = generateDataset()

export const store = {
  all: (): readonly ProjectRecord[] => records,
  /** Replace the records (tests use this to serve a scaled or hand-made set). */
  replace(next: ProjectRecord[]) {
    records = next
  },
  reset() {
    records = generateDataset()
  },
}
