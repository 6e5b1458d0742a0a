-- pers-cadres (#13): rotation and transfer, yearly pool reviews, surplus cadres after mergers.
-- (The text_pattern_ops indexes Prisma's diff drops and recreates are left alone: its diff misreads the opclass.)

-- CreateTable
CREATE TABLE "rotation" (
    "id" UUID NOT NULL,
    "cadre_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "from_org_path" TEXT NOT NULL,
    "from_post_id" UUID,
    "to_org_path" TEXT NOT NULL,
    "to_post_id" UUID,
    "start_on" DATE NOT NULL,
    "planned_end_on" DATE NOT NULL,
    "completed_on" DATE,
    "completion" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rotation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pool_review" (
    "id" UUID NOT NULL,
    "org_path" TEXT NOT NULL,
    "term_start_year" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "reviewed_on" DATE NOT NULL,
    "reviewed_by" TEXT NOT NULL,
    "reviewed" INTEGER NOT NULL,
    "proposals" JSONB NOT NULL,
    "applied" INTEGER,
    "applied_on" DATE,
    "applied_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pool_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "surplus_case" (
    "id" UUID NOT NULL,
    "cadre_id" UUID NOT NULL,
    "org_path" TEXT NOT NULL,
    "merged_on" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "policy" TEXT,
    "policy_on" DATE,
    "to_org_path" TEXT,
    "closed_on" DATE,
    "note" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "surplus_case_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rotation_from_org_path_prefix_idx" ON "rotation"("from_org_path" text_pattern_ops);

-- CreateIndex
CREATE INDEX "rotation_to_org_path_prefix_idx" ON "rotation"("to_org_path" text_pattern_ops);

-- CreateIndex
CREATE INDEX "rotation_cadre_id_idx" ON "rotation"("cadre_id");

-- CreateIndex
CREATE UNIQUE INDEX "pool_review_org_path_term_start_year_year_key" ON "pool_review"("org_path", "term_start_year", "year");

-- CreateIndex
CREATE INDEX "surplus_org_path_prefix_idx" ON "surplus_case"("org_path" text_pattern_ops, "status");

-- CreateIndex
CREATE INDEX "surplus_case_cadre_id_idx" ON "surplus_case"("cadre_id");
