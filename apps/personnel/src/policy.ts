// The personnel service's rows of the one policy table (0001): cadre files only for personnel officers
// (ban tổ chức) whose scope covers the cadre's organization; the boards see counts (planning coverage),
// never a file. Every action is scoped; a record outside the caller's scope answers like one that does
// not exist.
import { definePolicy, type Role } from "@orgboard/auth";
import { personnelFiguresReaders, personnelStreamReaders } from "@orgboard/contract-personnel";

const OFFICERS = ["personnel_officer"] as const satisfies readonly Role[];

export const personnelPolicy = definePolicy({
  /** Cadre files, posts, appointments, planning pools, votes, conclusions. */
  "personnel.cadres.manage": { roles: OFFICERS, scoped: true },
  /** Any read of a cadre file (one, or in a list): audited like a write. */
  "personnel.cadres.read": { roles: OFFICERS, scoped: true },
  /** Posts and their holders' titles (no file): the officers. */
  "personnel.posts.read": { roles: OFFICERS, scoped: true },
  /** Consumed events that could not be applied, and their resolution. */
  "personnel.effects.manage": { roles: OFFICERS, scoped: true },
  /** Planning coverage and structure ratios: counts only, the boards too. */
  "personnel.reports.read": personnelFiguresReaders,
  "personnel.events.read": personnelStreamReaders,
  /** (#13 congress) Congresses, their planned structure, candidate lists and results: the officers. */
  "personnel.congress.manage": { roles: OFFICERS, scoped: true },
  /** (#13 congress) The congresses of a subtree with their candidate lists (cadre ids, no file): the officers. */
  "personnel.congress.read": { roles: OFFICERS, scoped: true },
  /**
   * Restructuring's scope-key rewrite (personnel.restructuring.rekey, issue #14): restructuring's service
   * account only (its saga), and only with scope "/" (it moves any subtree). Nobody else, no official.
   */
  "personnel.restructuring.rekey": { roles: ["service"], serviceClients: ["restructuring"], scoped: true },
  /** The committee posts restructuring's preview counts (personnel.restructuring.posts, #14): its service account only, scope "/". */
  "personnel.restructuring.posts": { roles: ["service"], serviceClients: ["restructuring"], scoped: true },
  /** Restructuring's conservation read (counts under paths, records left under closed ones): its service account only, scope "/". */
  "personnel.restructuring.conservation": { roles: ["service"], serviceClients: ["restructuring"], scoped: true },
});

export type PersonnelAction = keyof typeof personnelPolicy;
