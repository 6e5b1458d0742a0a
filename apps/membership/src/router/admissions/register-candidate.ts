import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDate, toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import { checkCandidateRegistration } from "../../domain/admission.js";
import type { OrgKind } from "../../domain/enums.js";
import { isCellKind } from "../../domain/org-tree.js";
import { conflict, invalid, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { findOrg } from "../records.js";
import { ForeignNationalId, refusingForeignNationalIds } from "../members/national-id.js";
import { personRecord, personViolations } from "../members/person.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

/** Registers a person the cell prepares for admission (quần chúng ưu tú), with the Party course certificate. */
export const registerCandidateRoute = procedure("membership.admissions.manage", { resource: "orgPath" })
  .input(c.admissions.registerCandidate.input)
  .output(c.admissions.registerCandidate.output)
  .mutation(({ ctx, input }) =>
    refusingForeignNationalIds(ctx, input.orgPath, () =>
      ctx.prisma.$transaction(async (tx) => {
        const today = ctx.today();
        // Rules at the date of the act (registeredOn, default today): today only bounds the future.
        const registeredOn = input.registeredOn ?? today;
        const rule = checkCandidateRegistration({ birthDate: input.birthDate, courseCompletedOn: input.courseCompletedOn, registeredOn, today });
        throwIf([...personViolations(input, today), ...(rule.ok ? [] : rule.violations)]);
        const validUntil = rule.ok ? rule.value.courseValidUntil : "";
        const org = await findOrg(tx, input.orgPath, "orgPath", true);
        if (!isCellKind(org.kind as OrgKind)) throw invalid("orgPath", "not_a_cell", bilingual(`việc kết nạp do chi bộ chuẩn bị; ${org.path} là ${org.kind}`, `admissions are prepared by a cell (chi bộ); ${org.path} is a ${org.kind}`));
        // The cell must have been open on the date of the act, not necessarily today.
        const closedOn = org.closedOn ? fromDbDate(org.closedOn) : null;
        const openedOn = fromDbDate(org.openedOn);
        if (closedOn && closedOn <= registeredOn) throw conflict("orgPath", "closed", bilingual(`chi bộ đã giải thể ngày ${closedOn}`, `the cell closed on ${closedOn}`));
        if (openedOn > registeredOn) throw conflict("orgPath", "not_yet_open", bilingual(`chi bộ thành lập ngày ${openedOn}, sau ngày ${registeredOn}`, `the cell was founded on ${openedOn}, after ${registeredOn}`));
        // National uniqueness (any candidate record, admitted or not), told only inside the caller's scope (national-id.ts).
        const [member, candidate] = await Promise.all([
          tx.member.findUnique({ where: { nationalId: input.nationalId }, select: { id: true, orgPath: true } }),
          tx.admissionCandidate.findUnique({ where: { nationalId: input.nationalId }, select: { id: true, orgPath: true } }),
        ]);
        const dup = member ? { what: "member", ...member } : candidate ? { what: "candidate", ...candidate } : null;
        if (dup && !ctx.can({ orgPath: dup.orgPath })) throw new ForeignNationalId("nationalId", [input.nationalId]);
        if (dup) throw conflict("nationalId", "duplicate", dup.what === "member"
            ? bilingual(`người này đã là đảng viên (mã số ${dup.id})`, `this person is already a party member (id ${dup.id})`)
            : bilingual(`người này đã được đăng ký là quần chúng ưu tú (mã số ${dup.id})`, `this person is already registered as a candidate (id ${dup.id})`));
        const row = await tx.admissionCandidate.create({
          data: {
            ...personRecord(input, org),
            courseCompletedOn: toDbDate(input.courseCompletedOn),
            courseCertificateNo: input.courseCertificateNo,
          },
        });
        const view = {
          id: row.id,
          fullName: row.fullName,
          birthDate: input.birthDate,
          gender: input.gender,
          orgPath: org.path,
          courseCompletedOn: input.courseCompletedOn,
          courseCertificateNo: input.courseCertificateNo,
          courseValidUntil: validUntil,
          status: "candidate",
        };
        await recordCallerChange(tx, ctx, {
          entity: "AdmissionCandidate",
          entityId: row.id,
          orgPath: org.path,
          after: { ...view, nationalId: input.nationalId, ethnicity: input.ethnicity },
          events: [membershipEvent("membership.candidate.registered", org.path, row.id, { candidateId: row.id })],
        });
        return view;
      }),
    ),
  );
