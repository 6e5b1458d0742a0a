import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDate, toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import { addMonths, vietnameseNameSortKey } from "@orgboard/locale-vi";
import { MIN_ADMISSION_AGE_MONTHS, PROBATION_MONTHS, probationEndDate } from "../../domain/admission.js";
import type { OrgKind } from "../../domain/enums.js";
import { isCellKind } from "../../domain/org-tree.js";
import type { Violation } from "../../domain/result.js";
import { conflict, invalid, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { findOrg, isOpenOn, MEMBER_WITH_ORG, memberViewOf } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { ForeignNationalId, nationalIdClashes, refusingForeignNationalIds } from "./national-id.js";
import { personRecord, personViolations } from "./person.js";
import { bilingual } from "@orgboard/server-kit";

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
    refusingForeignNationalIds(ctx, input.orgPath, () => ctx.prisma.$transaction(async (tx) => {
      const today = ctx.today();
      const joinedOn = input.arrival?.receivedOn ?? input.joinedOrgOn ?? input.admittedOn;
      const out: Violation[] = [...personViolations(input, today), ...notAfterToday(input.admittedOn, today, "admittedOn")];
      if (input.admittedOn < addMonths(input.birthDate, MIN_ADMISSION_AGE_MONTHS)) {
        out.push({ field: "admittedOn", code: "too_young", message: bilingual(`đảng viên chưa đủ 18 tuổi vào ngày vào Đảng (đủ 18 tuổi ngày ${addMonths(input.birthDate, MIN_ADMISSION_AGE_MONTHS)})`, `the member was under 18 on the admission date (turned 18 on ${addMonths(input.birthDate, MIN_ADMISSION_AGE_MONTHS)})`) });
      }
      if (input.status === "official") {
        if (input.officialOn === undefined) out.push({ field: "officialOn", code: "required", message: bilingual("bắt buộc với đảng viên chính thức", "is required for an official member") });
        else if (input.officialOn < addMonths(input.admittedOn, PROBATION_MONTHS)) {
          out.push({ field: "officialOn", code: "before_probation_end", message: bilingual(`phải sau ngày vào Đảng ít nhất ${PROBATION_MONTHS} tháng (${probationEndDate(input.admittedOn)})`, `must be at least ${PROBATION_MONTHS} months after admission (${probationEndDate(input.admittedOn)})`) });
        } else out.push(...notAfterToday(input.officialOn, today, "officialOn"));
      } else if (input.officialOn !== undefined) {
        out.push({ field: "officialOn", code: "not_applicable", message: bilingual("phải để trống với đảng viên dự bị", "must be absent for a probationary member") });
      }
      if (input.arrival && input.joinedOrgOn !== undefined && input.joinedOrgOn !== input.arrival.receivedOn) {
        out.push({ field: "joinedOrgOn", code: "arrival_mismatch", message: bilingual("phải bằng arrival.receivedOn (hoặc để trống)", "must equal arrival.receivedOn (or be left out)") });
      }
      const joinedField = input.arrival ? "arrival.receivedOn" : "joinedOrgOn";
      if (joinedOn < input.admittedOn) out.push({ field: joinedField, code: "before_admission", message: bilingual(`${joinedOn} trước ngày vào Đảng`, `${joinedOn} is before the admission date`) });
      out.push(...notAfterToday(joinedOn, today, joinedField));
      throwIf(out);

      const org = await findOrg(tx, input.orgPath, "orgPath", true);
      const opened = fromDbDate(org.openedOn);
      if (!isCellKind(org.kind as OrgKind)) throw invalid("orgPath", "not_a_cell", bilingual(`đảng viên sinh hoạt ở chi bộ; ${org.path} là ${org.kind}`, `members belong to a cell (chi bộ); ${org.path} is a ${org.kind}`));
      if (org.closedOn) throw conflict("orgPath", "closed", bilingual(`chi bộ đã giải thể ngày ${fromDbDate(org.closedOn)}`, `the cell closed on ${fromDbDate(org.closedOn)}`));
      if (!isOpenOn({ opened_on: opened, closed_on: null }, joinedOn)) throw invalid(joinedField, "before_org_opened", bilingual(`chi bộ thành lập ngày ${opened}, sau ngày ${joinedOn}`, `the cell was founded on ${opened}, after ${joinedOn}`));

      // National uniqueness, told only inside the caller's scope (national-id.ts).
      const clash = (await nationalIdClashes(tx, [input.nationalId])).get(input.nationalId);
      if (clash && !ctx.can({ orgPath: clash.orgPath })) throw new ForeignNationalId("nationalId", [input.nationalId]);
      if (clash?.what === "member") throw conflict("nationalId", "duplicate", bilingual(`đã có đảng viên mang số định danh này (mã số ${clash.id})`, `a member with this national ID already exists (id ${clash.id})`));
      if (clash) throw conflict("nationalId", "is_candidate", bilingual(`người này đã được đăng ký là quần chúng ưu tú (mã số ${clash.id}): hãy kết nạp bằng admissions.admit`, `this person is registered as an admission candidate (id ${clash.id}): admit them with admissions.admit`));
      if (input.partyCardNumber !== undefined) {
        const card = input.partyCardNumber;
        const [holder, issued] = await Promise.all([
          tx.member.findFirst({ where: { partyCardNumber: card }, select: { id: true } }),
          tx.partyCard.findFirst({ where: { number: card }, select: { id: true } }),
        ]);
        if (holder || issued) throw conflict("partyCardNumber", "duplicate", bilingual("số thẻ đảng viên này đã thuộc về một đảng viên khác", "this party card number is already used by another member"));
      }

      const created = await tx.member.create({
        data: {
          ...personRecord(input, org),
          status: input.status,
          admittedOn: toDbDate(input.admittedOn),
          officialOn: input.officialOn === undefined ? null : toDbDate(input.officialOn),
          partyCardNumber: input.partyCardNumber ?? null,
          hometown: input.hometown ?? null,
          occupation: input.occupation ?? null,
          education: input.education ?? null,
          nameSortKey: vietnameseNameSortKey(input.fullName),
          periods: { create: { orgId: org.id, orgPath: org.path, startedOn: toDbDate(joinedOn), startReason: input.arrival ? "transfer_in" : "import" } },
          ...(input.status === "probationary"
            ? { admission: { create: { orgId: org.id, orgPath: org.path, admittedOn: toDbDate(input.admittedOn), probationEndsOn: toDbDate(probationEndDate(input.admittedOn)) } } }
            : {}),
          ...(input.arrival
            ? {
                transfers: {
                  create: {
                    kind: "official",
                    status: "received",
                    toOrgId: org.id,
                    toOrgPath: org.path,
                    // Where the member came from and the letter's number (#10 finding 4: accepted, once dropped).
                    fromDescription: input.arrival.fromDescription,
                    letterNumber: input.arrival.letterNumber ?? null,
                    requestedOn: toDbDate(input.arrival.receivedOn),
                    issuedOn: toDbDate(input.arrival.receivedOn),
                    receivedOn: toDbDate(input.arrival.receivedOn),
                  },
                },
              }
            : {}),
        },
        include: MEMBER_WITH_ORG,
      });
      const member = memberViewOf(created);
      await recordCallerChange(tx, ctx, {
        entity: "Member",
        entityId: created.id,
        orgPath: org.path,
        after: { ...member, arrival: input.arrival ?? null },
        events: [membershipEvent("membership.member.created", org.path, created.id, { memberId: created.id, status: member.status, admittedOn: member.admittedOn, joinedOn })],
      });
      return member;
    }),
  ));
