import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import type { MemberStatus } from "../../domain/enums.js";
import { checkNewRating } from "../../domain/rating.js";
import { check, conflict, notFoundMember, notFoundOrg } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { assertInScope } from "../scope.js";
import { findMember, findOrg, isActive } from "../records.js";
import { ratingView } from "./rating-view.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

/** Opens the year's rating of a member or an organization with its self-assessment (one per subject and year). */
export const selfAssessRatingRoute = procedure("membership.ratings.assess")
  .input(c.ratings.selfAssess.input)
  .output(c.ratings.selfAssess.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      let subject: { memberId: number | null; orgId: number; orgPath: string; subjectId: number };
      if (input.subjectKind === "member") {
        const m = await findMember(tx, input.memberId, "memberId", true);
        assertInScope(ctx, m.orgPath, () => notFoundMember("memberId"));
        if (!isActive(m.status as MemberStatus)) throw conflict("memberId", "not_active", bilingual(`chỉ xếp loại đảng viên đang sinh hoạt (trạng thái hiện tại: ${m.status})`, `only active members are rated (status is ${m.status})`));
        subject = { memberId: m.id, orgId: m.orgId, orgPath: m.orgPath, subjectId: m.id };
      } else {
        assertInScope(ctx, input.orgPath, () => notFoundOrg("orgPath"));
        const o = await findOrg(tx, input.orgPath, "orgPath", true);
        if (o.closedOn) throw conflict("orgPath", "closed", bilingual(`tổ chức đảng đã giải thể ngày ${fromDbDate(o.closedOn)}`, `the organization closed on ${fromDbDate(o.closedOn)}`));
        subject = { memberId: null, orgId: o.id, orgPath: o.path, subjectId: o.id };
      }
      const existing = await tx.qualityRating.count({
        where: input.subjectKind === "member" ? { memberId: subject.subjectId, year: input.year } : { subjectKind: "organization", orgId: subject.subjectId, year: input.year },
      });
      if (existing > 0) throw conflict("year", "duplicate_rating", bilingual(`${input.subjectKind === "member" ? "đảng viên" : "tổ chức đảng"} đã có kết quả xếp loại năm ${input.year}`, `the ${input.subjectKind} already has a rating for ${input.year}`));
      check(checkNewRating({ subjectKind: input.subjectKind, subjectId: subject.subjectId, year: input.year, level: input.level }, [], Number(ctx.today().slice(0, 4))));
      const created = await tx.qualityRating.create({
        data: {
          subjectKind: input.subjectKind,
          memberId: subject.memberId,
          orgId: input.subjectKind === "organization" ? subject.orgId : null,
          orgPath: subject.orgPath,
          year: input.year,
          level: input.level,
          stage: "self_assessment",
        },
      });
      const view = ratingView(created);
      await recordCallerChange(tx, ctx, {
        entity: "QualityRating",
        entityId: view.id,
        orgPath: view.orgPath,
        after: view,
        events: [membershipEvent("membership.rating.self_assessed", view.orgPath, view.id, { ratingId: view.id, subjectKind: view.subjectKind, year: view.year, level: view.level })],
      });
      return view;
    }),
  );
