// Prints the ten slowest test files, then one line "N passed, N failed" over every suite's JSON report
// (Vitest and Playwright). A step that failed before any suite reported (install, typecheck, lint, build)
// counts as one failure.
import { existsSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'

const exitStatus = Number(process.argv[2] ?? 0)
let passed = 0
let failed = 0
let reports = 0
/** Seconds each test file took: where the feedback loop goes. */
const fileSeconds = new Map()
const addFile = (file, ms) => fileSeconds.set(file, (fileSeconds.get(file) ?? 0) + ms / 1000)

if (existsSync('reports/vitest.json')) {
  const report = JSON.parse(readFileSync('reports/vitest.json', 'utf8'))
  passed += report.numPassedTests ?? 0
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0)
  reports++
  for (const file of report.testResults ?? []) {
    if (file.startTime && file.endTime) addFile(relative(process.cwd(), file.name), file.endTime - file.startTime)
  }
}
if (existsSync('reports/e2e.json')) {
  const report = JSON.parse(readFileSync('reports/e2e.json', 'utf8'))
  passed += report.stats?.expected ?? 0
  failed += (report.stats?.unexpected ?? 0) + (report.stats?.flaky ?? 0) + (report.errors?.length ?? 0)
  reports++
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? []) for (const result of test.results ?? []) addFile(`tests/e2e/${spec.file}`, result.duration ?? 0)
    for (const child of suite.suites ?? []) walk(child)
  }
  for (const suite of report.suites ?? []) walk(suite)
}
if (fileSeconds.size > 0) {
  console.log('ten slowest test files:')
  for (const [file, seconds] of [...fileSeconds].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${file}`)
}
if (exitStatus !== 0 && failed === 0) failed = 1
if (reports === 0 && exitStatus === 0) failed = 1 // ran no suite: never report a silent success
console.log(`${passed} passed, ${failed} failed`)
