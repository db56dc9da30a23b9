import type { ProjectRecord } from '@/contract'
import { generateDataset } from './generate'

/**
 * A city-scale dataset for benchmarks: `count` projects made by re-seeding the 2024 generator and
 * renumbering. Not reconciled with the report (it is not meant to be); never served by default.
 */
export function generateScaledDataset(count: number): ProjectRecord[] {
  const records: ProjectRecord[] = []
  for (let batch = 0; records.length < count; batch++) {
    for (const record of generateDataset(1000 + batch)) {
      if (records.length >= count) break
      const id = `P${String(records.length + 1).padStart(5, '0')}`
      records.push({
        ...record,
        id,
        name: batch === 0 ? record.name : `${record.name}·${batch + 1}`,
        problems: record.problems.map((p, i) => ({ ...p, id: `${id}-Q${i + 1}` })),
      })
    }
  }
  return records
}
