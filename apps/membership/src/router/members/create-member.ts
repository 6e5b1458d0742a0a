import { membershipContract } from "@orgboard/contract-membership";
import { addMonths, vietnameseNameSortKey } from "@orgboard/locale-vi";
import { MIN_ADMISSION_AGE_MONTHS, PROBATION_MONTHS, probationEndDate } from "../../domain/admission.js";
import { isCellKind } from "../../domain/org-tree.js";
import type { Violation } from "../../domain/result.js";
import { conflict, invalid, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { isOpenOn, loadMember, loadOrg, memberView } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { personViolations } from "./person.js";

const c = membershipContract.procedures;

/**
 * Records an existing party member in a cell (data entry of the party record), with the first
 * membership period; a probationary member also gets the admission record their probation is tracked on.
 * New members come through admissions.admit instead.
 */
export const createMemberRoute = procedure("membership.members.manage", { resource: "orgPath" })
  .input(c.members.create.input)
  .output(c.members.create.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const today = ctx.today();
      const joinedOn = input.arrival?.receivedOn ?? input.joinedOrgOn ?? input.admittedOn;
      const out: Violation[] = [...personViolations(input, today), ...notAfterToday(input.admittedOn, today, "admittedOn")];
      if (input.admittedOn < addMonths(input.birthDate, MIN_ADMISSION_AGE_MONTHS)) {
        out.push({ field: "admittedOn", code: "too_young", message: `the member was under 18 on the admission date (turned 18 on ${addMonths(input.birthDate, MIN_ADMISSION_AGE_MONTHS)})` });
      }
      if (input.status === "official") {
        if (input.officialOn === undefined) out.push({ field: "officialOn", code: "required", message: "is required for an official member" });
        else if (input.officialOn < addMonths(input.admittedOn, PROBATION_MONTHS)) {
          out.push({ field: "officialOn", code: "before_probation_end", message: `must be at least ${PROBATION_MONTHS} months after admission (${probationEndDate(input.admittedOn)})` });
        } else out.push(...notAfterToday(input.officialOn, today, "officialOn"));
      } else if (input.officialOn !== undefined) {
        out.push({ field: "officialOn", code: "not_applicable", message: "must be absent for a probationary member" });
      }
      if (input.arrival && input.joinedOrgOn !== undefined && input.joinedOrgOn !== input.arrival.receivedOn) {
        out.push({ field: "joinedOrgOn", code: "arrival_mismatch", message: "must equal arrival.receivedOn (or be left out)" });
      }
      const joinedField = input.arrival ? "arrival.receivedOn" : "joinedOrgOn";
      if (joinedOn < input.admittedOn) out.push({ field: joinedField, code: "before_admission", message: `${joinedOn} is before the admission date` });
      out.push(...notAfterToday(joinedOn, today, joinedField));
      throwIf(out);

      const org = await loadOrg(tx, input.orgPath, "orgPath", true);
      if (!isCellKind(org.kind)) throw invalid("orgPath", "not_a_cell", `members belong to a cell (chi bộ); ${org.path} is a ${org.kind}`);
      if (org.closed_on) throw conflict("orgPath", "closed", `the cell closed on ${org.closed_on}`);
      if (!isOpenOn(org, joinedOn)) throw invalid(joinedField, "before_org_opened", `the cell was founded on ${org.opened_on}, after ${joinedOn}`);

      const { rows: dups } = await tx.query<{ what: string; id: number }>(
        `SELECT 'member' AS what, id FROM member WHERE national_id = $1
         UNION ALL SELECT 'candidate', id FROM admission_candidate WHERE national_id = $1 AND status = 'candidate'
         UNION ALL SELECT 'card', id FROM member WHERE $2::text IS NOT NULL AND party_card_number = $2
         UNION ALL SELECT 'card', member_id FROM party_card WHERE $2::text IS NOT NULL AND number = $2`,
        [input.nationalId, input.partyCardNumber ?? null],
      );
      for (const d of dups) {
        if (d.what === "member") throw conflict("nationalId", "duplicate", `a member with this national ID already exists (id ${d.id})`);
        if (d.what === "candidate") throw conflict("nationalId", "is_candidate", `this person is registered as an admission candidate (id ${d.id}): admit them with admissions.admit`);
        throw conflict("partyCardNumber", "duplicate", "this party card number is already used by another member");
      }

      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO member (full_name, birth_date, gender, ethnicity, national_id, org_id, org_path, status, admitted_on, official_on,
                             party_card_number, hometown, occupation, education, name_sort_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
        [
          input.fullName.normalize("NFC"), input.birthDate, input.gender, input.ethnicity, input.nationalId, org.id, org.path, input.status,
          input.admittedOn, input.officialOn ?? null, input.partyCardNumber ?? null, input.hometown ?? null, input.occupation ?? null,
          input.education ?? null, vietnameseNameSortKey(input.fullName),
        ],
      );
      const id = rows[0]!.id;
      await tx.query(
        `INSERT INTO membership_period (member_id, org_id, org_path, started_on, start_reason) VALUES ($1, $2, $3, $4, $5)`,
        [id, org.id, org.path, joinedOn, input.arrival ? "transfer_in" : "import"],
      );
      if (input.status === "probationary") {
        await tx.query(
          `INSERT INTO admission (member_id, org_id, org_path, admitted_on, probation_ends_on) VALUES ($1, $2, $3, $4, $5)`,
          [id, org.id, org.path, input.admittedOn, probationEndDate(input.admittedOn)],
        );
      }
      if (input.arrival) {
        await tx.query(
          `INSERT INTO transfer (member_id, kind, status, to_org_id, to_org_path, from_description, letter_number, requested_on, issued_on, received_on)
           VALUES ($1, 'official', 'received', $2, $3, $4, $5, $6, $6, $6)`,
          [id, org.id, org.path, input.arrival.fromDescription, input.arrival.letterNumber ?? null, input.arrival.receivedOn],
        );
      }
      const member = memberView(await loadMember(tx, id, "id"));
      return {
        result: member,
        change: { entity: "Member", entityId: id, orgPath: org.path, after: { ...member, arrival: input.arrival ?? null } },
        events: [membershipEvent("membership.member.created", org.path, id, { memberId: id, status: member.status, admittedOn: member.admittedOn, joinedOn })],
      };
    }),
  );
