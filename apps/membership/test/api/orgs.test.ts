// membership.orgs.*: the organization tree. For each procedure: a happy path, an error, and security.
import { describe, expect, it } from "vitest";
import { TREE } from "./fixtures.js";
import { CENTRAL, as, betweenStatements, board, expectError, expectNoWrites, expectRecorded, expectSecurity, treeSuite } from "./harness.js";

const suite = treeSuite({
  seed: async ({ fx }) => {
    await fx.member(TREE.c1, { fullName: "Trần Văn An" });
    await fx.member(TREE.c1, { fullName: "Lê Thị Bình", gender: "female", status: "probationary", admittedOn: "2026-02-01" });
    await fx.member(TREE.c3, { fullName: "Giàng A Páo" });
  },
});
const { hanoi } = suite;

describe("orgs.get", () => {
  it("returns the organization with child and member counts", async () => {
    const org = await hanoi().membership.orgs.get.query({ orgPath: TREE.g1 });
    expect(org).toMatchObject({ path: TREE.g1, parentPath: TREE.p1, code: "01-G1", kind: "grassroots_committee", childCount: 2, openChildCount: 2, memberTotal: 2 });
  });
  it("answers NOT_FOUND naming orgPath for an unknown path, BAD_REQUEST for a malformed one", async () => {
    await expectError(hanoi().membership.orgs.get.query({ orgPath: "/01/nope/" }), "NOT_FOUND", "orgPath");
    await expectError(hanoi().membership.orgs.get.query({ orgPath: "01/" }), "BAD_REQUEST", "orgPath");
  });
  it("needs a token, a reading role, and the organization inside the caller's scope", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.orgs.get.query({ orgPath: TREE.g1 }), wrongRole: as("site_operator", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("orgs.children", () => {
  it("pages through the direct children by code, with subtree member totals", async () => {
    const first = await hanoi().membership.orgs.children.query({ orgPath: TREE.p1, limit: 1 });
    expect(first.items.map((o) => o.path)).toEqual([TREE.g1]);
    expect(first.items[0]!.memberTotal).toBe(2);
    const second = await hanoi().membership.orgs.children.query({ orgPath: TREE.p1, limit: 1, cursor: first.nextCursor });
    expect(second.items.map((o) => o.path)).toEqual([TREE.k1]);
    expect(second.nextCursor).toBeNull();
    const national = await suite.h.client(CENTRAL).membership.orgs.children.query({ orgPath: "/" });
    expect(national.items.map((o) => o.path)).toEqual([TREE.p1, TREE.p2]);
  });
  it("rejects a cursor it did not issue, naming cursor", async () => {
    await expectError(hanoi().membership.orgs.children.query({ orgPath: TREE.p1, cursor: "garbage" }), "BAD_REQUEST", "cursor");
  });
  it("refuses the national list (/) and another province to a provincial board", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.orgs.children.query({ orgPath: TREE.p1 }), wrongRole: as("conference_operator", TREE.p1), otherProvince: board(TREE.p2) });
    await expectError(hanoi().membership.orgs.children.query({ orgPath: "/" }), "NOT_FOUND", "orgPath");
  });
});

describe("orgs.list", () => {
  it("lists a subtree in path order and finds by name without accents", async () => {
    const all = await hanoi().membership.orgs.list.query({ orgPath: TREE.p1 });
    expect(all.items.map((o) => o.path)).toEqual([TREE.p1, TREE.g1, TREE.c1, TREE.c2, TREE.k1]);
    const found = await hanoi().membership.orgs.list.query({ search: "kim lien" });
    expect(found.items.map((o) => o.path)).toEqual([TREE.k1]);
    const cells = await hanoi().membership.orgs.list.query({ kind: "subordinate_cell", limit: 1 });
    expect(cells.items).toHaveLength(1);
    const rest = await hanoi().membership.orgs.list.query({ kind: "subordinate_cell", limit: 1, cursor: cells.nextCursor });
    expect(rest.items.map((o) => o.path)).toEqual([TREE.c2]);
  });
  it("without orgPath lists only the caller's scope; a bad kind is a BAD_REQUEST on kind", async () => {
    const mine = await hanoi().membership.orgs.list.query({});
    expect(mine.items.every((o) => o.path.startsWith(TREE.p1))).toBe(true);
    await expectError(hanoi().membership.orgs.list.query({ kind: "province" as never }), "BAD_REQUEST", "kind");
  });
  it("refuses another province's subtree and never returns its rows", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.orgs.list.query({ orgPath: TREE.p1 }), wrongRole: as("site_operator", TREE.p1), otherProvince: board(TREE.p2) });
    const mine = await suite.h.client(as("viewer", TREE.p2)).membership.orgs.list.query({ search: "Hà Nội" });
    expect(mine.items).toEqual([]);
  });
  it("leaves out an organization moved out of the caller's scope between the page's keys and its records, never showing the new path (#14)", async () => {
    const { h, fx } = suite;
    const movedPath = "/02/02-G1/01-C2/";
    const move = (parent: string, path: string) => h.db.query(`UPDATE party_organization SET parent_id = $1, path = $2 WHERE code = '01-C2'`, [fx.orgId(parent), path]);
    try {
      // A restructuring's reparent commits between orgs.list's id read and its record read.
      const { result, fired } = await betweenStatements(h, /FROM party_organization o WHERE/, () => move(TREE.g2, movedPath), () => hanoi().membership.orgs.list.query({ orgPath: TREE.g1 }));
      expect(fired).toBe(true);
      expect(result.items.map((o) => o.path)).toEqual([TREE.g1, TREE.c1]);
    } finally {
      await move(TREE.g1, TREE.c2);
    }
  });
});

describe("orgs.structure", () => {
  it("counts organizations by kind and members by status", async () => {
    const s = await hanoi().membership.orgs.structure.query({ orgPath: TREE.p1 });
    expect(s.organizations.byKind).toMatchObject({ provincial_committee: 1, grassroots_committee: 1, subordinate_cell: 2, grassroots_cell: 1 });
    expect(s.organizations).toMatchObject({ total: 5, grassroots: 2, cellsUnderGrassrootsCommittees: 2 });
    expect(s.members).toEqual({ official: 1, probationary: 1, total: 2 });
    const national = await suite.h.client(CENTRAL).membership.orgs.structure.query({ orgPath: "/" });
    expect(national.members.total).toBe(3);
  });
  it("names the field of a bad date", async () => {
    await expectError(hanoi().membership.orgs.structure.query({ orgPath: TREE.p1, on: "2026-02-30" }), "BAD_REQUEST", "on");
  });
  it("is national only for the national scope", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.orgs.structure.query({ orgPath: TREE.p1 }), wrongRole: as("conference_operator", "/"), otherProvince: as("viewer", TREE.p2) });
    await expectError(suite.h.client(as("viewer", TREE.p1)).membership.orgs.structure.query({ orgPath: "/" }), "NOT_FOUND", "orgPath");
  });
});

describe("orgs.create", () => {
  it("creates a cell under a grassroots committee, with audit and event", async () => {
    const r = await expectRecorded(
      suite.h,
      () => hanoi().membership.orgs.create.mutate({ parentPath: TREE.g1, code: "01-C9", name: "Chi bộ Tổ dân phố 9", kind: "subordinate_cell", openedOn: "2026-01-05", sector: "ward", adminUnitCode: "00004" }),
      { action: "membership.organizations.manage", events: ["membership.organization.created"] },
    );
    expect(r.result).toMatchObject({ path: "/01/01-G1/01-C9/", parentPath: TREE.g1, kind: "subordinate_cell", adminUnitEdition: "2025" });
    expect(r.events[0]).toMatchObject({ org_path: "/01/01-G1/01-C9/" });
    expect(r.audit[0]).toMatchObject({ entity: "PartyOrganization", org_path: "/01/01-G1/01-C9/", actor: board(TREE.p1).sub });
    const province = await suite.h.client(CENTRAL).membership.orgs.create.mutate({ parentPath: "/", code: "04", name: "Đảng bộ tỉnh Cao Bằng", kind: "provincial_committee", openedOn: "1990-01-01" });
    expect(province.path).toBe("/04/");
  });
  it("enforces the kind/parent rules, unique codes and dates, writing nothing on failure", async () => {
    await expectNoWrites(suite.h, () => hanoi().membership.orgs.create.mutate({ parentPath: TREE.c1, code: "01-X1", name: "X", kind: "subordinate_cell", openedOn: "2020-01-01" }), "BAD_REQUEST", "kind");
    await expectNoWrites(suite.h, () => hanoi().membership.orgs.create.mutate({ parentPath: TREE.g1, code: "01-C1", name: "X", kind: "subordinate_cell", openedOn: "2020-01-01" }), "CONFLICT", "code");
    await expectNoWrites(suite.h, () => hanoi().membership.orgs.create.mutate({ parentPath: TREE.g1, code: "01-C8", name: "X", kind: "subordinate_cell", openedOn: "2027-01-01" }), "BAD_REQUEST", "openedOn");
    await expectNoWrites(suite.h, () => hanoi().membership.orgs.create.mutate({ parentPath: TREE.g1, code: "bad/code", name: "X", kind: "subordinate_cell", openedOn: "2020-01-01" }), "BAD_REQUEST", "code");
    await expectNoWrites(suite.h, () => hanoi().membership.orgs.create.mutate({ parentPath: TREE.g1, code: "01-C7", name: "X", kind: "subordinate_cell", openedOn: "2020-01-01", adminUnitCode: "99999" }), "BAD_REQUEST", "adminUnitCode");
  });
  it("resolves the administrative unit in the edition in force on the opening date (#10 finding 5)", async () => {
    // 52 for a body opened in 2020 is Bình Định (2024 edition), not the merged Gia Lai.
    const old = await hanoi().membership.orgs.create.mutate({ parentPath: TREE.g1, code: "01-C52", name: "Chi bộ 52", kind: "subordinate_cell", openedOn: "2020-03-01", adminUnitCode: "52" });
    expect(old.adminUnitEdition).toBe("2024");
    // A district (3 digits) existed until 30/06/2025: accepted for a body opened before, refused after.
    const district = await hanoi().membership.orgs.create.mutate({ parentPath: TREE.g1, code: "01-CBD", name: "Chi bộ Ba Đình", kind: "subordinate_cell", openedOn: "2025-06-30", adminUnitCode: "001" });
    expect(district.adminUnitEdition).toBe("2024");
    const { data } = await expectError(hanoi().membership.orgs.create.mutate({ parentPath: TREE.g1, code: "01-CBE", name: "X", kind: "subordinate_cell", openedOn: "2025-07-01", adminUnitCode: "001" }), "BAD_REQUEST", "adminUnitCode");
    expect(data.fieldErrors!.find((f) => f.path === "adminUnitCode")!.message).toMatch(/30\/06\/2025/);
    // The same rule when the unit is changed later: the organization's opening date decides.
    await expectNoWrites(suite.h, () => hanoi().membership.orgs.update.mutate({ orgPath: "/01/01-G1/01-C9/", adminUnitCode: "001" }), "BAD_REQUEST", "adminUnitCode");
  });
  it("refuses '_' in a code, as the import does", async () => {
    await expectNoWrites(suite.h, () => hanoi().membership.orgs.create.mutate({ parentPath: TREE.g1, code: "01_C5", name: "X", kind: "subordinate_cell", openedOn: "2020-01-01" }), "BAD_REQUEST", "code");
  });
  it("lets only boards create, inside their subtree; a province under / needs the national scope", async () => {
    const input = { parentPath: TREE.g1, code: "01-C6", name: "X", kind: "subordinate_cell" as const, openedOn: "2020-01-01" };
    await expectSecurity({ h: suite.h, call: (c) => c.membership.orgs.create.mutate(input), wrongRole: as("viewer", TREE.p1), otherProvince: board(TREE.p2) });
    await expectError(hanoi().membership.orgs.create.mutate({ parentPath: "/", code: "05", name: "X", kind: "provincial_committee", openedOn: "2020-01-01" }), "NOT_FOUND", "parentPath");
    expect(await suite.fx.count("party_organization", "code = '01-C6'")).toBe(0);
  });
});

describe("orgs.update", () => {
  it("renames and records which fields changed", async () => {
    const r = await expectRecorded(suite.h, () => hanoi().membership.orgs.update.mutate({ orgPath: TREE.c2, name: "Chi bộ Tổ dân phố số 2", sector: "ward" }), {
      action: "membership.organizations.manage",
      events: ["membership.organization.updated"],
    });
    expect(r.result.name).toBe("Chi bộ Tổ dân phố số 2");
    expect(r.events[0]!.payload).toMatchObject({ fields: ["name", "sector"] });
  });
  it("needs a change, and refuses a closed organization", async () => {
    await expectError(hanoi().membership.orgs.update.mutate({ orgPath: TREE.c2 }), "BAD_REQUEST", "name");
    await suite.fx.org("/01/01-G1/01-CX/", "subordinate_cell", "Chi bộ đã giải thể", { closedOn: "2020-01-01" });
    await expectNoWrites(suite.h, () => hanoi().membership.orgs.update.mutate({ orgPath: "/01/01-G1/01-CX/", name: "Y" }), "CONFLICT", "orgPath");
  });
  it("is for boards inside their scope", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.orgs.update.mutate({ orgPath: TREE.c2, name: "Z" }), wrongRole: as("personnel_officer", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("orgs.close", () => {
  it("closes an empty organization", async () => {
    await suite.fx.org("/01/01-G1/01-C5/", "subordinate_cell", "Chi bộ sáp nhập");
    const r = await expectRecorded(suite.h, () => hanoi().membership.orgs.close.mutate({ orgPath: "/01/01-G1/01-C5/", closedOn: "2026-10-01" }), {
      action: "membership.organizations.manage",
      events: ["membership.organization.closed"],
    });
    expect(r.result.closedOn).toBe("2026-10-01");
  });
  it("refuses while members or open children remain, naming orgPath", async () => {
    await expectNoWrites(suite.h, () => hanoi().membership.orgs.close.mutate({ orgPath: TREE.c1, closedOn: "2026-10-01" }), "CONFLICT", "orgPath");
    await expectNoWrites(suite.h, () => hanoi().membership.orgs.close.mutate({ orgPath: TREE.g1, closedOn: "2026-10-01" }), "CONFLICT", "orgPath");
    await expectNoWrites(suite.h, () => hanoi().membership.orgs.close.mutate({ orgPath: TREE.c2, closedOn: "1980-01-01" }), "BAD_REQUEST", "closedOn");
  });
  it("is for boards inside their scope", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.orgs.close.mutate({ orgPath: TREE.c2, closedOn: "2026-10-01" }), wrongRole: as("inspection_committee", TREE.p1), otherProvince: board(TREE.p2) });
    expect(await suite.fx.count("party_organization", "path = $1 AND closed_on IS NULL", [TREE.c2])).toBe(1);
  });
});
