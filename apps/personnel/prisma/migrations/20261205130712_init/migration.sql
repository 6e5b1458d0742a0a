-- CreateTable
CREATE TABLE "cadre" (
    "id" UUID NOT NULL,
    "member_id" INTEGER,
    "national_id" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "gender" TEXT NOT NULL,
    "ethnic_minority" BOOLEAN NOT NULL,
    "org_path" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cadre_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "post" (
    "id" UUID NOT NULL,
    "org_path" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "committee" TEXT,
    "term_start_year" INTEGER NOT NULL,
    "term_end_year" INTEGER NOT NULL,
    "members_only" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holding" (
    "id" UUID NOT NULL,
    "post_id" UUID NOT NULL,
    "cadre_id" UUID NOT NULL,
    "started_on" DATE NOT NULL,
    "ended_on" DATE,
    "end_reason" TEXT,

    CONSTRAINT "holding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pool_entry" (
    "id" UUID NOT NULL,
    "post_id" UUID NOT NULL,
    "cadre_id" UUID NOT NULL,
    "added_on" DATE NOT NULL,
    "removed_on" DATE,
    "removal_reason" TEXT,

    CONSTRAINT "pool_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bar" (
    "id" UUID NOT NULL,
    "cadre_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "from_on" DATE NOT NULL,
    "until_on" DATE NOT NULL,
    "decision_id" UUID NOT NULL,
    "form" TEXT NOT NULL,

    CONSTRAINT "bar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vote_session" (
    "id" UUID NOT NULL,
    "org_path" TEXT NOT NULL,
    "held_on" DATE NOT NULL,
    "summoned" INTEGER NOT NULL,
    "present" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vote_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vote_tally" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "holding_id" UUID NOT NULL,
    "cadre_id" UUID NOT NULL,
    "high" INTEGER NOT NULL,
    "medium" INTEGER NOT NULL,
    "low" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "vote_tally_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "standard_conclusion" (
    "id" UUID NOT NULL,
    "cadre_id" UUID NOT NULL,
    "org_path" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "concluded_on" DATE NOT NULL,
    "met" BOOLEAN NOT NULL,
    "reasons" TEXT[],
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "standard_conclusion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "applied_effect" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "event_id" BIGINT NOT NULL,
    "event_type" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "org_path" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "message" TEXT,
    "resolved_by" TEXT,
    "resolution" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "applied_effect_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stream_checkpoint" (
    "source" TEXT NOT NULL,
    "last_event_id" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stream_checkpoint_pkey" PRIMARY KEY ("source")
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
    "kind" TEXT NOT NULL DEFAULT 'change',
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cadre_member_id_idx" ON "cadre"("member_id");

-- CreateIndex
CREATE INDEX "cadre_org_path_prefix_idx" ON "cadre"("org_path" text_pattern_ops, "id");

-- CreateIndex
CREATE UNIQUE INDEX "cadre_national_id_key" ON "cadre"("national_id");

-- CreateIndex
CREATE INDEX "post_org_path_prefix_idx" ON "post"("org_path" text_pattern_ops, "term_start_year");

-- CreateIndex
CREATE INDEX "holding_post_id_idx" ON "holding"("post_id");

-- CreateIndex
CREATE INDEX "holding_cadre_id_idx" ON "holding"("cadre_id");

-- CreateIndex
CREATE INDEX "pool_entry_post_id_idx" ON "pool_entry"("post_id");

-- CreateIndex
CREATE INDEX "pool_entry_cadre_id_idx" ON "pool_entry"("cadre_id");

-- CreateIndex
CREATE INDEX "bar_cadre_id_idx" ON "bar"("cadre_id");

-- CreateIndex
CREATE UNIQUE INDEX "bar_decision_id_purpose_key" ON "bar"("decision_id", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "vote_tally_session_id_holding_id_key" ON "vote_tally"("session_id", "holding_id");

-- CreateIndex
CREATE INDEX "standard_org_path_prefix_idx" ON "standard_conclusion"("org_path" text_pattern_ops, "concluded_on");

-- CreateIndex
CREATE INDEX "applied_effect_status_idx" ON "applied_effect"("status");

-- CreateIndex
CREATE UNIQUE INDEX "applied_effect_source_event_type_key_key" ON "applied_effect"("source", "event_type", "key");

-- CreateIndex
CREATE INDEX "audit_record_org_path_at_idx" ON "audit_record"("org_path" text_pattern_ops, "at");

-- CreateIndex
CREATE INDEX "audit_record_entity_entity_id_idx" ON "audit_record"("entity", "entity_id");

-- CreateIndex
CREATE INDEX "audit_record_actor_id_idx" ON "audit_record"("actor", "id");

-- AddForeignKey
ALTER TABLE "holding" ADD CONSTRAINT "holding_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "post"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "holding" ADD CONSTRAINT "holding_cadre_id_fkey" FOREIGN KEY ("cadre_id") REFERENCES "cadre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pool_entry" ADD CONSTRAINT "pool_entry_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "post"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pool_entry" ADD CONSTRAINT "pool_entry_cadre_id_fkey" FOREIGN KEY ("cadre_id") REFERENCES "cadre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bar" ADD CONSTRAINT "bar_cadre_id_fkey" FOREIGN KEY ("cadre_id") REFERENCES "cadre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vote_tally" ADD CONSTRAINT "vote_tally_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "vote_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
