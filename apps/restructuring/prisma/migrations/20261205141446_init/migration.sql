-- CreateTable
CREATE TABLE "plan" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "effective_on" DATE NOT NULL,
    "from_edition" TEXT NOT NULL,
    "to_edition" TEXT NOT NULL,
    "origin" TEXT,
    "scope_org_path" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit_change" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "target_code" TEXT,
    "target_name" TEXT,
    "target_parent_code" TEXT,
    "sources" JSONB NOT NULL,
    "targets" JSONB,

    CONSTRAINT "unit_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "split_assignment" (
    "plan_id" UUID NOT NULL,
    "org_code" TEXT NOT NULL,
    "unit_code" TEXT NOT NULL,

    CONSTRAINT "split_assignment_pkey" PRIMARY KEY ("plan_id","org_code")
);

-- CreateTable
CREATE TABLE "org_change" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "province_code" TEXT NOT NULL,
    "org_path" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "org_code" TEXT NOT NULL,
    "payload" JSONB NOT NULL,

    CONSTRAINT "org_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saga_step" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "province_code" TEXT NOT NULL,
    "org_path" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "idempotency_key" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "result_digest" TEXT,

    CONSTRAINT "saga_step_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "plan_scope_org_path_prefix_idx" ON "plan"("scope_org_path" text_pattern_ops);

-- CreateIndex
CREATE INDEX "unit_change_plan_id_target_code_idx" ON "unit_change"("plan_id", "target_code");

-- CreateIndex
CREATE UNIQUE INDEX "unit_change_plan_id_position_key" ON "unit_change"("plan_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "org_change_plan_id_province_code_position_key" ON "org_change"("plan_id", "province_code", "position");

-- CreateIndex
CREATE UNIQUE INDEX "saga_step_idempotency_key_key" ON "saga_step"("idempotency_key");

-- CreateIndex
CREATE INDEX "saga_step_org_path_prefix_idx" ON "saga_step"("org_path" text_pattern_ops);

-- CreateIndex
CREATE UNIQUE INDEX "saga_step_plan_id_province_code_step_key" ON "saga_step"("plan_id", "province_code", "step");

-- CreateIndex
CREATE INDEX "audit_record_org_path_at_idx" ON "audit_record"("org_path" text_pattern_ops, "at");

-- CreateIndex
CREATE INDEX "audit_record_entity_entity_id_idx" ON "audit_record"("entity", "entity_id");

-- CreateIndex
CREATE INDEX "audit_record_actor_id_idx" ON "audit_record"("actor", "id");

-- AddForeignKey
ALTER TABLE "unit_change" ADD CONSTRAINT "unit_change_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "split_assignment" ADD CONSTRAINT "split_assignment_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_change" ADD CONSTRAINT "org_change_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saga_step" ADD CONSTRAINT "saga_step_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
