-- party_card.identity_verified_at was set to now() whenever a card was linked to the member's national ID,
-- though nothing was ever checked against the national population database: a false record of a
-- verification. The service no longer sets or returns it (contract 2.0); the values written so far are
-- cleared. The column itself stays until no instance of the previous service version runs: migrations run
-- when an instance starts, and a previous instance still inserting into the column during a rolling deploy
-- would fail every card issue if it were dropped now. A later migration drops it.
UPDATE "party_card" SET "identity_verified_at" = NULL WHERE "identity_verified_at" IS NOT NULL;
COMMENT ON COLUMN "party_card"."identity_verified_at" IS 'unused: never set, never read (no verification against the national population database exists); to be dropped';
