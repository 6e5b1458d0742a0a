# Shared by build.sh / test.sh / base.sh: podman and buildah configured for this kind of host, with their
# storage under the orgboard cache so images and layers outlive a CI run. Source it; do not run it.
ORGBOARD_CACHE=${ORGBOARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/orgboard}
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
IMAGES_DIR="$REPO_ROOT/infra/images"
NODE_MAJOR=${NODE_MAJOR:-24}
BASE_IMAGE=${BASE_IMAGE:-localhost/orgboard/node:$NODE_MAJOR}
# Images are tagged <registry>/<app>:<tag>; locally localhost/orgboard/<app>:dev, in CI the commit.
IMAGE_REGISTRY=${IMAGE_REGISTRY:-localhost/orgboard}
IMAGE_TAG=${IMAGE_TAG:-dev}
APPS_SERVICES="membership conference inspection personnel restructuring realtime identity"
APPS_ALL="$APPS_SERVICES dashboard"

_containers_dir="$ORGBOARD_CACHE/containers"
mkdir -p "$_containers_dir"
# Written atomically and only when different: several build.sh/test.sh may source this at the same time.
_write_conf() { # file content
  [ -f "$1" ] && [ "$(cat "$1")" = "$2" ] && return 0
  local tmp; tmp=$(mktemp "$1.XXXXXX") && printf '%s\n' "$2" > "$tmp" && mv -f "$tmp" "$1"
}
_write_conf "$_containers_dir/storage.conf" "[storage]
driver = \"overlay\"
graphroot = \"$_containers_dir/storage\"
runroot = \"$_containers_dir/runroot\""
# crun (Debian 12) fails on this host's hybrid cgroups -> runc. No CAP_SYS_RESOURCE -> explicit rlimits.
_write_conf "$_containers_dir/containers.conf" "[containers]
default_ulimits = [\"nofile=$(ulimit -Hn):$(ulimit -Hn)\", \"nproc=32768:32768\"]
[engine]
runtime = \"runc\""
export CONTAINERS_STORAGE_CONF="$_containers_dir/storage.conf" CONTAINERS_CONF="$_containers_dir/containers.conf"

image_ref() { echo "$IMAGE_REGISTRY/$1:${2:-$IMAGE_TAG}"; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }
