#!/usr/bin/env bash
# Stops the Keycloak started by run-keycloak.sh (by its recorded pid only).
set -euo pipefail
cache=${KEYCLOAK_CACHE_DIR:-$HOME/.cache/orgboard/keycloak}
pidfile="$cache/keycloak.pid"
[ -f "$pidfile" ] || { echo "No Keycloak pid file at $pidfile" >&2; exit 0; }
pid=$(cat "$pidfile")
if kill -0 "$pid" 2>/dev/null; then
  # kc.sh execs java in the same process, so the recorded pid is the server itself.
  kill "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
fi
rm -f "$pidfile"
echo "Keycloak stopped"
