import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDate, toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import { addMonths, vietnameseNameSortKey } from "@orgboard/locale-vi";
import { MIN_ADMISSION_AGE_MONTHS } from "../../domain/admission.js";
import { conflict, notFoundMember, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { findMember, MEMBER_WITH_ORG, memberViewOf } from "../records.js";
import { assertInScope } from "../scope.js";
import { ForeignNationalId, nationalIdClashes, refusingForeignNationalIds } from "./national-id.js";
import { personViolations } from "./person.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

const FIELDS = ["fullName", "birthDate", "gender", "ethnicity", "nationalId", "hometown", "occupation", "education"] as const;

/** Corrects a member's personal data; the national ID is re-checked against the (new) birth date and gender. */
export const updateMemberRoute = procedure("membership.members.manage")
  .input(c.members.update.input)
  .output(c.members.update.output)
  .mutation(async ({ ctx, input }) => {
    // Where the refusal of a foreign national ID is audited: the member's organization, once known in scope.
    const target = await findMember(ctx.prisma, input.id, "id");
    assertInScope(ctx, target.orgPath, () => notFoundMember("id"));
    return refusingForeignNationalIds(ctx, target.orgPath, () =>
      ctx.prisma.$transaction(async (tx) => {
        const before = await findMember(tx, input.id, "id", true);
        assertInScope(ctx, before.orgPath, () => notFoundMember("id"));
        const was = memberViewOf(before);
        const next = {
          fullName: input.fullName?.normalize("NFC") ?? was.fullName,
          birthDate: input.birthDate ?? was.birthDate,
          gender: input.gender ?? was.gender,
          ethnicity: input.ethnicity ?? was.ethnicity,
          nationalId: input.nationalId ?? was.nationalId,
          hometown: input.hometown === undefined ? was.hometown : input.hometown,
          occupation: input.occupation === undefined ? was.occupation : input.occupation,
          education: input.education === undefined ? was.education : input.education,
        };
        const person = personViolations(next, ctx.today());
        // A wrong national ID may be wrong because of the birth date or gender being corrected: name what was sent.
        const out = person.map((v) => (v.field === "nationalId" && input.nationalId === undefined ? { ...v, field: input.birthDate !== undefined ? "birthDate" : "gender" } : v));
        const admittedOn = fromDbDate(before.admittedOn);
        if (admittedOn < addMonths(next.birthDate, MIN_ADMISSION_AGE_MONTHS)) {
          out.push({ field: "birthDate", code: "too_young", message: bilingual(`đảng viên sẽ chưa đủ 18 tuổi vào ngày vào Đảng ${admittedOn}`, `the member would have been under 18 on the admission date ${admittedOn}`) });
        }
        throwIf(out);
        if (next.nationalId !== was.nationalId) {
          // National uniqueness, told only inside the caller's scope (national-id.ts).
          const clash = (await nationalIdClashes(tx, [next.nationalId])).get(next.nationalId);
          if (clash && !ctx.can({ orgPath: clash.orgPath })) throw new ForeignNationalId("nationalId", [next.nationalId]);
          if (clash?.what === "member") throw conflict("nationalId", "duplicate", bilingual(`đã có đảng viên mang số định danh này (mã số ${clash.id})`, `a member with this national ID already exists (id ${clash.id})`));
        }
        const fields = FIELDS.filter((k) => next[k] !== was[k]);
        const row = await tx.member.update({
          where: { id: before.id },
          data: { ...next, birthDate: toDbDate(next.birthDate), nameSortKey: vietnameseNameSortKey(next.fullName) },
          include: MEMBER_WITH_ORG,
        });
        const member = memberViewOf(row);
        await recordCallerChange(tx, ctx, {
          entity: "Member",
          entityId: member.id,
          orgPath: member.orgPath,
          before: was,
          after: member,
          events: [membershipEvent("membership.member.updated", member.orgPath, member.id, { memberId: member.id, fields: [...fields] })],
        });
        return member;
      }),
    );
  });
