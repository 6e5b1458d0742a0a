// membership.targets.set, membership.kpi.summary (dashboard live panels), membership.kpi.report.
import { describe, expect, it } from "vitest";
import { buildAnnualReport } from "../../src/report/annual.js";
import { TREE } from "./fixtures.js";
import { CENTRAL, as, board, expectError, expectNoWrites, expectRecorded, expectSecurity, treeSuite } from "./harness.js";

const suite = treeSuite({
  seed: async ({ fx }) => {
    // Admissions of 2026: two in Hà Nội (one in each branch), one in Hà Giang; one of 2025.
    await fx.member(TREE.c1, { status: "probationary", admittedOn: "2026-03-02" });
    await fx.member(TREE.k1, { status: "probationary", admittedOn: "2026-04-02" });
    await fx.member(TREE.c3, { status: "probationary", admittedOn: "2026-05-02" });
    await fx.member(TREE.c3, { status: "probationary", admittedOn: "2025-12-31" });
    for (const level of ["excellent", "good", "good"]) await fx.rating({ memberId: await fx.member(TREE.c2) }, 2026, level, "approved");
    await fx.rating({ memberId: await fx.member(TREE.c2) }, 2026, "excellent", "appraisal");
  },
});
const { hanoi } = suite;

describe("targets.set", () => {
  it("sets and then replaces an admissions plan, announcing both", async () => {
    const r = await expectRecorded(suite.h, () => hanoi().membership.targets.set.mutate({ orgPath: TREE.g1, year: 2026, admissionsPlan: 12 }), {
      action: "membership.targets.set",
      events: ["membership.target.set"],
    });
    expect(r.result).toMatchObject({ orgPath: TREE.g1, year: 2026, admissionsPlan: 12, previous: null });
    expect(r.events[0]).toMatchObject({ org_path: TREE.g1, payload: { year: 2026, admissions: 12, previous: null } });
    const again = await hanoi().membership.targets.set.mutate({ orgPath: TREE.g1, year: 2026, admissionsPlan: 15 });
    expect(again.previous).toBe(12);
    expect(await suite.fx.count("target", "org_path = $1", [TREE.g1])).toBe(1);
  });
  it("names a bad plan and an unknown organization", async () => {
    await expectNoWrites(suite.h, () => hanoi().membership.targets.set.mutate({ orgPath: TREE.g1, year: 2026, admissionsPlan: -1 }), "BAD_REQUEST", "admissionsPlan");
    await expectNoWrites(suite.h, () => hanoi().membership.targets.set.mutate({ orgPath: TREE.g1, year: 1900, admissionsPlan: 1 }), "BAD_REQUEST", "year");
    await expectNoWrites(suite.h, () => hanoi().membership.targets.set.mutate({ orgPath: "/01/none/", year: 2026, admissionsPlan: 1 }), "NOT_FOUND", "orgPath");
  });
  it("is for boards inside their scope (a province's own plan comes from the national level or itself)", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.targets.set.mutate({ orgPath: TREE.g1, year: 2026, admissionsPlan: 3 }), wrongRole: as("viewer", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("kpi.summary", () => {
  it("gives one row per province at national level, with plans, ratings and the outbox position", async () => {
    await suite.h.client(CENTRAL).membership.targets.set.mutate({ orgPath: TREE.p1, year: 2026, admissionsPlan: 40 });
    await suite.h.client(CENTRAL).membership.targets.set.mutate({ orgPath: TREE.p2, year: 2026, admissionsPlan: 10 });
    const s = await suite.h.client(CENTRAL).membership.kpi.summary.query({ orgPath: "/", year: 2026 });
    expect(s.rows).toEqual([
      { orgPath: TREE.p1, name: "Đảng bộ Thành phố Hà Nội", admitted: 2, plan: 40 },
      { orgPath: TREE.p2, name: "Đảng bộ tỉnh Hà Giang", admitted: 1, plan: 10 },
    ]);
    expect(s.ratings).toEqual([
      { level: "excellent", count: 1 },
      { level: "good", count: 2 },
      { level: "completed", count: 0 },
      { level: "not_completed", count: 0 },
    ]);
    const { rows } = await suite.h.db.query<{ id: string }>(`SELECT max(id)::text AS id FROM outbox_event`);
    expect(s.lastEventId).toBe(rows[0]!.id);
    const inside = await hanoi().membership.kpi.summary.query({ orgPath: TREE.p1, year: 2026 });
    expect(inside.rows.map((r) => [r.orgPath, r.admitted, r.plan])).toEqual([[TREE.g1, 1, 15], [TREE.k1, 1, 0]]);
  });
  it("names a bad year or path", async () => {
    await expectError(hanoi().membership.kpi.summary.query({ orgPath: TREE.p1, year: 3000 }), "BAD_REQUEST", "year");
    await expectError(hanoi().membership.kpi.summary.query({ orgPath: "/01", year: 2026 }), "BAD_REQUEST", "orgPath");
  });
  it("national figures are for the national scope; a province sees only itself", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.kpi.summary.query({ orgPath: TREE.p1, year: 2026 }), wrongRole: as("conference_operator", TREE.p1), otherProvince: as("viewer", TREE.p2) });
    await expectError(hanoi().membership.kpi.summary.query({ orgPath: "/", year: 2026 }), "NOT_FOUND", "orgPath");
  });
});

describe("kpi.report", () => {
  it("returns the annual report of a subtree from the data layer", async () => {
    const r = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: 2026 });
    expect(r).toMatchObject({ orgPath: TREE.p1, orgName: "Đảng bộ Thành phố Hà Nội", year: 2026, admissions: { count: 2 } });
    expect(r.ratings.members).toMatchObject({ excellent: 1, good: 2, total: 3 });
  });
  it("is, figure for figure, the report `pnpm orgboard report annual` prints (buildAnnualReport)", async () => {
    for (const [orgPath, year] of [[TREE.p1, 2026], [TREE.g1, 2026], [TREE.p2, 2025]] as const) {
      const local = await buildAnnualReport(suite.h.db, { orgPath, year });
      // The API adds only the "đang sắp xếp" notice (2.7): none here, nothing is being restructured.
      expect(await suite.h.client(CENTRAL).membership.kpi.report.query({ orgPath, year })).toEqual({ ...local, restructuring: null });
    }
  });
  it("names the bad field and never answers 500", async () => {
    await expectError(hanoi().membership.kpi.report.query({ orgPath: "/01", year: 2026 }), "BAD_REQUEST", "orgPath");
    await expectError(hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: 2026.5 }), "BAD_REQUEST", "year");
    // @ts-expect-error: the contract says year is a number
    await expectError(hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: "2026" }), "BAD_REQUEST", "year");
  });
  it("tells a caller outside the subtree nothing: an existing and an unknown organization are refused alike", async () => {
    const hagiang = suite.h.client(as("personnel_officer", TREE.p2));
    const existing = await expectError(hagiang.membership.kpi.report.query({ orgPath: TREE.g1, year: 2026 }), "NOT_FOUND");
    const unknown = await expectError(hagiang.membership.kpi.report.query({ orgPath: "/01/no-such-org/", year: 2026 }), "NOT_FOUND");
    expect(existing.message).toBe(unknown.message);
    expect(existing.message).not.toMatch(/Hà Nội|G1/);
    await expectError(suite.h.client(null).membership.kpi.report.query({ orgPath: "/01/no-such-org/", year: 2026 }), "UNAUTHORIZED");
  });
  it("names a bad year; an unknown path is NOT_FOUND", async () => {
    await expectError(hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: 1800 }), "BAD_REQUEST", "year");
    await expectError(hanoi().membership.kpi.report.query({ orgPath: "/01/zzz/", year: 2026 }), "NOT_FOUND", "orgPath");
  });
  it("is refused outside the caller's scope", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.kpi.report.query({ orgPath: TREE.p1, year: 2026 }), wrongRole: as("site_operator", TREE.p1), otherProvince: as("personnel_officer", TREE.p2) });
    await expectError(suite.h.client(as("viewer", TREE.p1)).membership.kpi.report.query({ orgPath: "/", year: 2026 }), "NOT_FOUND", "orgPath");
  });
});
