// The inspection seed against the real membership seed: membership's demo dataset loaded into its own
// database (as `orgboard start` does), inspection's seed derived from the same scale and seed, then checked
// against membership's rows: every person and organization a case names exists there with the same id,
// name and path; the expulsions agree year by year and province by province, and so do the two services'
// annual reports; the figures have the size the quotes give; the seed replays identically.
import { buildAnnualReport as membershipReport, openTestDatabase, seedDatabase, seedSubjects, type TestDatabase } from "@orgboard/membership";
import { createTestDatabase, type TestDatabase as SharedTestDatabase } from "@orgboard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAnnualReport } from "../../src/app/report.js";
import { migrationsDir } from "../../src/db.js";
import { PrismaClient } from "../../src/generated/prisma/client.js";
import { InspectionSeedError, seedInspection, type InspectionSeedResult } from "../../src/seed/index.js";

const SCALE = "demo";
const SEED = 1;
let membership: TestDatabase;
let inspection: SharedTestDatabase<PrismaClient>;
let seeded: InspectionSeedResult;

beforeAll(async () => {
  membership = await openTestDatabase();
  await seedDatabase(membership.db, { scale: SCALE, seed: SEED });
  inspection = await createTestDatabase({ service: "inspection", migrationsDir: migrationsDir(), createClient: (adapter) => new PrismaClient({ adapter }) });
  seeded = await seedInspection(inspection, seedSubjects(SCALE, SEED));
}, 180_000);
afterAll(async () => {
  await inspection?.close();
  await membership?.close();
});

const rowsOf = async <T extends object>(db: { query: (sql: string) => Promise<{ rows: T[] }> }, sql: string) => (await db.query(sql)).rows;
const CASE_TABLES = ["inspection", "supervision", "discipline_decision"] as const;

describe("the inspection seed about membership's seeded people and organizations", () => {
  it("fills every table, five years and the current one up to the data's day", async () => {
    expect(seeded.fromYear).toBe(2021);
    for (const t of ["program", "program_item", "inspection", "supervision", "discipline_decision"]) expect(seeded.rows[t], t).toBeGreaterThan(0);
    const years = await rowsOf<{ y: number }>(inspection, "SELECT DISTINCT extract(year FROM decided_on)::int AS y FROM supervision ORDER BY 1");
    expect(years.map((r) => r.y)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    const [late] = await rowsOf<{ n: number }>(inspection, `SELECT count(*)::int AS n FROM inspection WHERE decided_on >= '${seeded.asOf}'::date`);
    expect(late!.n).toBe(0);
  });

  it("leaves every index the migrations made (the load drops and rebuilds them)", async () => {
    const indexes = async (db: { query: (sql: string) => Promise<{ rows: { n: string }[] }> }) =>
      (await rowsOf<{ n: string }>(db, "SELECT indexname || ' ' || indexdef AS n FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1")).map((r) => r.n);
    const fresh = await createTestDatabase({ service: "inspection", migrationsDir: migrationsDir(), createClient: (adapter) => new PrismaClient({ adapter }) });
    try {
      const expected = await indexes(fresh);
      expect(expected.some((n) => n.startsWith("inspection_report_subtree_idx "))).toBe(true);
      expect(await indexes(inspection)).toEqual(expected);
    } finally {
      await fresh.close();
    }
  });

  it("names every member as membership has them: same id, full name and organization path", async () => {
    const people = new Map(
      (await rowsOf<{ id: number; full_name: string; org_path: string }>(membership.db, "SELECT id, full_name, org_path FROM member")).map((m) => [m.id, m]),
    );
    let checked = 0;
    for (const t of CASE_TABLES) {
      const subjects = await rowsOf<{ member_id: number; subject_name: string; subject_org_path: string }>(
        inspection,
        `SELECT DISTINCT member_id, subject_name, subject_org_path FROM ${t} WHERE subject_kind = 'member'`,
      );
      expect(subjects.length, t).toBeGreaterThan(0);
      for (const s of subjects) {
        const m = people.get(s.member_id);
        expect(m, `${t}: member ${s.member_id}`).toBeDefined();
        expect([s.subject_name, s.subject_org_path], `${t}: member ${s.member_id}`).toEqual([m!.full_name, m!.org_path]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("names every organization (subjects, conductors, deciders, program owners) as membership has them", async () => {
    const orgs = new Map((await rowsOf<{ id: number; name: string; path: string }>(membership.db, "SELECT id, name, path FROM party_organization")).map((o) => [o.id, o]));
    const paths = new Set([...orgs.values()].map((o) => o.path));
    for (const t of [...CASE_TABLES, "program_item"]) {
      const subjects = await rowsOf<{ org_id: number; subject_name: string; subject_org_path: string }>(
        inspection,
        `SELECT DISTINCT org_id, subject_name, subject_org_path FROM ${t} WHERE subject_kind = 'organization'`,
      );
      expect(subjects.length, t).toBeGreaterThan(0);
      for (const s of subjects) expect([s.subject_name, s.subject_org_path], `${t}: org ${s.org_id}`).toEqual([orgs.get(s.org_id)?.name, orgs.get(s.org_id)?.path]);
    }
    const bodies = await rowsOf<{ path: string }>(
      inspection,
      `SELECT conductor_org_path AS path FROM inspection UNION SELECT conductor_org_path FROM supervision
       UNION SELECT decided_by_org_path FROM discipline_decision UNION SELECT owner_org_path FROM program`,
    );
    for (const b of bodies) expect(paths.has(b.path), b.path).toBe(true);
  });

  it("holds exactly the expulsions membership holds, by year and province, and the two annual reports agree", async () => {
    const key = (r: { y: number; province: string; n: number }) => `${r.y} ${r.province} ${r.n}`;
    const inMembership = await rowsOf<{ y: number; province: string; n: number }>(
      membership.db,
      `SELECT extract(year FROM removed_on)::int AS y, substring(org_path from '^/[^/]+/') AS province, count(*)::int AS n
         FROM removal WHERE kind = 'expelled' AND removed_on >= '2021-01-01' GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const inInspection = await rowsOf<{ y: number; province: string; n: number }>(
      inspection,
      `SELECT extract(year FROM decided_on)::int AS y, substring(subject_org_path from '^/[^/]+/') AS province, count(*)::int AS n
         FROM discipline_decision WHERE form = 'expulsion' AND status <> 'annulled' GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(inMembership.length).toBeGreaterThan(0);
    expect(inInspection.map(key)).toEqual(inMembership.map(key));
    const [applied] = await rowsOf<{ n: number }>(inspection, "SELECT count(*)::int AS n FROM discipline_decision WHERE form = 'expulsion' AND effect_status <> 'applied'");
    expect(applied!.n).toBe(0);
    for (const orgPath of ["/", "/01/", "/31/", "/46/"]) {
      for (const year of [2024, 2025]) {
        const m = await membershipReport(membership.db, { orgPath, year });
        const i = await buildAnnualReport(inspection.prisma, { orgPath, year, asOf: seeded.asOf });
        expect(i.discipline.members.byForm.expulsion, `${orgPath} ${year}`).toBe(m.removals.expelled);
      }
    }
  });

  it("has figures of the size the year-end reports give (per 1,000 members, a province's 2025)", async () => {
    const m = await membershipReport(membership.db, { orgPath: "/01/", year: 2025 });
    const r = await buildAnnualReport(inspection.prisma, { orgPath: "/01/", year: 2025, asOf: seeded.asOf });
    const per1000 = (n: number) => (n * 1000) / m.totalMembers;
    // Quotes (docs/inspection.md, "Seed"): members inspected 20, supervised 14, disciplined 5.7 per 1,000
    // a year; cells check about a tenth of their members.
    expect(per1000(r.inspections.byKind.member_compliance.members)).toBeGreaterThan(60);
    expect(per1000(r.inspections.byKind.member_compliance.members)).toBeLessThan(140);
    const otherMemberInspections = r.inspections.total.members - r.inspections.byKind.member_compliance.members;
    expect(per1000(otherMemberInspections)).toBeGreaterThan(8);
    expect(per1000(otherMemberInspections)).toBeLessThan(40);
    expect(per1000(r.supervisions.total.members)).toBeGreaterThan(5);
    expect(per1000(r.supervisions.total.members)).toBeLessThan(30);
    expect(per1000(r.discipline.members.total)).toBeGreaterThan(1);
    expect(per1000(r.discipline.members.total)).toBeLessThan(15);
    expect(r.inspections.total.organizations).toBeGreaterThan(0);
    expect(r.inspections.byConductor.grassroots_committee.organizations).toBeGreaterThan(0);
    expect(r.program.percent).toBeGreaterThan(85);
  });

  it("counts open deadlines as the plain definition does, on the data's day and on a day in the past", async () => {
    // The report reads them in two index branches (bench/report.bench.ts); this is the one-predicate form.
    for (const [orgPath, asOf] of [["/", seeded.asOf], ["/01/", seeded.asOf], ["/", "2025-03-31"], ["/31/", "2024-10-15"]] as const) {
      const r = await buildAnnualReport(inspection.prisma, { orgPath, year: Number(asOf.slice(0, 4)), asOf });
      const [plain] = await rowsOf<{ open: number }>(
        inspection,
        `SELECT (SELECT count(*) FROM inspection
                  WHERE conductor_org_path LIKE '${orgPath}%' AND planned_end_on IS NOT NULL AND planned_end_on < '${asOf}'::date
                    AND decided_on <= '${asOf}'::date AND (concluded_on IS NULL OR concluded_on > '${asOf}'::date))::int
              + (SELECT count(*) FROM appeal
                  WHERE subject_org_path LIKE '${orgPath}%' AND decide_deadline_on < '${asOf}'::date
                    AND lodged_on <= '${asOf}'::date AND (decided_on IS NULL OR decided_on > '${asOf}'::date))::int AS open`,
      );
      expect(r.deadlines.overdue, `${orgPath} ${asOf}`).toBe(plain!.open);
      if (asOf !== seeded.asOf) expect(plain!.open, `${orgPath} ${asOf}: a past day has cases concluded after it`).toBeGreaterThan(0);
    }
  });

  it("replays identically from the same seed, and refuses a database that holds data unless reset", async () => {
    const fingerprint = async () =>
      (
        await rowsOf<{ f: string }>(
          inspection,
          `SELECT md5(string_agg(x, ',' ORDER BY x)) AS f FROM (
             SELECT id::text || decision_number || decided_on::text AS x FROM inspection
             UNION ALL SELECT id::text || kind || decided_on::text FROM supervision
             UNION ALL SELECT id::text || decision_number || form FROM discipline_decision
             UNION ALL SELECT id::text || subject_org_path FROM program_item) all_rows`,
        )
      )[0]!.f;
    const before = await fingerprint();
    await expect(seedInspection(inspection, seedSubjects(SCALE, SEED))).rejects.toThrow(InspectionSeedError);
    const again = await seedInspection(inspection, seedSubjects(SCALE, SEED), { reset: true });
    expect(again.rows).toEqual(seeded.rows);
    expect(await fingerprint()).toBe(before);
  }, 120_000);
});
