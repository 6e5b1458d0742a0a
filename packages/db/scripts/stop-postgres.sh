#!/usr/bin/env bash
# Stop the cluster started by start-postgres.sh.   stop-postgres.sh [--dir DIR] [--remove]
# --remove also deletes DIR (the cluster is disposable).
set -euo pipefail
DIR="${ORGBOARD_PG_DIR:-/tmp/orgboard-pg}"
REMOVE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --remove) REMOVE=1; shift ;;
    -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
    *) echo "stop-postgres.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
PG_BIN="${PG_BIN:-}"
if [ -z "$PG_BIN" ]; then
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do PG_BIN="$candidate"; break; done
fi
[ -n "$PG_BIN" ] || PG_BIN="$(dirname "$(command -v pg_ctl)")"
if [ "$(id -u)" = "0" ]; then
  as_pg() { runuser -u "${ORGBOARD_PG_OS_USER:-postgres}" -- "$@"; }
else
  as_pg() { "$@"; }
fi
if [ -f "$DIR/data/postmaster.pid" ]; then
  as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null && echo "stopped PostgreSQL in $DIR/data" >&2
else
  echo "no running PostgreSQL in $DIR/data" >&2
fi
if [ "$REMOVE" = "1" ]; then rm -rf "$DIR"; echo "removed $DIR" >&2; fi
