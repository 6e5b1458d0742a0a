#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for tests and benchmarks, and print its DATABASE_URL.
#
#   packages/db/scripts/start-postgres.sh [--dir DIR] [--port PORT] [--db NAME] [--shared-buffers SIZE]
#   eval "$(packages/db/scripts/start-postgres.sh | grep '^DATABASE_URL=' | sed 's/^/export /')"
#
# Defaults: DIR=/tmp/orgboard-pg, PORT=54329, database and role "orgboard" (password "orgboard"; the role may
# CREATE DATABASE, which createTestDatabase needs). Also read from ORGBOARD_PG_DIR / ORGBOARD_PG_PORT /
# ORGBOARD_PG_DB / ORGBOARD_PG_SHARED_BUFFERS. Idempotent: a running cluster is reused, a stopped one restarted.
#
# Tuned for a 2-core / 24 GB machine running tests and benchmarks, NOT for data you want to keep:
# fsync, synchronous_commit and full_page_writes are OFF (a crash can corrupt the cluster; it is disposable),
# wal_level=minimal (COPY into a table created in the same transaction skips WAL), a large max_wal_size
# (no checkpoint storms during bulk loads), jit off (it slows short test queries), 200 connections (several
# services' pools plus per-test databases).
# PostgreSQL refuses to run as root: as root, the cluster belongs to (and runs as) the OS user "postgres"
# (override with ORGBOARD_PG_OS_USER).
set -euo pipefail

DIR="${ORGBOARD_PG_DIR:-/tmp/orgboard-pg}"
PORT="${ORGBOARD_PG_PORT:-54329}"
DB="${ORGBOARD_PG_DB:-orgboard}"
ROLE="orgboard"
PASSWORD="orgboard"
SHARED_BUFFERS="${ORGBOARD_PG_SHARED_BUFFERS:-1GB}"

while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --db) DB="$2"; shift 2 ;;
    --shared-buffers) SHARED_BUFFERS="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "start-postgres.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$PORT" in ''|*[!0-9]*) echo "start-postgres.sh: --port must be a number (got '$PORT')" >&2; exit 2 ;; esac
case "$DB" in ''|*[!a-z0-9_]*) echo "start-postgres.sh: --db must be lower-case letters, digits, _ (got '$DB')" >&2; exit 2 ;; esac

# Debian's versioned binaries first (pg_ctl on PATH may be a wrapper or missing).
PG_BIN="${PG_BIN:-}"
if [ -z "$PG_BIN" ]; then
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do PG_BIN="$candidate"; break; done
fi
if [ -z "$PG_BIN" ]; then PG_BIN="$(dirname "$(command -v initdb || echo /nonexistent/initdb)")"; fi
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "start-postgres.sh: PostgreSQL server binaries not found (apt-get install postgresql, or set PG_BIN)" >&2
  exit 1
fi

DATA="$DIR/data"
LOG="$DIR/postgres.log"

if [ "$(id -u)" = "0" ]; then
  OS_USER="${ORGBOARD_PG_OS_USER:-postgres}"
  if ! id "$OS_USER" >/dev/null 2>&1; then
    echo "start-postgres.sh: running as root needs an OS user '$OS_USER' to own the cluster (useradd -r $OS_USER)" >&2
    exit 1
  fi
  as_pg() { runuser -u "$OS_USER" -- "$@"; }
  mkdir -p "$DIR"
  chown "$OS_USER" "$DIR"
else
  as_pg() { "$@"; }
  mkdir -p "$DIR"
fi
chmod 700 "$DIR"

if [ ! -f "$DATA/PG_VERSION" ]; then
  PWFILE="$DIR/.pw"
  as_pg sh -c "umask 077; printf '%s\n' '$PASSWORD' > '$PWFILE'"
  as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 --pwfile="$PWFILE" >"$DIR/initdb.log" 2>&1 || {
      echo "start-postgres.sh: initdb failed, see $DIR/initdb.log" >&2; tail -5 "$DIR/initdb.log" >&2; exit 1; }
  rm -f "$PWFILE"
  as_pg sh -c "cat >> '$DATA/postgresql.conf'" <<CONF

# --- orgboard test/benchmark settings (start-postgres.sh); disposable data only ---
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 200
shared_buffers = $SHARED_BUFFERS
effective_cache_size = 12GB
work_mem = 32MB
maintenance_work_mem = 1GB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 8GB
checkpoint_timeout = 30min
random_page_cost = 1.1
effective_io_concurrency = 200
max_parallel_workers_per_gather = 1
jit = off
timezone = 'UTC'
log_timezone = 'UTC'
logging_collector = off
log_min_duration_statement = -1
CONF
fi

# Port and socket dir may change between runs; pass them on the command line so they always win.
if as_pg "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  :
else
  as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c shared_buffers=$SHARED_BUFFERS" start >/dev/null || {
      echo "start-postgres.sh: PostgreSQL did not start, see $LOG" >&2; tail -5 "$LOG" >&2; exit 1; }
fi

# The running cluster's real port (it may have been started earlier with another one).
RUNNING_PORT="$(as_pg sh -c "sed -n 4p '$DATA/postmaster.pid'")"
PSQL=("$PG_BIN/psql" -h "$DIR" -p "$RUNNING_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt)
as_pg "${PSQL[@]}" -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF; END \$\$;" >/dev/null
if [ -z "$(as_pg "${PSQL[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  as_pg "${PSQL[@]}" -c "CREATE DATABASE $DB OWNER $ROLE" >/dev/null
fi

echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running in $DATA on 127.0.0.1:$RUNNING_PORT (log: $LOG)" >&2
echo "DATABASE_URL=postgres://$ROLE:$PASSWORD@127.0.0.1:$RUNNING_PORT/$DB"
