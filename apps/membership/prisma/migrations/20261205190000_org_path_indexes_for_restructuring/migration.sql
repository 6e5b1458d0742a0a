-- Restructuring's reparent step rewrites every scope-key column by exact old path → new path, one province
-- at a time (docs/restructuring.md, "Figures"). These tables' path indexes lead with a date or a year, so each
-- province's rewrite read the whole table (11 million quality ratings nationally, 34 times): an index that
-- leads with the path makes it proportional to the province. text_pattern_ops also serves subtree prefixes.

-- CreateIndex
CREATE INDEX IF NOT EXISTS "admission_org_path_idx" ON "admission"("org_path" text_pattern_ops);

-- CreateIndex
CREATE INDEX IF NOT EXISTS "party_card_org_path_idx" ON "party_card"("org_path" text_pattern_ops);

-- CreateIndex
CREATE INDEX IF NOT EXISTS "badge_award_org_path_idx" ON "badge_award"("org_path" text_pattern_ops);

-- CreateIndex
CREATE INDEX IF NOT EXISTS "removal_org_path_idx" ON "removal"("org_path" text_pattern_ops);

-- CreateIndex
CREATE INDEX IF NOT EXISTS "death_org_path_idx" ON "death"("org_path" text_pattern_ops);

-- CreateIndex
CREATE INDEX IF NOT EXISTS "quality_rating_org_path_idx" ON "quality_rating"("org_path" text_pattern_ops);

-- CreateIndex
CREATE INDEX IF NOT EXISTS "target_org_path_idx" ON "target"("org_path" text_pattern_ops);
