-- Heartbeats rewrite last_heartbeat_at / last_quality of every site every 5 s. With no index on those
-- columns and room left on each page, PostgreSQL updates the rows in place (HOT) without touching the
-- table's indexes. (The re-creation of the text_pattern_ops indexes that the schema diff also proposed
-- is a diff artefact: the opclass is not read back, the indexes are unchanged.)

-- DropIndex
DROP INDEX "conference_site_link_state_last_heartbeat_at_idx";

-- Free space per page for in-place updates (not expressible in the Prisma schema; not introspected).
ALTER TABLE "conference_site" SET (fillfactor = 70);
