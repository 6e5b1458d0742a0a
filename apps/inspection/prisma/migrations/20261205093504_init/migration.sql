-- CreateTable
CREATE TABLE "program" (
    "id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "owner_kind" TEXT NOT NULL,
    "owner_org_path" TEXT NOT NULL,
    "owner_org_name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "program_item" (
    "id" UUID NOT NULL,
    "program_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "member_id" INTEGER,
    "org_id" INTEGER,
    "subject_name" TEXT NOT NULL,
    "subject_org_path" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "quarter" INTEGER NOT NULL,
    "completed_on" DATE,
    "completed_by" TEXT,

    CONSTRAINT "program_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inspection" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'decided',
    "conductor_kind" TEXT NOT NULL,
    "conductor_org_path" TEXT NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "member_id" INTEGER,
    "org_id" INTEGER,
    "subject_name" TEXT NOT NULL,
    "subject_org_path" TEXT NOT NULL,
    "subject_status" TEXT NOT NULL,
    "decision_number" TEXT NOT NULL,
    "decided_on" DATE NOT NULL,
    "content" TEXT NOT NULL,
    "planned_end_on" DATE,
    "started_on" DATE,
    "concluded_on" DATE,
    "violation" BOOLEAN,
    "degree" TEXT,
    "discipline_proposed" TEXT,
    "findings" TEXT,
    "supervision_id" UUID,
    "program_item_id" UUID,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supervision" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'decided',
    "conductor_kind" TEXT NOT NULL,
    "conductor_org_path" TEXT NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "member_id" INTEGER,
    "org_id" INTEGER,
    "subject_name" TEXT NOT NULL,
    "subject_org_path" TEXT NOT NULL,
    "subject_status" TEXT NOT NULL,
    "decision_number" TEXT,
    "decided_on" DATE NOT NULL,
    "content" TEXT NOT NULL,
    "concluded_on" DATE,
    "signs_of_violation" BOOLEAN,
    "findings" TEXT,
    "program_item_id" UUID,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supervision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "discipline_decision" (
    "id" UUID NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "member_id" INTEGER,
    "org_id" INTEGER,
    "subject_name" TEXT NOT NULL,
    "subject_org_path" TEXT NOT NULL,
    "subject_status" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "decision_number" TEXT NOT NULL,
    "decided_on" DATE NOT NULL,
    "effective_on" DATE NOT NULL,
    "degree" TEXT NOT NULL,
    "violation_on" DATE NOT NULL,
    "decided_by_kind" TEXT NOT NULL,
    "decided_by_org_path" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "inspection_id" UUID,
    "status" TEXT NOT NULL DEFAULT 'in_force',
    "effect_status" TEXT NOT NULL,
    "effect_reason" TEXT,
    "effect_message" TEXT,
    "effect_updated_at" TIMESTAMPTZ(3),
    "effect_resolved_by" TEXT,
    "effect_resolution" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "discipline_decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "appeal" (
    "id" UUID NOT NULL,
    "decision_id" UUID NOT NULL,
    "subject_org_path" TEXT NOT NULL,
    "lodged_on" DATE NOT NULL,
    "lodge_deadline_on" DATE NOT NULL,
    "decide_deadline_on" DATE NOT NULL,
    "content" TEXT NOT NULL,
    "decided_on" DATE,
    "outcome" TEXT,
    "new_form" TEXT,
    "decided_by_org_path" TEXT,
    "decision_number" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appeal_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "program_owner_org_path_prefix_idx" ON "program"("owner_org_path" text_pattern_ops, "year");

-- CreateIndex
CREATE UNIQUE INDEX "program_owner_org_path_owner_kind_year_key" ON "program"("owner_org_path", "owner_kind", "year");

-- CreateIndex
CREATE UNIQUE INDEX "program_item_program_id_position_key" ON "program_item"("program_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "inspection_supervision_id_key" ON "inspection"("supervision_id");

-- CreateIndex
CREATE INDEX "inspection_conductor_org_path_prefix_idx" ON "inspection"("conductor_org_path" text_pattern_ops, "decided_on");

-- CreateIndex
CREATE INDEX "inspection_subject_org_path_prefix_idx" ON "inspection"("subject_org_path" text_pattern_ops, "decided_on");

-- CreateIndex
CREATE INDEX "inspection_member_id_idx" ON "inspection"("member_id");

-- CreateIndex
CREATE INDEX "inspection_org_id_idx" ON "inspection"("org_id");

-- CreateIndex
CREATE INDEX "supervision_conductor_org_path_prefix_idx" ON "supervision"("conductor_org_path" text_pattern_ops, "decided_on");

-- CreateIndex
CREATE INDEX "supervision_subject_org_path_prefix_idx" ON "supervision"("subject_org_path" text_pattern_ops, "decided_on");

-- CreateIndex
CREATE INDEX "supervision_member_id_idx" ON "supervision"("member_id");

-- CreateIndex
CREATE INDEX "supervision_org_id_idx" ON "supervision"("org_id");

-- CreateIndex
CREATE INDEX "discipline_subject_org_path_prefix_idx" ON "discipline_decision"("subject_org_path" text_pattern_ops, "decided_on");

-- CreateIndex
CREATE INDEX "discipline_decision_member_id_idx" ON "discipline_decision"("member_id");

-- CreateIndex
CREATE INDEX "discipline_decision_org_id_idx" ON "discipline_decision"("org_id");

-- CreateIndex
CREATE INDEX "discipline_decision_effect_status_idx" ON "discipline_decision"("effect_status");

-- CreateIndex
CREATE UNIQUE INDEX "discipline_decision_decided_by_org_path_decision_number_key" ON "discipline_decision"("decided_by_org_path", "decision_number");

-- CreateIndex
CREATE INDEX "appeal_decision_id_idx" ON "appeal"("decision_id");

-- CreateIndex
CREATE INDEX "appeal_subject_org_path_prefix_idx" ON "appeal"("subject_org_path" text_pattern_ops);

-- CreateIndex
CREATE INDEX "audit_record_org_path_at_idx" ON "audit_record"("org_path" text_pattern_ops, "at");

-- CreateIndex
CREATE INDEX "audit_record_entity_entity_id_idx" ON "audit_record"("entity", "entity_id");

-- AddForeignKey
ALTER TABLE "program_item" ADD CONSTRAINT "program_item_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "discipline_decision"("id") ON DELETE CASCADE ON UPDATE CASCADE;
