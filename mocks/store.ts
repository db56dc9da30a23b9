import type { ProjectRecord } from '@/contract'
import { generateDataset } from '@/dataset/generate'
import { accountStore } from './accounts'

/** The in-memory project list the mock API serves; seeded once from the dataset module. */
let records: ProjectRecord[] = generateDataset()
// The demo owner account is bound to a 业主单位 of the seeded list, as the server binds it at first start.
accountStore.seed(records.map((r) => r.ownerUnit))
const resetHooks: (() => void)[] = []

export const store = {
  all: (): readonly ProjectRecord[] => records,
  /** Replace the records (tests use this to serve a scaled or hand-made set). */
  replace(next: ProjectRecord[]) {
    records = next
  },
  /** Back to the seeded projects and demo accounts, with no session open. */
  reset() {
    records = generateDataset()
    accountStore.reset(records.map((r) => r.ownerUnit))
    for (const hook of resetHooks) hook()
  },
  /** Storage kept beside the records (the reports) is cleared on reset too. */
  onReset(hook: () => void) {
    resetHooks.push(hook)
  },
}
