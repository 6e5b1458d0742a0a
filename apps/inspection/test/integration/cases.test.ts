// Programs, inspections and supervisions through real HTTP, subjects read from a real membership service.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectionInput, programInput, supervisionInput } from "./fixtures.js";
import { failure, INSPECTOR_HN, startHarness, TREE, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const api = () => h.client(INSPECTOR_HN).inspection;
let programId = "";

async function outbox(type: string): Promise<{ orgPath: string; payload: Record<string, unknown> }[]> {
  const rows = await h.db.prisma.outboxEvent.findMany({ where: { type }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ orgPath: r.orgPath, payload: r.payload as Record<string, unknown> }));
}

describe("programs", () => {
  it("creates a commission's yearly program with its items, completes one, lists and reads it", async () => {
    const p = await api().programs.create.mutate(programInput(h.members.hn1));
    programId = p.id;
    expect(p.owner).toEqual({ kind: "commission", orgPath: TREE.p1, orgName: "Đảng bộ Thành phố Hà Nội" });
    expect(p.items.map((i) => [i.position, i.subject.kind, i.subject.name, i.quarter])).toEqual([
      [1, "organization", "Đảng bộ Phường Ba Đình", 2],
      [2, "member", "Nguyễn Văn An", 3],
    ]);
    expect(p.items[1]!.subject).toMatchObject({ memberId: h.members.hn1, orgPath: TREE.c1, status: "official" });
    const done = await api().programs.completeItem.mutate({ itemId: p.items[0]!.id, completedOn: "2026-06-20" });
    expect(done.completedOn).toBe("2026-06-20");
    expect((await failure(api().programs.completeItem.mutate({ itemId: p.items[0]!.id, completedOn: "2026-06-21" }))).code).toBe("CONFLICT");
    const got = await api().programs.get.query({ programId: p.id });
    expect([got.itemCount, got.completedCount]).toEqual([2, 1]);
    const list = await api().programs.list.query({ year: 2026 });
    expect(list.items.map((x) => x.id)).toEqual([p.id]);
    expect(await outbox("inspection.program.created")).toEqual([{ orgPath: TREE.p1, payload: { programId: p.id, year: 2026, items: 2 } }]);
    // One program per body and year.
    expect((await failure(api().programs.create.mutate(programInput(h.members.hn1)))).fieldErrors[0]?.path).toBe("year");
  });

  it("refuses an item whose subject lies outside the owner's organization, naming the item", async () => {
    const f = await failure(api().programs.create.mutate(programInput(h.members.hn1, { ownerOrgPath: TREE.g1, year: 2027, items: [{ subject: { kind: "member", memberId: h.members.hn2 }, content: "x", quarter: 1 }] })));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fieldErrors[0]?.path).toBe("items.0.subject");
  });
});

describe("a case carrying out a program item", () => {
  it("completes the item on the day it concludes; an item about another subject is refused", async () => {
    const program = await api().programs.get.query({ programId });
    const item = program.items.find((i) => i.subject.kind === "member")!;
    const other = program.items.find((i) => i.subject.kind === "organization")!;
    const refused = await failure(api().inspections.decide.mutate(inspectionInput(h.members.hn1, { programItemId: other.id, decisionNumber: "P-0" })));
    expect([refused.code, refused.fieldErrors[0]?.path]).toEqual(["BAD_REQUEST", "programItemId"]);
    const s = await api().supervisions.decide.mutate(supervisionInput({ kind: "regular", decisionNumber: undefined, subject: { kind: "member", memberId: h.members.hn1 }, programItemId: item.id }));
    await api().supervisions.conclude.mutate({ supervisionId: s.id, concludedOn: "2026-08-14", signsOfViolation: false, findings: "Kê khai đầy đủ" });
    const after = await api().programs.get.query({ programId });
    expect(after.items.find((i) => i.id === item.id)?.completedOn).toBe("2026-08-14");
    expect(after.completedCount).toBe(after.itemCount);
    expect((await outbox("inspection.program.item_completed")).map((e) => e.payload)).toContainEqual({ programId, itemId: item.id, completedOn: "2026-08-14" });
  });
});

describe("inspections", () => {
  it("decide → start → conclude with findings; get, list and a subject's cases see it", async () => {
    const decided = await api().inspections.decide.mutate(inspectionInput(h.members.hn1));
    expect(decided).toMatchObject({ status: "decided", kind: "signs_of_violation", conductor: { kind: "commission", orgPath: TREE.p1 }, decidedOn: "2026-03-02", plannedEndOn: "2026-05-29" });
    expect(decided.subject).toEqual({ kind: "member", memberId: h.members.hn1, orgId: null, name: "Nguyễn Văn An", orgPath: TREE.c1, status: "official" });
    // Out of order: concluding a case not under way is refused.
    expect((await failure(api().inspections.conclude.mutate({ inspectionId: decided.id, concludedOn: "2026-05-20", violation: false, findings: "x" }))).code).toBe("CONFLICT");
    const started = await api().inspections.start.mutate({ inspectionId: decided.id, startedOn: "2026-03-10" });
    expect(started.status).toBe("under_way");
    const concluded = await api().inspections.conclude.mutate({
      inspectionId: decided.id,
      concludedOn: "2026-05-20",
      violation: true,
      degree: "very_serious",
      disciplineProposed: "expulsion",
      findings: "Có vi phạm rất nghiêm trọng.\nĐề nghị khai trừ.",
    });
    expect(concluded).toMatchObject({ status: "concluded", violation: true, degree: "very_serious", disciplineProposed: "expulsion", concludedOn: "2026-05-20" });
    expect(await api().inspections.get.query({ inspectionId: decided.id })).toEqual(concluded);
    const list = await api().inspections.list.query({ orgPath: TREE.p1, year: 2026, status: "concluded" });
    expect(list.items.map((i) => i.id)).toContain(decided.id);
    const cases = await api().cases.listForSubject.query({ subject: { kind: "member", memberId: h.members.hn1 } });
    expect(cases.inspections.map((i) => i.id)).toContain(decided.id);
    const [event] = await outbox("inspection.inspection.concluded");
    expect(event).toEqual({ orgPath: TREE.c1, payload: { inspectionId: decided.id, kind: "signs_of_violation", violation: true, degree: "very_serious", concludedOn: "2026-05-20" } });
  });

  it("refuses a degree without a violation and a subject outside the conducting body", async () => {
    const d = await api().inspections.decide.mutate(inspectionInput(h.members.hn2, { decisionNumber: "126-QĐ/UBKTTU" }));
    await api().inspections.start.mutate({ inspectionId: d.id, startedOn: "2026-03-10" });
    const f = await failure(api().inspections.conclude.mutate({ inspectionId: d.id, concludedOn: "2026-05-20", violation: false, degree: "serious", findings: "Không vi phạm" }));
    expect(f.fieldErrors[0]?.path).toBe("degree");
    const g = await failure(api().inspections.decide.mutate(inspectionInput(h.members.hn2, { conductor: { kind: "grassroots_committee", orgPath: TREE.g1 } })));
    expect(g.fieldErrors[0]?.path).toBe("conductor.orgPath");
  });
});

describe("supervisions", () => {
  it("a supervision without signs of violation just concludes", async () => {
    const s = await api().supervisions.decide.mutate(supervisionInput({ kind: "regular", decisionNumber: undefined }));
    const r = await api().supervisions.conclude.mutate({ supervisionId: s.id, concludedOn: "2026-06-30", signsOfViolation: false, findings: "Thực hiện tốt quy chế" });
    expect(r.inspection).toBeNull();
    expect(r.supervision).toMatchObject({ status: "concluded", signsOfViolation: false, inspectionId: null });
  });

  it("a supervision with signs of violation becomes an inspection of kind signs_of_violation, linked both ways", async () => {
    const s = await api().supervisions.decide.mutate(supervisionInput());
    expect((await failure(api().supervisions.conclude.mutate({ supervisionId: s.id, concludedOn: "2026-07-15", signsOfViolation: true, findings: "Có dấu hiệu vi phạm" }))).fieldErrors[0]?.path).toBe("inspection");
    const r = await api().supervisions.conclude.mutate({
      supervisionId: s.id,
      concludedOn: "2026-07-15",
      signsOfViolation: true,
      findings: "Có dấu hiệu vi phạm trong quản lý tài chính",
      inspection: { decisionNumber: "140-QĐ/UBKTTU", content: "Kiểm tra dấu hiệu vi phạm phát hiện qua giám sát", plannedEndOn: "2026-12-31" },
    });
    expect(r.inspection).toMatchObject({ kind: "signs_of_violation", status: "decided", supervisionId: s.id, decidedOn: "2026-07-15", conductor: s.conductor, subject: s.subject });
    expect(r.supervision.inspectionId).toBe(r.inspection!.id);
    expect((await api().supervisions.get.query({ supervisionId: s.id })).inspectionId).toBe(r.inspection!.id);
    expect((await outbox("inspection.supervision.concluded")).at(-1)?.payload).toEqual({ supervisionId: s.id, signsOfViolation: true, concludedOn: "2026-07-15", inspectionId: r.inspection!.id });
    const list = await api().supervisions.list.query({ kind: "thematic" });
    expect(list.items.map((x) => x.id)).toContain(s.id);
  });
});
