-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "conference" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "org_path" TEXT NOT NULL,
    "organizer_name" TEXT NOT NULL,
    "chair_name" TEXT NOT NULL,
    "chair_title" TEXT,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "scheduled_start" TIMESTAMPTZ(3) NOT NULL,
    "scheduled_end" TIMESTAMPTZ(3) NOT NULL,
    "connecting_at" TIMESTAMPTZ(3),
    "opened_at" TIMESTAMPTZ(3),
    "concluded_at" TIMESTAMPTZ(3),
    "speak_sequence" INTEGER NOT NULL DEFAULT 0,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conference_site" (
    "id" UUID NOT NULL,
    "conference_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "org_path" TEXT NOT NULL,
    "top_org_path" TEXT NOT NULL,
    "chair_name" TEXT NOT NULL,
    "chair_title" TEXT,
    "expected_attendance" INTEGER NOT NULL,
    "present_count" INTEGER NOT NULL DEFAULT 0,
    "checked_in_at" TIMESTAMPTZ(3),
    "link_state" TEXT NOT NULL DEFAULT 'disconnected',
    "last_heartbeat_at" TIMESTAMPTZ(3),
    "last_quality" DOUBLE PRECISION,
    "link_changed_at" TIMESTAMPTZ(3),
    "drop_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conference_site_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agenda_item" (
    "id" UUID NOT NULL,
    "conference_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "planned_seconds" INTEGER NOT NULL,
    "presenter_name" TEXT,
    "presenter_title" TEXT,
    "actual_start" TIMESTAMPTZ(3),
    "actual_end" TIMESTAMPTZ(3),

    CONSTRAINT "agenda_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disseminated_document" (
    "id" UUID NOT NULL,
    "conference_id" UUID NOT NULL,
    "agenda_item_id" UUID,
    "number" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "issuer" TEXT,
    "issued_on" DATE,
    "disseminated_at" TIMESTAMPTZ(3) NOT NULL,
    "disseminated_by" TEXT NOT NULL,

    CONSTRAINT "disseminated_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "speak_request" (
    "id" UUID NOT NULL,
    "conference_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "speaker_name" TEXT NOT NULL,
    "speaker_title" TEXT,
    "topic" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "registered_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "agenda_item_id" UUID,

    CONSTRAINT "speak_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conclusion" (
    "id" UUID NOT NULL,
    "conference_id" UUID NOT NULL,
    "agenda_item_id" UUID,
    "text" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conclusion_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "conference_org_path_prefix_idx" ON "conference"("org_path" text_pattern_ops);

-- CreateIndex
CREATE INDEX "conference_status_scheduled_start_idx" ON "conference"("status", "scheduled_start");

-- CreateIndex
CREATE INDEX "conference_site_org_path_prefix_idx" ON "conference_site"("conference_id", "org_path" text_pattern_ops);

-- CreateIndex
CREATE INDEX "conference_site_conference_id_top_org_path_idx" ON "conference_site"("conference_id", "top_org_path");

-- CreateIndex
CREATE INDEX "conference_site_link_state_last_heartbeat_at_idx" ON "conference_site"("link_state", "last_heartbeat_at");

-- CreateIndex
CREATE UNIQUE INDEX "conference_site_conference_id_code_key" ON "conference_site"("conference_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "agenda_item_conference_id_position_key" ON "agenda_item"("conference_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "disseminated_document_conference_id_number_key" ON "disseminated_document"("conference_id", "number");

-- CreateIndex
CREATE INDEX "speak_request_conference_id_status_sequence_idx" ON "speak_request"("conference_id", "status", "sequence");

-- CreateIndex
CREATE INDEX "speak_request_site_id_status_idx" ON "speak_request"("site_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "speak_request_conference_id_sequence_key" ON "speak_request"("conference_id", "sequence");

-- CreateIndex
CREATE INDEX "conclusion_conference_id_created_at_idx" ON "conclusion"("conference_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_record_org_path_at_idx" ON "audit_record"("org_path" text_pattern_ops, "at");

-- CreateIndex
CREATE INDEX "audit_record_entity_entity_id_idx" ON "audit_record"("entity", "entity_id");

-- AddForeignKey
ALTER TABLE "conference_site" ADD CONSTRAINT "conference_site_conference_id_fkey" FOREIGN KEY ("conference_id") REFERENCES "conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agenda_item" ADD CONSTRAINT "agenda_item_conference_id_fkey" FOREIGN KEY ("conference_id") REFERENCES "conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disseminated_document" ADD CONSTRAINT "disseminated_document_conference_id_fkey" FOREIGN KEY ("conference_id") REFERENCES "conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "speak_request" ADD CONSTRAINT "speak_request_conference_id_fkey" FOREIGN KEY ("conference_id") REFERENCES "conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "speak_request" ADD CONSTRAINT "speak_request_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "conference_site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conclusion" ADD CONSTRAINT "conclusion_conference_id_fkey" FOREIGN KEY ("conference_id") REFERENCES "conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;
