-- The annual report's index-only scans (bench/report.bench.ts; docs/inspection.md, "Benchmarks"): the
-- year's cases of the whole country by day, a subtree's by path, each with every column the report's
-- counts group or filter by, so that no heap row is read (the seed ends with VACUUM ANALYZE for the
-- visibility map). (The re-creation of the other text_pattern_ops indexes the schema diff also proposed is
-- a diff artefact, as in 20261205094232_discipline_dates: the opclass is not read back.)

-- CreateIndex
CREATE INDEX "inspection_report_year_idx" ON "inspection"("decided_on", "conductor_org_path", "kind", "conductor_kind", "subject_kind", "concluded_on", "violation");

-- CreateIndex
CREATE INDEX "inspection_report_subtree_idx" ON "inspection"("conductor_org_path" text_pattern_ops, "decided_on", "kind", "conductor_kind", "subject_kind", "concluded_on", "violation");

-- CreateIndex
CREATE INDEX "supervision_report_year_idx" ON "supervision"("decided_on", "conductor_org_path", "kind", "conductor_kind", "subject_kind");

-- CreateIndex
CREATE INDEX "supervision_report_subtree_idx" ON "supervision"("conductor_org_path" text_pattern_ops, "decided_on", "kind", "conductor_kind", "subject_kind");

-- CreateIndex
CREATE INDEX "inspection_concluded_on_idx" ON "inspection"("concluded_on", "conductor_org_path", "violation");

-- CreateIndex
CREATE INDEX "inspection_concluded_subtree_idx" ON "inspection"("conductor_org_path" text_pattern_ops, "concluded_on", "violation");

-- CreateIndex
CREATE INDEX "program_item_report_idx" ON "program_item"("program_id", "completed_on");

-- The open cases, for the report's deadlines (partial: Prisma's schema cannot express it; see schema.prisma).
CREATE INDEX "inspection_open_idx" ON "inspection"("conductor_org_path" text_pattern_ops, "planned_end_on", "decided_on")
  WHERE "concluded_on" IS NULL AND "planned_end_on" IS NOT NULL;

-- Supervisions that found signs of violation, for the report's "became inspections" (partial, as above).
CREATE INDEX "supervision_signs_idx" ON "supervision"("conductor_org_path" text_pattern_ops, "concluded_on")
  WHERE "signs_of_violation";
