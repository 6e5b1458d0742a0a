// membership.members.*: member records.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fixture, TREE, nationalId } from "./fixtures.js";
import { as, betweenStatements, board, expectError, expectNoWrites, expectRecorded, expectSecurity, startHarness, type Harness } from "./harness.js";

let h: Harness;
let fx: Fixture;
let an: number;

beforeAll(async () => {
  h = await startHarness();
  fx = new Fixture(h.db);
  await fx.tree();
  // Vietnamese order: by given name, then middle names, then family name.
  for (const fullName of ["Phạm Thị Thủy", "Nguyễn Văn Bình", "Lê Hòa", "Trần An", "Đỗ Thị Thuý", "Nguyễn Thị Bình"]) {
    const id = await fx.member(TREE.c1, { fullName, gender: fullName.includes("Thị") ? "female" : "male" });
    if (fullName === "Trần An") an = id;
  }
  await fx.member(TREE.c1, { fullName: "Vũ Văn Cũ", status: "removed" });
  await fx.member(TREE.c3, { fullName: "Giàng A Páo" });
});
afterAll(async () => {
  await h?.close();
});

const hanoi = () => h.client(board(TREE.p1));
const person = (birthYear = 1990, gender: "male" | "female" = "female") => ({
  fullName: "Hoàng Thị Mai",
  birthDate: `${birthYear}-04-12`,
  gender,
  ethnicity: "Tày",
  nationalId: nationalId(birthYear, gender),
});

describe("members.get", () => {
  it("returns the member", async () => {
    const m = await hanoi().membership.members.get.query({ id: an });
    expect(m).toMatchObject({ id: an, fullName: "Trần An", orgPath: TREE.c1, orgName: "Chi bộ Tổ dân phố 1", status: "official" });
  });
  it("answers NOT_FOUND on id for an unknown member, BAD_REQUEST on id for a non-id", async () => {
    await expectError(hanoi().membership.members.get.query({ id: 999999 }), "NOT_FOUND", "id");
    await expectError(hanoi().membership.members.get.query({ id: -1 }), "BAD_REQUEST", "id");
  });
  it("needs a reading role inside the member's province", async () => {
    await expectSecurity({ h, call: (c) => c.membership.members.get.query({ id: an }), wrongRole: as("conference_operator", TREE.p1), otherProvince: as("viewer", TREE.p2) });
  });
});

describe("members.list", () => {
  it("pages in Vietnamese name order (given name, middle, family; tones per word)", async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { fullName: string }[]; nextCursor: string | null } = await hanoi().membership.members.list.query({ orgPath: TREE.p1, limit: 4, cursor });
      names.push(...page.items.map((m) => m.fullName));
      cursor = page.nextCursor;
    } while (cursor);
    // Tone order ngang, huyền, hỏi, ngã, sắc, nặng: Thủy (hỏi) before Thuý (sắc), wherever the mark sits.
    expect(names).toEqual(["Trần An", "Nguyễn Thị Bình", "Nguyễn Văn Bình", "Lê Hòa", "Phạm Thị Thủy", "Đỗ Thị Thuý"]);
  });
  it("filters by status and searches without accents or by national ID prefix", async () => {
    const removed = await hanoi().membership.members.list.query({ status: ["removed"] });
    expect(removed.items.map((m) => m.fullName)).toEqual(["Vũ Văn Cũ"]);
    const found = await hanoi().membership.members.list.query({ search: "thuy" });
    expect(found.items.map((m) => m.fullName)).toEqual(["Phạm Thị Thủy", "Đỗ Thị Thuý"]);
    const an_ = await hanoi().membership.members.get.query({ id: an });
    const byId = await hanoi().membership.members.list.query({ search: an_.nationalId });
    expect(byId.items.map((m) => m.id)).toEqual([an]);
  });
  it("names bad filters", async () => {
    await expectError(hanoi().membership.members.list.query({ status: ["sleeping" as never] }), "BAD_REQUEST", "status.0");
    await expectError(hanoi().membership.members.list.query({ limit: 1000 }), "BAD_REQUEST", "limit");
  });
  it("never shows another province: refused when named, filtered out otherwise", async () => {
    await expectSecurity({ h, call: (c) => c.membership.members.list.query({ orgPath: TREE.p1 }), wrongRole: as("site_operator", TREE.p1), otherProvince: as("personnel_officer", TREE.p2) });
    const theirs = await h.client(as("viewer", TREE.p2)).membership.members.list.query({ search: "Bình" });
    expect(theirs.items).toEqual([]);
    const all = await h.client(as("viewer", TREE.p2)).membership.members.list.query({});
    expect(all.items.map((m) => m.fullName)).toEqual(["Giàng A Páo"]);
  });
  it("leaves out a member moved out of the caller's scope between the page's keys and its records, never showing the new path (#14)", async () => {
    const moving = await fx.member(TREE.c1, { fullName: "Đinh Văn Chuyển" });
    const moveTo = async (path: string) => {
      await h.db.query(`UPDATE member SET org_id = $1, org_path = $2 WHERE id = $3`, [fx.orgId(path), path, moving]);
    };
    try {
      // A restructuring's reparent commits between members.list's key read and its record read.
      const { result, fired } = await betweenStatements(h, /FROM member m WHERE/, () => moveTo(TREE.c3), () => hanoi().membership.members.list.query({ search: "Chuyển" }));
      expect(fired).toBe(true);
      expect(result.items).toEqual([]);
      const all = await hanoi().membership.members.list.query({ orgPath: TREE.p1, limit: 200 });
      expect(all.items.filter((m) => !m.orgPath.startsWith(TREE.p1))).toEqual([]);
    } finally {
      await h.db.query(`DELETE FROM membership_period WHERE member_id = $1`, [moving]);
      await h.db.query(`DELETE FROM member WHERE id = $1`, [moving]);
    }
  });
});

describe("members.create", () => {
  it("records an official member with the first membership period", async () => {
    const input = { orgPath: TREE.c2, ...person(), status: "official" as const, admittedOn: "2015-05-19", officialOn: "2016-05-19", partyCardNumber: "01234567" };
    const r = await expectRecorded(h, () => hanoi().membership.members.create.mutate(input), { action: "membership.members.manage", events: ["membership.member.created"] });
    expect(r.result).toMatchObject({ fullName: "Hoàng Thị Mai", status: "official", orgPath: TREE.c2, partyCardNumber: "01234567" });
    expect(await fx.count("membership_period", "member_id = $1 AND ended_on IS NULL AND org_path = $2", [r.result.id, TREE.c2])).toBe(1);
    expect(r.events[0]!.payload).not.toHaveProperty("nationalId");
  });
  it("records a probationary member with the admission record probation is tracked on; an arrival as a transfer in", async () => {
    const p = await hanoi().membership.members.create.mutate({ orgPath: TREE.c2, ...person(1995), status: "probationary", admittedOn: "2026-01-10" });
    expect(await fx.count("admission", "member_id = $1 AND probation_ends_on = '2027-01-10'", [p.id])).toBe(1);
    const a = await hanoi().membership.members.create.mutate({
      orgPath: TREE.c2,
      ...person(1970, "male"),
      status: "official",
      admittedOn: "1995-02-03",
      officialOn: "1996-02-03",
      arrival: { fromDescription: "Đảng bộ Quân khu 1", receivedOn: "2026-09-01" },
    });
    expect(await fx.count("transfer", "member_id = $1 AND status = 'received' AND to_org_path = $2", [a.id, TREE.c2])).toBe(1);
    expect(await fx.count("membership_period", "member_id = $1 AND start_reason = 'transfer_in' AND started_on = '2026-09-01'", [a.id])).toBe(1);
  });
  it("checks the national ID against birth year and gender, the cell, dates and duplicates; writes nothing on failure", async () => {
    const base = { orgPath: TREE.c2, ...person(), status: "official" as const, admittedOn: "2015-05-19", officialOn: "2016-05-19" };
    await expectNoWrites(h, () => hanoi().membership.members.create.mutate({ ...base, nationalId: nationalId(1991, "female") }), "BAD_REQUEST", "nationalId");
    await expectNoWrites(h, () => hanoi().membership.members.create.mutate({ ...base, gender: "male" }), "BAD_REQUEST", "nationalId");
    await expectNoWrites(h, () => hanoi().membership.members.create.mutate({ ...base, nationalId: "12345" }), "BAD_REQUEST", "nationalId");
    await expectNoWrites(h, () => hanoi().membership.members.create.mutate({ ...base, officialOn: "2015-12-01" }), "BAD_REQUEST", "officialOn");
    await expectNoWrites(h, () => hanoi().membership.members.create.mutate({ ...base, admittedOn: "2005-01-01", officialOn: "2006-01-01" }), "BAD_REQUEST", "admittedOn");
    await expectNoWrites(h, () => hanoi().membership.members.create.mutate({ ...base, orgPath: TREE.g1 }), "BAD_REQUEST", "orgPath");
    const existing = await hanoi().membership.members.get.query({ id: an });
    await expectNoWrites(h, () => hanoi().membership.members.create.mutate({ ...base, birthDate: existing.birthDate, gender: existing.gender, nationalId: existing.nationalId }), "CONFLICT", "nationalId");
    await expectNoWrites(h, () => hanoi().membership.members.create.mutate({ ...base, fullName: "" }), "BAD_REQUEST", "fullName");
  });
  it("is for boards, in a cell of their own province", async () => {
    const input = { orgPath: TREE.c1, ...person(), status: "official" as const, admittedOn: "2015-05-19", officialOn: "2016-05-19" };
    await expectSecurity({ h, call: (c) => c.membership.members.create.mutate(input), wrongRole: as("viewer", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("members.update", () => {
  it("corrects personal data and re-sorts the name", async () => {
    const m = await hanoi().membership.members.create.mutate({ orgPath: TREE.c2, ...person(1988), status: "official", admittedOn: "2012-05-19", officialOn: "2013-05-19" });
    const r = await expectRecorded(h, () => hanoi().membership.members.update.mutate({ id: m.id, fullName: "Hoàng Thị Ánh", occupation: "Giáo viên" }), {
      action: "membership.members.manage",
      events: ["membership.member.updated"],
    });
    expect(r.result).toMatchObject({ fullName: "Hoàng Thị Ánh", occupation: "Giáo viên" });
    expect(r.events[0]!.payload).toMatchObject({ fields: ["fullName", "occupation"] });
    const first = await hanoi().membership.members.list.query({ orgPath: TREE.c2, limit: 1 });
    expect(first.items[0]!.fullName).toBe("Hoàng Thị Ánh");
  });
  it("re-checks the national ID when the birth date changes; needs a change", async () => {
    await expectNoWrites(h, () => hanoi().membership.members.update.mutate({ id: an, birthDate: "1975-01-01" }), "BAD_REQUEST", "birthDate");
    await expectError(hanoi().membership.members.update.mutate({ id: an }), "BAD_REQUEST", "id");
    await expectError(hanoi().membership.members.update.mutate({ id: 999999, occupation: "x" }), "NOT_FOUND", "id");
  });
  it("is for boards of the member's province", async () => {
    await expectSecurity({ h, call: (c) => c.membership.members.update.mutate({ id: an, occupation: "Kỹ sư" }), wrongRole: as("inspection_committee", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("members.history", () => {
  it("lists the membership periods oldest first", async () => {
    const hist = await hanoi().membership.members.history.query({ id: an });
    expect(hist.member).toMatchObject({ id: an, status: "official" });
    expect(hist.periods).toEqual([{ orgPath: TREE.c1, orgName: "Chi bộ Tổ dân phố 1", startedOn: "2005-03-26", endedOn: null, startReason: "import", endReason: null }]);
    expect(hist.removal).toBeNull();
  });
  it("answers NOT_FOUND for an unknown member", async () => {
    await expectError(hanoi().membership.members.history.query({ id: 424242 }), "NOT_FOUND", "id");
  });
  it("is refused outside the member's province", async () => {
    await expectSecurity({ h, call: (c) => c.membership.members.history.query({ id: an }), wrongRole: as("site_operator", TREE.p1), otherProvince: as("inspection_committee", TREE.p2) });
  });
});
