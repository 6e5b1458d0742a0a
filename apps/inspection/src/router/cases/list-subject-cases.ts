import { inspectionContract } from "@orgboard/contract-inspection";
import { scopeWhere } from "../../app/access.js";
import { recordReads } from "../../app/audit.js";
import { inspectionIdsOf } from "../../app/supervisions.js";
import { toDecisionView, toInspectionView, toSupervisionView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.cases.listForSubject;

/** At most this many cases of each kind per subject (a member's whole record fits many times over). */
const LIMIT = 500;

/**
 * Every case about one member or organization whose subject organization (when the case was opened) lies
 * in the caller's scope, newest first. Read from inspection's own rows, so a member who moved keeps the
 * cases opened in the caller's scope, and a subject with none (or outside the scope) gives empty lists.
 * Every case returned is audited. The personnel service reads it with its service token.
 */
export const listSubjectCasesRoute = procedure("inspection.cases.readForSubject")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.subject.kind === "organization" ? input.subject.orgPath : undefined);
    if (prefixes.length === 0) return { inspections: [], supervisions: [], decisions: [] };
    const who = input.subject.kind === "member" ? { subjectKind: "member", memberId: input.subject.memberId } : { subjectKind: "organization", subjectOrgPath: input.subject.orgPath };
    return ctx.db.$transaction(async (tx) => {
      const [inspections, supervisions, decisions] = await Promise.all([
        tx.inspection.findMany({ where: { ...where, ...who }, orderBy: { id: "desc" }, take: LIMIT }),
        tx.supervision.findMany({ where: { ...where, ...who }, orderBy: { id: "desc" }, take: LIMIT }),
        tx.disciplineDecision.findMany({ where: { ...where, ...who }, orderBy: { id: "desc" }, take: LIMIT, include: { appeals: true } }),
      ]);
      await recordReads(tx, ctx, "Inspection", inspections, "subject");
      await recordReads(tx, ctx, "Supervision", supervisions, "subject");
      await recordReads(tx, ctx, "DisciplineDecision", decisions, "subject");
      const links = await inspectionIdsOf(tx, supervisions.map((s) => s.id));
      return {
        inspections: inspections.map(toInspectionView),
        supervisions: supervisions.map((s) => toSupervisionView(s, links.get(s.id) ?? null)),
        decisions: decisions.map(toDecisionView),
      };
    });
  });
