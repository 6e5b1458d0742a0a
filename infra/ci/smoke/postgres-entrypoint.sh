#!/bin/sh
# Entry point of the smoke test's PostgreSQL image (Debian's postgresql-15), with the same contract as the
# official image the manifests name: POSTGRES_USER, POSTGRES_DB, POSTGRES_PASSWORD (required), PGDATA.
set -eu
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
user=${POSTGRES_USER:-postgres}; db=${POSTGRES_DB:-$user}
bin=/usr/lib/postgresql/15/bin
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"; chmod 700 "$PGDATA"
  printf '%s' "$POSTGRES_PASSWORD" > /tmp/.pw
  "$bin/initdb" -D "$PGDATA" -U "$user" --pwfile=/tmp/.pw --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f /tmp/.pw
  echo "host all all 0.0.0.0/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
  [ "$db" = postgres ] || echo "CREATE DATABASE \"$db\" OWNER \"$user\";" | "$bin/postgres" --single -D "$PGDATA" postgres >/dev/null
fi
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql
