#!/bin/bash
# Runs ONE app's image as it runs in Kubernetes and checks that it answers its probes from the container:
#   infra/images/test.sh <membership|conference|inspection|personnel|restructuring|realtime|identity|dashboard>
# - read-only root filesystem with a writable /tmp (tmpfs), non-root user, ports on 127.0.0.1 only;
# - services run in a pod next to the identity image (their OIDC issuer), as the Deployment wires them;
# - membership/conference: the image's migrate entry runs first as an init step on the data volume
#   (embedded PGlite), then the service starts with migrate-on-start off and must be ready;
# - realtime relays membership: a third container, a client-credentials token from identity;
# - inspection: migrate as above, then the service with its client secret (the one this run gave identity),
#   a generated denouncer key and MEMBERSHIP_URL (a membership container beside it);
# - personnel: migrate as above, then the service with its client secret, MEMBERSHIP_URL (a membership
#   container beside it) and INSPECTION_URL (nothing listens there: its follower retries, readiness is its database);
# - restructuring: migrate as above, then the service with its client secret and MEMBERSHIP_URL (a membership
#   container beside it: where it reads the organization tree);
# - /healthz and /readyz must answer 200 within READY_TIMEOUT seconds (default 90).
# The environment passed is exactly what each app reads on this branch (docs/runbooks/deploy.md).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
app=${1:-}
case " $APPS_ALL " in *" $app "*) [ -n "$app" ] ;; *) die "usage: $0 <$(echo $APPS_ALL | tr ' ' '|')>" ;; esac
READY_TIMEOUT=${READY_TIMEOUT:-90}
declare -A PORTS=([membership]=18101 [conference]=18102 [realtime]=18103 [identity]=18104 [dashboard]=18105 [inspection]=18106 [personnel]=18107 [restructuring]=18108)
port=${PORTS[$app]}
pod="orgboard-test-$app"
vol="orgboard-test-$app-data"
ref=$(image_ref "$app")
podman image exists "$ref" || die "$ref not built (infra/images/build.sh $app)"

cleanup() {
  if [ "${KEEP:-0}" != 1 ]; then
    podman pod rm -f -t 2 "$pod" >/dev/null 2>&1 || true
    podman volume rm -f "$vol" >/dev/null 2>&1 || true
  fi
}
cleanup; trap cleanup EXIT
fail() { echo "FAIL $app: $*" >&2; for c in $(podman ps -a --pod --filter "pod=$pod" --format '{{.Names}}' | grep -v infra); do echo "--- logs $c" >&2; podman logs --tail 30 "$c" >&2 || true; done; exit 1; }

# What Kubernetes does: securityContext readOnlyRootFilesystem + an emptyDir on /tmp, runAsNonRoot.
RUN=(podman run -d --pod "$pod" --read-only --tmpfs /tmp:rw,size=256m,mode=1777 --security-opt no-new-privileges --cap-drop ALL)
podman pod create --name "$pod" -p "127.0.0.1:$port:8080" >/dev/null
ISSUER=http://127.0.0.1:8190/realms/orgboard
# The image runs identity with NODE_ENV=production, which refuses to start without every realm client secret:
# this run makes its own (never the development realm's defaults).
secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
REALTIME_SECRET=$(secret)
INSPECTION_SECRET=$(secret)
PERSONNEL_SECRET=$(secret)
RESTRUCTURING_SECRET=$(secret)
IDENTITY_SECRETS=(-e IDENTITY_REALTIME_CLIENT_SECRET="$REALTIME_SECRET" -e IDENTITY_INSPECTION_CLIENT_SECRET="$INSPECTION_SECRET" -e IDENTITY_PERSONNEL_CLIENT_SECRET="$PERSONNEL_SECRET"
  -e IDENTITY_RESTRUCTURING_CLIENT_SECRET="$RESTRUCTURING_SECRET")
for c in MEMBERSHIP CONFERENCE VNEID; do IDENTITY_SECRETS+=(-e "IDENTITY_${c}_CLIENT_SECRET=$(secret)"); done
identity_sidecar() {
  local idref; idref=$(image_ref identity)
  podman image exists "$idref" || die "$idref not built (infra/images/build.sh identity): the services' tests use it as their OIDC issuer"
  "${RUN[@]}" --name "$pod-identity" -e PORT=8190 -e PUBLIC_URL=http://127.0.0.1:8190 "${IDENTITY_SECRETS[@]}" "$idref" >/dev/null
}
migrate() { # app: the init container's command, on the data volume
  podman volume create "$vol" >/dev/null
  podman run --rm --pod "$pod" --read-only --tmpfs /tmp:rw,mode=1777 --cap-drop ALL -v "$vol:/data:U" \
    "$(image_ref "$1")" node node_modules/@orgboard/db/bin/orgboard-db.js migrate apply --data-dir "/data/$1" >&2 \
    || fail "migrate apply failed"
}

case $app in
  identity)
    "${RUN[@]}" --name "$pod-app" "${IDENTITY_SECRETS[@]}" "$ref" >/dev/null ;;
  membership)
    identity_sidecar; migrate membership
    "${RUN[@]}" --name "$pod-app" -v "$vol:/data:U" -e OIDC_ISSUER=$ISSUER -e OIDC_AUDIENCE=membership \
      -e DATA_DIR=/data/membership -e MEMBERSHIP_MIGRATE_ON_START=false -e CORS_ORIGINS=http://127.0.0.1:8080 "$ref" >/dev/null ;;
  conference)
    identity_sidecar; migrate conference
    "${RUN[@]}" --name "$pod-app" -v "$vol:/data:U" -e OIDC_ISSUER=$ISSUER -e OIDC_AUDIENCE=conference \
      -e DATA_DIR=/data/conference -e CONFERENCE_BRIDGE_WEBHOOK_SECRET=whsec_dGVzdC1zZWNyZXQtb25seS1mb3ItY2k= "$ref" >/dev/null ;;
  inspection)
    identity_sidecar; migrate inspection
    mref=$(image_ref membership); podman image exists "$mref" || die "$mref not built: inspection's test reads its subjects there"
    "${RUN[@]}" --name "$pod-membership" -e PORT=8081 -e OIDC_ISSUER=$ISSUER -e DATA_DIR=/tmp/membership "$mref" >/dev/null
    "${RUN[@]}" --name "$pod-app" -v "$vol:/data:U" -e OIDC_ISSUER=$ISSUER -e OIDC_AUDIENCE=inspection \
      -e DATA_DIR=/data/inspection -e MEMBERSHIP_URL=http://127.0.0.1:8081 \
      -e OIDC_CLIENT_ID=inspection -e OIDC_CLIENT_SECRET="$INSPECTION_SECRET" \
      -e INSPECTION_DENOUNCER_KEYS="ci$(date +%Y%m%d):$(head -c 32 /dev/urandom | base64)" "$ref" >/dev/null ;;
  personnel)
    identity_sidecar; migrate personnel
    mref=$(image_ref membership); podman image exists "$mref" || die "$mref not built: personnel's test consults membership"
    "${RUN[@]}" --name "$pod-membership" -e PORT=8081 -e OIDC_ISSUER=$ISSUER -e DATA_DIR=/tmp/membership "$mref" >/dev/null
    "${RUN[@]}" --name "$pod-app" -v "$vol:/data:U" -e OIDC_ISSUER=$ISSUER -e OIDC_AUDIENCE=personnel \
      -e DATA_DIR=/data/personnel -e MEMBERSHIP_URL=http://127.0.0.1:8081 -e INSPECTION_URL=http://127.0.0.1:8082 \
      -e OIDC_CLIENT_ID=personnel -e OIDC_CLIENT_SECRET="$PERSONNEL_SECRET" "$ref" >/dev/null ;;
  restructuring)
    identity_sidecar; migrate restructuring
    mref=$(image_ref membership); podman image exists "$mref" || die "$mref not built: restructuring's test reads its tree there"
    "${RUN[@]}" --name "$pod-membership" -e PORT=8081 -e OIDC_ISSUER=$ISSUER -e DATA_DIR=/tmp/membership "$mref" >/dev/null
    "${RUN[@]}" --name "$pod-app" -v "$vol:/data:U" -e OIDC_ISSUER=$ISSUER -e OIDC_AUDIENCE=restructuring \
      -e DATA_DIR=/data/restructuring -e MEMBERSHIP_URL=http://127.0.0.1:8081 \
      -e OIDC_CLIENT_ID=restructuring -e OIDC_CLIENT_SECRET="$RESTRUCTURING_SECRET" "$ref" >/dev/null ;;
  realtime)
    identity_sidecar
    mref=$(image_ref membership); podman image exists "$mref" || die "$mref not built: realtime's test relays membership"
    "${RUN[@]}" --name "$pod-membership" -e PORT=8081 -e OIDC_ISSUER=$ISSUER -e DATA_DIR=/tmp/membership "$mref" >/dev/null
    # The realtime client's secret is the one this run gave identity (IDENTITY_REALTIME_CLIENT_SECRET).
    "${RUN[@]}" --name "$pod-app" -e OIDC_ISSUER=$ISSUER -e REALTIME_SERVICES=membership=http://127.0.0.1:8081 \
      -e OIDC_CLIENT_ID=realtime -e OIDC_CLIENT_SECRET="$REALTIME_SECRET" \
      -e DATA_DIR=/tmp/realtime "$ref" >/dev/null ;;
  dashboard)
    cfg=$(mktemp -d); chmod 755 "$cfg"
    printf '{"identity":{"url":"http://127.0.0.1:8190","realm":"orgboard","clientId":"dashboard"},"services":{"membership":"http://127.0.0.1:4001","conference":"http://127.0.0.1:4005"},"realtimeUrl":"http://127.0.0.1:4010","defaultLanguage":"vi"}\n' > "$cfg/config.json"
    chmod 644 "$cfg/config.json"
    "${RUN[@]}" --name "$pod-app" -v "$cfg:/etc/orgboard/dashboard:ro" "$ref" >/dev/null ;;
esac

base="http://127.0.0.1:$port"
deadline=$(( $(date +%s) + READY_TIMEOUT ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ]; do
  [ "$(podman inspect -f '{{.State.Running}}' "$pod-app" 2>/dev/null)" = true ] || fail "container exited"
  [ "$(date +%s)" -lt "$deadline" ] || fail "/readyz not 200 within ${READY_TIMEOUT}s (last: $(curl -s "$base/readyz" | head -c 300))"
  sleep 1
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz")" = 200 ] || fail "/healthz not 200"
uid=$(podman exec "$pod-app" id -u); [ "$uid" != 0 ] || fail "runs as root"
podman exec "$pod-app" sh -c 'touch /app/.w 2>/dev/null' && fail "root filesystem is writable"
podman exec "$pod-app" sh -c 'touch /tmp/.w' || fail "/tmp is not writable"
extra=""
case $app in
  identity)
    curl -fsS "$base/realms/orgboard/.well-known/openid-configuration" >/dev/null || fail "no realm discovery document"
    extra=", realm discovery ok" ;;
  dashboard)
    curl -fsS "$base/" | grep -q '<div id="root"' || fail "index.html not served"
    curl -fsS "$base/config.json" | grep -q '"realm":"orgboard"' || fail "config.json not served from the mounted file"
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/members/123")" = 200 ] || fail "client-side route not served"
    extra=", index.html, mounted config.json and client routes ok" ;;
  realtime)
    # relaying: the consumer of membership's stream runs with a token from identity
    for _ in $(seq 1 30); do curl -s "$base/readyz" | grep -q '"membership"' && break; sleep 1; done
    extra=", readyz: $(curl -s "$base/readyz" | head -c 300)" ;;
esac
echo "PASS $app: $ref /healthz 200, /readyz 200 from the container (uid $uid, read-only root, writable /tmp)$extra"
