// "Đang sắp xếp" in membership's everyday reads (contract 2.7 and 2.8, issue #14): while restructuring's saga has
// marked a committee (membership.restructuring.mark), orgs.get, orgs.list, orgs.children, orgs.structure, kpi.summary and kpi.report say
// that what they show is being restructured, Vietnamese first; nothing is said outside the marked subtree;
// the unmark lifts it. Real HTTP, real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { board, CENTRAL, startHarness, type Harness } from "./harness.js";
import { Fixture, TREE } from "./fixtures.js";

let h: Harness;
const saga = () => h.client({ sub: "service-account-restructuring", roles: ["service"], orgPaths: ["/"], azp: "restructuring", audience: "membership" }).membership.restructuring;
const hagiang = () => h.client(board(TREE.p2)).membership;
const hanoi = () => h.client(board(TREE.p1)).membership;
const central = () => h.client(CENTRAL).membership;
const MESSAGE = /^Đang sắp xếp: .* \(từ \d{2}\/\d{2}\/\d{4}\), số liệu chưa phải số cuối cùng \/ Being restructured: .*figures are not final$/;

beforeAll(async () => {
  h = await startHarness();
  const fx = new Fixture(h.db);
  await fx.tree();
  await fx.member(TREE.c3, { fullName: "Lò Văn Sính" });
  await fx.member(TREE.c1, { fullName: "Trần An" });
});
afterAll(() => h?.close());

describe("nothing is being restructured", () => {
  it("the reads say nothing", async () => {
    expect((await hagiang().orgs.get.query({ orgPath: TREE.c3 })).restructuring).toBeNull();
    expect((await hagiang().orgs.list.query({ orgPath: TREE.p2 })).items.map((o) => o.restructuring)).toEqual([null, null, null]);
    expect((await hagiang().kpi.report.query({ orgPath: TREE.p2, year: 2025 })).restructuring).toBeNull();
    expect((await central().kpi.summary.query({ orgPath: "/", year: 2025 })).restructuring).toBeNull();
    expect((await central().orgs.children.query({ orgPath: "/" })).items.map((o) => [o.path, o.restructuring])).toEqual([[TREE.p1, null], [TREE.p2, null]]);
    expect((await hagiang().orgs.structure.query({ orgPath: TREE.p2 })).restructuring).toBeNull();
  });
});

describe("Hà Giang's committee marked by the saga", () => {
  beforeAll(async () => {
    await saga().mark.mutate({ idempotencyKey: "plan-1:08:membership.mark", effectiveOn: "2025-07-01", orgCodes: ["02"], moving: true });
  });

  it("orgs.get of the committee and of a cell under it: đang sắp xếp, Vietnamese first, with the marked path", async () => {
    for (const path of [TREE.p2, TREE.c3]) {
      const notice = (await hagiang().orgs.get.query({ orgPath: path })).restructuring;
      expect(notice, path).toMatchObject({ paths: [TREE.p2], message: expect.stringMatching(MESSAGE) });
      expect(notice!.message).toMatch(/^Đang sắp xếp: tổ chức này thuộc đơn vị đang được sắp xếp/);
      expect(Date.parse(notice!.since)).not.toBeNaN();
    }
  });

  it("orgs.list marks every organization of the subtree, and none elsewhere", async () => {
    const items = (await central().orgs.list.query({})).items;
    for (const o of items) expect(o.restructuring !== null, o.path).toBe(o.path.startsWith(TREE.p2));
    expect(items.filter((o) => o.restructuring).length).toBe(3);
  });

  it("the reports of a scope that includes it say part of it is being restructured; another province's say nothing", async () => {
    expect((await hagiang().kpi.report.query({ orgPath: TREE.p2, year: 2025 })).restructuring).toMatchObject({ paths: [TREE.p2], message: expect.stringMatching(MESSAGE) });
    const national = (await central().kpi.summary.query({ orgPath: "/", year: 2025 })).restructuring;
    expect(national).toMatchObject({ paths: [TREE.p2] });
    expect(national!.message).toMatch(/^Đang sắp xếp: một phần phạm vi này đang được sắp xếp/);
    expect((await central().kpi.report.query({ orgPath: "/", year: 2025 })).restructuring).toMatchObject({ paths: [TREE.p2] });
    expect((await hanoi().kpi.report.query({ orgPath: TREE.p1, year: 2025 })).restructuring).toBeNull();
    expect((await hanoi().kpi.summary.query({ orgPath: TREE.p1, year: 2025 })).restructuring).toBeNull();
    expect((await hanoi().orgs.get.query({ orgPath: TREE.c1 })).restructuring).toBeNull();
  });

  it("orgs.children (2.8): a marked child, and the children under a mark, are moving; another province's are not", async () => {
    const top = (await central().orgs.children.query({ orgPath: "/" })).items;
    expect(top.map((o) => [o.path, o.restructuring?.paths ?? null])).toEqual([[TREE.p1, null], [TREE.p2, [TREE.p2]]]);
    expect(top[1]!.restructuring!.message).toMatch(MESSAGE);
    expect(top[1]!.memberTotal).toBe(1); // the figures themselves unchanged
    for (const path of [TREE.p2, TREE.g2]) {
      const items = (await hagiang().orgs.children.query({ orgPath: path })).items;
      expect(items.length, path).toBe(1);
      expect(items[0]!.restructuring, path).toMatchObject({ paths: [TREE.p2], message: expect.stringMatching(/^Đang sắp xếp: tổ chức này thuộc đơn vị đang được sắp xếp/) });
    }
    expect((await hanoi().orgs.children.query({ orgPath: TREE.p1 })).items.every((o) => o.restructuring === null)).toBe(true);
  });

  it("orgs.structure (2.8): of the marked subtree, of a scope containing it (part of it), and nothing for another province", async () => {
    for (const path of [TREE.p2, TREE.c3]) {
      const s = await hagiang().orgs.structure.query({ orgPath: path });
      expect(s.restructuring, path).toMatchObject({ paths: [TREE.p2], message: expect.stringMatching(MESSAGE) });
    }
    const national = await central().orgs.structure.query({ orgPath: "/" });
    expect(national.restructuring!.message).toMatch(/^Đang sắp xếp: một phần phạm vi này đang được sắp xếp/);
    expect(national.members.total).toBe(2);
    expect((await hanoi().orgs.structure.query({ orgPath: TREE.p1 })).restructuring).toBeNull();
  });

  it("security unchanged: another province's official still gets NOT_FOUND for the marked organization", async () => {
    for (const read of [() => hanoi().orgs.children.query({ orgPath: TREE.p2 }), () => hanoi().orgs.structure.query({ orgPath: TREE.g2 }), () => hanoi().orgs.children.query({ orgPath: "/" })]) {
      await expect(read()).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    }
    await expect(hanoi().orgs.get.query({ orgPath: TREE.c3 })).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    expect((await hanoi().orgs.list.query({})).items.some((o) => o.path.startsWith(TREE.p2))).toBe(false);
  });

  it("the unmark lifts it everywhere", async () => {
    await saga().mark.mutate({ idempotencyKey: "plan-1:08:membership.unmark", effectiveOn: "2025-07-01", orgCodes: ["02"], moving: false });
    expect((await hagiang().orgs.get.query({ orgPath: TREE.c3 })).restructuring).toBeNull();
    expect((await central().orgs.list.query({})).items.every((o) => o.restructuring === null)).toBe(true);
    expect((await central().kpi.summary.query({ orgPath: "/", year: 2025 })).restructuring).toBeNull();
    expect((await central().orgs.children.query({ orgPath: "/" })).items.every((o) => o.restructuring === null)).toBe(true);
    expect((await hagiang().orgs.structure.query({ orgPath: TREE.p2 })).restructuring).toBeNull();
  });
});
