-- Renames in a plan (plans.update): an organization's name after the run, what resolves the preview's
-- duplicate names (docs/restructuring.md, "Plans"). (Prisma's drop/re-create of text_pattern_ops indexes is
-- its diff's noise, left out.)

-- CreateTable
CREATE TABLE "plan_rename" (
    "plan_id" UUID NOT NULL,
    "org_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "plan_rename_pkey" PRIMARY KEY ("plan_id","org_code")
);

-- AddForeignKey
ALTER TABLE "plan_rename" ADD CONSTRAINT "plan_rename_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
