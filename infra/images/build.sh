#!/bin/bash
# Builds and tags ONE app's image: infra/images/build.sh <membership|conference|inspection|personnel|restructuring|realtime|identity|dashboard>
#   1. the app and its workspace dependencies, alone:  pnpm turbo run build --filter @orgboard/<app>...
#   2. its production files:  pnpm --filter @orgboard/<app> deploy --prod --legacy <stage>/app
#      (the dashboard: its dist/ plus serve.mjs)
#   3. podman build of infra/images/<app>.Containerfile with <stage> as the context (COPY only, no network)
# Tags: $IMAGE_REGISTRY/<app>:$IMAGE_TAG (default localhost/orgboard/<app>:dev) and :git-<short sha>.
# Cache: the image is also tagged :in-<key>, key = turbo's hash of the app's build (its sources, its
# workspace dependencies', the lockfile's resolved packages) + this recipe's files + the base image; when
# that tag exists, nothing is rebuilt, the existing image is only tagged again (NO_IMAGE_CACHE=1 rebuilds).
# Env: IMAGE_REGISTRY, IMAGE_TAG, SKIP_APP_BUILD=1 (reuse dist/ already built), NO_IMAGE_CACHE, ORGBOARD_CACHE.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
app=${1:-}
case " $APPS_ALL " in *" $app "*) [ -n "$app" ] ;; *) die "usage: $0 <$(echo $APPS_ALL | tr ' ' '|')>" ;; esac
command -v pnpm >/dev/null || die "pnpm is not on PATH"
s=$(date +%s)
"$IMAGES_DIR/base.sh"
cd "$REPO_ROOT"
rev=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
ref=$(image_ref "$app")
turbo_hash=$(pnpm turbo run build --filter "@orgboard/$app" --dry=json 2>/dev/null |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const t=JSON.parse(s).tasks.find(t=>t.taskId===process.argv[1]);if(!t)process.exit(1);console.log(t.hash)})' "@orgboard/$app#build") \
  || die "$app: no turbo hash for @orgboard/$app#build"
recipe=(infra/images/build.sh "infra/images/$app.Containerfile")
[ "$app" = dashboard ] && recipe+=(infra/images/dashboard/serve.mjs infra/images/dashboard/security-headers.mjs)
[ "$app" = identity ] && recipe+=(infra/keycloak/orgboard-realm.json)
key=$( { echo "$turbo_hash"; podman image inspect --format '{{.Id}}' "$BASE_IMAGE"; sha256sum "${recipe[@]}"; } | sha256sum | cut -c1-16)
cached=$(image_ref "$app" "in-$key")
if [ "${NO_IMAGE_CACHE:-0}" != 1 ] && podman image exists "$cached"; then
  podman tag "$cached" "$ref" "$(image_ref "$app" "git-$rev")"
  log "$app: $ref unchanged (inputs $key), tagged again in $(( $(date +%s) - s ))s"
  exit 0
fi
if [ "${SKIP_APP_BUILD:-0}" != 1 ]; then
  log "$app: turbo build --filter @orgboard/$app..."
  pnpm turbo run build --filter "@orgboard/$app..." --output-logs=errors-only >&2
fi
stage="$ORGBOARD_CACHE/images/stage/$app"
rm -rf "$stage"; mkdir -p "$stage"
if [ "$app" = dashboard ]; then
  mkdir -p "$stage/app"
  cp -r apps/dashboard/dist "$stage/app/public"
  rm -f "$stage/app/public/config.json"   # the development one; each environment mounts its own
  cp infra/images/dashboard/serve.mjs "$stage/app/serve.mjs"
  cp infra/images/dashboard/security-headers.mjs "$stage/app/security-headers.mjs"
  printf '{"type":"module","private":true}\n' > "$stage/app/package.json"
else
  log "$app: pnpm deploy --prod"
  # --legacy: pnpm 10 deploys without it only with inject-workspace-packages; the result is the same here.
  pnpm --filter "@orgboard/$app" deploy --prod --legacy --prefer-offline "$stage/app" >/dev/null
  # Sources, tests and tool configs are not needed at run time (dist/ and prisma/ are).
  ( cd "$stage/app" && rm -rf src test bench e2e ./*.config.ts ./*.config.js tsconfig*.json .turbo )
  [ -f "$stage/app/dist/main.js" ] || die "$app: dist/main.js missing after deploy"
  if [ "$app" = identity ]; then
    mkdir -p "$stage/app/realm" && cp infra/keycloak/orgboard-realm.json "$stage/app/realm/orgboard-realm.json"
  fi
fi
podman build --quiet --pull=never --build-arg "BASE_IMAGE=$BASE_IMAGE" \
  --label "org.opencontainers.image.title=orgboard-$app" --label "org.opencontainers.image.revision=$rev" \
  --label "org.orgboard.inputs=$key" \
  -t "$ref" -t "$(image_ref "$app" "git-$rev")" -t "$cached" -f "infra/images/$app.Containerfile" "$stage" >/dev/null
log "$app: built $ref ($(podman image inspect --format '{{.Size}}' "$ref" | awk '{printf "%d MB", $1/1e6}')) in $(( $(date +%s) - s ))s"
