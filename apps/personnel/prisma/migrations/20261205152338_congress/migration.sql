-- Congress personnel (issue #13): congresses per organization and term, their candidate lists.
-- (Prisma's diff also dropped and re-created the text_pattern_ops indexes it cannot compare: left out.)

-- CreateTable
CREATE TABLE "congress" (
    "id" UUID NOT NULL,
    "org_path" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "term_start_year" INTEGER NOT NULL,
    "term_end_year" INTEGER NOT NULL,
    "planned_on" DATE NOT NULL,
    "committee_size" INTEGER,
    "standing_size" INTEGER,
    "inspection_size" INTEGER,
    "women_target_percent" DOUBLE PRECISION,
    "young_target_percent" DOUBLE PRECISION,
    "ethnic_minority_target" INTEGER,
    "held_on" DATE,
    "valid_ballots" INTEGER,
    "elected_count" INTEGER,
    "result_posted_at" TIMESTAMPTZ(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "congress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "congress_candidate" (
    "id" UUID NOT NULL,
    "congress_id" UUID NOT NULL,
    "cadre_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "votes" INTEGER,
    "elected" BOOLEAN,

    CONSTRAINT "congress_candidate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "congress_org_path_prefix_idx" ON "congress"("org_path" text_pattern_ops, "term_start_year");

-- CreateIndex
CREATE UNIQUE INDEX "congress_org_path_term_start_year_key" ON "congress"("org_path", "term_start_year");

-- CreateIndex
CREATE INDEX "congress_candidate_cadre_id_idx" ON "congress_candidate"("cadre_id");

-- CreateIndex
CREATE UNIQUE INDEX "congress_candidate_congress_id_cadre_id_key" ON "congress_candidate"("congress_id", "cadre_id");

-- AddForeignKey
ALTER TABLE "congress_candidate" ADD CONSTRAINT "congress_candidate_congress_id_fkey" FOREIGN KEY ("congress_id") REFERENCES "congress"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
