// The inspection service's rows of the one policy table (0001), the strictest in the product
// (docs/inspection.md, "Privacy"): case details only for the inspection committee whose scope covers
// the subject's organization; the boards see counts (the annual report), never a case. Every action is
// scoped; a case outside the caller's scope answers exactly like a case that does not exist.
import { definePolicy, type Role } from "@orgboard/auth";
import { inspectionFiguresReaders, inspectionStreamReaders } from "@orgboard/contract-inspection";

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
  /**
   * One subject's cases (cases.listForSubject, audited): the commission, and the personnel service
   * concluding a cadre's political standard (docs/personnel.md). A service token carries `org_paths ["/"]`,
   * so `service` here is personnel's service account only (`azp`); realtime's, conference's,
   * restructuring's, membership's are refused whatever audience they carry (#9, docs/security.md "Audiences").
   */
  "inspection.cases.readForSubject": { roles: [...INSPECTORS, "service"], scoped: true, serviceClients: ["personnel"] },
  /** Discipline decisions and appeals. */
  "inspection.discipline.manage": { roles: INSPECTORS, scoped: true },
  /** Complaints and denunciations: receive, assign inspectors, start, settle. Scope: the subject's organization. */
  "inspection.petitions.manage": { roles: INSPECTORS, scoped: true },
  /** Any read of a petition (audited); its petitioner only for the inspectors assigned to it (docs/security.md). */
  "inspection.petitions.read": { roles: INSPECTORS, scoped: true },
  /** The inter-agency watch list: add, close. Scope: the organization concerned. */
  "inspection.watchList.manage": { roles: INSPECTORS, scoped: true },
  /** Reading the watch list (audited). The boards see its counts in the annual report only. */
  "inspection.watchList.read": { roles: INSPECTORS, scoped: true },
  /**
   * The annual report of a subtree: counts only, so the boards may read it too. The row is the contract's:
   * the realtime gateway gives those it admits (but not the stream) a content-free "figures changed".
   */
  "inspection.reports.read": inspectionFiguresReaders,
  /**
   * The change stream (case details): the realtime gateway and membership (service) and the commission in
   * its scope; the boards, the centre's included, see counts only. The row is the contract's, so the
   * gateway delivers inspection's events to sockets by the very same rule (issue #9).
   */
  "inspection.events.read": inspectionStreamReaders,

  /**
   * Restructuring's scope-key rewrite (inspection.restructuring.rekey, issue #14): restructuring's service
   * account only (its saga), and only with scope "/" (it moves any subtree). Nobody else, no official.
   */
  "inspection.restructuring.rekey": { roles: ["service"], serviceClients: ["restructuring"], scoped: true },
  /** Restructuring's conservation read (counts under paths, records left under closed ones): its service account only, scope "/". */
  "inspection.restructuring.conservation": { roles: ["service"], serviceClients: ["restructuring"], scoped: true },

  /** The audit trail of the scope (audit.search): auditors only, who read no case (docs/security.md "Audit trail"). */
  "inspection.audit.read": { roles: ["auditor"], scoped: true },
});

export type InspectionAction = keyof typeof inspectionPolicy;
