// The inspection service's rows of the one policy table (0001), the strictest in the product
// (docs/inspection.md, "Privacy"): case details only for the inspection committee whose scope covers
// the subject's organization; the boards see counts (the annual report), never a case. Every action is
// scoped; a case outside the caller's scope answers exactly like a case that does not exist.
import { definePolicy, type Role } from "@orgboard/auth";

/** Ủy ban kiểm tra: the only human role that sees or handles cases. */
const INSPECTORS = ["inspection_committee"] as const satisfies readonly Role[];

export const inspectionPolicy = definePolicy({
  /** Programs: create, complete items (the committee's, standing committee's or commission's program). */
  "inspection.programs.manage": { roles: INSPECTORS, scoped: true },
  "inspection.programs.read": { roles: INSPECTORS, scoped: true },
  /** Inspections and supervisions: decide, start, conclude. Scope: the subject's organization. */
  "inspection.cases.manage": { roles: INSPECTORS, scoped: true },
  /** Any read of a case (one, a list, a subject's cases): audited like a write. */
  "inspection.cases.read": { roles: INSPECTORS, scoped: true },
  /** Discipline decisions and appeals. */
  "inspection.discipline.manage": { roles: INSPECTORS, scoped: true },
  /** The annual report of a subtree: counts only, so the boards may read it too. */
  "inspection.reports.read": { roles: ["central_board", "provincial_board", ...INSPECTORS], scoped: true },
  /** The change stream: the realtime gateway and membership (service), the commission, the centre. */
  "inspection.events.read": { roles: ["service", "central_board", ...INSPECTORS], scoped: true },
});

export type InspectionAction = keyof typeof inspectionPolicy;
