// inspection.watchList.*: the inter-agency watch list over real HTTP, and the annual report's petitions
// and watch-list figures, checked against the domain's reference (src/domain/report.ts) on the same rows.
import type { MintOptions } from "@orgboard/auth/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromDbDate, fromDbDateOrNull } from "../../src/app/dates.js";
import { newDenouncerKeyEntry, parseDenouncerKeys } from "../../src/crypto/denouncer.js";
import { annualReport, type ReportData } from "../../src/domain/report.js";
import type { PetitionKind, PetitionStatus } from "../../src/domain/vocabulary.js";
import { as, CENTRAL, failure, INSPECTOR_HN, INSPECTOR_P2, startHarness, TODAY, TREE, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ denouncerKeys: parseDenouncerKeys(newDenouncerKeyEntry("w1")) });
});
afterAll(() => h?.close());

const ASSIGNED: MintOptions = { sub: "insp-hn-a", roles: ["inspection_committee"], orgPaths: [TREE.p1] };

function petition(over: Record<string, unknown> = {}) {
  return h.client(INSPECTOR_HN).inspection.petitions.receive.mutate({
    kind: "denunciation",
    subject: { kind: "member", memberId: h.members.hn1 },
    receivedOn: "2026-03-02",
    content: "Tố cáo vi phạm quy định phòng, chống tham nhũng.",
    anonymous: false,
    handlerOrgPath: TREE.p1,
    level: "provincial",
    petitioner: { name: "Vũ Văn Hải", nationalId: null, address: null, contact: "hai@example.vn" },
    ...over,
  } as never);
}

describe("the watch list", () => {
  let freeId = "";
  let petitionId = "";

  it("adds free text about an organization in scope, announced without text", async () => {
    const e = await h.client(INSPECTOR_HN).inspection.watchList.add.mutate({ link: { kind: "free_text", orgPath: TREE.k1 }, title: "Vụ án sai phạm đất đai tại trường", agencies: "Công an TP, Viện KSND", addedOn: "2026-04-01" });
    freeId = e.id;
    expect(e).toMatchObject({ status: "watched", orgPath: TREE.k1, linkKind: "free_text", linkId: null, note: null, agencies: "Công an TP, Viện KSND", addedOn: "2026-04-01", closedOn: null, addedBy: INSPECTOR_HN.sub });
    const [ev] = await h.db.prisma.$queryRawUnsafe<{ type: string; org_path: string; payload: unknown }[]>(`SELECT type, org_path, payload FROM outbox_event WHERE aggregate_id = $1`, e.id);
    expect(ev).toEqual({ type: "inspection.watch.added", org_path: TREE.k1, payload: { watchId: e.id, addedOn: "2026-04-01" } });
  });

  it("links a petition: the entry takes its organization; the same record cannot be watched twice at once", async () => {
    petitionId = (await petition()).id;
    const e = await h.client(INSPECTOR_HN).inspection.watchList.add.mutate({ link: { kind: "petition", petitionId }, title: "Theo dõi vụ tố cáo", addedOn: "2026-03-10" });
    expect(e).toMatchObject({ orgPath: TREE.c1, linkKind: "petition", linkId: petitionId });
    const again = await failure(h.client(INSPECTOR_HN).inspection.watchList.add.mutate({ link: { kind: "petition", petitionId }, title: "Lần nữa", addedOn: "2026-03-11" }));
    expect(again.code).toBe("CONFLICT");
  });

  it("a record outside scope, or unknown, is NOT_FOUND alike; free text outside scope too", async () => {
    const foreign = await failure(h.client(INSPECTOR_P2).inspection.watchList.add.mutate({ link: { kind: "petition", petitionId }, title: "X", addedOn: "2026-03-10" }));
    const unknown = await failure(h.client(INSPECTOR_P2).inspection.watchList.add.mutate({ link: { kind: "inspection", inspectionId: "0193a6f0-7c3e-7000-8000-00000000beef" }, title: "X", addedOn: "2026-03-10" }));
    expect([foreign.code, unknown.code]).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    expect(foreign.message).toBe(unknown.message);
    expect((await failure(h.client(INSPECTOR_P2).inspection.watchList.add.mutate({ link: { kind: "free_text", orgPath: TREE.p1 }, title: "X", addedOn: "2026-03-10" }))).code).toBe("NOT_FOUND");
    expect((await failure(h.client(INSPECTOR_P2).inspection.watchList.close.mutate({ watchId: freeId, closedOn: "2026-05-01" }))).code).toBe("NOT_FOUND");
  });

  it("bad input names the field: control characters, impossible or future dates, a close before the add", async () => {
    const c = h.client(INSPECTOR_HN).inspection.watchList;
    expect((await failure(c.add.mutate({ link: { kind: "free_text", orgPath: TREE.k1 }, title: "A\u0000", addedOn: "2026-04-01" }))).fieldErrors.map((f) => f.path)).toEqual(["title"]);
    expect((await failure(c.add.mutate({ link: { kind: "free_text", orgPath: "/01" }, title: "A", addedOn: "2026-04-31" }))).fieldErrors.map((f) => f.path)).toEqual(["link.orgPath", "addedOn"]);
    expect((await failure(c.add.mutate({ link: { kind: "free_text", orgPath: TREE.k1 }, title: "A", addedOn: "2026-12-01" }))).fieldErrors.map((f) => f.path)).toEqual(["addedOn"]);
    expect((await failure(c.close.mutate({ watchId: freeId, closedOn: "2026-03-01" }))).fieldErrors.map((f) => f.path)).toEqual(["closedOn"]);
  });

  it("closes a case once", async () => {
    const e = await h.client(INSPECTOR_HN).inspection.watchList.close.mutate({ watchId: freeId, closedOn: "2026-09-30", note: "Đã xét xử sơ thẩm" });
    expect(e).toMatchObject({ status: "closed", closedOn: "2026-09-30", closingNote: "Đã xét xử sơ thẩm" });
    expect((await failure(h.client(INSPECTOR_HN).inspection.watchList.close.mutate({ watchId: freeId, closedOn: "2026-10-01" }))).code).toBe("CONFLICT");
  });

  it("lists a subtree by status, each entry an audited read; another province's list is empty", async () => {
    const watched = await h.client(INSPECTOR_HN).inspection.watchList.list.query({ orgPath: TREE.p1, status: "watched" });
    expect(watched.items.map((i) => i.linkKind)).toEqual(["petition"]);
    const all = await h.client(INSPECTOR_HN).inspection.watchList.list.query({ orgPath: TREE.p1 });
    expect(all.items).toHaveLength(2);
    const audits = await h.db.prisma.$queryRawUnsafe<{ entity_id: string }[]>(`SELECT entity_id FROM audit_record WHERE action = 'inspection.watchList.read' AND entity = 'WatchEntry' ORDER BY id DESC LIMIT 2`);
    expect(audits.map((a) => a.entity_id).sort()).toEqual(all.items.map((i) => i.id).sort());
    expect((await h.client(INSPECTOR_P2).inspection.watchList.list.query({ orgPath: TREE.p1 })).items).toEqual([]);
  });

  it("no other role adds, closes or reads the watch list (the boards see its counts in the report only)", async () => {
    for (const role of ["central_board", "provincial_board", "personnel_officer", "conference_operator", "site_operator", "viewer", "service"] as const) {
      const c = h.client(as(role, TREE.p1)).inspection.watchList;
      expect((await failure(c.add.mutate({ link: { kind: "free_text", orgPath: TREE.k1 }, title: "X", addedOn: "2026-04-01" }))).code, role).toBe("FORBIDDEN");
      expect((await failure(c.close.mutate({ watchId: freeId, closedOn: "2026-10-01" }))).code, role).toBe("FORBIDDEN");
      expect((await failure(c.list.query({ orgPath: TREE.p1 }))).code, role).toBe("FORBIDDEN");
    }
    expect((await failure(h.client(null).inspection.watchList.list.query({ orgPath: TREE.p1 }))).code).toBe("UNAUTHORIZED");
  });
});

describe("the annual report's petitions and watch-list figures", () => {
  beforeAll(async () => {
    // 2025: a case added and still watched into 2026; a complaint about an organization by the grassroots body
    await h.client(INSPECTOR_HN).inspection.watchList.add.mutate({ link: { kind: "free_text", orgPath: TREE.c1 }, title: "Vụ việc từ 2025", addedOn: "2025-11-03" });
    await petition({ kind: "complaint", receivedOn: "2025-12-15", level: "grassroots", handlerOrgPath: TREE.g1, subject: { kind: "organization", orgPath: TREE.c1 }, intake: { decisionReceivedOn: "2025-12-01" } });
    // 2026: an anonymous one (not handled), one settled late, one open past its deadline, one in the other province
    await petition({ anonymous: true, petitioner: null, receivedOn: "2026-05-04" });
    const late = await petition({ kind: "complaint", level: "grassroots", receivedOn: "2026-01-05", intake: { decisionReceivedOn: "2025-12-20" } });
    await h.client(INSPECTOR_HN).inspection.petitions.assign.mutate({ petitionId: late.id, inspectors: [{ userId: ASSIGNED.sub!, name: "Hoàng Văn Em" }] });
    await h.client(ASSIGNED).inspection.petitions.start.mutate({ petitionId: late.id, startedOn: "2026-01-06" });
    await h.client(ASSIGNED).inspection.petitions.settle.mutate({ petitionId: late.id, settledOn: "2026-03-20", outcome: "unfounded", conclusion: "Không đúng." });
    await petition({ kind: "complaint", level: "grassroots", receivedOn: "2026-06-01", intake: { decisionReceivedOn: "2026-05-25" } });
    await h.client(INSPECTOR_P2).inspection.petitions.receive.mutate({
      kind: "denunciation",
      subject: { kind: "member", memberId: h.members.p2 },
      receivedOn: "2026-02-02",
      content: "Tố cáo.",
      anonymous: false,
      handlerOrgPath: TREE.p2,
      level: "provincial",
      petitioner: { name: "Lò Thị Mai", nationalId: null, address: null, contact: null },
    });
  });

  async function reference(orgPath: string, year: number) {
    const petitions = await h.db.prisma.petition.findMany();
    const watch = await h.db.prisma.watchEntry.findMany();
    const data: ReportData = {
      programItems: [],
      inspections: [],
      supervisions: [],
      disciplines: [],
      petitions: petitions.map((p) => ({ kind: p.kind as PetitionKind, handlerOrgPath: p.handlerOrgPath, status: p.status as PetitionStatus, receivedOn: fromDbDate(p.receivedOn), dueOn: fromDbDateOrNull(p.dueOn), settledOn: fromDbDateOrNull(p.settledOn) })),
      watch: watch.map((w) => ({ orgPath: w.orgPath, addedOn: fromDbDate(w.addedOn), closedOn: fromDbDateOrNull(w.closedOn) })),
    };
    return annualReport(data, orgPath, year, TODAY);
  }

  for (const [who, orgPath, year] of [
    ["the Hà Nội commission", TREE.p1, 2026],
    ["the Hà Nội commission", TREE.p1, 2025],
    ["the grassroots committee's subtree (central board)", TREE.g1, 2026],
    ["the country (central board)", "/", 2026],
  ] as const) {
    it(`agree with the domain's reference for ${who}, ${orgPath} ${year}`, async () => {
      const claims = orgPath === TREE.p1 ? INSPECTOR_HN : CENTRAL;
      const r = await h.client(claims).inspection.report.annual.query({ orgPath, year });
      const ref = await reference(orgPath, year);
      expect(r.petitions).toEqual(ref.petitions);
      expect(r.watchList).toEqual(ref.watchList);
      // open petitions are the only deadlines in this file's data
      expect(r.deadlines).toEqual(ref.deadlines);
    });
  }

  it("has the expected figures for Hà Nội 2026 (a provincial board sees them, never a petition)", async () => {
    const r = await h.client(as("provincial_board", TREE.p1)).inspection.report.annual.query({ orgPath: TREE.p1, year: 2026 });
    // denunciations received 2026 by Hà Nội's bodies: the one from the watch-list test (2026-03-02) + the anonymous one
    expect(r.petitions.denunciations).toMatchObject({ received: 2, notHandled: 1, settled: 0 });
    // complaints: received 2026-01-05 (settled after its 30-working-day deadline) and 2026-06-01 (open past it);
    // the 2025 one, settled by nobody, fell due in 2026 (the grassroots body is inside Hà Nội)
    expect(r.petitions.complaints).toEqual({ received: 2, notHandled: 0, settled: 1, late: 3 });
    // free text (closed 30/09), the petition's entry (still watched), the 2025 entry (still watched)
    expect(r.watchList).toEqual({ added: 2, closed: 1, stillWatched: 2 });
    expect(JSON.stringify(r)).not.toContain("Vũ Văn Hải");
  });
});
