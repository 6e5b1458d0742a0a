import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDate, fromDbDateOrNull, toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import { vietnameseNameSortKey } from "@orgboard/locale-vi";
import { checkAdmissionDecisionDate, checkAdmissionEligibility, checkCeremonyDate, probationEndDate, type Introduction } from "../../domain/admission.js";
import type { MemberStatus, OrgKind } from "../../domain/enums.js";
import { isCellKind } from "../../domain/org-tree.js";
import type { Violation } from "../../domain/result.js";
import { check, conflict, invalid, NOT_FOUND_MEMBER_MESSAGE, notFoundCandidate, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { NATIONAL_ID_UNAVAILABLE_MESSAGE } from "../members/national-id.js";
import { procedure } from "../procedure.js";
import { MEMBER_WITH_ORG, memberViewOf } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

// Facts the domain rule reads from the candidate's record, not from this input.
const CANDIDATE_FIELDS: Record<string, string> = { birthDate: "candidate.birthDate", courseCompletedOn: "candidate.courseCompletedOn" };

/**
 * Admits a candidate as a probationary member (kết nạp): checks every admission rule (age, course
 * certificate, education, two introductions, two-thirds vote, ceremony deadline), then creates the
 * member, the first membership period and the admission record whose probation ends 12 months later.
 */
export const admitCandidateRoute = procedure("membership.admissions.manage")
  .input(c.admissions.admit.input)
  .output(c.admissions.admit.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM admission_candidate WHERE id = ${input.candidateId} FOR UPDATE`;
      const row = await tx.admissionCandidate.findUnique({ where: { id: input.candidateId } });
      // Absent and outside the scope: the same answer (#9 finding 5).
      if (!row || !ctx.can({ orgPath: row.orgPath })) throw notFoundCandidate("candidateId");
      const c = { ...row, birthDate: fromDbDate(row.birthDate), courseCompletedOn: fromDbDateOrNull(row.courseCompletedOn) };
      if (c.status !== "candidate") throw conflict("candidateId", "not_a_candidate", bilingual(`quần chúng đang ở trạng thái ${c.status}`, `the candidate is ${c.status}`));

      const introductions: Introduction[] = [];
      for (const [i, intro] of input.introductions.entries()) {
        if (intro.kind !== "member") {
          introductions.push({ kind: intro.kind });
          continue;
        }
        if (intro.memberId === undefined) throw invalid(`introductions.${i}.memberId`, "required", bilingual("người giới thiệu là đảng viên phải được ghi bằng mã số đảng viên", "an introducing party member is given by member id"));
        const introducer = await tx.member.findUnique({ where: { id: intro.memberId }, select: { status: true, orgPath: true } });
        // An introducer outside the caller's scope is one it cannot see: the answer of an unknown id (#9).
        if (!introducer || !ctx.can({ orgPath: introducer.orgPath })) throw invalid(`introductions.${i}.memberId`, "not_found", NOT_FOUND_MEMBER_MESSAGE);
        introductions.push({ kind: "member", memberStatus: introducer.status as MemberStatus, workedTogetherSince: intro.workedTogetherSince });
      }
      check(
        checkAdmissionEligibility({
          birthDate: c.birthDate,
          considerationDate: input.considerationDate,
          courseCompletedOn: c.courseCompletedOn,
          hasLowerSecondaryDiploma: input.hasLowerSecondaryDiploma,
          educationExemption: input.educationExemption,
          introductions,
          dossierOpenedOn: input.dossierOpenedOn,
          provincialApprovalOver60: input.provincialApprovalOver60,
          cellVote: input.cellVote,
        }),
        "BAD_REQUEST",
        CANDIDATE_FIELDS,
      );
      const today = ctx.today();
      const out: Violation[] = [...notAfterToday(input.considerationDate, today, "considerationDate"), ...notAfterToday(input.admittedOn, today, "admittedOn")];
      if (input.admittedOn < input.considerationDate) out.push({ field: "admittedOn", code: "before_consideration", message: bilingual(`lễ kết nạp (${input.admittedOn}) không thể trước ngày chi bộ biểu quyết (${input.considerationDate})`, `the ceremony (${input.admittedOn}) cannot precede the cell's vote (${input.considerationDate})`) });
      if (input.decisionReceivedOn !== undefined) {
        const ceremony = checkCeremonyDate(input.decisionReceivedOn, input.admittedOn, { lateApproved: input.lateCeremonyApproved });
        if (!ceremony.ok) out.push(...ceremony.violations.map((v) => ({ ...v, field: v.field === "ceremonyOn" ? "admittedOn" : v.field })));
      }
      if (input.decidedOn !== undefined) out.push(...checkAdmissionDecisionDate(input.decidedOn, input));
      throwIf(out);

      const org = await tx.partyOrganization.findUnique({ where: { id: c.orgId } });
      if (!org) throw notFoundCandidate("candidateId");
      if (!isCellKind(org.kind as OrgKind) || org.closedOn) throw conflict("candidateId", "cell_closed", bilingual(`chi bộ ${org.path} của quần chúng đã giải thể hoặc không còn là chi bộ`, `the candidate's cell ${org.path} is closed or no longer a cell`));
      const dup = await tx.member.findUnique({ where: { nationalId: c.nationalId }, select: { id: true, orgPath: true } });
      // Registration keeps candidates and members apart; a member recorded since elsewhere is not named (#9).
      if (dup) throw conflict("candidateId", "already_member", ctx.can({ orgPath: dup.orgPath }) ? bilingual(`người này đã là đảng viên (mã số ${dup.id})`, `this person is already a party member (id ${dup.id})`) : NATIONAL_ID_UNAVAILABLE_MESSAGE);

      const probationEndsOn = probationEndDate(input.admittedOn);
      const created = await tx.member.create({
        data: {
          fullName: c.fullName,
          birthDate: row.birthDate,
          gender: c.gender,
          ethnicity: c.ethnicity,
          nationalId: c.nationalId,
          orgId: org.id,
          orgPath: org.path,
          status: "probationary",
          admittedOn: toDbDate(input.admittedOn),
          nameSortKey: vietnameseNameSortKey(c.fullName),
          periods: { create: { orgId: org.id, orgPath: org.path, startedOn: toDbDate(input.admittedOn), startReason: "admission" } },
          admission: {
            create: {
              candidateId: c.id,
              orgId: org.id,
              orgPath: org.path,
              decisionNumber: input.decisionNumber,
              decidedOn: input.decidedOn === undefined ? null : toDbDate(input.decidedOn),
              admittedOn: toDbDate(input.admittedOn),
              probationEndsOn: toDbDate(probationEndsOn),
            },
          },
        },
        include: MEMBER_WITH_ORG,
      });
      await tx.admissionCandidate.update({ where: { id: c.id }, data: { status: "admitted" } });
      const member = memberViewOf(created);
      const memberId = created.id;
      await recordCallerChange(tx, ctx, {
        entity: "Admission",
        entityId: memberId,
        orgPath: org.path,
        after: { candidateId: c.id, memberId, decisionNumber: input.decisionNumber, decidedOn: input.decidedOn ?? null, admittedOn: input.admittedOn, probationEndsOn, cellVote: input.cellVote },
        events: [membershipEvent("membership.admission.approved", org.path, memberId, { admittedOn: input.admittedOn, memberId, candidateId: c.id })],
      });
      return { ...member, probationEndsOn };
    }),
  );
