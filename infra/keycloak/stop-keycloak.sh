#!/usr/bin/env bash
# Stops the Keycloak started by run-keycloak.sh (by its recorded pid only, and only while that pid is Keycloak).
set -euo pipefail
cache=${KEYCLOAK_CACHE_DIR:-$HOME/.cache/orgboard/keycloak}
pidfile="$cache/keycloak.pid"
# shellcheck source=keycloak-pid.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/keycloak-pid.sh"
[ -f "$pidfile" ] || { echo "No Keycloak pid file at $pidfile" >&2; exit 0; }
# Only a pid that is still Keycloak is stopped; a stale file (the pid reused by another process) is removed.
if pid=$(keycloak_pid "$pidfile"); then
  # kc.sh execs java in the same process, so the recorded pid is the server itself.
  kill "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pidfile"
  echo "Keycloak stopped"
else
  echo "No Keycloak running (its pid file was stale and is removed)"
fi
