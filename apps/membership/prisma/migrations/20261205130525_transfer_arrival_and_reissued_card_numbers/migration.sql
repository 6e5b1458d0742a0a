-- #12: a party card reissued with the member's own number (a new chip card, a lost card) keeps the number,
-- so the replaced card and the new one share it: party_card.number is no longer unique, only indexed (the
-- issue procedure's duplicate check reads it). No two members hold one number: member.party_card_number
-- stays unique, and the procedure refuses a number on another member's earlier card.
-- (Trimmed by hand from the schema diff: the engine also proposed dropping and re-creating the
-- text_pattern_ops indexes and dropping the counters' INCLUDE indexes, which it cannot read; both stay.)
DROP INDEX "party_card_number_key";
CREATE INDEX "party_card_number_idx" ON "party_card"("number");

-- #10 finding 4: an arrival from outside the system (members.create({ arrival })) keeps where the member
-- came from and the introduction letter's number.
ALTER TABLE "transfer" ADD COLUMN "from_description" TEXT, ADD COLUMN "letter_number" TEXT;
