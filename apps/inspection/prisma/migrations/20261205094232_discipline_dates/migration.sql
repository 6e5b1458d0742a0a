-- Discipline decisions keep the dates the domain's rules read: the violation's day (violated_on, the
-- statute of limitations runs from it), the announcement (a decision takes effect then, but a cell's),
-- and an exemption from the limitation; program items keep their subject's status. Nothing was stored before this migration (same release).
-- (The re-creation of the other text_pattern_ops indexes the schema diff also proposed is a diff
-- artefact: the opclass is not read back, the indexes are unchanged.)

-- AlterTable
ALTER TABLE "discipline_decision" DROP COLUMN "violation_on",
ADD COLUMN     "announced_on" DATE,
ADD COLUMN     "limitation_exemption" TEXT,
ADD COLUMN     "violated_on" DATE NOT NULL;

-- A program item keeps its subject's status like every case does.
ALTER TABLE "program_item" ADD COLUMN "subject_status" TEXT NOT NULL;

-- The annual report counts decisions by the subject's subtree and the day they took effect.
DROP INDEX "discipline_subject_org_path_prefix_idx";
CREATE INDEX "discipline_subject_org_path_prefix_idx" ON "discipline_decision"("subject_org_path" text_pattern_ops, "effective_on");
