-- The checkpoint of membership's event stream, written with the effect status it updates (the effects of
-- discipline decisions: membership.decision.applied / .refused). Only this table: the engine's diff also
-- re-creates the text_pattern_ops indexes, which are unchanged.
CREATE TABLE "stream_checkpoint" (
    "source" TEXT NOT NULL,
    "last_event_id" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stream_checkpoint_pkey" PRIMARY KEY ("source")
);
