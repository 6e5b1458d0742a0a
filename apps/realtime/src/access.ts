// Which sockets may receive which service's events: the one authorization decision of issue #9. Each
// service's stream-read rule lives in its contract package; the service's own policy uses that row for
// `<service>.events.read`, and the gateway registers the same row under the same action and asks
// `decide` (packages/auth) for every socket. A service without a row here delivers to no one (default
// deny), and config.ts refuses to consume it.
import { decide, definePolicy, type Principal } from "@orgboard/auth";
import { conferenceStreamReaders } from "@orgboard/contract-conference";
import { inspectionFiguresNotice, inspectionFiguresReaders, inspectionStreamReaders } from "@orgboard/contract-inspection";
import { membershipFiguresNotice, membershipFiguresReaders, membershipStreamReaders } from "@orgboard/contract-membership";
import { personnelFiguresNotice, personnelFiguresReaders, personnelStreamReaders } from "@orgboard/contract-personnel";
import { restructuringStreamReaders } from "@orgboard/contract-restructuring";
import { INSPECTION_FIGURES_CHANGED, MEMBERSHIP_ANCESTOR_MARKED, MEMBERSHIP_FIGURES_CHANGED, PERSONNEL_FIGURES_CHANGED } from "@orgboard/contract-realtime";
import type { AccessRule } from "@orgboard/contracts";
import { ancestorPaths } from "./paths.js";

export interface StreamAccess {
  /** The service's `<service>.events.read` row: who receives its events. */
  readers: AccessRule;
  /**
   * A content-free notice for those who may read the service's figures but not its events: they get an
   * `event` of type `type` for their organization instead of each event.
   */
  notice?: {
    /** The service's action for reading its figures (the same row as in its policy). */
    action: string;
    readers: AccessRule;
    type: string;
    /** The notice for one event, or null when the event changes no figure. */
    derive(event: { type: string; orgPath: string }): { orgPath: string } | null;
  };
  /**
   * An event that also concerns the units BELOW its organization (a restructuring mark: it applies to the whole
   * subtree), told content-free to the sockets that receive the service's events or its notices at a path
   * strictly below the event's and nothing at the event's own: `derive` answers the payload (`orgPath` = the
   * event's), or null.
   */
  inherited?: {
    type: string;
    derive: (event: { type: string; orgPath: string; payload?: unknown }) => { orgPath: string; [field: string]: unknown } | null;
  };
}

export type StreamAccessTable = Readonly<Record<string, StreamAccess>>;

/** The services whose streams realtime may consume, each with its contract's rows. */
export const STREAM_ACCESS: StreamAccessTable = {
  membership: {
    readers: membershipStreamReaders,
    // Viewers, inspection committees and personnel officers: the KPI panels and their "đang sắp xếp" (contract-realtime 1.4).
    notice: { action: "membership.kpi.read", readers: membershipFiguresReaders, type: MEMBERSHIP_FIGURES_CHANGED, derive: membershipFiguresNotice },
    // A province committee's "đang sắp xếp" covers its districts and communes: their boards hear of it (contract-realtime 1.3).
    inherited: {
      type: MEMBERSHIP_ANCESTOR_MARKED,
      derive: (e) =>
        e.type === "membership.organization.marked" ? { orgPath: e.orgPath, moving: (e.payload as { moving?: unknown } | null)?.moving === true } : null,
    },
  },
  conference: { readers: conferenceStreamReaders },
  inspection: {
    readers: inspectionStreamReaders,
    notice: { action: "inspection.reports.read", readers: inspectionFiguresReaders, type: INSPECTION_FIGURES_CHANGED, derive: inspectionFiguresNotice },
  },
  personnel: {
    readers: personnelStreamReaders,
    notice: { action: "personnel.reports.read", readers: personnelFiguresReaders, type: PERSONNEL_FIGURES_CHANGED, derive: personnelFiguresNotice },
  },
  // Runs' progress (counts, codes, step names; no person): the boards refresh the progress screen on it.
  restructuring: { readers: restructuringStreamReaders },
};

export const streamReadAction = (service: string): string => `${service}.events.read`;

/**
 * Registers every row in the process's policy table (identical rows from a service's policy are no-ops).
 * Rows must be scoped: rooms are per org path, and an unscoped stream would be the whole country.
 */
export function registerStreamPolicies(table: StreamAccessTable): void {
  for (const [service, access] of Object.entries(table)) {
    if (!access.readers.scoped || (access.notice && !access.notice.readers.scoped)) {
      throw new Error(`realtime: the stream-read rules of "${service}" must be scoped`);
    }
    definePolicy({ [streamReadAction(service)]: access.readers });
    if (access.notice) definePolicy({ [access.notice.action]: access.notice.readers });
  }
}

/**
 * What a socket receives from one service: `events` (the service's events) or `notice` (only the derived
 * notices), at each of these paths and below.
 */
export interface Grant {
  service: string;
  /** `inherited`: only the derived notices of events AT these paths (strict ancestors of the socket's other paths). */
  kind: "events" | "notice" | "inherited";
  paths: string[];
}

/**
 * The grants of a principal, path by path, by the policy decision itself: at `p` (one of its org paths)
 * it receives the service's events when `decide(principal, "<service>.events.read", { orgPath: p })`
 * allows it, else the notices when the notice rule allows it, else nothing. Scope is a prefix test, so
 * an event at `x` inside `p` is allowed exactly when it is allowed at `p`: the gateway sends each event
 * to the rooms of its path's ancestors (rooms.ts) and reaches exactly the sockets `decide` admits for it.
 */
export function grantsOf(principal: Principal, table: StreamAccessTable): Grant[] {
  const out: Grant[] = [];
  for (const [service, access] of Object.entries(table)) {
    const events: string[] = [];
    const notice: string[] = [];
    for (const p of principal.orgPaths) {
      if (decide(principal, streamReadAction(service), { orgPath: p }).allowed) events.push(p);
      else if (access.notice && decide(principal, access.notice.action, { orgPath: p }).allowed) notice.push(p);
    }
    if (events.length > 0) out.push({ service, kind: "events", paths: events });
    if (notice.length > 0) out.push({ service, kind: "notice", paths: notice });
    const heard = [...events, ...notice];
    if (access.inherited && heard.length > 0) {
      // The strict ancestors of the paths it hears of, except those under one of them (there it gets the event or its notice).
      const above = new Set(heard.flatMap((p) => ancestorPaths(p).slice(0, -1)));
      const paths = [...above].filter((a) => !heard.some((p) => a.startsWith(p))).sort();
      if (paths.length > 0) out.push({ service, kind: "inherited", paths });
    }
  }
  return out;
}
