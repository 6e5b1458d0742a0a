// The seed as of 30/06/2025 on the 2024 units (issue #14): 63 provinces, their districts' committees between
// each province and its communes, so restructuring can replay the 2025 merger on it. Real database, real
// administrative units; the same seed gives the same rows.
import { getChildren, getProvinces, getUnit, mapOldToNew } from "@orgboard/admin-units";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../src/db/testing.js";
import { EVE_OF_2025_MERGER, seedDatabase, SeedError } from "../../src/seed/load.js";
import { buildOrgTree } from "../../src/seed/orgs.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("the org tree on the 2024 units", () => {
  it("nationally: 63 provinces, a committee for every district that has communes, every 2024 commune's committee under its district's", () => {
    const tree = buildOrgTree("national", 7, "2024");
    const byId = new Map(tree.orgs.map((o) => [o.id, o]));
    const provinces = tree.orgs.filter((o) => o.kind === "provincial_committee" && o.adminUnitCode !== null);
    expect(provinces.map((o) => o.code).sort()).toEqual(getProvinces("2024").map((p) => p.code).sort());
    const districtsWithCommunes = getProvinces("2024").flatMap((p) => getChildren("2024", p.code)).filter((d) => getChildren("2024", d.code).length > 0);
    const districtOrgs = tree.orgs.filter((o) => o.kind === "upper_grassroots_committee" && o.adminUnitCode !== null && getUnit("2024", o.adminUnitCode)?.kind === "district");
    expect(districtOrgs).toHaveLength(districtsWithCommunes.length);
    const communes = tree.orgs.filter((o) => o.kind === "grassroots_committee" && o.adminUnitCode !== null && getUnit("2024", o.adminUnitCode)?.kind === "commune" && byId.get(o.parentId!)!.adminUnitCode !== o.adminUnitCode && o.code.endsWith(`-${o.adminUnitCode}`));
    expect(communes.length).toBe(districtsWithCommunes.reduce((n, d) => n + getChildren("2024", d.code).length, 0));
    for (const c of communes) {
      const parent = byId.get(c.parentId!)!;
      expect(parent.kind, c.code).toBe("upper_grassroots_committee");
      expect(getUnit("2024", c.adminUnitCode!)!.parentCode, c.code).toBe(parent.adminUnitCode);
    }
    // Of the 2025 units only the commune each cell of a split commune went to (its village's), so the merger
    // has a successor for every member; every part of every split commune gets a cell.
    const split = tree.orgs.filter((o) => o.adminUnitEdition === "2025");
    expect(split.every((o) => o.kind === "subordinate_cell" || o.kind === "partial_committee")).toBe(true);
    for (const o of split) {
      let commune = byId.get(o.parentId!)!;
      while (commune.kind !== "grassroots_committee") commune = byId.get(commune.parentId!)!;
      const m = mapOldToNew(commune.adminUnitCode!)!;
      expect(m.coverage, o.code).toBe("partial");
      expect(m.targets.map((t) => t.unit.code), o.code).toContain(o.adminUnitCode);
    }
    const splitCommunes = new Set(getProvinces("2024").flatMap((p) => getChildren("2024", p.code)).flatMap((d) => getChildren("2024", d.code)).filter((c) => mapOldToNew(c.code)?.coverage === "partial").map((c) => c.code));
    expect(splitCommunes.size).toBe(441);
    for (const code of splitCommunes) {
      const cells = split.filter((o) => o.path.includes(`-${code}/`));
      expect(new Set(cells.map((o) => o.adminUnitCode)).size, code).toBe(mapOldToNew(code)!.targets.length);
    }
    // The island districts without communes (each a đặc khu since 2025) have a commune-level committee.
    const islands = getProvinces("2024").flatMap((p) => getChildren("2024", p.code)).filter((d) => getChildren("2024", d.code).length === 0);
    for (const d of islands) expect(tree.orgs.some((o) => o.kind === "grassroots_committee" && o.adminUnitCode === d.code), d.code).toBe(true);
  }, 240_000);
});

describe("seedDatabase({ units: '2024' })", () => {
  it("loads the eve of the merger (30/06/2025): district committees in the database, nothing dated later", async () => {
    const r = await seedDatabase(t.db, { scale: "demo", seed: 42, units: "2024" });
    expect(r.asOf).toBe(EVE_OF_2025_MERGER);
    const { rows: kinds } = await t.db.query<{ edition: string | null; districts: number; members: number }>(
      `SELECT (SELECT string_agg(DISTINCT admin_unit_edition, ',') FROM party_organization WHERE kind NOT IN ('subordinate_cell', 'partial_committee')) AS edition,
              (SELECT count(*)::int FROM party_organization o WHERE kind = 'upper_grassroots_committee' AND EXISTS (SELECT 1 FROM party_organization c WHERE c.parent_id = o.id AND c.kind = 'grassroots_committee')) AS districts,
              (SELECT count(*)::int FROM member) AS members`,
    );
    expect(kinds[0]!.edition).toBe("2024");
    expect(kinds[0]!.districts).toBeGreaterThan(0);
    expect(kinds[0]!.members).toBeGreaterThan(0);
    for (const [table, col] of [["membership_period", "started_on"], ["admission", "admitted_on"], ["party_organization", "opened_on"]]) {
      const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${col} > $1::date`, [EVE_OF_2025_MERGER]);
      expect(rows[0]!.n, `${table}.${col}`).toBe(0);
    }
    // Members sit in open cells of communes under a district committee, or of the province's blocs.
    const { rows: orphans } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member m JOIN party_organization o ON o.id = m.org_id WHERE o.closed_on IS NOT NULL`,
    );
    expect(orphans[0]!.n).toBe(0);
  });

  it("skeleton scale: every province, district and commune of 2024, few members", () => {
    const tree = buildOrgTree("skeleton", 1, "2024");
    const communes = new Set(tree.orgs.filter((o) => o.kind === "grassroots_committee" && getUnit("2024", o.adminUnitCode ?? "")?.kind === "commune").map((o) => o.adminUnitCode));
    expect(communes.size).toBe(10_035);
    expect(tree.orgs.filter((o) => o.kind === "provincial_committee")).toHaveLength(63);
    const members = tree.orgs.reduce((n, o) => n + o.members, 0);
    expect(members).toBeGreaterThan(50_000);
    expect(members).toBeLessThan(150_000);
  }, 120_000);

  it("the same seed gives the same tree; the 2024 units refuse a day after 30/06/2025", async () => {
    expect(buildOrgTree("demo", 42, "2024")).toEqual(buildOrgTree("demo", 42, "2024"));
    await expect(seedDatabase(t.db, { scale: "demo", seed: 42, units: "2024", asOf: "2025-07-01", reset: true })).rejects.toBeInstanceOf(SeedError);
  });
});
