import { inspectionContract } from "@orgboard/contract-inspection";
import { caseInScope, subjectInScope } from "../../app/access.js";
import { checkConductor } from "../../app/conductor.js";
import { todayOf, toDbDate } from "../../app/dates.js";
import { competenceSubject, decidingBody, initialEffectStatus, isActiveSubject, subjectProfile } from "../../app/discipline.js";
import { assertNotFuture, invalid } from "../../app/errors.js";
import { inspectionEvent, recordCallerChange } from "../../app/record.js";
import { subjectColumns, subjectIds, toDecisionView } from "../../app/views.js";
import { assertCompetent, barredUntil, checkLimitation, conflict, effectiveOn, formsForSubjectKind, isFormAllowed, throwIfViolations } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.discipline.decide;

/**
 * A discipline decision against a member or an organization, checked by the domain's rules (form for the
 * subject, competence of the deciding body, statute of limitations, the day it takes effect). It is
 * published on the stream as `inspection.discipline.effective` in the same transaction; forms another
 * service applies (expulsion, dissolution, dismissal) start with effect status "pending".
 */
export const decideDisciplineRoute = procedure("inspection.discipline.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const subject = await subjectInScope(ctx, input.subject, "subject");
    checkConductor(ctx, input.decidedBy.orgPath, subject.orgPath, "decidedBy.orgPath");
    // The deciding body's organization (its kind tells a grassroots commission); the Centre is not one.
    const body = input.decidedBy.orgPath === "/" ? null : await subjectInScope(ctx, { kind: "organization", orgPath: input.decidedBy.orgPath }, "decidedBy.orgPath");

    if (!formsForSubjectKind(subject.kind).includes(input.form)) {
      throw invalid("form", "form_not_for_subject", `Hình thức "${input.form}" không áp dụng cho ${subject.kind === "member" ? "đảng viên" : "tổ chức đảng"}`, `Form "${input.form}" does not apply to ${subject.kind === "member" ? "a member" : "an organization"}`);
    }
    if (!isActiveSubject(subject)) {
      throw invalid("subject", "subject_not_active", "Đối tượng không còn sinh hoạt đảng / tổ chức đã giải thể", "The member is no longer in the party, or the organization is closed");
    }
    if (!isFormAllowed(subjectProfile(subject, input.memberRoles), input.form)) {
      throw invalid("form", "form_not_allowed", `Hình thức "${input.form}" không áp dụng cho đối tượng này (đảng viên dự bị, hoặc không giữ chức vụ)`, `Form "${input.form}" does not apply to this subject (a probationary member, or one holding no post)`);
    }
    assertCompetent(decidingBody(input.decidedBy, body?.orgKind ?? null), competenceSubject(subject, input.memberRoles), input.form, { upperLevelTask: input.upperLevelTask ?? false });

    const today = todayOf(ctx);
    assertNotFuture("decidedOn", input.decidedOn, today);
    throwIfViolations(
      checkLimitation({ subjectKind: subject.kind, degree: input.degree, violatedOn: input.violatedOn, concludedOn: input.decidedOn, exemption: input.limitationExemption ?? null }).map((v) => ({
        ...v,
        field: v.field === "concludedOn" ? "decidedOn" : v.field,
      })),
    );
    if (input.decidedBy.kind !== "cell" && input.announcedOn === undefined) {
      throw invalid("announcedOn", "announcement_required", "Quyết định có hiệu lực từ ngày công bố: nhập ngày công bố", "The decision takes effect when announced: give the announcement's date");
    }
    if (input.announcedOn !== undefined && (input.announcedOn < input.decidedOn || input.announcedOn > today)) {
      throw invalid("announcedOn", "announcement_date", "Ngày công bố phải từ ngày quyết định đến hôm nay", "The announcement must fall between the decision and today");
    }
    const effective = effectiveOn({ body: input.decidedBy.kind, decidedOn: input.decidedOn, announcedOn: input.announcedOn ?? null })!;

    return ctx.db.$transaction(async (tx) => {
      if (input.inspectionId !== undefined) {
        const inspection = caseInScope(ctx, await tx.inspection.findUnique({ where: { id: input.inspectionId } }), "inspectionId");
        if (inspection.subjectKind !== subject.kind || inspection.memberId !== subject.memberId || inspection.orgId !== subject.orgId || inspection.status !== "concluded" || inspection.violation !== true) {
          throw invalid("inspectionId", "inspection_mismatch", "Cuộc kiểm tra này không kết luận vi phạm của đối tượng này", "This inspection did not conclude a violation by this subject");
        }
      }
      const clash = await tx.disciplineDecision.findUnique({ where: { decidedByOrgPath_decisionNumber: { decidedByOrgPath: input.decidedBy.orgPath, decisionNumber: input.decisionNumber } }, select: { id: true } });
      if (clash) throw conflict("decision_number_taken", "Số quyết định này đã được dùng", "This decision number is already used by the body", "decisionNumber");
      const row = await tx.disciplineDecision.create({
        data: {
          ...subjectColumns(subject),
          form: input.form,
          decisionNumber: input.decisionNumber,
          decidedOn: toDbDate(input.decidedOn),
          announcedOn: input.announcedOn ? toDbDate(input.announcedOn) : null,
          effectiveOn: toDbDate(effective),
          degree: input.degree,
          violatedOn: toDbDate(input.violatedOn),
          limitationExemption: input.limitationExemption ?? null,
          decidedByKind: input.decidedBy.kind,
          decidedByOrgPath: input.decidedBy.orgPath,
          reason: input.reason,
          inspectionId: input.inspectionId ?? null,
          effectStatus: initialEffectStatus(input.form),
          createdBy: ctx.principal.subject,
        },
        include: { appeals: true },
      });
      const view = toDecisionView(row);
      await recordCallerChange(tx, ctx, {
        entity: "DisciplineDecision",
        entityId: row.id,
        orgPath: row.subjectOrgPath,
        after: { ...view, appeals: undefined },
        events: [
          inspectionEvent("inspection.discipline.effective", row.subjectOrgPath, row.id, {
            decisionId: row.id,
            ...subjectIds(subject),
            form: input.form,
            decisionNumber: input.decisionNumber,
            decidedOn: input.decidedOn,
            effectiveOn: effective,
            decidedByOrgPath: input.decidedBy.orgPath,
            // The party's bars, by the rules in one place (domain/discipline.ts): personnel applies them.
            bars: { appointment: barredUntil(input.form, effective, "appointment"), nomination: barredUntil(input.form, effective, "nomination"), planning: barredUntil(input.form, effective, "planning") },
          }),
        ],
      });
      return view;
    });
  });
