// The membership service's rows of the one policy table (0001). Every action is scoped: the record's
// organization path (or the org path named in the input) must lie inside one of the caller's org_paths;
// list queries are confined to those paths. The matrix of procedures × roles × scopes this yields is in
// docs/security.md ("Membership service") and is checked over HTTP by test/api/matrix.test.ts.
import { definePolicy, type Role } from "@orgboard/auth";
import { membershipFiguresReaders, membershipStreamReaders } from "@orgboard/contract-membership";

/** Officials who may read party records inside their org_paths. */
const READERS = ["central_board", "provincial_board", "inspection_committee", "personnel_officer", "viewer"] as const satisfies readonly Role[];
/** The organization boards (ban tổ chức) who keep the records. */
const BOARDS = ["central_board", "provincial_board"] as const satisfies readonly Role[];

export const membershipPolicy = definePolicy({
  /** Organizations: one, children, subtree lists, structure counts. Services read the tree too. */
  "membership.organizations.read": { roles: [...READERS, "service"], scoped: true },
  /** Create (under the parent named), rename, close organizations. */
  "membership.organizations.manage": { roles: BOARDS, scoped: true },
  /** Bulk import of organizations (every imported organization must fall inside the scope). */
  "membership.organizations.import": { roles: BOARDS, scoped: true },
  /** Export of the organization tree of a subtree (CSV/XLSX). */
  "membership.organizations.export": { roles: BOARDS, scoped: true },

  /**
   * Member records: one member, lists/search, history. Personal data; of the service accounts only
   * inspection (a case's subject, read on demand: docs/decisions/0008-inspection-subjects.md) and personnel
   * (a member's standing for a political-standard conclusion an officer asked for: docs/personnel.md) need
   * it. So `service` here is those two service accounts only (`azp`), whatever audience another service's
   * token carries (#9).
   */
  "membership.members.read": { roles: [...READERS, "service"], scoped: true, serviceClients: ["inspection", "personnel"] },
  /** Record an existing member, correct personal data. */
  "membership.members.manage": { roles: BOARDS, scoped: true },
  "membership.members.import": { roles: BOARDS, scoped: true },
  "membership.members.export": { roles: BOARDS, scoped: true },

  /** Probation lists (overdue recognitions). */
  "membership.admissions.read": { roles: READERS, scoped: true },
  /** Register a candidate, admit, decide the end of probation. */
  "membership.admissions.manage": { roles: BOARDS, scoped: true },

  /** Issue a party card. */
  "membership.cards.issue": { roles: BOARDS, scoped: true },

  /** Transfers into or out of the caller's organizations. */
  "membership.transfers.read": { roles: READERS, scoped: true },
  /** Request (sending side), complete (receiving side), cancel (sending side). */
  "membership.transfers.manage": { roles: BOARDS, scoped: true },

  /** Members due a party-age badge. */
  "membership.badges.read": { roles: READERS, scoped: true },
  "membership.badges.propose": { roles: BOARDS, scoped: true },
  /** Provincial standing committees decide badge awards by delegation of the Politburo. */
  "membership.badges.award": { roles: BOARDS, scoped: true },

  /** Expulsion, striking off, allowing to leave: the inspection committee records disciplinary outcomes too. */
  "membership.removals.record": { roles: [...BOARDS, "inspection_committee"], scoped: true },
  /** A member's death. */
  "membership.deaths.record": { roles: BOARDS, scoped: true },

  "membership.ratings.read": { roles: READERS, scoped: true },
  /** Record the self-assessment of a member or an organization. */
  "membership.ratings.assess": { roles: BOARDS, scoped: true },
  /** Appraisal and proposal: the inspection committee takes part. */
  "membership.ratings.appraise": { roles: [...BOARDS, "inspection_committee"], scoped: true },
  /** The decision: locks the rating; checks the excellent cap. */
  "membership.ratings.approve": { roles: BOARDS, scoped: true },

  /** Admissions plan of an organization for a year. */
  "membership.targets.set": { roles: BOARDS, scoped: true },

  /**
   * Close a year's annual report of a subtree (khóa sổ): its figures are then frozen as published. The
   * boards, because the annual report is the organization board's (ban tổ chức) report to its committee:
   * the officials who keep the records and set the plan answer for the figures they publish. Scoped: a
   * provincial board closes its province's subtree, only the central board the whole country. Not the
   * inspection committee or personnel officers (they read the report, they do not publish it), nor services.
   */
  "membership.reports.close": { roles: BOARDS, scoped: true },

  /**
   * KPI summary (dashboard) and the annual report of a subtree: the officials who read membership and services.
   * The contract's row, so the gateway sends its figures notice by the very same rule.
   */
  "membership.kpi.read": membershipFiguresReaders,

  /**
   * The change stream: the realtime gateway (service) and the boards. Events carry no personal data. The
   * row is the contract's, so the gateway delivers membership's events by the very same rule.
   */
  "membership.events.read": membershipStreamReaders,

  /**
   * The restructuring saga (docs/restructuring.md): the organization tree with direct member counts and the
   * conservation counts (read), and its idempotent steps that create, move and close organizations
   * (execute). Restructuring's service account only (`azp` restructuring), like members.read names
   * inspection's and personnel's; no official: officials change the tree through orgs.* one by one.
   */
  "membership.restructuring.read": { roles: ["service"], scoped: true, serviceClients: ["restructuring"] },
  "membership.restructuring.execute": { roles: ["service"], scoped: true, serviceClients: ["restructuring"] },

  /** The audit trail of the scope (audit.search): auditors only, who read nothing else (docs/security.md "Audit trail"). */
  "membership.audit.read": { roles: ["auditor"], scoped: true },
});

export type MembershipAction = keyof typeof membershipPolicy;
