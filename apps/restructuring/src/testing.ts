// @orgboard/restructuring/testing — for tests of the saga here and in the CLI. A small membership database on the real 2024 units of some provinces (with district committees), for the
// saga's tests: province committee + office cell; district committees + office cell; per commune a
// committee with two village cells (every 40th commune not split: one grassroots cell instead). The cells
// of a split commune carry the 2025 commune they go to (their own unit code: the plan's placement rule), so
// no member is left without a successor. Members are written straight into membership's tables with their
// open membership period (the counters' triggers run), a deterministic number per cell.
import { getUnits } from "@orgboard/admin-units";
import { compilePlan, officialPlan2025 } from "./domain/index.js";

/** Membership's SQL handle (its Database): only `query` is used. */
export interface SqlHandle {
  query(text: string, params?: readonly unknown[]): Promise<unknown>;
}

export interface SeedOrg {
  code: string;
  parent: string | null;
  kind: string;
  name: string;
  unit: string | null;
  edition: string | null;
  members: number;
}

const count = (code: string, mod: number, base: number) => (Number.parseInt(code.replace(/\D/g, "") || "0", 10) % mod) + base;

export function seedTree(provinces: readonly string[]): SeedOrg[] {
  const compiled = compilePlan(officialPlan2025());
  const out: SeedOrg[] = [];
  const provinceOf = new Map<string, string>();
  for (const u of getUnits("2024")) {
    const province = u.kind === "province" ? u.code : u.kind === "district" ? u.parentCode! : provinceOf.get(u.parentCode!)!;
    provinceOf.set(u.code, province);
    if (!provinces.includes(province)) continue;
    if (u.kind === "province") {
      out.push({ code: u.code, parent: null, kind: "provincial_committee", name: `Đảng bộ ${u.name}`, unit: u.code, edition: "2024", members: 0 });
      out.push({ code: `${u.code}-CQ`, parent: u.code, kind: "grassroots_cell", name: "Chi bộ Văn phòng Tỉnh ủy", unit: null, edition: null, members: count(u.code, 7, 10) });
    } else if (u.kind === "district") {
      out.push({ code: u.code, parent: u.parentCode, kind: "upper_grassroots_committee", name: `Đảng bộ ${u.name}`, unit: u.code, edition: "2024", members: 0 });
      out.push({ code: `${u.code}-CQ`, parent: u.code, kind: "grassroots_cell", name: `Chi bộ Cơ quan ${u.shortName}`, unit: null, edition: null, members: count(u.code, 5, 3) });
    } else {
      const targets = compiled.commune.get(u.code) ?? [];
      const split = targets.length > 1 || targets.some((t) => t.coverage !== "full");
      if (!split && Number.parseInt(u.code, 10) % 40 === 0) {
        out.push({ code: u.code, parent: u.parentCode, kind: "grassroots_cell", name: `Chi bộ ${u.name}`, unit: u.code, edition: "2024", members: count(u.code, 9, 4) });
        continue;
      }
      out.push({ code: u.code, parent: u.parentCode, kind: "grassroots_committee", name: `Đảng bộ ${u.name}`, unit: u.code, edition: "2024", members: 0 });
      for (const i of [1, 2]) {
        const to = split ? targets[(i - 1) % targets.length]!.code : null;
        out.push({ code: `${u.code}-0${i}`, parent: u.code, kind: "subordinate_cell", name: `Chi bộ thôn ${i}`, unit: to, edition: to ? "2025" : null, members: count(u.code, 11 + i, 5) });
      }
    }
  }
  return out;
}

/** Writes the tree and its members; answers the number of members. */
export async function seedMembership(db: SqlHandle, provinces: readonly string[]): Promise<{ organizations: number; members: number }> {
  const orgs = seedTree(provinces);
  const pathOf = new Map<string, string>();
  for (const o of orgs) pathOf.set(o.code, `${o.parent === null ? "/" : pathOf.get(o.parent)!}${o.code}/`);
  const col = <K extends keyof SeedOrg>(k: K) => orgs.map((o) => o[k]);
  await db.query(
    `INSERT INTO party_organization (path, depth, kind, code, name, admin_unit_code, admin_unit_edition, opened_on)
     SELECT p, array_length(string_to_array(trim(both '/' from p), '/'), 1), k, c, n, u, e, DATE '1990-01-01'
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(p, k, c, n, u, e)`,
    [orgs.map((o) => pathOf.get(o.code)!), col("kind"), col("code"), col("name"), col("unit"), col("edition")],
  );
  await db.query(
    `UPDATE party_organization o SET parent_id = p.id FROM unnest($1::text[], $2::text[]) AS t(c, pc) JOIN party_organization p ON p.code = t.pc WHERE o.code = t.c`,
    [orgs.filter((o) => o.parent !== null).map((o) => o.code), orgs.filter((o) => o.parent !== null).map((o) => o.parent!)],
  );
  const cells = orgs.filter((o) => o.members > 0);
  await db.query(
    `INSERT INTO member (full_name, birth_date, gender, ethnicity, national_id, org_id, org_path, status, admitted_on, official_on, name_sort_key)
     SELECT 'Nguyễn Văn ' || o.code || ' ' || g, DATE '1980-01-01', 'male', 'Kinh',
            lpad((row_number() OVER ())::text, 12, '0'), o.id, o.path, 'official', DATE '2005-03-26', DATE '2006-03-26', ''
     FROM unnest($1::text[], $2::int[]) AS t(c, n) JOIN party_organization o ON o.code = t.c, generate_series(1, t.n) AS g`,
    [cells.map((o) => o.code), cells.map((o) => o.members)],
  );
  await db.query(`INSERT INTO membership_period (member_id, org_id, org_path, started_on, start_reason) SELECT id, org_id, org_path, admitted_on, 'import' FROM member`);
  return { organizations: orgs.length, members: cells.reduce((n, o) => n + o.members, 0) };
}
