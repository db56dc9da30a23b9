#!/usr/bin/env bash
# Run a command with TEST_DATABASE_URL pointing at a throw-away PostgreSQL cluster, so the server
# suites run on PostgreSQL as well as on the embedded database. Without PostgreSQL binaries the
# command runs on the embedded database only (CI installs them; see .ci/run).
set -uo pipefail
if [ -n "${TEST_DATABASE_URL:-}" ]; then exec "$@"; fi
if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  # A cluster of this run's own (folder and free port): two runs side by side never stop each other's.
  export PG_TEST_DIR="${PG_TEST_DIR:-$(mktemp -d /tmp/nanan-pg.XXXXXX)}"
  export PG_TEST_PORT="${PG_TEST_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
  if url=$("$(dirname "$0")/pg-cluster.sh" start); then
    export TEST_DATABASE_URL="$url"
    "$@"
    status=$?
    "$(dirname "$0")/pg-cluster.sh" stop
    rm -rf "$PG_TEST_DIR"
    exit $status
  fi
  echo "warning: could not start PostgreSQL; server suites run on the embedded database only" >&2
else
  echo "note: PostgreSQL not installed; server suites run on the embedded database only" >&2
fi
exec "$@"
