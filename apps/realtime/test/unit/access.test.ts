import { decide, type Principal, type Role } from "@orgboard/auth";
import { inspectionFiguresReaders, inspectionStreamReaders } from "@orgboard/contract-inspection";
import { membershipFiguresReaders, membershipStreamReaders } from "@orgboard/contract-membership";
import { personnelFiguresReaders, personnelStreamReaders } from "@orgboard/contract-personnel";
import { conferenceStreamReaders } from "@orgboard/contract-conference";
import { restructuringStreamReaders } from "@orgboard/contract-restructuring";
import { ROLES } from "@orgboard/contracts";
import { describe, expect, it } from "vitest";
import { grantsOf, registerStreamPolicies, STREAM_ACCESS, streamReadAction } from "../../src/access.js";
import { eventRooms, inheritedRooms, socketRooms } from "../../src/rooms.js";

registerStreamPolicies(STREAM_ACCESS);

const principal = (roles: Role[], orgPaths: string[]): Principal => ({ subject: "s", kind: roles.includes("service") ? "service" : "user", roles, orgPaths });
const SCOPES = [["/"], ["/01/"], ["/01/01-007/"], ["/02/", "/01/01-007/"], ["/010/"]];
const PATHS = ["/", "/01/", "/01/01-007/", "/01/01-007/x/", "/01/01-008/", "/010/", "/02/02-001/"];

/** Whether the gateway's rooms deliver an event of `service` at `orgPath` (its events, or a notice) to the principal. */
function delivered(p: Principal, service: string, orgPath: string): { events: boolean; notice: boolean } {
  const mine = socketRooms(grantsOf(p, STREAM_ACCESS), ["*"]);
  const e = { type: `${service}.x.happened`, orgPath, aggregateId: "a" };
  return {
    events: eventRooms(service, e).some((r) => mine.has(r)),
    notice: eventRooms(service, { ...e, type: `${service}.figures.changed`, aggregateId: orgPath }, "notice").some((r) => mine.has(r)),
  };
}

describe("a mark above the scope (membership.ancestor.marked, contract-realtime 1.3)", () => {
  const derive = STREAM_ACCESS.membership!.inherited!.derive;

  it("is derived from membership's mark alone, with the path and set-or-lifted only", () => {
    expect(STREAM_ACCESS.membership!.inherited!.type).toBe("membership.ancestor.marked");
    const payload = { orgId: "12", orgCode: "02", orgPath: "/02/", moving: true, idempotencyKey: "k", effectiveOn: "2025-07-01" };
    expect(derive({ type: "membership.organization.marked", orgPath: "/02/", payload })).toEqual({ orgPath: "/02/", moving: true });
    expect(derive({ type: "membership.organization.marked", orgPath: "/02/", payload: { ...payload, moving: false } })).toEqual({ orgPath: "/02/", moving: false });
    expect(derive({ type: "membership.organizations.restructured", orgPath: "/", payload: {} })).toBeNull();
    expect(derive({ type: "membership.member.created", orgPath: "/02/", payload: {} })).toBeNull();
  });

  // Every role, every scope shape, every mark path: the notice reaches a socket exactly when it reads membership's
  // events or figures strictly below the mark and neither at the mark itself (there it gets the event or its notice).
  it("reaches exactly the sockets reading membership's events or figures strictly below the marked organization", () => {
    for (const role of ROLES) {
      for (const scope of SCOPES) {
        const p = principal([role], role === "central_board" ? ["/"] : scope);
        const mine = socketRooms(grantsOf(p, STREAM_ACCESS), ["*"]);
        const reads = (path: string) =>
          decide(p, streamReadAction("membership"), { orgPath: path }).allowed || decide(p, "membership.kpi.read", { orgPath: path }).allowed;
        for (const orgPath of PATHS) {
          const rooms = inheritedRooms("membership", { type: "membership.ancestor.marked", orgPath, aggregateId: orgPath });
          const expected = !reads(orgPath) && p.orgPaths.some((own) => own !== orgPath && own.startsWith(orgPath) && reads(own));
          expect(rooms.some((r) => mine.has(r)), `${role} ${scope.join(",")} ${orgPath}`).toBe(expected);
        }
      }
    }
  });

  it("a district's board hears of its province's mark, not of another province's", () => {
    const district = socketRooms(grantsOf(principal(["provincial_board"], ["/01/01-007/"]), STREAM_ACCESS), ["*"]);
    const at = (orgPath: string) => inheritedRooms("membership", { type: "membership.ancestor.marked", orgPath, aggregateId: orgPath }).some((r) => district.has(r));
    expect(at("/01/")).toBe(true);
    expect(at("/02/")).toBe(false);
    expect(at("/01/01-008/")).toBe(false);
    expect(at("/01/01-007/x/")).toBe(false);
  });
});

describe("who receives which service's events", () => {
  it("uses the contract packages' rows, the ones the services' policies use", () => {
    expect(STREAM_ACCESS.membership!.readers).toBe(membershipStreamReaders);
    expect(STREAM_ACCESS.membership!.notice!.readers).toBe(membershipFiguresReaders);
    expect(STREAM_ACCESS.membership!.notice!.action).toBe("membership.kpi.read");
    expect(STREAM_ACCESS.membership!.notice!.type).toBe("membership.figures.changed");
    expect(STREAM_ACCESS.conference!.readers).toBe(conferenceStreamReaders);
    expect(STREAM_ACCESS.inspection!.readers).toBe(inspectionStreamReaders);
    expect(STREAM_ACCESS.inspection!.notice!.readers).toBe(inspectionFiguresReaders);
    expect(STREAM_ACCESS.personnel!.readers).toBe(personnelStreamReaders);
    expect(STREAM_ACCESS.personnel!.notice!.readers).toBe(personnelFiguresReaders);
    expect(STREAM_ACCESS.personnel!.notice!.type).toBe("personnel.figures.changed");
    expect(STREAM_ACCESS.restructuring!.readers).toBe(restructuringStreamReaders);
  });

  // Every role alone, every scope shape, every event path: the rooms deliver an event exactly when the
  // policy decision for that event's path allows it, and a notice exactly when only the figures rule does.
  it("delivers an event exactly when decide() allows reading the stream at the event's path", () => {
    for (const role of ROLES) {
      for (const scope of SCOPES) {
        const p = principal([role], role === "central_board" ? ["/"] : scope);
        for (const service of Object.keys(STREAM_ACCESS)) {
          const notice = STREAM_ACCESS[service]!.notice;
          for (const orgPath of PATHS) {
            const canRead = decide(p, streamReadAction(service), { orgPath }).allowed;
            const canFigures = notice ? decide(p, notice.action, { orgPath }).allowed : false;
            const got = delivered(p, service, orgPath);
            const where = `${role} ${scope.join(",")} ${service} ${orgPath}`;
            expect(got.events, where).toBe(canRead);
            expect(got.notice, where).toBe(!canRead && canFigures);
          }
        }
      }
    }
  });

  it("issue #9: viewers and site operators get no membership events (viewers its figures notice, 1.4); boards get counts of inspection, not cases", () => {
    expect(delivered(principal(["viewer"], ["/01/"]), "membership", "/01/01-007/")).toEqual({ events: false, notice: true });
    expect(delivered(principal(["viewer"], ["/01/"]), "membership", "/02/")).toEqual({ events: false, notice: false });
    expect(delivered(principal(["site_operator"], ["/01/"]), "membership", "/01/")).toEqual({ events: false, notice: false });
    expect(delivered(principal(["site_operator"], ["/01/"]), "conference", "/01/")).toEqual({ events: true, notice: false });
    expect(delivered(principal(["provincial_board"], ["/01/"]), "membership", "/01/")).toEqual({ events: true, notice: false });
    expect(delivered(principal(["inspection_committee"], ["/01/"]), "inspection", "/01/01-007/")).toEqual({ events: true, notice: false });
    expect(delivered(principal(["inspection_committee"], ["/01/"]), "inspection", "/02/02-001/")).toEqual({ events: false, notice: false });
    expect(delivered(principal(["provincial_board"], ["/01/"]), "inspection", "/01/01-007/")).toEqual({ events: false, notice: true });
    expect(delivered(principal(["provincial_board"], ["/01/"]), "inspection", "/02/02-001/")).toEqual({ events: false, notice: false });
    // Both roles: the cases, and no duplicate notice.
    expect(delivered(principal(["inspection_committee", "provincial_board"], ["/01/"]), "inspection", "/01/")).toEqual({ events: true, notice: false });
    expect(delivered(principal(["viewer", "personnel_officer"], ["/"]), "inspection", "/01/")).toEqual({ events: false, notice: false });
  });

  it("issue #13: personnel officers get personnel's events in their scope; boards only its figures' notices", () => {
    expect(delivered(principal(["personnel_officer"], ["/01/"]), "personnel", "/01/01-007/")).toEqual({ events: true, notice: false });
    expect(delivered(principal(["personnel_officer"], ["/01/"]), "personnel", "/02/02-001/")).toEqual({ events: false, notice: false });
    expect(delivered(principal(["provincial_board"], ["/01/"]), "personnel", "/01/")).toEqual({ events: false, notice: true });
    expect(delivered(principal(["provincial_board"], ["/01/"]), "personnel", "/02/02-001/")).toEqual({ events: false, notice: false });
    expect(delivered(principal(["central_board"], ["/"]), "personnel", "/02/02-001/")).toEqual({ events: false, notice: true });
    expect(delivered(principal(["viewer", "inspection_committee"], ["/"]), "personnel", "/01/")).toEqual({ events: false, notice: false });
  });

  it("refuses an unscoped stream rule (rooms are per org path)", () => {
    expect(() => registerStreamPolicies({ x: { readers: { roles: ["viewer"], scoped: false } } })).toThrow(/must be scoped/);
  });

  it("issue #14: the boards get restructuring's progress events in their scope; other officials nothing", () => {
    expect(delivered(principal(["central_board"], ["/"]), "restructuring", "/08-2025/")).toEqual({ events: true, notice: false });
    expect(delivered(principal(["provincial_board"], ["/08-2025/"]), "restructuring", "/08-2025/")).toEqual({ events: true, notice: false });
    expect(delivered(principal(["provincial_board"], ["/01/"]), "restructuring", "/08-2025/")).toEqual({ events: false, notice: false });
    expect(delivered(principal(["provincial_board"], ["/01/"]), "restructuring", "/")).toEqual({ events: false, notice: false });
    for (const role of ["viewer", "personnel_officer", "inspection_committee", "auditor", "site_operator"] as Role[]) {
      expect(delivered(principal([role], ["/"]), "restructuring", "/08-2025/"), role).toEqual({ events: false, notice: false });
    }
  });
});
