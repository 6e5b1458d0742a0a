// The SQL annual report (counters) must equal the domain reference (src/domain/kpis.ts) computed from
// the raw rows, for several subtrees and years of a generated dataset, and stay equal after writes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../src/db/testing.js";
import { seedDatabase } from "../../src/seed/load.js";
import { buildAnnualReport, type AnnualReport } from "../../src/report/annual.js";
import { formatAnnualReport } from "../../src/report/format.js";
import { annualReport, percent, type ReportRecords } from "../../src/domain/kpis.js";
import { MembershipInputError } from "../../src/db/errors.js";
import { rebuildStatsSql } from "../../src/db/stats-sql.js";
import type { Sql } from "../../src/db/sql.js";

let t: TestDatabase;

async function loadRecords(db: Sql): Promise<ReportRecords> {
  const q = async <T>(sql: string) => (await db.query<T>(sql)).rows;
  return {
    orgs: await q(`SELECT path, kind, opened_on AS "openedOn", closed_on AS "closedOn" FROM party_organization`),
    periods: await q(`SELECT member_id AS "memberId", org_path AS "orgPath", started_on AS "startedOn", ended_on AS "endedOn" FROM membership_period`),
    admissions: await q(`SELECT member_id AS "memberId", org_path AS "orgPath", admitted_on AS "admittedOn", outcome, outcome_on AS "outcomeOn" FROM admission`),
    cards: await q(`SELECT member_id AS "memberId", org_path AS "orgPath", issued_on AS "issuedOn" FROM party_card`),
    transfers: await q(`SELECT member_id AS "memberId", kind, status, from_org_path AS "fromOrgPath", to_org_path AS "toOrgPath", issued_on AS "issuedOn", received_on AS "receivedOn" FROM transfer`),
    badges: await q(`SELECT member_id AS "memberId", org_path AS "orgPath", years, proposed_on AS "proposedOn", awarded_on AS "awardedOn" FROM badge_award`),
    ratings: await q(`SELECT subject_kind AS "subjectKind", coalesce(member_id, org_id) AS "subjectId", org_path AS "orgPath", year, level, stage FROM quality_rating`),
    targets: await q(`SELECT org_path AS "orgPath", year, admissions_plan AS "admissionsPlan" FROM target`),
    removals: await q(`SELECT member_id AS "memberId", org_path AS "orgPath", kind, removed_on AS "removedOn" FROM removal`),
    deaths: await q(`SELECT member_id AS "memberId", org_path AS "orgPath", died_on AS "diedOn" FROM death`),
  };
}

/** The SQL report projected onto the reference's fields. */
function expectSameAsReference(r: AnnualReport, records: ReportRecords) {
  const ref = annualReport(records, r.orgPath, r.year);
  expect({
    membersAtStart: r.members.atStartOfYear,
    membersAtEnd: r.members.atEndOfYear,
    admissions: r.admissions.count,
    plan: r.admissions.plan,
    planPercent: r.admissions.planPercent,
    ratePercent: r.admissions.ratePercent,
    madeOfficial: r.madeOfficial,
    notRecognized: r.notRecognized,
    cardsIssued: r.cardsIssued,
    transfers: r.transfers,
    badges: r.badges,
    removals: r.removals,
    deaths: r.deaths,
    memberRatings: [r.ratings.members.excellent, r.ratings.members.good, r.ratings.members.completed, r.ratings.members.notCompleted, r.ratings.members.goodOrBetterPercent],
    orgRatings: [r.ratings.organizations.excellent, r.ratings.organizations.good, r.ratings.organizations.completed, r.ratings.organizations.notCompleted, r.ratings.organizations.goodOrBetterPercent],
    structure: [r.structure.grassrootsTotal, r.structure.grassrootsCommittees, r.structure.grassrootsCells, r.structure.partialCommittees, r.structure.cellsUnderPartialCommittees, r.structure.subordinateCells, r.structure.upperGrassrootsCommittees],
  }).toEqual({
    membersAtStart: ref.membersAtStart,
    membersAtEnd: ref.membersAtEnd,
    admissions: ref.admissions,
    plan: ref.admissionsPlan,
    planPercent: percent(ref.planAchievement),
    ratePercent: percent(ref.admissionRate),
    madeOfficial: ref.madeOfficial,
    notRecognized: ref.notRecognized,
    cardsIssued: ref.cardsIssued,
    transfers: { officialIn: ref.transfers.in, officialOut: ref.transfers.out, temporaryIn: ref.temporaryTransfers.in, temporaryOut: ref.temporaryTransfers.out },
    badges: { proposed: ref.badgesProposed.total, awarded: ref.badgesAwarded.total },
    removals: { expelled: ref.removals.expelled, struckOff: ref.removals.struck_off, allowedToLeave: ref.removals.allowed_to_leave, total: ref.removals.total },
    deaths: ref.deaths,
    memberRatings: [ref.memberRatings.excellent, ref.memberRatings.good, ref.memberRatings.completed, ref.memberRatings.not_completed, percent(ref.memberRatings.goodOrBetterShare)],
    orgRatings: [ref.orgRatings.excellent, ref.orgRatings.good, ref.orgRatings.completed, ref.orgRatings.not_completed, percent(ref.orgRatings.goodOrBetterShare)],
    structure: [ref.structure.grassrootsOrganizations, ref.structure.grassroots_committee, ref.structure.grassroots_cell, ref.structure.partial_committee, ref.structure.subordinateCellsUnderPartial, ref.structure.subordinate_cell, ref.structure.upper_grassroots_committee],
  });
  return ref;
}

beforeAll(async () => {
  t = await openTestDatabase();
  await seedDatabase(t.db, { scale: "demo", seed: 11 });
});
afterAll(async () => {
  await t?.close();
});

describe("annual report", () => {
  it("equals the domain reference for the country, provinces, a commune and a cell, over several years", async () => {
    const records = await loadRecords(t.db);
    const { rows } = await t.db.query<{ path: string }>(
      `(SELECT path FROM party_organization WHERE depth = 1 ORDER BY path)
       UNION ALL (SELECT path FROM party_organization WHERE kind = 'grassroots_committee' AND sector IS NOT NULL ORDER BY id LIMIT 2)
       UNION ALL (SELECT path FROM party_organization WHERE kind = 'subordinate_cell' ORDER BY id LIMIT 2)`,
    );
    const scopes = ["/", ...rows.map((r) => r.path)];
    expect(scopes.length).toBeGreaterThanOrEqual(7);
    let nonZero = 0;
    for (const orgPath of scopes) {
      for (const year of [2021, 2024, 2025, 2026]) {
        const report = await buildAnnualReport(t.db, { orgPath, year });
        const ref = expectSameAsReference(report, records);
        if (ref.admissions > 0 && ref.transfers.in > 0) nonZero++;
      }
    }
    // The comparison means something only if the data exercises the figures.
    expect(nonZero).toBeGreaterThan(3);
    const national = await buildAnnualReport(t.db, { orgPath: "/", year: 2025 });
    expect(national.members.atEndOfYear).toBeGreaterThan(4000);
    expect(national.admissions.count).toBeGreaterThan(50);
    expect(national.ratings.members.total).toBeGreaterThan(3000);
    expect(national.badges.awarded).toBeGreaterThan(0);
    expect(national.cardsIssued).toBeGreaterThan(0);
    expect(national.madeOfficial).toBeGreaterThan(0);
  });

  it("a province report has its own plan; moves inside the subtree are neither in nor out", async () => {
    const { rows } = await t.db.query<{ path: string }>(`SELECT path FROM party_organization WHERE depth = 1 ORDER BY path`);
    let inOut = 0;
    for (const { path: province } of rows) {
      const r = await buildAnnualReport(t.db, { orgPath: province, year: 2025 });
      expect(r.admissions.plan).toBeGreaterThan(0);
      expect(r.admissions.planPercent).not.toBeNull();
      inOut += r.transfers.officialIn + r.transfers.officialOut;
    }
    expect(inOut).toBeGreaterThan(0);
    // Nationally only moves to outside the system remain: nothing comes "in" to the whole country.
    const national = await buildAnnualReport(t.db, { orgPath: "/", year: 2025 });
    expect(national.transfers.officialIn).toBe(0);
    expect(national.admissions.plan).toBeNull();
  });

  it("counters stay exact through writes made by ordinary SQL (triggers) and match a full rebuild", async () => {
    const { rows: cells } = await t.db.query<{ id: number; path: string }>(
      `SELECT id, path FROM party_organization WHERE kind = 'subordinate_cell' ORDER BY id LIMIT 2`,
    );
    const [a, b] = [cells[0]!, cells[1]!];
    const { rows: m } = await t.db.query<{ id: number }>(
      `SELECT member_id AS id FROM membership_period WHERE org_path = $1 AND ended_on IS NULL ORDER BY member_id LIMIT 1`,
      [a.path],
    );
    const memberId = m[0]!.id;
    await t.db.transaction(async (tx) => {
      // A transfer from a to b on 15/03/2025, and a death in b on 01/10/2025; a rating deleted.
      await tx.query(`UPDATE membership_period SET ended_on = '2025-03-15', end_reason = 'transfer_out' WHERE member_id = $1 AND ended_on IS NULL`, [memberId]);
      await tx.query(`INSERT INTO membership_period (member_id, org_id, org_path, started_on, start_reason) VALUES ($1, $2, $3, '2025-03-15', 'transfer_in')`, [memberId, b.id, b.path]);
      await tx.query(`INSERT INTO transfer (member_id, kind, status, from_org_id, from_org_path, to_org_id, to_org_path, requested_on, issued_on, received_on)
                      VALUES ($1, 'official', 'received', $2, $3, $4, $5, '2025-03-01', '2025-03-10', '2025-03-15')`, [memberId, a.id, a.path, b.id, b.path]);
      await tx.query(`UPDATE membership_period SET ended_on = '2025-10-01', end_reason = 'death' WHERE member_id = $1 AND ended_on IS NULL`, [memberId]);
      await tx.query(`INSERT INTO death (member_id, org_path, died_on) VALUES ($1, $2, '2025-10-01')`, [memberId, b.path]);
      await tx.query(`DELETE FROM quality_rating WHERE member_id = $1`, [memberId]);
    });
    const records = await loadRecords(t.db);
    for (const orgPath of [a.path, b.path, "/"]) {
      const r = expectSameAsReference(await buildAnnualReport(t.db, { orgPath, year: 2025 }), records);
      if (orgPath === a.path) expect(r.transfers.out).toBeGreaterThanOrEqual(1);
      if (orgPath === b.path) expect(r.deaths).toBeGreaterThanOrEqual(1);
    }
    const snapshot = async () =>
      (await t.db.query(`SELECT * FROM org_year_stat WHERE ${STAT_NONZERO} ORDER BY year, org_path`)).rows;
    const before = await snapshot();
    const totalsBefore = (await t.db.query(`SELECT * FROM org_member_total WHERE net <> 0 ORDER BY org_path`)).rows;
    await t.db.exec(rebuildStatsSql());
    expect(await snapshot()).toEqual(before);
    expect((await t.db.query(`SELECT * FROM org_member_total WHERE net <> 0 ORDER BY org_path`)).rows).toEqual(totalsBefore);
  });

  it("rejects a malformed path, an unknown organization and a bad year, naming the field", async () => {
    await expect(buildAnnualReport(t.db, { orgPath: "01", year: 2025 })).rejects.toMatchObject({ field: "orgPath" });
    await expect(buildAnnualReport(t.db, { orgPath: "/99/", year: 2025 })).rejects.toMatchObject({ field: "orgPath", code: "not_found" });
    await expect(buildAnnualReport(t.db, { orgPath: "/", year: 1800 })).rejects.toBeInstanceOf(MembershipInputError);
    await expect(buildAnnualReport(t.db, { orgPath: "/", year: 2025.5 })).rejects.toMatchObject({ field: "year" });
  });

  it("prints a Vietnamese/English table with Vietnamese number and date formats", async () => {
    const r = await buildAnnualReport(t.db, { orgPath: "/", year: 2025 });
    const text = formatAnnualReport(r);
    expect(text).toContain("BÁO CÁO CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2025 / ANNUAL PARTY-BUILDING REPORT 2025");
    expect(text).toContain("31/12/2025");
    expect(text).toMatch(/Kết nạp đảng viên mới \/ admissions\s+\d/);
    const total = new Intl.NumberFormat("vi-VN").format(r.totalMembers);
    expect(total).toMatch(/^\d{1,3}(\.\d{3})+$/);
    expect(text).toContain(total);
    expect(text).toMatch(/\d+,\d\d %/);
  });
});

const STAT_NONZERO = "(joined <> 0 OR \"left\" <> 0 OR admissions <> 0 OR made_official <> 0 OR not_recognized <> 0 OR cards_issued <> 0 OR badges_proposed <> 0 OR badges_awarded <> 0 OR member_excellent <> 0 OR member_good <> 0 OR member_completed <> 0 OR member_not_completed <> 0 OR org_excellent <> 0 OR org_good <> 0 OR org_completed <> 0 OR org_not_completed <> 0)";

describe("counters migration", () => {
  it("is the SQL generated from the counter definitions (no hand edits, no drift)", async () => {
    const { countersMigrationInSync } = await import("../../src/db/counters-migration.js");
    expect(countersMigrationInSync()).toBe(true);
  });
});
