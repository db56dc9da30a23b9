#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster for the test run and print its URL.
# Usage: scripts/pg-cluster.sh start|stop  (data in PG_TEST_DIR, default /tmp/nanan-pg; port PG_TEST_PORT,
# default 55432; trust auth on loopback)
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
DIR=${PG_TEST_DIR:-/tmp/nanan-pg}
PORT=${PG_TEST_PORT:-55432}
RUN_AS=()
if [ "$(id -u)" = "0" ]; then RUN_AS=(runuser -u postgres --); fi
case "${1:-start}" in
  start)
    if [ -z "$BIN" ]; then
      apt-get update -qq >/dev/null && apt-get install -y --no-upgrade -qq postgresql >/dev/null
      BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    fi
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$DIR" && mkdir -p "$DIR" && chown postgres: "$DIR" 2>/dev/null || true
    "${RUN_AS[@]}" "$BIN/initdb" -D "$DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" -l "$DIR/log" -w start >/dev/null
    "${RUN_AS[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres nanan_test
    echo "postgresql://postgres@127.0.0.1:$PORT/nanan_test"
    ;;
  stop)
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" stop -m fast >/dev/null 2>&1 || true
    ;;
esac
