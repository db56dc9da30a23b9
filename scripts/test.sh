#!/usr/bin/env bash
# npm test: typecheck, lint, every Vitest suite and the builds the browser tests need, then the browser tests.
#
# The loop is bound by this machine's two cores, not by waiting (decision 85, part four). So the first four run
# side by side: Vitest's first ~14 s (making its seeded databases) keep one core busy, and typecheck, lint and
# the builds fill the other. The browser tests then run on the builds, alone (they are timed by the page).
# Every one of the first four runs to its end even when another fails; each failure is named at the end, and
# the browser tests run only when all four passed. Typecheck, lint and the builds write to reports/*.log,
# printed when they fail.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports

npm run check > reports/check.log 2>&1 &
check=$!
# The browser tests' seeded data folder is made here too, by the built server (tests/e2e/seed-data.mjs): when it
# cannot be, the browser tests' servers seed their own.
(npm run build && node scripts/js-budget.mjs && npm run build:demo && { node tests/e2e/seed-data.mjs || true; }) > reports/build.log 2>&1 &
builds=$!
npm run test:unit
unit=$?
wait $check
check_status=$?
wait $builds
build_status=$?

grep -h '^js-budget\|^e2e seed' reports/build.log || true
failed=0
if [ $check_status -ne 0 ]; then
  cat reports/check.log
  echo "npm test: typecheck or lint failed (above)"
  failed=1
fi
if [ $build_status -ne 0 ]; then
  tail -60 reports/build.log
  echo "npm test: a build or the JavaScript budget failed (above; all of it in reports/build.log)"
  failed=1
fi
if [ $unit -ne 0 ]; then
  echo "npm test: Vitest failed (above)"
  failed=1
fi
[ $failed -eq 0 ] || exit 1

npm run test:e2e
