#!/bin/bash
# CI stage: container images and Kubernetes manifests.
#   1. tools        apt packages (podman, buildah, mmdebstrap, runc) if missing; kustomize, kubeconform and
#                   the offline schemas (PyPI wheel kubernetes-validate), cached
#   2. realm        the production realm is up to date with the development one (production-realm.mjs --check)
#   3. images       infra/images/build.sh <app> for every app (each alone: turbo --filter; unchanged inputs
#                   reuse the cached image), then infra/images/test.sh <app> in parallel: each container
#                   answers /healthz and /readyz, read-only root, non-root, writable /tmp
#   4. manifests    kustomize build base, overlays/dev, overlays/production (throwaway secret files),
#                   kubeconform -strict against the Kubernetes $SCHEMA_K8S schemas, offline
#   5. apiserver    etcd + kube-apiserver (built from Go modules once, cached): server-side apply of the
#                   production overlay, then --dry-run=server of every overlay
#   6. cluster      only with WITH_CLUSTER=1: infra/ci/cluster-smoke.sh (the whole set on a one-node cluster)
# Everything slow is cached under ${XDG_CACHE_HOME:-$HOME/.cache}/orgboard: warm, the stage takes < 6 min.
# Cold, the kube-apiserver build runs in the background from the images step on (CPU beside their disk work).
# Cold, the kube-apiserver build alone takes ~8+ min on 2 cores (CI_APISERVER=skip leaves step 5 out;
# CI_APISERVER=if-cached runs it only when the binaries are already cached).
# Exit status: non-zero if any step failed; the summary lists each step's result and time.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
cd "$REPO_ROOT"
export ORGBOARD_CACHE=${ORGBOARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/orgboard}
export IMAGE_TAG=${IMAGE_TAG:-ci}
export READY_TIMEOUT=${READY_TIMEOUT:-180}   # the image tests run in parallel on a shared machine
CI_APISERVER=${CI_APISERVER:-always}
APPS=${APPS:-identity membership conference inspection personnel restructuring realtime dashboard}   # identity first: the others' tests use it
W=$(mktemp -d); APISERVER_PIDS=()
cleanup() {
  [ -n "${APISERVER_BUILD_PID:-}" ] && kill "$APISERVER_BUILD_PID" 2>/dev/null
  for p in "${APISERVER_PIDS[@]}"; do kill "$p" 2>/dev/null; done; sleep 1
  for p in "${APISERVER_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$W"
}
trap cleanup EXIT
START=$(date +%s); RESULTS=(); FAILED=0

step() { # name command...: runs it, records PASS/FAIL and the time
  local name=$1; shift
  local s; s=$(date +%s)
  echo; echo "==> $name"
  if "$@"; then RESULTS+=("PASS  $(printf '%-28s' "$name") $(( $(date +%s) - s ))s")
  else RESULTS+=("FAIL  $(printf '%-28s' "$name") $(( $(date +%s) - s ))s"); FAILED=1; fi
}
skip() { RESULTS+=("SKIP  $(printf '%-28s' "$1") $2"); }
summary() {
  echo; echo "==== images and manifests: $(( $(date +%s) - START ))s"
  printf '%s\n' "${RESULTS[@]}"
  [ "$FAILED" = 0 ] && echo "OK" || echo "FAILED"
}

tools() {
  local need=()
  for c in podman buildah mmdebstrap runc unzip; do command -v "$c" >/dev/null || need+=("$c"); done
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -q && apt-get install -y -q --no-install-recommends mmdebstrap buildah podman runc uidmap \
      fuse-overlayfs netavark containernetworking-plugins catatonit conmon curl ca-certificates python3-venv unzip || return 1
  fi
  command -v pnpm >/dev/null || { echo "pnpm is not on PATH" >&2; return 1; }
  # shellcheck source=lib/k8s-tools.sh
  . "$HERE/lib/k8s-tools.sh" && ensure_manifest_tools
}

realm() { node infra/keycloak/production-realm.mjs --check; }

images_build() {
  local app
  for app in $APPS; do infra/images/build.sh "$app" || { echo "build of $app failed" >&2; return 1; }; done
}

images_test() {
  local app pids=() ok=0
  for app in $APPS; do
    infra/images/test.sh "$app" > "$W/test-$app.log" 2>&1 & pids+=("$!")
  done
  local i=0
  for app in $APPS; do
    if wait "${pids[$i]}"; then tail -n 1 "$W/test-$app.log"; else ok=1; echo "--- $app:"; cat "$W/test-$app.log"; fi
    i=$((i + 1))
  done
  return $ok
}

render() {
  mkdir -p "$W/rendered"
  # production reads secrets/* files that are never committed: render a copy with throwaway values.
  cp -r infra/k8s "$W/k8s"
  ( cd "$W/k8s/overlays/production/secrets" && ./generate.sh >/dev/null 2>&1 && printf 'ci-only' > vneid-client-secret ) || return 1
  "$TOOLS_BIN/kustomize" build infra/k8s/base > "$W/rendered/base.yaml" &&
  "$TOOLS_BIN/kustomize" build infra/k8s/overlays/dev > "$W/rendered/dev.yaml" &&
  "$TOOLS_BIN/kustomize" build "$W/k8s/overlays/production" > "$W/rendered/production.yaml" || return 1
  # No fallback values: every secret reference is mandatory.
  if grep -n 'optional: true' "$W"/rendered/*.yaml; then echo "optional secret references found" >&2; return 1; fi
  "$TOOLS_BIN/kubeconform" -strict -summary -kubernetes-version "$SCHEMA_K8S" -schema-location "$KV_SCHEMA_LOCATION" \
    "$W"/rendered/base.yaml "$W"/rendered/dev.yaml "$W"/rendered/production.yaml
}

apiserver_build() { ( . "$HERE/lib/k8s-tools.sh" && ensure_apiserver_tools ); }
# Cold, the Go build (CPU) runs beside the image builds (mostly disk: rootfs, pnpm deploy, layers), which
# saves most of its 5–8 minutes; its output is shown when the dry run needs it.
APISERVER_BUILD_PID=""
apiserver_build_start() {
  apiserver_build > "$W/apiserver-build.log" 2>&1 & APISERVER_BUILD_PID=$!
  echo "kube-apiserver: cold build started beside the images (pid $APISERVER_BUILD_PID)"
}
apiserver_build_wait() {
  local rc=0
  wait "$APISERVER_BUILD_PID" || rc=$?
  cat "$W/apiserver-build.log"
  return $rc
}

apiserver_dry_run() {
  local A="$W/apiserver" port=16443
  mkdir -p "$A"
  openssl genrsa -out "$A/sa.key" 2048 2>/dev/null && openssl rsa -in "$A/sa.key" -pubout -out "$A/sa.pub" 2>/dev/null
  echo "ci-admin-token,admin,admin,system:masters" > "$A/tokens.csv"
  "$TOOLS_BIN/etcd" --name ci --data-dir "$A/etcd" --listen-client-urls http://127.0.0.1:12379 \
    --advertise-client-urls http://127.0.0.1:12379 --listen-peer-urls http://127.0.0.1:12380 \
    --initial-advertise-peer-urls http://127.0.0.1:12380 --initial-cluster ci=http://127.0.0.1:12380 \
    --listen-metrics-urls http://127.0.0.1:12381 > "$A/etcd.log" 2>&1 & APISERVER_PIDS+=("$!")
  "$TOOLS_BIN/kube-apiserver" --etcd-servers=http://127.0.0.1:12379 --bind-address=127.0.0.1 \
    --advertise-address=127.0.0.1 --endpoint-reconciler-type=none --secure-port=$port --cert-dir="$A/certs" \
    --token-auth-file="$A/tokens.csv" --authorization-mode=RBAC --service-cluster-ip-range=10.96.0.0/16 \
    --service-account-issuer=https://kubernetes.default.svc --service-account-key-file="$A/sa.pub" \
    --service-account-signing-key-file="$A/sa.key" > "$A/apiserver.log" 2>&1 & APISERVER_PIDS+=("$!")
  cat > "$A/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters: [{name: ci, cluster: {server: "https://127.0.0.1:$port", insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: ci-admin-token}}]
contexts: [{name: ci, context: {cluster: ci, user: admin}}]
current-context: ci
KC
  export KUBECONFIG="$A/kubeconfig"
  local i
  for i in $(seq 1 120); do
    [ "$(curl -sk -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer ci-admin-token' https://127.0.0.1:$port/readyz)" = 200 ] && break
    sleep 0.5
  done
  [ "$i" -lt 120 ] || { echo "kube-apiserver not ready; log:" >&2; tail -20 "$A/apiserver.log" >&2; return 1; }
  # A namespaced dry run needs the Namespace to exist: apply production for real on this throw-away server.
  "$TOOLS_BIN/kubectl" apply --server-side -f "$W/rendered/production.yaml" > "$A/apply.log" || { cat "$A/apply.log"; return 1; }
  echo "applied production: $(wc -l < "$A/apply.log") objects"
  local o
  for o in production dev; do
    "$TOOLS_BIN/kubectl" apply --server-side --force-conflicts --dry-run=server -f "$W/rendered/$o.yaml" > "$A/dry-$o.log" ||
      { cat "$A/dry-$o.log"; return 1; }
    echo "dry-run=server $o: $(wc -l < "$A/dry-$o.log") objects accepted"
  done
}

main() {
step "tools" tools || true
if [ "$FAILED" = 0 ]; then
  . "$HERE/lib/k8s-tools.sh"
  step "realm (production up to date)" realm
  if [ "$CI_APISERVER" = always ] && ! apiserver_tools_cached; then apiserver_build_start; fi
  step "images: build (each alone)" images_build
  if [ "$FAILED" = 0 ]; then step "images: run + probes" images_test; else skip "images: run + probes" "(build failed)"; fi
  step "manifests: kustomize+kubeconform" render
  case $CI_APISERVER in
    skip) skip "apiserver: dry run" "(CI_APISERVER=skip)" ;;
    if-cached|always)
      if [ -n "$APISERVER_BUILD_PID" ]; then step "apiserver: build (cold; waited for)" apiserver_build_wait
      elif apiserver_tools_cached; then :
      elif [ "$CI_APISERVER" = always ]; then step "apiserver: build (cold)" apiserver_build
      else skip "apiserver: dry run" "(binaries not cached; run infra/ci/lib/k8s-tools.sh apiserver)"; fi
      if apiserver_tools_cached && [ -f "$W/rendered/production.yaml" ]; then step "apiserver: dry run" apiserver_dry_run; fi ;;
  esac
  # The whole set on a throwaway one-node cluster: only when asked (slow; root; changes host networking
  # while it runs). docs/runbooks/deploy.md, "Smoke test on a one-node cluster".
  if [ "${WITH_CLUSTER:-0}" != 1 ]; then skip "cluster smoke" "(WITH_CLUSTER=1 runs infra/ci/cluster-smoke.sh)"
  elif [ "$FAILED" = 0 ]; then step "cluster smoke" "$HERE/cluster-smoke.sh"
  else skip "cluster smoke" "(an earlier step failed)"; fi
fi
summary
exit $FAILED
}
# Everything runs from main: bash has read the whole file before the first step (safe to edit meanwhile).
main "$@"
