#!/usr/bin/env bash
# npm test: every Vitest suite and the builds the browser tests need, side by side; then the browser tests, with
# typecheck and lint beside them.
#
# The loop is bound by this machine's two cores, not by waiting (decision 85, parts four and five). So Vitest and the
# builds run side by side: Vitest's first ~14 s (making its seeded databases) keep one core busy, and the builds fill
# the other. The browser tests then run on the builds, alone but for typecheck and lint: those run at the lowest
# priority (nice 19), so they take only what the browser tests leave idle (about a fifth of the two cores, while a
# drawn page waits its moment of reading, networkidle, animations) and do not slow a test that times the page.
# The browser tests run only when Vitest and the builds passed; typecheck and lint always run. Every part runs to
# its end even when another fails, and each failure is named at the end. Typecheck, lint and the builds write to
# reports/*.log, printed when they fail.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports

# The browser tests' seeded data folder is made here too, by the built server (tests/e2e/seed-data.mjs): when it
# cannot be, the browser tests' servers seed their own.
(npm run build && node scripts/js-budget.mjs && npm run build:demo && { node tests/e2e/seed-data.mjs || true; }) > reports/build.log 2>&1 &
builds=$!
npm run test:unit
unit=$?
wait $builds
build_status=$?
grep -h '^js-budget\|^e2e seed' reports/build.log || true

# Its own session, at nice 19 in an autogroup of its own: with the kernel's autogroups on (Debian's default), nice
# weighs a process only against its own session's, and Playwright starts Chromium and the servers in sessions of theirs.
setsid -w bash -c 'echo 19 > /proc/self/autogroup 2>/dev/null; exec nice -n 19 npm run check' > reports/check.log 2>&1 &
check=$!
trap 'kill -- -"$check" 2>/dev/null' EXIT
e2e=skipped
if [ $unit -eq 0 ] && [ $build_status -eq 0 ]; then
  npm run test:e2e
  e2e=$?
fi
wait $check
check_status=$?

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
  echo "npm test: Vitest failed (above); the browser tests did not run"
  failed=1
elif [ "$e2e" = skipped ]; then
  echo "npm test: the browser tests did not run (a build failed)"
elif [ "$e2e" -ne 0 ]; then
  echo "npm test: the browser tests failed (above)"
  failed=1
fi
exit $failed
