#!/bin/bash
# Creates the production secret files that do not exist yet, with random values (never overwrites).
# The files stay on the operator's machine or in the secret store; .gitignore keeps them out of git.
# Values are hex (URL-safe: the database passwords are put into DATABASE_URL unescaped).
set -euo pipefail
cd "$(dirname "$0")"
umask 077
new() { [ -s "$1" ] || { printf '%s' "$2" > "$1"; echo "created $1"; }; }
for f in membership-postgres-password conference-postgres-password inspection-postgres-password personnel-postgres-password restructuring-postgres-password realtime-postgres-password keycloak-postgres-password \
         membership-client-secret conference-client-secret realtime-client-secret inspection-client-secret \
         personnel-client-secret restructuring-client-secret keycloak-admin-password; do
  new "$f" "$(openssl rand -hex 24)"
done
new keycloak-admin-username "bootstrap-admin"
# AES-256 key sealing denouncers' identities (INSPECTION_DENOUNCER_KEYS: `kid:base64key`); a rotation puts a
# new entry first and keeps the old ones until every row is re-sealed (docs/runbooks/rotate-denouncer-keys.md).
new inspection-denouncer-keys "k$(date -u +%Y%m%d):$(openssl rand -base64 32)"
# Standard Webhooks secret, shared with the conference bridge's operator.
new conference-bridge-webhook-secret "whsec_$(openssl rand -base64 32)"
# Given by the VNeID operator, not generated: create it by hand.
[ -s vneid-client-secret ] || echo "missing vneid-client-secret (from the VNeID registration): create it before kustomize build" >&2
