import { relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The order the test files are handed to the two workers: the longest first, so that both workers end
 * together instead of one finishing a long file alone at the end (docs/decisions/085, part three).
 *
 * - Projects stay together: a worker of a project that shares its module graph (isolate: false) keeps it
 *   only while the next file in the queue is of the same project. `server-alone` goes first (it holds
 *   restart.test.ts, the longest file by far), then `server`, `web`, and `unit` (milliseconds a file) last.
 * - Within a project, the longest first: by the last run's time in Vitest's cache, or on a fresh clone (no
 *   cache) by the seconds below, from the last CI run (.ci/run prints the ten slowest files). Files not listed
 *   take a few seconds or less; among them the largest go first. A stale entry only changes the order.
 */
const PROJECT_ORDER = ['server-alone', 'server', 'web', 'unit']

const CI_SECONDS: Record<string, number> = {
  'tests/server/restart.test.ts': 86,
  'tests/contract/owner-scope.test.ts': 35,
  'tests/server/hostile-uploads.test.ts': 28,
  'tests/features/reports.test.tsx': 21,
  'tests/contract/contract.test.ts': 18,
  'tests/server/sign-in-throttle.test.ts': 15,
  'tests/server/access.test.ts': 13,
  'tests/server/plan-year.test.ts': 13,
  'tests/server/upload-crash.test.ts': 13,
  'tests/features/photos.test.tsx': 12,
  'tests/features/provenance.test.tsx': 12,
  'tests/contract/provenance.test.ts': 12,
  'tests/features/admin.test.tsx': 11,
  'tests/server/report-imports.test.ts': 10,
  'tests/contract/reporting.test.ts': 9,
  'tests/server/app.test.ts': 9,
  'tests/features/projects.test.tsx': 8,
  'tests/server/imports.test.ts': 8,
  'tests/features/overview.test.tsx': 7,
  'tests/server/auth.test.ts': 7,
  'tests/features/approval-files.test.tsx': 6,
  'tests/features/auth.test.tsx': 5,
  'tests/features/project-edit.test.tsx': 5,
  'tests/server/months.test.ts': 5,
  'tests/server/notifications.test.ts': 5,
}

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root
    const cache = this.ctx.cache
    const rank = (spec: TestSpecification) => {
      const index = PROJECT_ORDER.indexOf(spec.project.name)
      return index === -1 ? PROJECT_ORDER.length : index
    }
    const path = (spec: TestSpecification) => relative(root, spec.moduleId)
    /** Milliseconds the file is expected to take: null when neither the cache nor the table knows it. */
    const expected = (spec: TestSpecification): number | null => {
      const cached = cache.getFileTestResults(`${spec.project.name}:${path(spec)}`)?.duration
      if (cached !== undefined) return cached
      const seconds = CI_SECONDS[path(spec)]
      return seconds === undefined ? null : seconds * 1000
    }
    const size = (spec: TestSpecification) => cache.getFileStats(`${spec.project.name}:${path(spec)}`)?.size ?? 0
    return [...files].sort((a, b) => {
      if (rank(a) !== rank(b)) return rank(a) - rank(b)
      const [ea, eb] = [expected(a), expected(b)]
      if (ea !== null || eb !== null) return (eb ?? 0) - (ea ?? 0)
      return size(b) - size(a)
    })
  }
}
