import { inspectionContract } from "@orgboard/contract-inspection";
import { recordCallerChange } from "@orgboard/events";
import { uuidv7 } from "uuidv7";
import { fromDbDateOrNull, toDbDate, todayOf } from "../../app/dates.js";
import { subjectInScope } from "../../app/access.js";
import { assertNotFuture, invalid, notFound } from "../../app/errors.js";
import { petitionView, requireKeys } from "../../app/petitions.js";
import { sealDenouncer } from "../../crypto/denouncer.js";
import { notHandledReason, settlementDueOn } from "../../domain/petitions.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.petitions.receive;

/**
 * Records a complaint or a denunciation about a member or an organization in the caller's scope (the
 * subject is read from membership, like a case's). The domain decides whether it is handled (an anonymous
 * denunciation is not: kept with its reason) and its deadline in working days. The petitioner's identity
 * is sealed before it reaches the database; the audit record and the event never carry it.
 */
export const receivePetitionRoute = procedure("inspection.petitions.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const today = todayOf(ctx);
    assertNotFuture("receivedOn", input.receivedOn, today);
    // The settling body and an organization named by path: refuse outside scope before asking membership anything.
    if (!ctx.can({ orgPath: input.handlerOrgPath })) throw notFound("handlerOrgPath");
    const subject = await subjectInScope(ctx, input.subject, "subject");
    // A body settles petitions about the organizations and members it manages (its subtree).
    if (!subject.orgPath.startsWith(input.handlerOrgPath)) {
      throw invalid("handlerOrgPath", "out_of_competence", "đối tượng không thuộc tổ chức giải quyết đơn", "the subject is not under the settling organization");
    }
    if (input.decisionId !== null) {
      const decision = await ctx.db.disciplineDecision.findUnique({ where: { id: input.decisionId }, select: { subjectOrgPath: true } });
      if (!decision || !ctx.can({ orgPath: decision.subjectOrgPath })) throw notFound("decisionId");
    }
    const reason = notHandledReason({
      kind: input.kind,
      receivedOn: input.receivedOn,
      anonymous: input.anonymous,
      collective: input.intake.collective,
      unspecific: input.intake.unspecific,
      repeatsSettled: input.intake.repeatsSettled,
      hasNewContent: input.intake.hasNewContent,
      onBehalf: input.intake.onBehalf,
      aboutDiscipline: input.intake.notAboutDiscipline === true ? false : true,
      decisionReceivedOn: input.intake.decisionReceivedOn ?? null,
      refusedDecision: input.intake.refusedDecision,
      pendingOrFinalAbove: input.intake.pendingOrFinalAbove,
      sentenced: input.intake.sentenced,
    });
    const dueOn = reason ? null : settlementDueOn(input.kind, input.level, input.receivedOn);
    const id = uuidv7();
    // Sealed under this petition's id: the value opens on this row only.
    const sealed = input.petitioner ? sealDenouncer(requireKeys(ctx.denouncerKeys), id, input.petitioner) : null;
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.petition.create({
        data: {
          id,
          kind: input.kind,
          status: reason ? "not_handled" : "received",
          level: input.level,
          handlerOrgPath: input.handlerOrgPath,
          subjectKind: subject.kind,
          memberId: subject.memberId,
          orgId: subject.orgId,
          subjectName: subject.name,
          subjectOrgPath: subject.orgPath,
          subjectStatus: subject.status,
          receivedOn: toDbDate(input.receivedOn),
          content: input.content,
          anonymous: input.anonymous,
          petitionerSealed: sealed?.sealed ?? null,
          petitionerKeyId: sealed?.kid ?? null,
          intake: input.intake,
          decisionId: input.decisionId,
          notHandledReason: reason?.code ?? null,
          dueOn: dueOn ? toDbDate(dueOn) : null,
          receivedBy: ctx.principal.subject,
        },
        include: { assignments: true },
      });
      await recordCallerChange(
        tx,
        { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action },
        {
          entity: "Petition",
          entityId: id,
          orgPath: subject.orgPath,
          // Never the petitioner nor the content: the audit trail is read more widely than the petition.
          after: { kind: input.kind, status: created.status, handlerOrgPath: input.handlerOrgPath, level: input.level, subjectKind: subject.kind, memberId: subject.memberId, orgId: subject.orgId, receivedOn: input.receivedOn, dueOn, anonymous: input.anonymous, notHandledReason: reason?.code ?? null, petitionerKeyId: sealed?.kid ?? null },
          events: [{ type: "inspection.petition.received", payload: { petitionId: id, kind: input.kind, handled: reason === null, dueOn: fromDbDateOrNull(created.dueOn) } }],
        },
      );
      return created;
    });
    return petitionView(row, { subject: ctx.principal.subject, today }, ctx.denouncerKeys);
  });
