import { membershipContract } from "@orgboard/contract-membership";
import { addMonths, vietnameseNameSortKey } from "@orgboard/locale-vi";
import { MIN_ADMISSION_AGE_MONTHS } from "../../domain/admission.js";
import { conflict, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadMember, memberView } from "../records.js";
import { personViolations } from "./person.js";

const c = membershipContract.procedures;

const FIELDS = [
  ["fullName", "full_name"],
  ["birthDate", "birth_date"],
  ["gender", "gender"],
  ["ethnicity", "ethnicity"],
  ["nationalId", "national_id"],
  ["hometown", "hometown"],
  ["occupation", "occupation"],
  ["education", "education"],
] as const;

/** Corrects a member's personal data; the national ID is re-checked against the (new) birth date and gender. */
export const updateMemberRoute = procedure("membership.members.manage")
  .input(c.members.update.input)
  .output(c.members.update.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const before = await loadMember(tx, input.id, "id", true);
      ctx.assertCan({ orgPath: before.org_path });
      const next = {
        full_name: input.fullName?.normalize("NFC") ?? before.full_name,
        birth_date: input.birthDate ?? before.birth_date,
        gender: input.gender ?? before.gender,
        ethnicity: input.ethnicity ?? before.ethnicity,
        national_id: input.nationalId ?? before.national_id,
        hometown: input.hometown === undefined ? before.hometown : input.hometown,
        occupation: input.occupation === undefined ? before.occupation : input.occupation,
        education: input.education === undefined ? before.education : input.education,
      };
      const person = personViolations({ birthDate: next.birth_date, gender: next.gender, nationalId: next.national_id }, ctx.today());
      // A wrong national ID may be wrong because of the birth date or gender being corrected: name what was sent.
      const out = person.map((v) => (v.field === "nationalId" && input.nationalId === undefined ? { ...v, field: input.birthDate !== undefined ? "birthDate" : "gender" } : v));
      if (before.admitted_on < addMonths(next.birth_date, MIN_ADMISSION_AGE_MONTHS)) {
        out.push({ field: "birthDate", code: "too_young", message: `the member would have been under 18 on the admission date ${before.admitted_on}` });
      }
      throwIf(out);
      if (next.national_id !== before.national_id) {
        const { rows } = await tx.query<{ id: number }>(`SELECT id FROM member WHERE national_id = $1 AND id <> $2`, [next.national_id, before.id]);
        if (rows[0]) throw conflict("nationalId", "duplicate", `a member with this national ID already exists (id ${rows[0].id})`);
      }
      const fields = FIELDS.filter(([, col]) => next[col] !== before[col]).map(([name]) => name);
      await tx.query(
        `UPDATE member SET full_name = $2, birth_date = $3, gender = $4, ethnicity = $5, national_id = $6, hometown = $7, occupation = $8,
                           education = $9, name_sort_key = $10, updated_at = now() WHERE id = $1`,
        [before.id, next.full_name, next.birth_date, next.gender, next.ethnicity, next.national_id, next.hometown, next.occupation, next.education, vietnameseNameSortKey(next.full_name)],
      );
      const member = memberView(await loadMember(tx, before.id, "id"));
      return {
        result: member,
        change: { entity: "Member", entityId: member.id, orgPath: member.orgPath, before: memberView(before), after: member },
        events: [membershipEvent("membership.member.updated", member.orgPath, member.id, { memberId: member.id, fields })],
      };
    }),
  );
