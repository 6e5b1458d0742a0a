#!/bin/bash
# Builds (once) and caches the Kubernetes tools the image/manifest checks use, from the Go module proxy
# and PyPI only. Source it or run it: `infra/ci/lib/k8s-tools.sh [manifest|apiserver|cluster]...`.
#   manifest   kustomize, kubeconform, offline JSON schemas (seconds once cached)
#   apiserver  etcd, kube-apiserver, kubectl (cold: ~8+ min on 2 cores, ~6 GB of Go caches)
#   cluster    kube-controller-manager, kube-scheduler, kubelet, kube-proxy (only for cluster-smoke.sh)
# Everything lands under $ORGBOARD_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/orgboard) so CI runs on
# the same machine reuse it; binaries are keyed by version, so a version bump rebuilds.
ORGBOARD_CACHE=${ORGBOARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/orgboard}
KUSTOMIZE_VERSION=${KUSTOMIZE_VERSION:-5.7.1}      # @latest needs a newer Go than the host has
KUBECONFORM_VERSION=${KUBECONFORM_VERSION:-0.8.0}
KV_WHEEL_VERSION=${KV_WHEEL_VERSION:-1.37.0}       # kubernetes-validate wheel: bundles the schemas
SCHEMA_K8S=${SCHEMA_K8S:-1.33.0}                   # schema set used by kubeconform
K8S_VERSION=${K8S_VERSION:-1.37.2}                 # API server (and cluster) build
ETCD_VERSION=${ETCD_VERSION:-3.6.17}
TOOLS="$ORGBOARD_CACHE/k8s-tools"
TOOLS_BIN="$TOOLS/bin"
SCHEMAS="$TOOLS/schemas"
mkdir -p "$TOOLS_BIN"
KV_SCHEMA_LOCATION="$SCHEMAS/kv-$KV_WHEEL_VERSION/{{.NormalizedKubernetesVersion}}-local{{.StrictSuffix}}/{{.ResourceKind}}{{.KindSuffix}}.json"
export GOMODCACHE="$ORGBOARD_CACHE/go/mod" GOCACHE="$ORGBOARD_CACHE/go/build" GOFLAGS=-buildvcs=false GOTOOLCHAIN=local

_tool() { # name version -> path of the versioned binary
  echo "$TOOLS_BIN/$1-$2"
}

ensure_manifest_tools() ( set -euo pipefail;
  local k; k=$(_tool kustomize "$KUSTOMIZE_VERSION")
  if [ ! -x "$k" ]; then
    GOBIN="$TOOLS/gobin" go install "sigs.k8s.io/kustomize/kustomize/v5@v$KUSTOMIZE_VERSION"
    mv "$TOOLS/gobin/kustomize" "$k"
  fi
  k=$(_tool kubeconform "$KUBECONFORM_VERSION")
  if [ ! -x "$k" ]; then
    GOBIN="$TOOLS/gobin" go install "github.com/yannh/kubeconform/cmd/kubeconform@v$KUBECONFORM_VERSION"
    mv "$TOOLS/gobin/kubeconform" "$k"
  fi
  ln -sf "$(_tool kustomize "$KUSTOMIZE_VERSION")" "$TOOLS_BIN/kustomize"
  ln -sf "$(_tool kubeconform "$KUBECONFORM_VERSION")" "$TOOLS_BIN/kubeconform"
  local out="$SCHEMAS/kv-$KV_WHEEL_VERSION"
  if [ ! -f "$out/.done-$SCHEMA_K8S" ]; then
    local tmp; tmp=$(mktemp -d)
    python3 -m pip --version >/dev/null 2>&1 || { python3 -m venv "$TOOLS/venv"; }
    local pip="python3 -m pip"; [ -x "$TOOLS/venv/bin/pip" ] && pip="$TOOLS/venv/bin/pip"
    $pip download -q --no-deps -d "$ORGBOARD_CACHE/wheels" "kubernetes-validate==$KV_WHEEL_VERSION"
    unzip -q -o "$ORGBOARD_CACHE"/wheels/kubernetes_validate-"$KV_WHEEL_VERSION"-*.whl \
      "kubernetes_validate/kubernetes-json-schema/v$SCHEMA_K8S-local*" -d "$tmp"
    for v in "v$SCHEMA_K8S-local" "v$SCHEMA_K8S-local-strict"; do
      # the wheel's $refs point at /api/_definitions.json: rewrite them so kubeconform resolves them
      python3 - "$tmp/kubernetes_validate/kubernetes-json-schema/$v" "$out/$v" <<'PY'
import json, os, sys
src, dst = sys.argv[1], sys.argv[2]; os.makedirs(dst, exist_ok=True)
for n in os.listdir(src):
    if n.endswith('.json'):
        d = json.loads(open(os.path.join(src, n)).read().replace('"/api/_definitions.json#', '"_definitions.json#'))
        if isinstance(d, dict): d.pop('$id', None)
        json.dump(d, open(os.path.join(dst, n), 'w'))
PY
    done
    rm -rf "$tmp"; touch "$out/.done-$SCHEMA_K8S"
  fi
)

_k8s_build() ( set -euo pipefail; # cmd...
  local b="$TOOLS/k8sbuild-$K8S_VERSION"
  mkdir -p "$b"
  if [ ! -f "$b/go.mod" ]; then
    ( cd "$b" && go mod download "k8s.io/kubernetes@v$K8S_VERSION" )
    # `go install` refuses modules with replace directives: build from a wrapper module instead
    { printf 'module ci/k8s\n\ngo 1.26.0\n\nreplace (\n'
      grep -E '^\s*k8s.io/[a-z0-9-]+ => ./staging' "$GOMODCACHE/cache/download/k8s.io/kubernetes/@v/v$K8S_VERSION.mod" |
        awk -v v="v0.${K8S_VERSION#1.}" '{print "\t"$1" => "$1" "v}'
      printf ')\n'; } > "$b/go.mod.tmp" && mv "$b/go.mod.tmp" "$b/go.mod"
  fi
  local c
  for c in "$@"; do
    local out; out=$(_tool "$c" "$K8S_VERSION")
    [ -x "$out" ] && continue
    local s; s=$(date +%s)
    ( cd "$b" && go get "k8s.io/kubernetes/cmd/$c@v$K8S_VERSION" &&
      CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION -X k8s.io/client-go/pkg/version.gitVersion=v$K8S_VERSION" -o "$out.tmp" "k8s.io/kubernetes/cmd/$c" )
    mv "$out.tmp" "$out"
    echo "[k8s-tools] built $c v$K8S_VERSION in $(( $(date +%s) - s ))s" >&2
  done
)

ensure_apiserver_tools() ( set -euo pipefail;
  local e; e=$(_tool etcd "$ETCD_VERSION")
  if [ ! -x "$e" ]; then
    local b="$TOOLS/etcdbuild-$ETCD_VERSION" s; s=$(date +%s); mkdir -p "$b"
    ( cd "$b" && { [ -f go.mod ] || printf 'module ci/etcd\n\ngo 1.26.0\n' > go.mod; } &&
      go get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" &&
      CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o "$e.tmp" go.etcd.io/etcd/server/v3 )
    mv "$e.tmp" "$e"
    echo "[k8s-tools] built etcd v$ETCD_VERSION in $(( $(date +%s) - s ))s" >&2
  fi
  _k8s_build kube-apiserver kubectl
  ln -sf "$e" "$TOOLS_BIN/etcd"
  ln -sf "$(_tool kube-apiserver "$K8S_VERSION")" "$TOOLS_BIN/kube-apiserver"
  ln -sf "$(_tool kubectl "$K8S_VERSION")" "$TOOLS_BIN/kubectl"
)

apiserver_tools_cached() {
  [ -x "$(_tool etcd "$ETCD_VERSION")" ] && [ -x "$(_tool kube-apiserver "$K8S_VERSION")" ] && [ -x "$(_tool kubectl "$K8S_VERSION")" ]
}

ensure_cluster_tools() ( set -euo pipefail;
  ensure_apiserver_tools
  _k8s_build kube-controller-manager kube-scheduler kubelet kube-proxy
  local c; for c in kube-controller-manager kube-scheduler kubelet kube-proxy; do ln -sf "$(_tool $c "$K8S_VERSION")" "$TOOLS_BIN/$c"; done
)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  [ $# -gt 0 ] || set -- manifest
  for what in "$@"; do
    case $what in
      manifest) ensure_manifest_tools ;;
      apiserver) ensure_apiserver_tools ;;
      cluster) ensure_cluster_tools ;;
      *) echo "usage: $0 [manifest|apiserver|cluster]..." >&2; exit 2 ;;
    esac
  done
  echo "[k8s-tools] ready in $TOOLS_BIN" >&2
fi
