#!/bin/bash
# The smoke cluster cannot pull docker.io/library/postgres: build a stand-in from Debian's postgresql-15
# (same environment contract as the official image: POSTGRES_USER/DB/PASSWORD, PGDATA; uid 999), tagged
# localhost/orgboard/postgres:smoke. Rebuilt only when this script or the entry point changed.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../../images/lib.sh"
ref=localhost/orgboard/postgres:smoke
key=$(cat "$HERE/postgres-image.sh" "$HERE/postgres-entrypoint.sh" | sha256sum | cut -c1-16)
if [ "${REBUILD_BASE:-0}" != 1 ] && podman image exists "$ref" &&
   [ "$(podman image inspect --format '{{index .Labels "org.orgboard.inputs"}}' "$ref")" = "$key" ]; then
  log "$ref unchanged (inputs $key)"; exit 0
fi
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
SRC=/etc/apt/sources.list.d/debian.sources; [ -f "$SRC" ] || SRC=/etc/apt/sources.list
mmdebstrap --quiet --variant=minbase --mode=root --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --include=postgresql-15,postgresql-client-15 \
  --essential-hook='echo "postgres:x:999:" >> "$1/etc/group"' \
  --essential-hook='echo "postgres:x:999:999:PostgreSQL administrator:/var/lib/postgresql:/bin/sh" >> "$1/etc/passwd"' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
  bookworm "$W/rootfs.tar" "$SRC" >&2
ctr=$(buildah from scratch)
buildah add "$ctr" "$W/rootfs.tar" / >/dev/null
buildah copy --chmod 0755 "$ctr" "$HERE/postgres-entrypoint.sh" /usr/local/bin/docker-entrypoint.sh >/dev/null
buildah config --env PATH=/usr/lib/postgresql/15/bin:/usr/local/bin:/usr/bin:/bin --user 999:999 \
  --label "org.orgboard.inputs=$key" --entrypoint '["/usr/local/bin/docker-entrypoint.sh"]' "$ctr"
buildah commit --rm -q "$ctr" "$ref" >/dev/null
log "built $ref (inputs $key)"
