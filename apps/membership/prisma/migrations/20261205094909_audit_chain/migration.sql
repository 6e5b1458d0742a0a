-- The audit trail becomes a hash chain (docs/security.md "Audit trail", decision 0009). The columns are
-- added nullable, the existing records are chained in id order from the genesis hash (the block below is
-- CHAIN_EXISTING_AUDIT_SQL of packages/events, the same hash recordChange computes; do not edit by hand),
-- then made required: a record written around recordChange is refused. Hand-written: Prisma's own diff
-- also dropped and re-created every text_pattern_ops index, needlessly.
ALTER TABLE "audit_record" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'change',
ADD COLUMN "prev_hash" TEXT,
ADD COLUMN "hash" TEXT;
DO $chain$
DECLARE
  r audit_record%ROWTYPE;
  prev text := '0000000000000000000000000000000000000000000000000000000000000000';
  h text;
BEGIN
  FOR r IN SELECT * FROM audit_record ORDER BY id LOOP
    r.prev_hash := prev;
    SELECT encode(sha256(convert_to('orgboard-audit-v1' || CASE WHEN x.id::text IS NULL THEN '~' ELSE octet_length(x.id::text)::text || ':' || x.id::text END || CASE WHEN to_char(x.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') IS NULL THEN '~' ELSE octet_length(to_char(x.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text || ':' || to_char(x.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END || CASE WHEN x.kind IS NULL THEN '~' ELSE octet_length(x.kind)::text || ':' || x.kind END || CASE WHEN x.actor IS NULL THEN '~' ELSE octet_length(x.actor)::text || ':' || x.actor END || CASE WHEN x.request_id IS NULL THEN '~' ELSE octet_length(x.request_id)::text || ':' || x.request_id END || CASE WHEN x.action IS NULL THEN '~' ELSE octet_length(x.action)::text || ':' || x.action END || CASE WHEN x.entity IS NULL THEN '~' ELSE octet_length(x.entity)::text || ':' || x.entity END || CASE WHEN x.entity_id IS NULL THEN '~' ELSE octet_length(x.entity_id)::text || ':' || x.entity_id END || CASE WHEN x.org_path IS NULL THEN '~' ELSE octet_length(x.org_path)::text || ':' || x.org_path END || CASE WHEN x.before::text IS NULL THEN '~' ELSE octet_length(x.before::text)::text || ':' || x.before::text END || CASE WHEN x.after::text IS NULL THEN '~' ELSE octet_length(x.after::text)::text || ':' || x.after::text END || CASE WHEN x.prev_hash IS NULL THEN '~' ELSE octet_length(x.prev_hash)::text || ':' || x.prev_hash END, 'UTF8')), 'hex') INTO h FROM (SELECT r.id AS id, r.at AS at, r.kind AS kind, r.actor AS actor, r.request_id AS request_id, r.action AS action, r.entity AS entity, r.entity_id AS entity_id, r.org_path AS org_path, r.before AS before, r.after AS after, r.prev_hash AS prev_hash) x;
    UPDATE audit_record SET prev_hash = prev, hash = h WHERE id = r.id;
    prev := h;
  END LOOP;
END
$chain$;
ALTER TABLE "audit_record" ALTER COLUMN "prev_hash" SET NOT NULL, ALTER COLUMN "hash" SET NOT NULL;

-- The auditor's search by actor (audit.search), newest first.
CREATE INDEX "audit_record_actor_id_idx" ON "audit_record"("actor", "id");
