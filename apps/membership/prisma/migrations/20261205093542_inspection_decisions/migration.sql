-- Decisions of other services applied here (inspection's discipline: an expulsion becomes a removal, a
-- dissolution closes the organization), docs/membership-data.md "Decisions of other services".
-- (Only the changes of this migration: the engine's diff also re-creates indexes written by hand in earlier
-- migrations, which are unchanged.)

-- The decision's date beside its number (removed_on is the date it took effect).
ALTER TABLE "removal" ADD COLUMN "decided_on" DATE;

-- One row per decision handled; the unique key makes a replayed event change nothing.
CREATE TABLE "applied_decision" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "event_id" BIGINT NOT NULL,
    "form" TEXT NOT NULL,
    "member_id" INTEGER,
    "org_id" INTEGER,
    "decision_number" TEXT NOT NULL,
    "decided_on" DATE NOT NULL,
    "effective_on" DATE NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "message" TEXT,
    "handled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "applied_decision_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "applied_decision_source_decision_id_key" ON "applied_decision"("source", "decision_id");

-- The last event id of each followed stream, written with the effects of that event.
CREATE TABLE "stream_checkpoint" (
    "source" TEXT NOT NULL,
    "last_event_id" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stream_checkpoint_pkey" PRIMARY KEY ("source")
);
