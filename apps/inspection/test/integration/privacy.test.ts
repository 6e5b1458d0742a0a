// Privacy (docs/inspection.md, "Privacy"): outside the scope is indistinguishable from nonexistent, every
// read of a case is audited, the event stream is scoped and closed to the boards.
import { sleep, until } from "@orgboard/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disciplineInput, inspectionInput, supervisionInput } from "./fixtures.js";
import { as, CENTRAL, failure, INSPECTOR_HN, INSPECTOR_P2, startHarness, TREE, type Client, type Harness } from "./harness.js";
import { verifyAuditChain } from "@orgboard/events";

let h: Harness;
const ids = {} as { hnInspection: string; p2Inspection: string; p2Supervision: string; p2Decision: string };
beforeAll(async () => {
  h = await startHarness();
  const hn = h.client(INSPECTOR_HN).inspection;
  const p2 = h.client(INSPECTOR_P2).inspection;
  ids.hnInspection = (await hn.inspections.decide.mutate(inspectionInput(h.members.hn1))).id;
  ids.p2Inspection = (await p2.inspections.decide.mutate(inspectionInput(h.members.p2, { conductor: { kind: "commission", orgPath: TREE.p2 } }))).id;
  ids.p2Supervision = (await p2.supervisions.decide.mutate(supervisionInput({ conductor: { kind: "commission", orgPath: TREE.p2 }, subject: { kind: "organization", orgPath: TREE.k2 } }))).id;
  ids.p2Decision = (
    await p2.discipline.decide.mutate(disciplineInput(h.members.p2, { form: "warning", degree: "serious", decidedBy: { kind: "committee", orgPath: TREE.p2 }, decisionNumber: "77-QĐ/TU" }))
  ).id;
});
afterAll(() => h?.close());

const NOWHERE = "0190f0a0-0000-7000-8000-00000000abcd";

describe("outside the scope is the same answer as nonexistent", () => {
  it("for a case named by id: same code, same message", async () => {
    const hn = h.client(INSPECTOR_HN).inspection;
    // Thunks: each call starts when it is awaited, so no refusal waits unhandled while another is checked.
    const pairs: [() => Promise<unknown>, () => Promise<unknown>][] = [
      [() => hn.inspections.get.query({ inspectionId: ids.p2Inspection }), () => hn.inspections.get.query({ inspectionId: NOWHERE })],
      [() => hn.supervisions.get.query({ supervisionId: ids.p2Supervision }), () => hn.supervisions.get.query({ supervisionId: NOWHERE })],
      [() => hn.discipline.get.query({ decisionId: ids.p2Decision }), () => hn.discipline.get.query({ decisionId: NOWHERE })],
      [() => hn.inspections.start.mutate({ inspectionId: ids.p2Inspection, startedOn: "2026-03-10" }), () => hn.inspections.start.mutate({ inspectionId: NOWHERE, startedOn: "2026-03-10" })],
      [() => hn.discipline.lodgeAppeal.mutate({ decisionId: ids.p2Decision, lodgedOn: "2026-10-10", content: "x" }), () => hn.discipline.lodgeAppeal.mutate({ decisionId: NOWHERE, lodgedOn: "2026-10-10", content: "x" })],
    ];
    for (const [outside, missing] of pairs) {
      const [a, b] = [await failure(outside()), await failure(missing())];
      expect(a.code).toBe("NOT_FOUND");
      expect([a.code, a.message]).toEqual([b.code, b.message]);
    }
  });

  it("for a subject: another province's member is answered like a member who does not exist", async () => {
    const hn = h.client(INSPECTOR_HN).inspection;
    const outside = await failure(hn.inspections.decide.mutate(inspectionInput(h.members.p2)));
    const missing = await failure(hn.inspections.decide.mutate(inspectionInput(999_999)));
    expect(outside).toEqual(missing);
    expect(outside.code).toBe("NOT_FOUND");
    const outsideOrg = await failure(hn.supervisions.decide.mutate(supervisionInput({ subject: { kind: "organization", orgPath: TREE.k2 } })));
    const missingOrg = await failure(hn.supervisions.decide.mutate(supervisionInput({ subject: { kind: "organization", orgPath: "/01/01-NOPE/" } })));
    expect(outsideOrg).toEqual(missingOrg);
  });

  it("lists and a subject's cases leave other provinces' cases out", async () => {
    const hn = h.client(INSPECTOR_HN).inspection;
    expect((await hn.inspections.list.query({})).items.map((i) => i.id)).toEqual([ids.hnInspection]);
    expect((await hn.inspections.list.query({ orgPath: TREE.p2 })).items).toEqual([]);
    expect(await hn.cases.listForSubject.query({ subject: { kind: "member", memberId: h.members.p2 } })).toEqual({ inspections: [], supervisions: [], decisions: [] });
  });

  it("the boards see counts, never a case", async () => {
    const board = h.client(as("provincial_board", TREE.p2)).inspection;
    expect((await failure(board.inspections.get.query({ inspectionId: ids.p2Inspection }))).code).toBe("FORBIDDEN");
    expect((await failure(h.client(CENTRAL).inspection.discipline.list.query({}))).code).toBe("FORBIDDEN");
    const report = await board.report.annual.query({ orgPath: TREE.p2, year: 2026 });
    expect(report.inspections.total).toEqual({ organizations: 0, members: 1 });
    expect(report.discipline.members.byForm.warning).toBe(1);
  });
});

describe("every read of a case is audited", () => {
  it("get, list and a subject's cases each write who read which case, with the request id", async () => {
    // Audit records carry the id the service gave each request (a client's own id is kept apart, #9).
    const served = new Map<string, string[]>();
    const track = (label: string) => (id: string) => served.set(label, [...(served.get(label) ?? []), id]);
    const reads = (label: string) => h.db.prisma.auditRecord.findMany({ where: { requestId: { in: served.get(label) ?? [] } }, orderBy: { id: "asc" } });
    const client = (label: string) => h.client(INSPECTOR_P2, { requestId: () => label, onRequestId: track(label) }).inspection;
    await client("read-get").inspections.get.query({ inspectionId: ids.p2Inspection });
    expect((await reads("read-get")).map((r) => [r.actor, r.action, r.entity, r.entityId, r.orgPath, r.after])).toEqual([
      [INSPECTOR_P2.sub, "inspection.cases.read", "Inspection", ids.p2Inspection, TREE.k2, { read: "get" }],
    ]);
    await client("read-list").discipline.list.query({});
    expect((await reads("read-list")).map((r) => [r.entity, r.entityId, r.after])).toEqual([["DisciplineDecision", ids.p2Decision, { read: "list" }]]);
    await client("read-subject").cases.listForSubject.query({ subject: { kind: "member", memberId: h.members.p2 } });
    expect((await reads("read-subject")).map((r) => [r.entity, r.entityId]).sort()).toEqual(
      [
        ["DisciplineDecision", ids.p2Decision],
        ["Inspection", ids.p2Inspection],
      ].sort(),
    );
    // A refused read reads nothing and so records nothing.
    await failure(h.client(INSPECTOR_HN, { requestId: () => "read-refused", onRequestId: track("read-refused") }).inspection.inspections.get.query({ inspectionId: ids.p2Inspection }));
    expect(served.get("read-refused")?.length).toBe(1);
    expect(await reads("read-refused")).toEqual([]);
    // Reads are records of kind "read" on the service's audit hash chain (decision 0009), which verify accepts.
    expect((await reads("read-subject")).map((r) => r.kind)).toEqual(["read", "read"]);
    expect(await verifyAuditChain(h.db.prisma)).toMatchObject({ ok: true, fault: null });
  });
});

describe("events.stream", () => {
  function collect(client: Client) {
    const received: { type: string; orgPath: string }[] = [];
    const errors: { data?: { code?: string } }[] = [];
    const sub = client.inspection.events.stream.subscribe({}, { onData: (e) => received.push(e.data as never), onError: (err) => errors.push(err as never) });
    return { received, errors, stop: () => sub.unsubscribe() };
  }

  it("gives the service every event, an inspector its scope's, and refuses the boards (the centre's too: counts only) and viewers", async () => {
    const total = await h.db.prisma.outboxEvent.count();
    const service = collect(h.client(as("service", "/")));
    const hn = collect(h.client(INSPECTOR_HN));
    const board = collect(h.client(as("provincial_board", TREE.p1)));
    const central = collect(h.client(as("central_board", "/")));
    await until(() => service.received.length >= total && hn.received.length >= 1 && board.errors.length >= 1 && central.errors.length >= 1);
    // Give the scoped stream the time it had to (wrongly) deliver more.
    await sleep(300);
    [service, hn, board, central].forEach((s) => s.stop());
    expect(central.received).toEqual([]);
    expect(central.errors[0]?.data?.code).toBe("FORBIDDEN");
    expect(service.received.length).toBe(total);
    expect(hn.received.every((e) => e.orgPath.startsWith(TREE.p1))).toBe(true);
    expect(hn.received.length).toBeLessThan(total);
    expect(board.errors[0]?.data?.code).toBe("FORBIDDEN");
  });
});

describe("a subject's cases go to personnel's service account only (#9)", () => {
  // A client-credentials token: role service, org_paths ["/"], `azp` the service's client id, audience inspection.
  const serviceClient = (clientId: string) => h.client({ sub: `service-account-${clientId}`, roles: ["service"], orgPaths: ["/"], azp: clientId }).inspection;
  const subject = () => ({ subject: { kind: "member" as const, memberId: h.members.p2 } });

  it("personnel's token reads a member's cases (its political-standard check)", async () => {
    const cases = await serviceClient("personnel").cases.listForSubject.query(subject());
    expect(cases.inspections.map((i) => i.id)).toEqual([ids.p2Inspection]);
    expect(cases.decisions.map((d) => d.id)).toEqual([ids.p2Decision]);
  });

  it("realtime's, conference's, restructuring's and membership's service tokens are refused, and read nothing", async () => {
    const before = await h.db.prisma.auditRecord.count();
    for (const client of ["realtime", "conference", "restructuring", "membership"]) {
      expect((await failure(serviceClient(client).cases.listForSubject.query(subject()))).code, client).toBe("FORBIDDEN");
    }
    expect(await h.db.prisma.auditRecord.count()).toBe(before);
  });
});
