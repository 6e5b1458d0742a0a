import {
  CONDUCTOR_KINDS,
  INSPECTION_KINDS,
  MEMBER_DISCIPLINE_FORMS,
  ORG_DISCIPLINE_FORMS,
  SUPERVISION_KINDS,
  type AnnualReport,
  type SubjectCounts,
} from "@orgboard/contract-inspection";
import { figuresRefresh, type EventEnvelope, type Watermarks } from "./envelope.js";

export { figuresRefresh };

/** `inspection.report.annual` as the contract defines it (@orgboard/contract-inspection). */
export type InspectionReport = AnnualReport;

/** The inspection panel's reload rule: figuresRefresh for inspection's events and notices. */
export const inspectionRefresh = (marks: Watermarks, orgPath: string, events: readonly EventEnvelope[]) => figuresRefresh("inspection", marks, orgPath, events);

export interface SubjectRow {
  key: string;
  organizations: number;
  members: number;
}

/** Rows in the contract's order (every kind shown, zeros included), so the tables read the same each year. */
export function subjectRows<K extends string>(order: readonly K[], counts: Partial<Record<K, SubjectCounts>>): SubjectRow[] {
  return order.map((key) => ({ key, organizations: counts[key]?.organizations ?? 0, members: counts[key]?.members ?? 0 }));
}

export function inspectionRows(r: InspectionReport) {
  return {
    inspectionsByKind: subjectRows(INSPECTION_KINDS, r.inspections.byKind),
    inspectionsByConductor: subjectRows(CONDUCTOR_KINDS, r.inspections.byConductor),
    supervisionsByKind: subjectRows(SUPERVISION_KINDS, r.supervisions.byKind),
    supervisionsByConductor: subjectRows(CONDUCTOR_KINDS, r.supervisions.byConductor),
    memberDiscipline: MEMBER_DISCIPLINE_FORMS.map((form) => ({ form, count: r.discipline.members.byForm[form] ?? 0 })),
    orgDiscipline: ORG_DISCIPLINE_FORMS.map((form) => ({ form, count: r.discipline.organizations.byForm[form] ?? 0 })),
  };
}

/** Program completion in whole percent, or null when the year has no planned item. */
export function programPercent(p: InspectionReport["program"]): number | null {
  if (p.items <= 0) return null;
  return p.percent ?? Math.round((p.completed / p.items) * 100);
}

/** The years offered: this one and the five before it (the seed and the reports go back five years). */
export function reportYears(currentYear: number, count = 6): number[] {
  return Array.from({ length: count }, (_, i) => currentYear - i);
}
