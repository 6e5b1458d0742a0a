-- The organizations a new province takes from other old provinces (the cells of a commune split between two
-- provinces): marked "đang sắp xếp" with its sources while it runs, and counted in its services' "before"
-- (docs/restructuring.md, "Execution"). Rows written before this column have none ('[]').

-- AlterTable
ALTER TABLE "run_province" ADD COLUMN "crossing_org_codes" JSONB NOT NULL DEFAULT '[]';
