import { membershipContract } from "@orgboard/contract-membership";
import { checkCandidateRegistration } from "../../domain/admission.js";
import { isCellKind } from "../../domain/org-tree.js";
import { conflict, invalid, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadOrg } from "../records.js";
import { personViolations } from "../members/person.js";

const c = membershipContract.procedures;

/** Registers a person the cell prepares for admission (quần chúng ưu tú), with the Party course certificate. */
export const registerCandidateRoute = procedure("membership.admissions.manage", { resource: "orgPath" })
  .input(c.admissions.registerCandidate.input)
  .output(c.admissions.registerCandidate.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const today = ctx.today();
      // Rules at the date of the act (registeredOn, default today): today only bounds the future.
      const rule = checkCandidateRegistration({ birthDate: input.birthDate, courseCompletedOn: input.courseCompletedOn, registeredOn: input.registeredOn ?? today, today });
      throwIf([...personViolations(input, today), ...(rule.ok ? [] : rule.violations)]);
      const validUntil = rule.ok ? rule.value.courseValidUntil : "";
      const org = await loadOrg(tx, input.orgPath, "orgPath", true);
      if (!isCellKind(org.kind)) throw invalid("orgPath", "not_a_cell", `admissions are prepared by a cell (chi bộ); ${org.path} is a ${org.kind}`);
      // The cell must have been open on the date of the act, not necessarily today.
      const registeredOn = input.registeredOn ?? today;
      if (org.closed_on && org.closed_on <= registeredOn) throw conflict("orgPath", "closed", `the cell closed on ${org.closed_on}`);
      if (org.opened_on > registeredOn) throw conflict("orgPath", "not_yet_open", `the cell was founded on ${org.opened_on}, after ${registeredOn}`);
      const { rows: dups } = await tx.query<{ what: string; id: number }>(
        `SELECT 'member' AS what, id FROM member WHERE national_id = $1 UNION ALL SELECT 'candidate', id FROM admission_candidate WHERE national_id = $1`,
        [input.nationalId],
      );
      const dup = dups[0];
      if (dup) throw conflict("nationalId", "duplicate", dup.what === "member" ? `this person is already a party member (id ${dup.id})` : `this person is already registered as a candidate (id ${dup.id})`);
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO admission_candidate (full_name, birth_date, gender, ethnicity, national_id, org_id, org_path, course_completed_on, course_certificate_no)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [input.fullName.normalize("NFC"), input.birthDate, input.gender, input.ethnicity, input.nationalId, org.id, org.path, input.courseCompletedOn, input.courseCertificateNo],
      );
      const id = rows[0]!.id;
      const view = {
        id,
        fullName: input.fullName.normalize("NFC"),
        birthDate: input.birthDate,
        gender: input.gender,
        orgPath: org.path,
        courseCompletedOn: input.courseCompletedOn,
        courseCertificateNo: input.courseCertificateNo,
        courseValidUntil: validUntil,
        status: "candidate",
      };
      return {
        result: view,
        change: { entity: "AdmissionCandidate", entityId: id, orgPath: org.path, after: { ...view, nationalId: input.nationalId, ethnicity: input.ethnicity } },
        events: [membershipEvent("membership.candidate.registered", org.path, id, { candidateId: id })],
      };
    }),
  );
