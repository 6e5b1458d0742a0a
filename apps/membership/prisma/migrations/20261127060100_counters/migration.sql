-- Generated from src/db/stats-sql.ts (countersMigrationSql): statement-level triggers keeping
-- org_year_stat / org_member_total exact in the writing transaction. Do not edit by hand.

CREATE OR REPLACE FUNCTION "membership_period_stats"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO org_year_stat AS s (org_path, year, "joined", "left")
    SELECT org_path, year, sum("joined")::int, sum("left")::int
    FROM (
      SELECT org_path, extract(year from started_on)::int AS year, 1, 0 FROM new_rows
      UNION ALL SELECT org_path, extract(year from ended_on)::int AS year, 0, 1 FROM new_rows WHERE ended_on IS NOT NULL
    ) d (org_path, year, "joined", "left")
    GROUP BY org_path, year
    HAVING sum("joined") <> 0 OR sum("left") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "joined" = s."joined" + EXCLUDED."joined", "left" = s."left" + EXCLUDED."left";
    INSERT INTO org_member_total AS t (org_path, net)
    SELECT org_path, sum(v)::int FROM (
      SELECT org_path, (ended_on IS NULL)::int FROM new_rows
    ) d (org_path, v)
    GROUP BY org_path HAVING sum(v) <> 0
    ON CONFLICT (org_path) DO UPDATE SET net = t.net + EXCLUDED.net;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO org_year_stat AS s (org_path, year, "joined", "left")
    SELECT org_path, year, sum("joined")::int, sum("left")::int
    FROM (
      SELECT org_path, extract(year from started_on)::int AS year, 1, 0 FROM new_rows
      UNION ALL SELECT org_path, extract(year from ended_on)::int AS year, 0, 1 FROM new_rows WHERE ended_on IS NOT NULL
      UNION ALL SELECT org_path, extract(year from started_on)::int AS year, -(1), 0 FROM old_rows
      UNION ALL SELECT org_path, extract(year from ended_on)::int AS year, 0, -(1) FROM old_rows WHERE ended_on IS NOT NULL
    ) d (org_path, year, "joined", "left")
    GROUP BY org_path, year
    HAVING sum("joined") <> 0 OR sum("left") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "joined" = s."joined" + EXCLUDED."joined", "left" = s."left" + EXCLUDED."left";
    INSERT INTO org_member_total AS t (org_path, net)
    SELECT org_path, sum(v)::int FROM (
      SELECT org_path, (ended_on IS NULL)::int FROM new_rows
      UNION ALL SELECT org_path, -(ended_on IS NULL)::int FROM old_rows
    ) d (org_path, v)
    GROUP BY org_path HAVING sum(v) <> 0
    ON CONFLICT (org_path) DO UPDATE SET net = t.net + EXCLUDED.net;
  ELSE
    INSERT INTO org_year_stat AS s (org_path, year, "joined", "left")
    SELECT org_path, year, sum("joined")::int, sum("left")::int
    FROM (
      SELECT org_path, extract(year from started_on)::int AS year, -(1), 0 FROM old_rows
      UNION ALL SELECT org_path, extract(year from ended_on)::int AS year, 0, -(1) FROM old_rows WHERE ended_on IS NOT NULL
    ) d (org_path, year, "joined", "left")
    GROUP BY org_path, year
    HAVING sum("joined") <> 0 OR sum("left") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "joined" = s."joined" + EXCLUDED."joined", "left" = s."left" + EXCLUDED."left";
    INSERT INTO org_member_total AS t (org_path, net)
    SELECT org_path, sum(v)::int FROM (
      SELECT org_path, -(ended_on IS NULL)::int FROM old_rows
    ) d (org_path, v)
    GROUP BY org_path HAVING sum(v) <> 0
    ON CONFLICT (org_path) DO UPDATE SET net = t.net + EXCLUDED.net;
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "membership_period_stats_ins" AFTER INSERT ON "membership_period"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_period_stats"();
CREATE TRIGGER "membership_period_stats_upd" AFTER UPDATE ON "membership_period"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_period_stats"();
CREATE TRIGGER "membership_period_stats_del" AFTER DELETE ON "membership_period"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership_period_stats"();

CREATE OR REPLACE FUNCTION "admission_stats"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO org_year_stat AS s (org_path, year, "admissions", "made_official", "not_recognized")
    SELECT org_path, year, sum("admissions")::int, sum("made_official")::int, sum("not_recognized")::int
    FROM (
      SELECT org_path, extract(year from admitted_on)::int AS year, 1, 0, 0 FROM new_rows
      UNION ALL SELECT org_path, extract(year from outcome_on)::int AS year, 0, 1, 0 FROM new_rows WHERE outcome = 'recognized' AND outcome_on IS NOT NULL
      UNION ALL SELECT org_path, extract(year from outcome_on)::int AS year, 0, 0, 1 FROM new_rows WHERE outcome = 'not_recognized' AND outcome_on IS NOT NULL
    ) d (org_path, year, "admissions", "made_official", "not_recognized")
    GROUP BY org_path, year
    HAVING sum("admissions") <> 0 OR sum("made_official") <> 0 OR sum("not_recognized") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "admissions" = s."admissions" + EXCLUDED."admissions", "made_official" = s."made_official" + EXCLUDED."made_official", "not_recognized" = s."not_recognized" + EXCLUDED."not_recognized";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO org_year_stat AS s (org_path, year, "admissions", "made_official", "not_recognized")
    SELECT org_path, year, sum("admissions")::int, sum("made_official")::int, sum("not_recognized")::int
    FROM (
      SELECT org_path, extract(year from admitted_on)::int AS year, 1, 0, 0 FROM new_rows
      UNION ALL SELECT org_path, extract(year from outcome_on)::int AS year, 0, 1, 0 FROM new_rows WHERE outcome = 'recognized' AND outcome_on IS NOT NULL
      UNION ALL SELECT org_path, extract(year from outcome_on)::int AS year, 0, 0, 1 FROM new_rows WHERE outcome = 'not_recognized' AND outcome_on IS NOT NULL
      UNION ALL SELECT org_path, extract(year from admitted_on)::int AS year, -(1), 0, 0 FROM old_rows
      UNION ALL SELECT org_path, extract(year from outcome_on)::int AS year, 0, -(1), 0 FROM old_rows WHERE outcome = 'recognized' AND outcome_on IS NOT NULL
      UNION ALL SELECT org_path, extract(year from outcome_on)::int AS year, 0, 0, -(1) FROM old_rows WHERE outcome = 'not_recognized' AND outcome_on IS NOT NULL
    ) d (org_path, year, "admissions", "made_official", "not_recognized")
    GROUP BY org_path, year
    HAVING sum("admissions") <> 0 OR sum("made_official") <> 0 OR sum("not_recognized") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "admissions" = s."admissions" + EXCLUDED."admissions", "made_official" = s."made_official" + EXCLUDED."made_official", "not_recognized" = s."not_recognized" + EXCLUDED."not_recognized";
  ELSE
    INSERT INTO org_year_stat AS s (org_path, year, "admissions", "made_official", "not_recognized")
    SELECT org_path, year, sum("admissions")::int, sum("made_official")::int, sum("not_recognized")::int
    FROM (
      SELECT org_path, extract(year from admitted_on)::int AS year, -(1), 0, 0 FROM old_rows
      UNION ALL SELECT org_path, extract(year from outcome_on)::int AS year, 0, -(1), 0 FROM old_rows WHERE outcome = 'recognized' AND outcome_on IS NOT NULL
      UNION ALL SELECT org_path, extract(year from outcome_on)::int AS year, 0, 0, -(1) FROM old_rows WHERE outcome = 'not_recognized' AND outcome_on IS NOT NULL
    ) d (org_path, year, "admissions", "made_official", "not_recognized")
    GROUP BY org_path, year
    HAVING sum("admissions") <> 0 OR sum("made_official") <> 0 OR sum("not_recognized") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "admissions" = s."admissions" + EXCLUDED."admissions", "made_official" = s."made_official" + EXCLUDED."made_official", "not_recognized" = s."not_recognized" + EXCLUDED."not_recognized";
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "admission_stats_ins" AFTER INSERT ON "admission"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "admission_stats"();
CREATE TRIGGER "admission_stats_upd" AFTER UPDATE ON "admission"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "admission_stats"();
CREATE TRIGGER "admission_stats_del" AFTER DELETE ON "admission"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "admission_stats"();

CREATE OR REPLACE FUNCTION "party_card_stats"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO org_year_stat AS s (org_path, year, "cards_issued")
    SELECT org_path, year, sum("cards_issued")::int
    FROM (
      SELECT org_path, extract(year from issued_on)::int AS year, 1 FROM new_rows
    ) d (org_path, year, "cards_issued")
    GROUP BY org_path, year
    HAVING sum("cards_issued") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "cards_issued" = s."cards_issued" + EXCLUDED."cards_issued";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO org_year_stat AS s (org_path, year, "cards_issued")
    SELECT org_path, year, sum("cards_issued")::int
    FROM (
      SELECT org_path, extract(year from issued_on)::int AS year, 1 FROM new_rows
      UNION ALL SELECT org_path, extract(year from issued_on)::int AS year, -(1) FROM old_rows
    ) d (org_path, year, "cards_issued")
    GROUP BY org_path, year
    HAVING sum("cards_issued") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "cards_issued" = s."cards_issued" + EXCLUDED."cards_issued";
  ELSE
    INSERT INTO org_year_stat AS s (org_path, year, "cards_issued")
    SELECT org_path, year, sum("cards_issued")::int
    FROM (
      SELECT org_path, extract(year from issued_on)::int AS year, -(1) FROM old_rows
    ) d (org_path, year, "cards_issued")
    GROUP BY org_path, year
    HAVING sum("cards_issued") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "cards_issued" = s."cards_issued" + EXCLUDED."cards_issued";
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "party_card_stats_ins" AFTER INSERT ON "party_card"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "party_card_stats"();
CREATE TRIGGER "party_card_stats_upd" AFTER UPDATE ON "party_card"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "party_card_stats"();
CREATE TRIGGER "party_card_stats_del" AFTER DELETE ON "party_card"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "party_card_stats"();

CREATE OR REPLACE FUNCTION "badge_award_stats"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO org_year_stat AS s (org_path, year, "badges_proposed", "badges_awarded")
    SELECT org_path, year, sum("badges_proposed")::int, sum("badges_awarded")::int
    FROM (
      SELECT org_path, extract(year from proposed_on)::int AS year, 1, 0 FROM new_rows
      UNION ALL SELECT org_path, extract(year from awarded_on)::int AS year, 0, 1 FROM new_rows WHERE awarded_on IS NOT NULL
    ) d (org_path, year, "badges_proposed", "badges_awarded")
    GROUP BY org_path, year
    HAVING sum("badges_proposed") <> 0 OR sum("badges_awarded") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "badges_proposed" = s."badges_proposed" + EXCLUDED."badges_proposed", "badges_awarded" = s."badges_awarded" + EXCLUDED."badges_awarded";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO org_year_stat AS s (org_path, year, "badges_proposed", "badges_awarded")
    SELECT org_path, year, sum("badges_proposed")::int, sum("badges_awarded")::int
    FROM (
      SELECT org_path, extract(year from proposed_on)::int AS year, 1, 0 FROM new_rows
      UNION ALL SELECT org_path, extract(year from awarded_on)::int AS year, 0, 1 FROM new_rows WHERE awarded_on IS NOT NULL
      UNION ALL SELECT org_path, extract(year from proposed_on)::int AS year, -(1), 0 FROM old_rows
      UNION ALL SELECT org_path, extract(year from awarded_on)::int AS year, 0, -(1) FROM old_rows WHERE awarded_on IS NOT NULL
    ) d (org_path, year, "badges_proposed", "badges_awarded")
    GROUP BY org_path, year
    HAVING sum("badges_proposed") <> 0 OR sum("badges_awarded") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "badges_proposed" = s."badges_proposed" + EXCLUDED."badges_proposed", "badges_awarded" = s."badges_awarded" + EXCLUDED."badges_awarded";
  ELSE
    INSERT INTO org_year_stat AS s (org_path, year, "badges_proposed", "badges_awarded")
    SELECT org_path, year, sum("badges_proposed")::int, sum("badges_awarded")::int
    FROM (
      SELECT org_path, extract(year from proposed_on)::int AS year, -(1), 0 FROM old_rows
      UNION ALL SELECT org_path, extract(year from awarded_on)::int AS year, 0, -(1) FROM old_rows WHERE awarded_on IS NOT NULL
    ) d (org_path, year, "badges_proposed", "badges_awarded")
    GROUP BY org_path, year
    HAVING sum("badges_proposed") <> 0 OR sum("badges_awarded") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "badges_proposed" = s."badges_proposed" + EXCLUDED."badges_proposed", "badges_awarded" = s."badges_awarded" + EXCLUDED."badges_awarded";
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "badge_award_stats_ins" AFTER INSERT ON "badge_award"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "badge_award_stats"();
CREATE TRIGGER "badge_award_stats_upd" AFTER UPDATE ON "badge_award"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "badge_award_stats"();
CREATE TRIGGER "badge_award_stats_del" AFTER DELETE ON "badge_award"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "badge_award_stats"();

CREATE OR REPLACE FUNCTION "quality_rating_stats"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO org_year_stat AS s (org_path, year, "member_excellent", "member_good", "member_completed", "member_not_completed", "org_excellent", "org_good", "org_completed", "org_not_completed")
    SELECT org_path, year, sum("member_excellent")::int, sum("member_good")::int, sum("member_completed")::int, sum("member_not_completed")::int, sum("org_excellent")::int, sum("org_good")::int, sum("org_completed")::int, sum("org_not_completed")::int
    FROM (
      SELECT org_path, year AS year, (level = 'excellent')::int, (level = 'good')::int, (level = 'completed')::int, (level = 'not_completed')::int, 0, 0, 0, 0 FROM new_rows WHERE subject_kind = 'member' AND stage = 'approved'
      UNION ALL SELECT org_path, year AS year, 0, 0, 0, 0, (level = 'excellent')::int, (level = 'good')::int, (level = 'completed')::int, (level = 'not_completed')::int FROM new_rows WHERE subject_kind = 'organization' AND stage = 'approved'
    ) d (org_path, year, "member_excellent", "member_good", "member_completed", "member_not_completed", "org_excellent", "org_good", "org_completed", "org_not_completed")
    GROUP BY org_path, year
    HAVING sum("member_excellent") <> 0 OR sum("member_good") <> 0 OR sum("member_completed") <> 0 OR sum("member_not_completed") <> 0 OR sum("org_excellent") <> 0 OR sum("org_good") <> 0 OR sum("org_completed") <> 0 OR sum("org_not_completed") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "member_excellent" = s."member_excellent" + EXCLUDED."member_excellent", "member_good" = s."member_good" + EXCLUDED."member_good", "member_completed" = s."member_completed" + EXCLUDED."member_completed", "member_not_completed" = s."member_not_completed" + EXCLUDED."member_not_completed", "org_excellent" = s."org_excellent" + EXCLUDED."org_excellent", "org_good" = s."org_good" + EXCLUDED."org_good", "org_completed" = s."org_completed" + EXCLUDED."org_completed", "org_not_completed" = s."org_not_completed" + EXCLUDED."org_not_completed";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO org_year_stat AS s (org_path, year, "member_excellent", "member_good", "member_completed", "member_not_completed", "org_excellent", "org_good", "org_completed", "org_not_completed")
    SELECT org_path, year, sum("member_excellent")::int, sum("member_good")::int, sum("member_completed")::int, sum("member_not_completed")::int, sum("org_excellent")::int, sum("org_good")::int, sum("org_completed")::int, sum("org_not_completed")::int
    FROM (
      SELECT org_path, year AS year, (level = 'excellent')::int, (level = 'good')::int, (level = 'completed')::int, (level = 'not_completed')::int, 0, 0, 0, 0 FROM new_rows WHERE subject_kind = 'member' AND stage = 'approved'
      UNION ALL SELECT org_path, year AS year, 0, 0, 0, 0, (level = 'excellent')::int, (level = 'good')::int, (level = 'completed')::int, (level = 'not_completed')::int FROM new_rows WHERE subject_kind = 'organization' AND stage = 'approved'
      UNION ALL SELECT org_path, year AS year, -((level = 'excellent')::int), -((level = 'good')::int), -((level = 'completed')::int), -((level = 'not_completed')::int), 0, 0, 0, 0 FROM old_rows WHERE subject_kind = 'member' AND stage = 'approved'
      UNION ALL SELECT org_path, year AS year, 0, 0, 0, 0, -((level = 'excellent')::int), -((level = 'good')::int), -((level = 'completed')::int), -((level = 'not_completed')::int) FROM old_rows WHERE subject_kind = 'organization' AND stage = 'approved'
    ) d (org_path, year, "member_excellent", "member_good", "member_completed", "member_not_completed", "org_excellent", "org_good", "org_completed", "org_not_completed")
    GROUP BY org_path, year
    HAVING sum("member_excellent") <> 0 OR sum("member_good") <> 0 OR sum("member_completed") <> 0 OR sum("member_not_completed") <> 0 OR sum("org_excellent") <> 0 OR sum("org_good") <> 0 OR sum("org_completed") <> 0 OR sum("org_not_completed") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "member_excellent" = s."member_excellent" + EXCLUDED."member_excellent", "member_good" = s."member_good" + EXCLUDED."member_good", "member_completed" = s."member_completed" + EXCLUDED."member_completed", "member_not_completed" = s."member_not_completed" + EXCLUDED."member_not_completed", "org_excellent" = s."org_excellent" + EXCLUDED."org_excellent", "org_good" = s."org_good" + EXCLUDED."org_good", "org_completed" = s."org_completed" + EXCLUDED."org_completed", "org_not_completed" = s."org_not_completed" + EXCLUDED."org_not_completed";
  ELSE
    INSERT INTO org_year_stat AS s (org_path, year, "member_excellent", "member_good", "member_completed", "member_not_completed", "org_excellent", "org_good", "org_completed", "org_not_completed")
    SELECT org_path, year, sum("member_excellent")::int, sum("member_good")::int, sum("member_completed")::int, sum("member_not_completed")::int, sum("org_excellent")::int, sum("org_good")::int, sum("org_completed")::int, sum("org_not_completed")::int
    FROM (
      SELECT org_path, year AS year, -((level = 'excellent')::int), -((level = 'good')::int), -((level = 'completed')::int), -((level = 'not_completed')::int), 0, 0, 0, 0 FROM old_rows WHERE subject_kind = 'member' AND stage = 'approved'
      UNION ALL SELECT org_path, year AS year, 0, 0, 0, 0, -((level = 'excellent')::int), -((level = 'good')::int), -((level = 'completed')::int), -((level = 'not_completed')::int) FROM old_rows WHERE subject_kind = 'organization' AND stage = 'approved'
    ) d (org_path, year, "member_excellent", "member_good", "member_completed", "member_not_completed", "org_excellent", "org_good", "org_completed", "org_not_completed")
    GROUP BY org_path, year
    HAVING sum("member_excellent") <> 0 OR sum("member_good") <> 0 OR sum("member_completed") <> 0 OR sum("member_not_completed") <> 0 OR sum("org_excellent") <> 0 OR sum("org_good") <> 0 OR sum("org_completed") <> 0 OR sum("org_not_completed") <> 0
    ON CONFLICT (year, org_path) DO UPDATE SET "member_excellent" = s."member_excellent" + EXCLUDED."member_excellent", "member_good" = s."member_good" + EXCLUDED."member_good", "member_completed" = s."member_completed" + EXCLUDED."member_completed", "member_not_completed" = s."member_not_completed" + EXCLUDED."member_not_completed", "org_excellent" = s."org_excellent" + EXCLUDED."org_excellent", "org_good" = s."org_good" + EXCLUDED."org_good", "org_completed" = s."org_completed" + EXCLUDED."org_completed", "org_not_completed" = s."org_not_completed" + EXCLUDED."org_not_completed";
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "quality_rating_stats_ins" AFTER INSERT ON "quality_rating"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "quality_rating_stats"();
CREATE TRIGGER "quality_rating_stats_upd" AFTER UPDATE ON "quality_rating"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "quality_rating_stats"();
CREATE TRIGGER "quality_rating_stats_del" AFTER DELETE ON "quality_rating"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "quality_rating_stats"();

CREATE INDEX "org_year_stat_report_idx" ON "org_year_stat" ("year", "org_path" text_pattern_ops) INCLUDE ("joined", "left", "admissions", "made_official", "not_recognized", "cards_issued", "badges_proposed", "badges_awarded", "member_excellent", "member_good", "member_completed", "member_not_completed", "org_excellent", "org_good", "org_completed", "org_not_completed");
CREATE INDEX "org_member_total_report_idx" ON "org_member_total" ("org_path" text_pattern_ops) INCLUDE ("net");
