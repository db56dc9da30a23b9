// Prints one line "N passed, N failed" over every suite's JSON report (Vitest and Playwright).
// A step that failed before any suite reported (install, typecheck, lint, build) counts as one failure.
import { existsSync, readFileSync } from 'node:fs'

const exitStatus = Number(process.argv[2] ?? 0)
let passed = 0
let failed = 0
let reports = 0

if (existsSync('reports/vitest.json')) {
  const report = JSON.parse(readFileSync('reports/vitest.json', 'utf8'))
  passed += report.numPassedTests ?? 0
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0)
  reports++
}
if (existsSync('reports/e2e.json')) {
  const report = JSON.parse(readFileSync('reports/e2e.json', 'utf8'))
  passed += report.stats?.expected ?? 0
  failed += (report.stats?.unexpected ?? 0) + (report.stats?.flaky ?? 0) + (report.errors?.length ?? 0)
  reports++
}
if (exitStatus !== 0 && failed === 0) failed = 1
if (reports === 0 && exitStatus === 0) failed = 1 // ran no suite: never report a silent success
console.log(`${passed} passed, ${failed} failed`)
