#!/usr/bin/env bash
# Starts a real Keycloak 26 in dev mode on 127.0.0.1:8180 with the orgboard realm imported from
# orgboard-realm.json, waits for the realm's discovery document, and prints the base URL.
# orgboard-realm.json is the DEVELOPMENT realm (demo officials, localhost redirect URIs, dev client secrets
# as placeholder defaults). Production imports infra/k8s/base/keycloak/orgboard-realm.json, derived from it by
# production-realm.mjs without any of those.
# The server distribution comes from Maven Central (the only place this machine can download it from)
# and is cached under ~/.cache/orgboard/keycloak, so only the first run downloads (~170 MB).
#
# Env: KEYCLOAK_VERSION (default 26.7.3), KEYCLOAK_PORT (8180), KEYCLOAK_START_TIMEOUT (seconds to wait for
# the realm, default 180; CI starts it beside a test stage and waits longer), KEYCLOAK_KEEP_DATA=1 to keep the H2 data
# of the last run (default: start fresh so the realm file stays the one source of truth),
# IDENTITY_VNEID_URL (the government identity provider; default the simulator of apps/identity,
# http://127.0.0.1:8190/vneid), IDENTITY_*_CLIENT_SECRET (see the realm file for the dev defaults).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
version=${KEYCLOAK_VERSION:-26.7.3}
port=${KEYCLOAK_PORT:-8180}
cache=${KEYCLOAK_CACHE_DIR:-$HOME/.cache/orgboard/keycloak}
home="$cache/keycloak-$version"
base="http://127.0.0.1:$port"
export IDENTITY_VNEID_URL=${IDENTITY_VNEID_URL:-http://127.0.0.1:8190/vneid}

# shellcheck source=keycloak-pid.sh
. "$here/keycloak-pid.sh"

mkdir -p "$cache"
if running=$(keycloak_pid "$cache/keycloak.pid"); then
  echo "Keycloak already running (pid $running): $base" >&2
  exit 1
fi

if [ ! -x "$home/bin/kc.sh" ]; then
  zip="$cache/keycloak-quarkus-dist-$version.zip"
  if [ ! -f "$zip" ]; then
    echo "Downloading Keycloak $version from Maven Central…" >&2
    start=$(date +%s)
    # Maven's output (even -q prints ANSI resets) goes to stderr: stdout carries only the base URL.
    mvn -q -B dependency:copy "-Dartifact=org.keycloak:keycloak-quarkus-dist:$version:zip" "-DoutputDirectory=$cache" >&2
    echo "Downloaded in $(( $(date +%s) - start )) s" >&2
  fi
  (cd "$cache" && unzip -q -o "$zip") >&2
fi

if [ "${KEYCLOAK_KEEP_DATA:-0}" != "1" ]; then rm -rf "$home/data/h2" "$home/data/import"; fi
mkdir -p "$home/data/import"
cp "$here/orgboard-realm.json" "$home/data/import/orgboard-realm.json"

if ! curl -fsS -o /dev/null "$IDENTITY_VNEID_URL/.well-known/openid-configuration" 2>/dev/null; then
  echo "Note: $IDENTITY_VNEID_URL does not answer yet; start the simulator (pnpm --filter @orgboard/identity start) before logging in with VNeID." >&2
fi

# Dev mode: H2 database, HTTP, relaxed hostname checks. Never use start-dev in production (docs/security.md).
# Two settings for the VNeID simulator, which the test suites stop and start again on :8190 one after another
# (the real VNeID neither restarts nor changes its key, so the production Keycloak, infra/k8s, keeps the defaults):
# - min-time-between-requests=0: Keycloak fetches a broker's keys again when a token names a key it has not seen,
#   by default at most once per 10 s. The simulator makes a new key each time it starts; a suite that signed in
#   within 10 s of the previous one's last fetch was refused ("token signature validation failed", stop 25's CI).
# - reuse-connections=false: a pooled connection to the simulator just stopped, reused within 2 s, failed the
#   next sign-in ("NoHttpResponseException: 127.0.0.1:8190 failed to respond").
KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin} \
KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin} \
  nohup "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$port" --import-realm \
  --spi-public-key-storage--infinispan--min-time-between-requests=0 --spi-connections-http-client--default--reuse-connections=false \
  >"$cache/keycloak.log" 2>&1 &
echo $! >"$cache/keycloak.pid"

timeout=${KEYCLOAK_START_TIMEOUT:-180}
for _ in $(seq 1 "$timeout"); do
  if curl -fsS -o /dev/null "$base/realms/orgboard/.well-known/openid-configuration" 2>/dev/null; then
    echo "$base"
    exit 0
  fi
  if ! kill -0 "$(cat "$cache/keycloak.pid")" 2>/dev/null; then
    echo "Keycloak exited; last log lines:" >&2
    tail -n 40 "$cache/keycloak.log" >&2
    exit 1
  fi
  sleep 1
done
echo "Keycloak did not answer within $timeout s; see $cache/keycloak.log" >&2
exit 1
