-- A new province's organizations by kind before its run and as the plan leaves it ({ before, after }, stored by
-- runs.start: docs/restructuring.md, "Before and after"). Rows written before this column have none (null).
-- (The engine's diff also dropped and re-created the four text_pattern_ops indexes, unchanged: left out.)

-- AlterTable
ALTER TABLE "run_province" ADD COLUMN "structure" JSONB;
