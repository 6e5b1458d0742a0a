-- CreateTable
CREATE TABLE "party_organization" (
    "id" SERIAL NOT NULL,
    "parent_id" INTEGER,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "admin_unit_code" TEXT,
    "admin_unit_edition" TEXT,
    "sector" TEXT,
    "opened_on" DATE NOT NULL,
    "closed_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "party_organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member" (
    "id" SERIAL NOT NULL,
    "full_name" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "gender" TEXT NOT NULL,
    "ethnicity" TEXT NOT NULL,
    "national_id" VARCHAR(12) NOT NULL,
    "org_id" INTEGER NOT NULL,
    "org_path" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "admitted_on" DATE NOT NULL,
    "official_on" DATE,
    "party_card_number" TEXT,
    "hometown" TEXT,
    "occupation" TEXT,
    "education" TEXT,
    "left_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "membership_period" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "org_id" INTEGER NOT NULL,
    "org_path" TEXT NOT NULL,
    "started_on" DATE NOT NULL,
    "ended_on" DATE,
    "start_reason" TEXT NOT NULL,
    "end_reason" TEXT,

    CONSTRAINT "membership_period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admission_candidate" (
    "id" SERIAL NOT NULL,
    "full_name" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "gender" TEXT NOT NULL,
    "ethnicity" TEXT NOT NULL,
    "national_id" VARCHAR(12) NOT NULL,
    "org_id" INTEGER NOT NULL,
    "org_path" TEXT NOT NULL,
    "course_completed_on" DATE,
    "course_certificate_no" TEXT,
    "status" TEXT NOT NULL DEFAULT 'candidate',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admission_candidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admission" (
    "id" SERIAL NOT NULL,
    "candidate_id" INTEGER,
    "member_id" INTEGER NOT NULL,
    "org_id" INTEGER NOT NULL,
    "org_path" TEXT NOT NULL,
    "decision_number" TEXT,
    "admitted_on" DATE NOT NULL,
    "probation_ends_on" DATE NOT NULL,
    "outcome" TEXT,
    "outcome_on" DATE,

    CONSTRAINT "admission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "party_card" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "org_path" TEXT NOT NULL,
    "issued_on" DATE NOT NULL,
    "decision_number" TEXT,
    "chip_id" TEXT,
    "identity_ref" TEXT,
    "identity_verified_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'active',

    CONSTRAINT "party_card_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transfer" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "from_org_id" INTEGER,
    "from_org_path" TEXT,
    "to_org_id" INTEGER,
    "to_org_path" TEXT,
    "to_description" TEXT,
    "requested_on" DATE NOT NULL,
    "issued_on" DATE,
    "received_on" DATE,
    "returned_on" DATE,

    CONSTRAINT "transfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "badge_award" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "org_path" TEXT NOT NULL,
    "years" INTEGER NOT NULL,
    "proposed_on" DATE NOT NULL,
    "awarded_on" DATE,
    "decision_number" TEXT,

    CONSTRAINT "badge_award_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "removal" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "org_path" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "removed_on" DATE NOT NULL,
    "decision_number" TEXT,
    "reason" TEXT,

    CONSTRAINT "removal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "death" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "org_path" TEXT NOT NULL,
    "died_on" DATE NOT NULL,

    CONSTRAINT "death_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quality_rating" (
    "id" SERIAL NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "member_id" INTEGER,
    "org_id" INTEGER,
    "org_path" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quality_rating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "target" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "org_path" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "admissions_plan" INTEGER NOT NULL,

    CONSTRAINT "target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "org_year_stat" (
    "org_path" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "joined" INTEGER NOT NULL DEFAULT 0,
    "left" INTEGER NOT NULL DEFAULT 0,
    "admissions" INTEGER NOT NULL DEFAULT 0,
    "made_official" INTEGER NOT NULL DEFAULT 0,
    "not_recognized" INTEGER NOT NULL DEFAULT 0,
    "cards_issued" INTEGER NOT NULL DEFAULT 0,
    "badges_proposed" INTEGER NOT NULL DEFAULT 0,
    "badges_awarded" INTEGER NOT NULL DEFAULT 0,
    "member_excellent" INTEGER NOT NULL DEFAULT 0,
    "member_good" INTEGER NOT NULL DEFAULT 0,
    "member_completed" INTEGER NOT NULL DEFAULT 0,
    "member_not_completed" INTEGER NOT NULL DEFAULT 0,
    "org_excellent" INTEGER NOT NULL DEFAULT 0,
    "org_good" INTEGER NOT NULL DEFAULT 0,
    "org_completed" INTEGER NOT NULL DEFAULT 0,
    "org_not_completed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "org_year_stat_pkey" PRIMARY KEY ("year","org_path")
);

-- CreateTable
CREATE TABLE "org_member_total" (
    "org_path" TEXT NOT NULL,
    "net" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "org_member_total_pkey" PRIMARY KEY ("org_path")
);

-- CreateTable
CREATE TABLE "outbox_event" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "org_path" TEXT NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_record" (
    "id" BIGSERIAL NOT NULL,
    "actor" TEXT NOT NULL,
    "request_id" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "org_path" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "party_organization_path_key" ON "party_organization"("path");
CREATE UNIQUE INDEX "party_organization_code_key" ON "party_organization"("code");
CREATE INDEX "party_organization_parent_id_idx" ON "party_organization"("parent_id");
CREATE INDEX "party_organization_path_prefix_idx" ON "party_organization"("path" text_pattern_ops);
CREATE UNIQUE INDEX "member_national_id_key" ON "member"("national_id");
CREATE UNIQUE INDEX "member_party_card_number_key" ON "member"("party_card_number");
CREATE INDEX "member_org_path_idx" ON "member"("org_path" text_pattern_ops);
CREATE INDEX "member_org_id_status_idx" ON "member"("org_id", "status");
CREATE INDEX "member_admitted_on_idx" ON "member"("admitted_on");
CREATE INDEX "membership_period_member_id_started_on_idx" ON "membership_period"("member_id", "started_on");
CREATE INDEX "membership_period_org_path_idx" ON "membership_period"("org_path" text_pattern_ops);
CREATE UNIQUE INDEX "admission_candidate_national_id_key" ON "admission_candidate"("national_id");
CREATE INDEX "admission_candidate_org_path_idx" ON "admission_candidate"("org_path" text_pattern_ops);
CREATE UNIQUE INDEX "admission_candidate_id_key" ON "admission"("candidate_id");
CREATE UNIQUE INDEX "admission_member_id_key" ON "admission"("member_id");
CREATE INDEX "admission_admitted_on_org_path_idx" ON "admission"("admitted_on", "org_path");
CREATE INDEX "admission_outcome_on_org_path_idx" ON "admission"("outcome_on", "org_path");
CREATE UNIQUE INDEX "party_card_number_key" ON "party_card"("number");
CREATE UNIQUE INDEX "party_card_chip_id_key" ON "party_card"("chip_id");
CREATE INDEX "party_card_member_id_idx" ON "party_card"("member_id");
CREATE INDEX "party_card_issued_on_org_path_idx" ON "party_card"("issued_on", "org_path");
CREATE INDEX "transfer_member_id_idx" ON "transfer"("member_id");
CREATE INDEX "transfer_from_org_path_issued_on_idx" ON "transfer"("from_org_path" text_pattern_ops, "issued_on");
CREATE INDEX "transfer_to_org_path_received_on_idx" ON "transfer"("to_org_path" text_pattern_ops, "received_on");
CREATE UNIQUE INDEX "badge_award_member_id_years_key" ON "badge_award"("member_id", "years");
CREATE INDEX "badge_award_proposed_on_org_path_idx" ON "badge_award"("proposed_on", "org_path");
CREATE INDEX "badge_award_awarded_on_org_path_idx" ON "badge_award"("awarded_on", "org_path");
CREATE UNIQUE INDEX "removal_member_id_key" ON "removal"("member_id");
CREATE INDEX "removal_removed_on_org_path_idx" ON "removal"("removed_on", "org_path");
CREATE UNIQUE INDEX "death_member_id_key" ON "death"("member_id");
CREATE INDEX "death_died_on_org_path_idx" ON "death"("died_on", "org_path");
CREATE UNIQUE INDEX "quality_rating_member_id_year_key" ON "quality_rating"("member_id", "year");
CREATE UNIQUE INDEX "quality_rating_org_id_year_key" ON "quality_rating"("org_id", "year");
CREATE INDEX "quality_rating_year_org_path_idx" ON "quality_rating"("year", "org_path" text_pattern_ops);
CREATE UNIQUE INDEX "target_org_id_year_key" ON "target"("org_id", "year");
CREATE INDEX "target_year_org_path_idx" ON "target"("year", "org_path" text_pattern_ops);
CREATE INDEX "audit_record_org_path_at_idx" ON "audit_record"("org_path" text_pattern_ops, "at");
CREATE INDEX "audit_record_entity_entity_id_idx" ON "audit_record"("entity", "entity_id");

-- AddForeignKey
ALTER TABLE "party_organization" ADD CONSTRAINT "party_organization_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "party_organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "member" ADD CONSTRAINT "member_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "party_organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "membership_period" ADD CONSTRAINT "membership_period_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "membership_period" ADD CONSTRAINT "membership_period_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "party_organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "admission" ADD CONSTRAINT "admission_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "admission_candidate"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "admission" ADD CONSTRAINT "admission_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "party_card" ADD CONSTRAINT "party_card_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "transfer" ADD CONSTRAINT "transfer_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "badge_award" ADD CONSTRAINT "badge_award_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "removal" ADD CONSTRAINT "removal_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "death" ADD CONSTRAINT "death_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "quality_rating" ADD CONSTRAINT "quality_rating_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "target" ADD CONSTRAINT "target_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "party_organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
