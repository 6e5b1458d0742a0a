import { membershipContract } from "@orgboard/contract-membership";
import { vietnameseNameSortKey } from "@orgboard/locale-vi";
import { checkAdmissionDecisionDate, checkAdmissionEligibility, checkCeremonyDate, probationEndDate, type Introduction } from "../../domain/admission.js";
import type { Gender, MemberStatus } from "../../domain/enums.js";
import { isCellKind } from "../../domain/org-tree.js";
import type { Violation } from "../../domain/result.js";
import { check, conflict, invalid, notFound, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadMember, loadOrgById, memberView } from "../records.js";
import { notAfterToday } from "../schemas.js";

const c = membershipContract.procedures;

interface CandidateRow {
  id: number;
  full_name: string;
  birth_date: string;
  gender: Gender;
  ethnicity: string;
  national_id: string;
  org_id: number;
  org_path: string;
  course_completed_on: string | null;
  status: string;
}

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
    mutate(ctx, async (tx) => {
      const { rows: cand } = await tx.query<CandidateRow>(
        `SELECT id, full_name, birth_date, gender, ethnicity, national_id, org_id, org_path, course_completed_on, status
           FROM admission_candidate WHERE id = $1 FOR UPDATE`,
        [input.candidateId],
      );
      const c = cand[0];
      if (!c) throw notFound("candidateId", `no candidate has the id ${input.candidateId}`);
      ctx.assertCan({ orgPath: c.org_path });
      if (c.status !== "candidate") throw conflict("candidateId", "not_a_candidate", `the candidate is ${c.status}`);

      const introductions: Introduction[] = [];
      for (const [i, intro] of input.introductions.entries()) {
        if (intro.kind !== "member") {
          introductions.push({ kind: intro.kind });
          continue;
        }
        if (intro.memberId === undefined) throw invalid(`introductions.${i}.memberId`, "required", "an introducing party member is given by member id");
        const { rows } = await tx.query<{ status: MemberStatus }>(`SELECT status FROM member WHERE id = $1`, [intro.memberId]);
        if (!rows[0]) throw invalid(`introductions.${i}.memberId`, "not_found", `no member has the id ${intro.memberId}`);
        introductions.push({ kind: "member", memberStatus: rows[0].status, workedTogetherSince: intro.workedTogetherSince });
      }
      check(
        checkAdmissionEligibility({
          birthDate: c.birth_date,
          considerationDate: input.considerationDate,
          courseCompletedOn: c.course_completed_on,
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
      if (input.admittedOn < input.considerationDate) out.push({ field: "admittedOn", code: "before_consideration", message: `the ceremony (${input.admittedOn}) cannot precede the cell's vote (${input.considerationDate})` });
      if (input.decisionReceivedOn !== undefined) {
        const ceremony = checkCeremonyDate(input.decisionReceivedOn, input.admittedOn, { lateApproved: input.lateCeremonyApproved });
        if (!ceremony.ok) out.push(...ceremony.violations.map((v) => ({ ...v, field: v.field === "ceremonyOn" ? "admittedOn" : v.field })));
      }
      if (input.decidedOn !== undefined) out.push(...checkAdmissionDecisionDate(input.decidedOn, input));
      throwIf(out);

      const org = await loadOrgById(tx, c.org_id, "candidateId");
      if (!isCellKind(org.kind) || org.closed_on) throw conflict("candidateId", "cell_closed", `the candidate's cell ${org.path} is closed or no longer a cell`);
      const { rows: dup } = await tx.query<{ id: number }>(`SELECT id FROM member WHERE national_id = $1`, [c.national_id]);
      if (dup[0]) throw conflict("candidateId", "already_member", `this person is already a party member (id ${dup[0].id})`);

      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO member (full_name, birth_date, gender, ethnicity, national_id, org_id, org_path, status, admitted_on, name_sort_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'probationary', $8, $9) RETURNING id`,
        [c.full_name, c.birth_date, c.gender, c.ethnicity, c.national_id, org.id, org.path, input.admittedOn, vietnameseNameSortKey(c.full_name)],
      );
      const memberId = rows[0]!.id;
      const probationEndsOn = probationEndDate(input.admittedOn);
      await tx.query(`INSERT INTO membership_period (member_id, org_id, org_path, started_on, start_reason) VALUES ($1, $2, $3, $4, 'admission')`, [memberId, org.id, org.path, input.admittedOn]);
      await tx.query(
        `INSERT INTO admission (candidate_id, member_id, org_id, org_path, decision_number, decided_on, admitted_on, probation_ends_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [c.id, memberId, org.id, org.path, input.decisionNumber, input.decidedOn ?? null, input.admittedOn, probationEndsOn],
      );
      await tx.query(`UPDATE admission_candidate SET status = 'admitted' WHERE id = $1`, [c.id]);
      const member = memberView(await loadMember(tx, memberId, "candidateId"));
      return {
        result: { ...member, probationEndsOn },
        change: { entity: "Admission", entityId: memberId, orgPath: org.path, after: { candidateId: c.id, memberId, decisionNumber: input.decisionNumber, decidedOn: input.decidedOn ?? null, admittedOn: input.admittedOn, probationEndsOn, cellVote: input.cellVote } },
        events: [membershipEvent("membership.admission.approved", org.path, memberId, { admittedOn: input.admittedOn, memberId, candidateId: c.id })],
      };
    }),
  );
