// Rows → the contract's views (one place, so every procedure answers a case the same way).
import type { AppealView, DecisionView, InspectionView, ProgramItemView, ProgramSummary, SubjectView, SupervisionView } from "@orgboard/contract-inspection";
import type { Appeal, DisciplineDecision, Inspection, Program, ProgramItem, Supervision } from "../generated/prisma/client.js";
import { fromDbDate, fromDbDateOrNull } from "./dates.js";
import type { Subject } from "./subjects.js";

type SubjectColumns = Pick<Inspection, "subjectKind" | "memberId" | "orgId" | "subjectName" | "subjectOrgPath">;

export function subjectView(row: SubjectColumns & { subjectStatus: string }): SubjectView {
  return {
    kind: row.subjectKind as SubjectView["kind"],
    memberId: row.memberId,
    orgId: row.orgId,
    name: row.subjectName,
    orgPath: row.subjectOrgPath,
    status: row.subjectStatus,
  };
}

/** How an event names a subject: ids only, never a name (contract-inspection's events.ts). */
export function subjectIds(s: Subject) {
  return { subjectKind: s.kind, memberId: s.memberId, orgId: s.orgId };
}

/** The snapshot columns a case keeps of its subject. */
export function subjectColumns(s: Subject) {
  return { subjectKind: s.kind, memberId: s.memberId, orgId: s.orgId, subjectName: s.name, subjectOrgPath: s.orgPath, subjectStatus: s.status };
}

export function toInspectionView(r: Inspection): InspectionView {
  return {
    id: r.id,
    kind: r.kind as InspectionView["kind"],
    status: r.status as InspectionView["status"],
    conductor: { kind: r.conductorKind as InspectionView["conductor"]["kind"], orgPath: r.conductorOrgPath },
    subject: subjectView(r),
    decisionNumber: r.decisionNumber,
    decidedOn: fromDbDate(r.decidedOn),
    content: r.content,
    plannedEndOn: fromDbDateOrNull(r.plannedEndOn),
    startedOn: fromDbDateOrNull(r.startedOn),
    concludedOn: fromDbDateOrNull(r.concludedOn),
    violation: r.violation,
    degree: r.degree as InspectionView["degree"],
    disciplineProposed: r.disciplineProposed as InspectionView["disciplineProposed"],
    findings: r.findings,
    supervisionId: r.supervisionId,
    programItemId: r.programItemId,
    createdAt: r.createdAt.toISOString(),
  };
}

export function toSupervisionView(r: Supervision, inspectionId: string | null): SupervisionView {
  return {
    id: r.id,
    kind: r.kind as SupervisionView["kind"],
    status: r.status as SupervisionView["status"],
    conductor: { kind: r.conductorKind as SupervisionView["conductor"]["kind"], orgPath: r.conductorOrgPath },
    subject: subjectView(r),
    decisionNumber: r.decisionNumber,
    decidedOn: fromDbDate(r.decidedOn),
    content: r.content,
    concludedOn: fromDbDateOrNull(r.concludedOn),
    signsOfViolation: r.signsOfViolation,
    findings: r.findings,
    inspectionId,
    programItemId: r.programItemId,
    createdAt: r.createdAt.toISOString(),
  };
}

export function toAppealView(a: Appeal): AppealView {
  return {
    id: a.id,
    decisionId: a.decisionId,
    lodgedOn: fromDbDate(a.lodgedOn),
    lodgeDeadlineOn: fromDbDate(a.lodgeDeadlineOn),
    decideDeadlineOn: fromDbDate(a.decideDeadlineOn),
    content: a.content,
    decidedOn: fromDbDateOrNull(a.decidedOn),
    outcome: a.outcome as AppealView["outcome"],
    newForm: a.newForm as AppealView["newForm"],
    decidedByOrgPath: a.decidedByOrgPath,
    decisionNumber: a.decisionNumber,
  };
}

export function toDecisionView(d: DisciplineDecision & { appeals: Appeal[] }): DecisionView {
  return {
    id: d.id,
    subject: subjectView(d),
    form: d.form as DecisionView["form"],
    decisionNumber: d.decisionNumber,
    decidedOn: fromDbDate(d.decidedOn),
    effectiveOn: fromDbDate(d.effectiveOn),
    degree: d.degree as DecisionView["degree"],
    violatedOn: fromDbDate(d.violatedOn),
    announcedOn: fromDbDateOrNull(d.announcedOn),
    decidedBy: { kind: d.decidedByKind as DecisionView["decidedBy"]["kind"], orgPath: d.decidedByOrgPath },
    reason: d.reason,
    inspectionId: d.inspectionId,
    status: d.status as DecisionView["status"],
    effect: { status: d.effectStatus as DecisionView["effect"]["status"], reason: d.effectReason, message: d.effectMessage, updatedAt: d.effectUpdatedAt?.toISOString() ?? null },
    appeals: [...d.appeals].sort((a, b) => a.id.localeCompare(b.id)).map(toAppealView),
    createdAt: d.createdAt.toISOString(),
  };
}

export function toProgramItemView(i: ProgramItem): ProgramItemView {
  return {
    id: i.id,
    position: i.position,
    subject: subjectView(i),
    content: i.content,
    quarter: i.quarter,
    completedOn: fromDbDateOrNull(i.completedOn),
  };
}

export function toProgramSummary(p: Program, counts: { itemCount: number; completedCount: number }): ProgramSummary {
  return {
    id: p.id,
    year: p.year,
    owner: { kind: p.ownerKind as ProgramSummary["owner"]["kind"], orgPath: p.ownerOrgPath, orgName: p.ownerOrgName },
    title: p.title,
    ...counts,
    createdAt: p.createdAt.toISOString(),
  };
}
