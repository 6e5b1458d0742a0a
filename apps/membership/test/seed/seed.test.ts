// The synthetic dataset: same seed → same rows, realistic shape, real administrative units, valid IDs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getUnit } from "@orgboard/admin-units";
import { validateNationalId, addMonths } from "@orgboard/locale-vi";
import { openTestDatabase, type TestDatabase } from "../../src/db/testing.js";
import { seedDatabase, SeedError } from "../../src/seed/load.js";
import { buildOrgTree } from "../../src/seed/orgs.js";
import { overlappingPeriods } from "../../src/domain/kpis.js";
import type { Sql } from "../../src/db/sql.js";

const TABLES = [
  "party_organization", "member", "membership_period", "admission_candidate", "admission", "party_card",
  "transfer", "badge_award", "removal", "death", "quality_rating", "target", "org_year_stat", "org_member_total",
];

/** One digest per table over all columns, in a stable order. */
async function digests(db: Sql): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const order = t === "org_year_stat" ? "year, org_path" : t === "org_member_total" ? "org_path" : "id";
    // Creation timestamps say when the rows were written, not what they are: left out.
    const { rows: cols } = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $1 AND data_type NOT LIKE 'timestamp%' ORDER BY ordinal_position`,
      [t],
    );
    const list = cols.map((c) => `"${c.column_name}"`).join(", ");
    const { rows } = await db.query<{ d: string; n: number }>(
      `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY ${order.split(", ").map((c) => `x.${c}`).join(", ")}), '')) AS d, count(*)::int AS n
       FROM (SELECT ${list} FROM "${t}") x`,
    );
    out[t] = `${rows[0]!.n}:${rows[0]!.d}`;
  }
  return out;
}

let a: TestDatabase;
let b: TestDatabase;
beforeAll(async () => {
  [a, b] = await Promise.all([openTestDatabase(), openTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

describe("seed", () => {
  it("the same seed gives identical rows in every table; another seed differs", async () => {
    await seedDatabase(a.db, { scale: "demo", seed: 42 });
    await seedDatabase(b.db, { scale: "demo", seed: 42 });
    const [da, db1] = await Promise.all([digests(a.db), digests(b.db)]);
    expect(da).toEqual(db1);
    for (const t of TABLES.filter((t) => t !== "removal" && t !== "death")) expect(da[t]!.startsWith("0:")).toBe(false);

    await seedDatabase(b.db, { scale: "demo", seed: 43, reset: true });
    const db2 = await digests(b.db);
    expect(db2.member).not.toEqual(da.member);
    // The organization tree comes from the real units; only its random parts differ.
    expect(db2.party_organization).not.toEqual(da.party_organization);
  });

  it("refuses to seed over existing data unless reset", async () => {
    await expect(seedDatabase(a.db, { scale: "demo", seed: 1 })).rejects.toBeInstanceOf(SeedError);
  });

  it("rows obey the domain rules: valid national IDs, adults at admission, probation, no overlapping periods", async () => {
    const { rows: members } = await a.db.query<{ national_id: string; birth_date: string; gender: "male" | "female"; admitted_on: string; official_on: string | null; status: string }>(
      "SELECT national_id, birth_date, gender, admitted_on, official_on, status FROM member",
    );
    expect(members.length).toBeGreaterThan(4500);
    for (const m of members) {
      const id = validateNationalId(m.national_id, { birthYear: Number(m.birth_date.slice(0, 4)), gender: m.gender });
      expect(id.ok, `${m.national_id} ${m.birth_date} ${m.gender}`).toBe(true);
      expect(m.admitted_on >= addMonths(m.birth_date, 18 * 12)).toBe(true);
      if (m.official_on !== null) expect(m.official_on >= addMonths(m.admitted_on, 12)).toBe(true);
      if (m.status === "probationary") expect(m.official_on).toBeNull();
    }
    const { rows: periods } = await a.db.query<{ memberId: number; orgPath: string; startedOn: string; endedOn: string | null }>(
      `SELECT member_id AS "memberId", org_path AS "orgPath", started_on AS "startedOn", ended_on AS "endedOn" FROM membership_period`,
    );
    expect(overlappingPeriods(periods)).toEqual([]);
    // Shares: about a third women, a majority Kinh, some ethnic minorities.
    const women = members.filter((m) => m.gender === "female").length / members.length;
    expect(women).toBeGreaterThan(0.28);
    expect(women).toBeLessThan(0.44);
  });

  it("organizations sit on real 2025 administrative units and members only in open cells", async () => {
    const { rows } = await a.db.query<{ admin_unit_code: string; kind: string; name: string }>(
      "SELECT admin_unit_code, kind, name FROM party_organization WHERE admin_unit_code IS NOT NULL",
    );
    for (const r of rows) expect(getUnit("2025", r.admin_unit_code), r.admin_unit_code).toBeDefined();
    const { rows: bad } = await a.db.query(
      `SELECT m.id FROM member m JOIN party_organization o ON o.id = m.org_id
       WHERE o.kind NOT IN ('grassroots_cell', 'subordinate_cell') OR o.closed_on IS NOT NULL`,
    );
    expect(bad).toEqual([]);
  });

  it("national scale has the published size: ≈ 52,000 grassroots organizations and ≈ 5.6 million members", () => {
    const tree = buildOrgTree("national", 1);
    const open = tree.orgs.filter((o) => o.closedOn === null);
    const grassroots = open.filter((o) => o.kind === "grassroots_committee" || o.kind === "grassroots_cell").length;
    const members = open.reduce((s, o) => s + o.members, 0);
    const provinces = open.filter((o) => o.kind === "provincial_committee").length;
    expect(provinces).toBe(40); // 34 provinces + 6 central committees
    expect(grassroots).toBeGreaterThan(50_000);
    expect(grassroots).toBeLessThan(54_000);
    expect(members).toBeGreaterThan(5_400_000);
    expect(members).toBeLessThan(5_800_000);
    // Every commune of 2025 has its party committee.
    expect(open.filter((o) => o.sector === "commune" || o.sector === "ward" || o.sector === "special_zone").filter((o) => o.kind === "grassroots_committee").length).toBe(3321);
  });
});
