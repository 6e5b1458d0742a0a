#!/bin/bash
# Smoke test: the whole set (identity as issuer, membership, conference, inspection, realtime x2, dashboard, one
# PostgreSQL per service) on a real one-node Kubernetes cluster that lives only while this runs.
#   etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy: built from the Go
#   module proxy once and cached (infra/ci/lib/k8s-tools.sh); containerd from Debian; the CNI bridge plugin;
#   a locally built pause image; the app images from infra/images/build.sh, imported into containerd.
# Deploys infra/k8s/overlays/smoke (overlays/dev + a PostgreSQL stand-in, emptyDir data, fixed ClusterIPs
# with hostAliases instead of cluster DNS), waits for every rollout, then checks through port-forwards:
# every pod's /readyz, realtime consuming the three services' streams, identity's issuer, the dashboard page and
# its config; and every Service through its ClusterIP (kube-proxy).
#
# Root only; NOT part of CI by default (cold, the Kubernetes binaries take long to build on 2 cores).
# CI runs it with WITH_CLUSTER=1 infra/ci/images-and-manifests.sh. See docs/runbooks/deploy.md.
#
# Host changes, all undone by the EXIT trap (also on failure or Ctrl-C): the kubelet rewrites sysctls
# (vm.overcommit_memory, vm.panic_on_oom, kernel.panic, kernel.panic_on_oops, kernel.keys.*), adds KUBE-*
# iptables chains and kubepods cgroups; kube-proxy adds its iptables rules (removed with kube-proxy
# --cleanup); the script adds $NODE_IP on lo (the kubelet refuses a 127/8 node address), a CNI bridge
# and network namespaces. Logs of every component and pod stay in $LOG_DIR.
# Env: LOG_DIR, ROLLOUT_TIMEOUT (s, default 600), KEEP_WORKDIR=1 (keep the cluster's files).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
cd "$REPO_ROOT"
export IMAGE_TAG=dev                       # overlays/dev (and smoke) name localhost/orgboard/<app>:dev
. infra/images/lib.sh
. infra/ci/lib/k8s-tools.sh
ROLLOUT_TIMEOUT=${ROLLOUT_TIMEOUT:-600}
NS=orgboard
NODE=orgboard-smoke
NODE_IP=10.254.254.1
POD_CIDR=10.244.9.0/24
SVC_CIDR=10.96.0.0/16                      # overlays/smoke/services.yaml pins ClusterIPs inside it
BRIDGE=obsmoke0; CNI_NET=orgboard-smoke
# Ports apart from images-and-manifests.sh's API server (12379, 16443): both may run on one machine.
ETCD_PORT=22379; API_PORT=26443; KUBELET_PORT=20250
APPS="identity membership conference inspection realtime dashboard"

[ "$(id -u)" = 0 ] || die "run as root (kubelet, containerd, iptables)"
command -v pnpm >/dev/null || die "pnpm is not on PATH (infra/images/build.sh needs it)"
for c in podman buildah mmdebstrap runc iptables apt-get dpkg-deb openssl curl node; do
  command -v $c >/dev/null || die "$c missing (infra/ci/images-and-manifests.sh's tools step installs the apt packages)"
done
[ -x /usr/lib/cni/bridge ] && [ -x /usr/lib/cni/host-local ] || die "CNI plugins missing: apt-get install containernetworking-plugins"
ip -o addr show dev lo | grep -q " $NODE_IP/" && die "$NODE_IP is already on lo: a smoke cluster runs (or a run was killed -9); remove it first"
ip link show $BRIDGE >/dev/null 2>&1 && die "bridge $BRIDGE exists: a smoke cluster runs (or a run was killed -9)"

W=$(mktemp -d -t orgboard-smoke.XXXXXX); A="$W/apiserver"; C="$W/cluster"
LOG_DIR=${LOG_DIR:-$W.logs}; mkdir -p "$A" "$C/cni" "$C/podlogs" "$LOG_DIR"
K="$TOOLS_BIN/kubectl"; KC="$A/kubeconfig"
T0=$(date +%s); PHASE=""; PHASE_T=$T0; TIMES=(); CHECKS=(); FAILED=0
phase() { local now; now=$(date +%s)
  [ -n "$PHASE" ] && TIMES+=("$(printf '%-34s %4ss' "$PHASE" $(( now - PHASE_T )))")
  PHASE=$1; PHASE_T=$now; echo; echo "==> $1 (at $(( now - T0 ))s)"; }
check() { # name command...
  local name=$1; shift
  if "$@"; then CHECKS+=("PASS  $name"); echo "PASS  $name"; else CHECKS+=("FAIL  $name"); echo "FAIL  $name"; FAILED=1; fi
}

CHILD=; ETCD_PID=; APISERVER_PID=; KCM_PID=; SCHED_PID=; CONTAINERD_PID=; KUBELET_PID=; PROXY_PID=; PF_PID=
HOST_TOUCHED=0
CTR=(ctr --address "$C/containerd.sock" -n k8s.io)
SYSCTLS="vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops kernel.keys.root_maxkeys
  kernel.keys.root_maxbytes net.ipv4.ip_forward net.ipv4.conf.all.route_localnet net.netfilter.nf_conntrack_max"
rules() { iptables-save 2>/dev/null | grep -v '^#' | sed 's/ \[[0-9]*:[0-9]*\]$//' | sort; }
stop() { # pid...: TERM, then KILL after 10 s
  local p; for p in "$@"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "$@"; do [ -n "$p" ] || continue
    for _ in $(seq 1 20); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  return 0
}
run() { # a long wait, in the background so that a TERM reaches the trap at once
  "$@" & CHILD=$!
  local rc=0; wait $CHILD || rc=$?; CHILD=; return $rc
}
ours() { # runc containers whose bundle is under $W (runc's state is kept under /run/containerd/runc)
  local id; for id in $(runc --root /run/containerd/runc/k8s.io list -q 2>/dev/null); do
    runc --root /run/containerd/runc/k8s.io state "$id" 2>/dev/null | grep -q "\"bundle\": \"$W/" && echo "$id"; done; return 0
}
teardown() {
  local rc=$?
  set +e
  phase "teardown"
  stop "$CHILD" "$PF_PID"
  if [ -n "$KUBELET_PID" ] && kill -0 "$KUBELET_PID" 2>/dev/null; then
    "$K" get nodes,all -A -o wide > "$LOG_DIR/cluster-state.txt" 2>&1
    "$K" get events -A --sort-by=.lastTimestamp > "$LOG_DIR/events.txt" 2>&1
    "$K" -n $NS describe pods > "$LOG_DIR/pods-describe.txt" 2>&1
    for p in $("$K" -n $NS get pods -o name 2>/dev/null); do
      "$K" -n $NS logs "$p" --all-containers --prefix --tail=-1 > "$LOG_DIR/${p#pod/}.log" 2>&1
      "$K" -n $NS logs "$p" --all-containers --prefix --previous > "$LOG_DIR/${p#pod/}.previous.log" 2>/dev/null ||
        rm -f "$LOG_DIR/${p#pod/}.previous.log"; done
    # The kubelet stops the pods (preStop hooks, grace periods) while it still runs.
    "$K" delete namespace $NS --wait=true --timeout=120s >/dev/null 2>&1 || echo "namespace $NS not deleted in 120s"
  fi
  stop "$PROXY_PID" "$KUBELET_PID"
  if [ -n "$CONTAINERD_PID" ]; then
    for t in $("${CTR[@]}" tasks ls -q 2>/dev/null); do "${CTR[@]}" tasks kill -s KILL "$t" >/dev/null 2>&1; done; sleep 1
    for t in $("${CTR[@]}" tasks ls -q 2>/dev/null); do "${CTR[@]}" tasks rm -f "$t" >/dev/null 2>&1; done
  fi
  stop "$CONTAINERD_PID" "$KCM_PID" "$SCHED_PID"
  # containerd gone before its tasks (killed, crashed): kill what its shims still run, then the shims
  for id in $(ours); do runc --root /run/containerd/runc/k8s.io kill "$id" KILL; done; sleep 1
  for id in $(ours); do runc --root /run/containerd/runc/k8s.io delete -f "$id"; done
  pkill -KILL -f "containerd-shim-runc-v2 .*-address $C/containerd.sock" 2>/dev/null
  if [ "$HOST_TOUCHED" = 1 ]; then
    [ -x "$TOOLS_BIN/kube-proxy" ] && "$TOOLS_BIN/kube-proxy" --cleanup >> "$LOG_DIR/kube-proxy.log" 2>&1
    while IFS== read -r k v; do [ -n "$v" ] && sysctl -q -w "$k=$v"; done < "$C/sysctl.before"
    iptables -D INPUT -j KUBE-FIREWALL 2>/dev/null; iptables -D OUTPUT -j KUBE-FIREWALL 2>/dev/null
    for tc in "filter KUBE-FIREWALL" "filter KUBE-KUBELET-CANARY" "mangle KUBE-KUBELET-CANARY" \
              "mangle KUBE-IPTABLES-HINT" "nat KUBE-KUBELET-CANARY"; do
      set -- $tc; iptables -t $1 -F $2 2>/dev/null; iptables -t $1 -X $2 2>/dev/null; done
    # kubelet volumes (tmpfs), its root bind mount, containerd's rootfs and shm mounts: all under $W
    awk -v w="$W" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done
    for n in $(comm -13 "$C/netns.before" <(ls /var/run/netns 2>/dev/null | sort)); do ip netns del "$n"; done
    ip link del $BRIDGE 2>/dev/null; ip addr del $NODE_IP/32 dev lo 2>/dev/null
    rm -rf "/var/lib/cni/networks/$CNI_NET" /var/lib/cni/results/$CNI_NET-*
    for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
      [ -d "$d" ] && find "$d" -depth -type d -exec rmdir {} + 2>/dev/null; done
  fi
  stop "$APISERVER_PID" "$ETCD_PID"
  if [ "$HOST_TOUCHED" = 1 ]; then # what this run added to the host must be gone
    local left=""
    rules | comm -13 "$C/iptables.before" - | grep -E 'KUBE-|CNI-|'"$BRIDGE"'|10\.244\.9\.|10\.96\.' > "$LOG_DIR/iptables.left"
    [ -s "$LOG_DIR/iptables.left" ] && left="$left iptables($(wc -l < "$LOG_DIR/iptables.left") rules, see iptables.left)"
    for s in $SYSCTLS; do echo "$s=$(sysctl -n "$s" 2>/dev/null)"; done | diff -q "$C/sysctl.before" - >/dev/null || left="$left sysctls"
    ip -o addr show dev lo | grep -q " $NODE_IP/" && left="$left lo:$NODE_IP"
    ip link show $BRIDGE >/dev/null 2>&1 && left="$left $BRIDGE"
    [ -z "$(comm -13 "$C/netns.before" <(ls /var/run/netns 2>/dev/null | sort))" ] || left="$left netns"
    awk -v w="$W" 'index($2, w) == 1' /proc/mounts | grep -q . && left="$left mounts"
    [ -n "$(ours)" ] && left="$left containers"
    pgrep -f -- "$W/" >/dev/null && left="$left processes($(pgrep -d, -f -- "$W/"))"
    for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do [ -d "$d" ] && { left="$left kubepods-cgroups"; break; }; done
    if [ -z "$left" ]; then CHECKS+=("PASS  host restored (iptables, sysctls, lo, bridge, netns, mounts, containers, processes, cgroups)")
    else CHECKS+=("FAIL  host restored: left$left"); FAILED=1; fi
  fi
  cp "$A"/*.log "$C"/*.log "$LOG_DIR/" 2>/dev/null
  [ "${KEEP_WORKDIR:-0}" = 1 ] || rm -rf "$W"
  phase "done"
  echo; echo "cluster smoke: timings"; printf '  %s\n' "${TIMES[@]}"
  echo "cluster smoke: checks"; [ ${#CHECKS[@]} -gt 0 ] && printf '  %s\n' "${CHECKS[@]}"
  [ "$rc" = 0 ] && [ "$FAILED" = 1 ] && rc=1
  echo "cluster smoke: $([ "$rc" = 0 ] && echo PASS || echo "FAIL (exit $rc)") in $(( $(date +%s) - T0 ))s; logs in $LOG_DIR"
  exit $rc
}
trap teardown EXIT
trap 'exit 130' INT TERM

phase "tools (Kubernetes binaries, containerd)"
ensure_manifest_tools
ensure_cluster_tools
# containerd from the Debian archive, unpacked once into the cache (the package's unit is systemd-only)
CONTAINERD_VERSION=$(apt-cache policy containerd | awk '/Candidate:/{print $2}')
[ -n "$CONTAINERD_VERSION" ] && [ "$CONTAINERD_VERSION" != "(none)" ] || die "no containerd package in the apt sources"
CD="$ORGBOARD_CACHE/containerd/${CONTAINERD_VERSION//[^A-Za-z0-9.+-]/_}"
if [ ! -x "$CD/usr/bin/containerd" ]; then
  rm -rf "$CD.tmp" && mkdir -p "$CD.tmp"
  ( cd "$CD.tmp" && apt-get download -q -o APT::Sandbox::User=root "containerd=$CONTAINERD_VERSION" >/dev/null && dpkg-deb -x containerd_*.deb root )
  rm -rf "$CD" && mv "$CD.tmp/root" "$CD" && rm -rf "$CD.tmp"
fi
export PATH="$CD/usr/bin:$PATH"

phase "images (apps, PostgreSQL stand-in, pause)"
for app in $APPS; do infra/images/build.sh "$app"; done
infra/ci/smoke/postgres-image.sh
# podman builds its pause image (catatonit) on its first pod: make it exist, then tag it for containerd
podman images --format '{{.Repository}}' | grep -qx localhost/podman-pause ||
  { podman pod create --name orgboard-smoke-pausegen >/dev/null && podman pod rm orgboard-smoke-pausegen >/dev/null; }
podman tag "$(podman images --format '{{.Repository}}:{{.Tag}}' | grep -m1 '^localhost/podman-pause:')" localhost/orgboard/pause:smoke
IMAGES="localhost/orgboard/pause:smoke localhost/orgboard/postgres:smoke"
for app in $APPS; do IMAGES="$IMAGES $(image_ref "$app")"; done

phase "render overlays/smoke"
"$TOOLS_BIN/kustomize" build infra/k8s/overlays/smoke > "$W/smoke.yaml"
echo "$(grep -c '^kind:' "$W/smoke.yaml") objects"

phase "control plane (etcd, kube-apiserver, controller-manager, scheduler)"
openssl genrsa -out "$A/sa.key" 2048 2>/dev/null && openssl rsa -in "$A/sa.key" -pubout -out "$A/sa.pub" 2>/dev/null
TOKEN=$(openssl rand -hex 16)
echo "$TOKEN,admin,admin,system:masters" > "$A/tokens.csv"
"$TOOLS_BIN/etcd" --name smoke --data-dir "$A/etcd" --listen-client-urls http://127.0.0.1:$ETCD_PORT \
  --advertise-client-urls http://127.0.0.1:$ETCD_PORT --listen-peer-urls http://127.0.0.1:$((ETCD_PORT + 1)) \
  --initial-advertise-peer-urls http://127.0.0.1:$((ETCD_PORT + 1)) --initial-cluster smoke=http://127.0.0.1:$((ETCD_PORT + 1)) \
  --listen-metrics-urls http://127.0.0.1:$((ETCD_PORT + 2)) > "$A/etcd.log" 2>&1 & ETCD_PID=$!
"$TOOLS_BIN/kube-apiserver" --etcd-servers=http://127.0.0.1:$ETCD_PORT --bind-address=127.0.0.1 \
  --advertise-address=127.0.0.1 --endpoint-reconciler-type=none --secure-port=$API_PORT \
  --kubelet-preferred-address-types=InternalIP --cert-dir="$A/certs" --token-auth-file="$A/tokens.csv" \
  --authorization-mode=RBAC --service-cluster-ip-range=$SVC_CIDR \
  --service-account-issuer=https://kubernetes.default.svc --service-account-key-file="$A/sa.pub" \
  --service-account-signing-key-file="$A/sa.key" > "$A/apiserver.log" 2>&1 & APISERVER_PID=$!
cat > "$KC" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: smoke, cluster: {server: "https://127.0.0.1:$API_PORT", insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: $TOKEN}}]
contexts: [{name: smoke, context: {cluster: smoke, user: admin}}]
current-context: smoke
EOF
export KUBECONFIG="$KC"
for i in $(seq 1 240); do
  [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" https://127.0.0.1:$API_PORT/readyz)" = 200 ] && break
  kill -0 $APISERVER_PID 2>/dev/null || die "kube-apiserver exited: $(tail -5 "$A/apiserver.log")"
  [ "$i" = 240 ] && die "kube-apiserver not ready in 120s"; sleep 0.5
done
"$TOOLS_BIN/kube-controller-manager" --kubeconfig="$KC" --authentication-kubeconfig="$KC" --authorization-kubeconfig="$KC" \
  --bind-address=127.0.0.1 --secure-port=20257 --service-account-private-key-file="$A/sa.key" \
  --use-service-account-credentials=false --service-cluster-ip-range=$SVC_CIDR --leader-elect=false \
  > "$C/kube-controller-manager.log" 2>&1 & KCM_PID=$!
"$TOOLS_BIN/kube-scheduler" --kubeconfig="$KC" --authentication-kubeconfig="$KC" --authorization-kubeconfig="$KC" \
  --bind-address=127.0.0.1 --secure-port=20259 --leader-elect=false > "$C/kube-scheduler.log" 2>&1 & SCHED_PID=$!

phase "node (containerd, images, kubelet, kube-proxy)"
for s in $SYSCTLS; do echo "$s=$(sysctl -n "$s" 2>/dev/null)"; done > "$C/sysctl.before"
ls /var/run/netns 2>/dev/null | sort > "$C/netns.before"
rules > "$C/iptables.before"
HOST_TOUCHED=1
ip addr add $NODE_IP/32 dev lo
cat > "$C/containerd.toml" <<EOF
version = 2
root = "$C/containerd/root"
state = "$C/containerd/state"
[grpc]
  address = "$C/containerd.sock"
[ttrpc]
  address = "$C/containerd-ttrpc.sock"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "localhost/orgboard/pause:smoke"
  # no CAP_SYS_RESOURCE on this kind of host: runc cannot set oom_score_adj=-998 on the sandbox without it
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$C/cni"
EOF
cat > "$C/cni/10-smoke.conflist" <<EOF
{"cniVersion": "0.4.0", "name": "$CNI_NET", "plugins": [
  {"type": "bridge", "bridge": "$BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "ranges": [[{"subnet": "$POD_CIDR"}]], "routes": [{"dst": "0.0.0.0/0"}]}},
  {"type": "portmap", "capabilities": {"portMappings": true}}, {"type": "loopback"}]}
EOF
containerd --config "$C/containerd.toml" > "$C/containerd.log" 2>&1 & CONTAINERD_PID=$!
for i in $(seq 1 50); do "${CTR[@]}" version >/dev/null 2>&1 && break; [ "$i" = 50 ] && die "containerd did not start"; sleep 0.2; done
s=$(date +%s)
for img in $IMAGES; do
  podman save --quiet --format oci-archive -o "$C/image.tar" "$img"
  "${CTR[@]}" images import "$C/image.tar" >/dev/null
  rm -f "$C/image.tar"
done
"${CTR[@]}" images ls -q | grep -v '^sha256:' | sed 's/^/  imported /'
echo "images imported in $(( $(date +%s) - s ))s"
cat > "$C/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: cgroupfs
failCgroupV1: false            # the v1beta1 default refuses cgroup v1 (hybrid hosts)
failSwapOn: false
address: $NODE_IP
port: $KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 20248
authentication: {anonymous: {enabled: true}, webhook: {enabled: false}}
authorization: {mode: AlwaysAllow}
containerRuntimeEndpoint: unix://$C/containerd.sock
podLogsDir: $C/podlogs
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%"}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
EOF
"$TOOLS_BIN/kubelet" --config="$C/kubelet.yaml" --kubeconfig="$KC" --root-dir="$C/kubelet" \
  --hostname-override=$NODE --node-ip=$NODE_IP > "$C/kubelet.log" 2>&1 & KUBELET_PID=$!
# iptables mode; --masquerade-all: a pod reaching a Service whose endpoint sits on the same bridge gets
# its answer back through the host (no br_netfilter needed). conntrack limits and timeouts left as they are.
"$TOOLS_BIN/kube-proxy" --kubeconfig="$KC" --proxy-mode=iptables --hostname-override=$NODE \
  --cluster-cidr=$POD_CIDR --masquerade-all --iptables-localhost-nodeports=false \
  --conntrack-max-per-core=0 --conntrack-min=0 --conntrack-tcp-timeout-established=0 --conntrack-tcp-timeout-close-wait=0 \
  --healthz-bind-address=127.0.0.1:20256 --metrics-bind-address=127.0.0.1:20249 > "$C/kube-proxy.log" 2>&1 & PROXY_PID=$!
for i in $(seq 1 120); do "$K" get node $NODE >/dev/null 2>&1 && break; sleep 1; done
run "$K" wait --for=condition=Ready node/$NODE --timeout=180s

phase "deploy overlays/smoke, wait for every rollout"
"$K" apply --server-side --force-conflicts -f "$W/smoke.yaml" > "$LOG_DIR/apply.log"
echo "$(wc -l < "$LOG_DIR/apply.log") objects applied"
rollout_ok=1
deadline=$(( $(date +%s) + ROLLOUT_TIMEOUT ))
for w in $("$K" -n $NS get statefulsets,deployments -o name); do
  left=$(( deadline - $(date +%s) )); [ $left -gt 10 ] || left=10
  if run "$K" -n $NS rollout status "$w" --timeout=${left}s; then CHECKS+=("PASS  rollout $w"); else CHECKS+=("FAIL  rollout $w"); FAILED=1; rollout_ok=0; fi
done
"$K" -n $NS get pods -o wide

phase "checks"
PORT=18400
forward() { # pod -> local port answering, in $PORT
  stop "$PF_PID"; PORT=$((PORT + 1))
  "$K" -n $NS port-forward "$1" $PORT:8080 >> "$LOG_DIR/port-forward.log" 2>&1 & PF_PID=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0; sleep 0.2; done
  echo "port-forward to $1 did not answer" >&2; return 1
}
ready() { # url: 200
  local code; code=$(curl -s -o "$W/body" -w '%{http_code}' "$1"); [ "$code" = 200 ] || { echo "  $1 -> $code: $(head -c 300 "$W/body")" >&2; return 1; }
}
pods_of() { "$K" -n $NS get pods -l "app.kubernetes.io/name=$1" --field-selector=status.phase=Running -o name; }
for app in $APPS; do
  pods=$(pods_of "$app")
  [ -n "$pods" ] || { check "$app: a running pod" false; continue; }
  for p in $pods; do check "$app ${p#pod/}: /readyz 200 (port-forward)" eval 'forward "$p" && ready "http://127.0.0.1:$PORT/readyz"'; done
done
# Issuer: what the services' OIDC_ISSUER names (identity's PUBLIC_URL), not the address it is reached at.
identity_issuer() {
  forward "$(pods_of identity | head -1)" &&
  curl -fsS "http://127.0.0.1:$PORT/realms/orgboard/.well-known/openid-configuration" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const i=JSON.parse(s).issuer;console.log("  issuer "+i);process.exit(i==="http://identity.orgboard.localhost/realms/orgboard"?0:1)})'
}
check "identity: issuer http://identity.orgboard.localhost/realms/orgboard" identity_issuer
# realtime: each service's stream is consumed by one replica (the other stands by), which means realtime
# got a service token from identity and reads membership's, conference's and inspection's streams through
# their Services.
realtime_consumes() {
  local p try
  for try in $(seq 1 30); do
    : > "$W/realtime-states"
    for p in $(pods_of realtime); do
      forward "$p" && curl -s "http://127.0.0.1:$PORT/readyz" |
        node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const [k,v] of Object.entries(JSON.parse(s).services||{}))console.log(k,v.state,v.lastError||"")})' >> "$W/realtime-states"
    done
    grep -q '^membership consuming' "$W/realtime-states" && grep -q '^conference consuming' "$W/realtime-states" &&
      grep -q '^inspection consuming' "$W/realtime-states" && break
    sleep 3
  done
  sed 's/^/  /' "$W/realtime-states"
  grep -q '^membership consuming' "$W/realtime-states" && grep -q '^conference consuming' "$W/realtime-states" &&
    grep -q '^inspection consuming' "$W/realtime-states"
}
check "realtime: membership, conference and inspection streams consumed" realtime_consumes
dashboard_page() {
  forward "$(pods_of dashboard | head -1)" || return 1
  curl -fsS "http://127.0.0.1:$PORT/" > "$W/index.html" || return 1
  grep -q '<div id="root">' "$W/index.html" || { echo "  no #root in /" >&2; return 1; }
  local js; js=$(grep -o 'src="/assets/[^"]*\.js"' "$W/index.html" | head -1 | cut -d'"' -f2)
  [ -n "$js" ] && curl -fsS -o /dev/null "http://127.0.0.1:$PORT$js" || { echo "  script ${js:-none} not served" >&2; return 1; }
  curl -fsS "http://127.0.0.1:$PORT/config.json" | grep -q '"url": "http://identity.orgboard.localhost"' ||
    { echo "  /config.json is not the dashboard-config ConfigMap" >&2; return 1; }
  echo "  / (#root, $js) and /config.json from the ConfigMap"
}
check "dashboard: page, its script and config.json" dashboard_page
stop "$PF_PID"; PF_PID=
# Services through kube-proxy, from the node: ClusterIP:80 -> targetPort http of a ready pod.
for svc in $APPS; do
  ip=$("$K" -n $NS get svc "$svc" -o jsonpath='{.spec.clusterIP}')
  check "service $svc ($ip:80): /readyz 200" ready "http://$ip/readyz"
done
[ "$rollout_ok" = 1 ] || echo "some rollouts did not finish: see $LOG_DIR/pods-describe.txt and the pod logs there"
