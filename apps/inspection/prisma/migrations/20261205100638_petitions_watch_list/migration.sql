-- Petitions (complaints, denunciations), their assigned inspectors, the inter-agency watch list.
-- (Prisma's diff also dropped and re-created the other tables' text_pattern_ops indexes, which it cannot
-- compare; those statements were removed: nothing changed there.)
-- CreateTable
CREATE TABLE "petition" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "handler_org_path" TEXT NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "member_id" INTEGER,
    "org_id" INTEGER,
    "subject_name" TEXT NOT NULL,
    "subject_org_path" TEXT NOT NULL,
    "subject_status" TEXT NOT NULL,
    "received_on" DATE NOT NULL,
    "content" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL,
    "petitioner_sealed" TEXT,
    "petitioner_key_id" TEXT,
    "intake" JSONB NOT NULL,
    "decision_id" UUID,
    "not_handled_reason" TEXT,
    "due_on" DATE,
    "extended_on" DATE,
    "extension_reason" TEXT,
    "started_on" DATE,
    "settled_on" DATE,
    "outcome" TEXT,
    "conclusion" TEXT,
    "received_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "petition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "petition_assignment" (
    "petition_id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "assigned_on" DATE NOT NULL,
    "assigned_by" TEXT NOT NULL,

    CONSTRAINT "petition_assignment_pkey" PRIMARY KEY ("petition_id","user_id")
);

-- CreateTable
CREATE TABLE "watch_entry" (
    "id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "org_path" TEXT NOT NULL,
    "link_kind" TEXT NOT NULL,
    "link_id" UUID,
    "title" TEXT NOT NULL,
    "note" TEXT,
    "agencies" TEXT,
    "added_on" DATE NOT NULL,
    "closed_on" DATE,
    "closing_note" TEXT,
    "added_by" TEXT NOT NULL,
    "closed_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watch_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "petition_subject_org_path_prefix_idx" ON "petition"("subject_org_path" text_pattern_ops, "received_on");

-- CreateIndex
CREATE INDEX "petition_handler_org_path_prefix_idx" ON "petition"("handler_org_path" text_pattern_ops, "received_on");

-- CreateIndex
CREATE INDEX "petition_petitioner_key_id_idx" ON "petition"("petitioner_key_id");

-- CreateIndex
CREATE INDEX "petition_member_id_idx" ON "petition"("member_id");

-- CreateIndex
CREATE INDEX "petition_assignment_user_id_idx" ON "petition_assignment"("user_id");

-- CreateIndex
CREATE INDEX "watch_entry_org_path_prefix_idx" ON "watch_entry"("org_path" text_pattern_ops, "added_on");

-- CreateIndex
CREATE INDEX "watch_entry_link_kind_link_id_idx" ON "watch_entry"("link_kind", "link_id");

-- AddForeignKey
ALTER TABLE "petition_assignment" ADD CONSTRAINT "petition_assignment_petition_id_fkey" FOREIGN KEY ("petition_id") REFERENCES "petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;
