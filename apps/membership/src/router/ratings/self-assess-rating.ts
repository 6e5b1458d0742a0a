import { membershipContract } from "@orgboard/contract-membership";
import { checkNewRating } from "../../domain/rating.js";
import { check, conflict } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { isActive, loadMember, loadOrg } from "../records.js";
import { RATING_COLUMNS, ratingView, type RatingRow } from "./rating-view.js";

const c = membershipContract.procedures;

/** Opens the year's rating of a member or an organization with its self-assessment (one per subject and year). */
export const selfAssessRatingRoute = procedure("membership.ratings.assess")
  .input(c.ratings.selfAssess.input)
  .output(c.ratings.selfAssess.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      let subject: { memberId: number | null; orgId: number; orgPath: string; subjectId: number };
      if (input.subjectKind === "member") {
        const m = await loadMember(tx, input.memberId, "memberId", true);
        ctx.assertCan({ orgPath: m.org_path });
        if (!isActive(m.status)) throw conflict("memberId", "not_active", `only active members are rated (status is ${m.status})`);
        subject = { memberId: m.id, orgId: m.org_id, orgPath: m.org_path, subjectId: m.id };
      } else {
        ctx.assertCan({ orgPath: input.orgPath });
        const o = await loadOrg(tx, input.orgPath, "orgPath", true);
        if (o.closed_on) throw conflict("orgPath", "closed", `the organization closed on ${o.closed_on}`);
        subject = { memberId: null, orgId: o.id, orgPath: o.path, subjectId: o.id };
      }
      const { rows: existing } = await tx.query<{ year: number }>(
        input.subjectKind === "member" ? `SELECT year FROM quality_rating WHERE member_id = $1 AND year = $2` : `SELECT year FROM quality_rating WHERE subject_kind = 'organization' AND org_id = $1 AND year = $2`,
        [subject.subjectId, input.year],
      );
      const duplicate = existing.map((e) => ({ subjectKind: input.subjectKind, subjectId: subject.subjectId, year: e.year }));
      if (duplicate.length > 0) throw conflict("year", "duplicate_rating", `the ${input.subjectKind} already has a rating for ${input.year}`);
      check(checkNewRating({ subjectKind: input.subjectKind, subjectId: subject.subjectId, year: input.year, level: input.level }, [], Number(ctx.today().slice(0, 4))));
      const { rows } = await tx.query<RatingRow>(
        `INSERT INTO quality_rating AS r (subject_kind, member_id, org_id, org_path, year, level, stage)
         VALUES ($1, $2, $3, $4, $5, $6, 'self_assessment') RETURNING ${RATING_COLUMNS}`,
        [input.subjectKind, subject.memberId, input.subjectKind === "organization" ? subject.orgId : null, subject.orgPath, input.year, input.level],
      );
      const view = ratingView(rows[0]!);
      return {
        result: view,
        change: { entity: "QualityRating", entityId: view.id, orgPath: view.orgPath, after: view },
        events: [membershipEvent("membership.rating.self_assessed", view.orgPath, view.id, { ratingId: view.id, subjectKind: view.subjectKind, year: view.year, level: view.level })],
      };
    }),
  );
