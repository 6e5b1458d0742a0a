-- The saga's runs: one row per new province, the callee's answer kept with each step (docs/restructuring.md).
-- (Prisma's drop/re-create of text_pattern_ops indexes is its diff's noise, left out.)

-- AlterTable
ALTER TABLE "saga_step" ADD COLUMN     "result" JSONB;

-- CreateTable
CREATE TABLE "run_province" (
    "plan_id" UUID NOT NULL,
    "province_code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "org_code" TEXT NOT NULL,
    "org_path" TEXT NOT NULL,
    "source_org_codes" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "members_before" INTEGER NOT NULL,
    "members_after" INTEGER,
    "error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_province_pkey" PRIMARY KEY ("plan_id","province_code")
);

-- CreateIndex
CREATE INDEX "run_province_org_path_prefix_idx" ON "run_province"("org_path" text_pattern_ops);

-- CreateIndex
CREATE UNIQUE INDEX "run_province_plan_id_position_key" ON "run_province"("plan_id", "position");

-- AddForeignKey
ALTER TABLE "run_province" ADD CONSTRAINT "run_province_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
