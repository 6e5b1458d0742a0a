// The seed at demo scale about membership's own seeded people: cadres with their national IDs and birth
// dates, posts and committee seats at every level (provinces, blocs, communes, grassroots organizations),
// holders, planning pools for the next term with gaps, confidence votes; the same data every time.
import { seedSubjects } from "@orgboard/membership";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canServeFullTerm, confidenceOutcome, coverage, MAX_CANDIDATES_PER_POST, MAX_POSTS_PER_CANDIDATE } from "../../src/domain/index.js";
import { openDatabase, type Database } from "../../src/db.js";
import { levelOf, NEXT_TERM, PersonnelSeedError, poolSize, SEED_LEVEL_SPECS, SEED_LEVELS, seedNationalId, seedPersonnel, type PersonnelSeedResult } from "../../src/seed/index.js";

const subjects = seedSubjects("demo", 1);
let db: Database;
let again: Database;
let r: PersonnelSeedResult;
beforeAll(async () => {
  db = await openDatabase({ dataDir: "memory://" });
  again = await openDatabase({ dataDir: "memory://" });
  r = await seedPersonnel(db.prisma, subjects);
}, 120_000);
afterAll(async () => {
  await db?.close();
  await again?.close();
});

const iso = (d: Date) => d.toISOString().slice(0, 10);
// (Map.groupBy is Node 21+.)
function groupBy<X>(xs: readonly X[], key: (x: X) => string): Map<string, X[]> {
  const m = new Map<string, X[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

describe("the personnel seed", () => {
  it("opens cadre files about membership's seeded members, each once", async () => {
    expect(r.rows.cadres).toBeGreaterThan(0);
    // The file is the member's: membership's id, name and birth date (the national ID is the seed's own).
    const people = new Map(subjects.orgs.filter((o) => o.activeMembers > 0).flatMap((o) => subjects.members(o)).map((m) => [m.id, m]));
    const cadres = await db.prisma.cadre.findMany();
    expect(cadres).toHaveLength(r.rows.cadres);
    expect(new Set(cadres.map((c) => c.memberId)).size).toBe(cadres.length);
    for (const c of cadres) {
      const m = people.get(c.memberId!)!;
      expect([c.nationalId, c.fullName, iso(c.birthDate), c.gender, m.status]).toEqual([seedNationalId(m.id), m.fullName, m.birthDate, m.gender, "official"]);
      // A cadre is among the people of the organization that manages the file.
      expect(m.orgPath.startsWith(c.orgPath)).toBe(true);
    }
  });

  it("gives every open committee and grassroots organization its posts and seats, held, and plans the next term with gaps", async () => {
    for (const level of SEED_LEVELS) expect(r.orgs[level], level).toBeGreaterThan(0);
    const posts = await db.prisma.post.findMany({ include: { holdings: { include: { cadre: true } }, pool: { include: { cadre: true } } } });
    expect(posts).toHaveLength(r.rows.posts);
    const byOrg = groupBy(posts, (p) => p.orgPath);
    const orgs = subjects.orgs.filter((o) => byOrg.has(o.path));
    expect(orgs.length).toBe(Object.values(r.orgs).reduce((a, b) => a + b, 0));
    let expectedUnder = 0;
    for (const org of orgs) {
      const level = levelOf(org)!;
      const spec = SEED_LEVEL_SPECS[level];
      const mine = byOrg.get(org.path)!;
      const current = mine.filter((p) => p.termStartYear === 2025);
      const seats = (c: string) => current.filter((p) => p.committee === c).length;
      expect([current.filter((p) => p.kind === "leadership").length, seats("executive_committee"), seats("standing_committee"), seats("inspection_commission")]).toEqual([
        spec.leadership.length,
        spec.seats.executive_committee,
        spec.seats.standing_committee,
        spec.seats.inspection_commission,
      ]);
      // Every current post and seat is held, by a cadre of this organization; no one sits twice in a committee.
      for (const p of current) expect(p.holdings.map((h) => h.cadre.orgPath)).toEqual([org.path]);
      for (const c of ["executive_committee", "standing_committee", "inspection_commission"]) {
        const holders = current.filter((p) => p.committee === c).map((p) => p.holdings[0]!.cadreId);
        expect(new Set(holders).size).toBe(holders.length);
      }
      const next = mine.filter((p) => p.termStartYear === NEXT_TERM.termStartYear);
      expect(next.length).toBe(spec.plans ? spec.leadership.length : 0);
      next.forEach((p, k) => {
        expect(p.title).toBe(current[k]!.title);
        expect(p.pool.length).toBeLessThanOrEqual(poolSize(level, org.id, k));
        expect(p.pool.length).toBeLessThanOrEqual(MAX_CANDIDATES_PER_POST);
        for (const e of p.pool) expect(canServeFullTerm(iso(e.cadre.birthDate), e.cadre.gender as "male", NEXT_TERM)).toBe(true);
        if (p.pool.filter((e) => e.removedOn === null).length < 2) expectedUnder++;
      });
    }
    const planned = posts.filter((p) => p.termStartYear === NEXT_TERM.termStartYear);
    // A candidate for no more posts than the rules allow.
    const perCadre = groupBy(planned.flatMap((p) => p.pool), (e) => e.cadreId);
    for (const entries of perCadre.values()) expect(entries.length).toBeLessThanOrEqual(MAX_POSTS_PER_CANDIDATE);
    // Gaps as in practice: some posts fully planned, some under-covered, some with no one.
    const sizes = planned.map((p) => p.pool.length);
    expect(sizes.filter((s) => s === 0).length).toBeGreaterThan(0);
    expect(sizes.filter((s) => s >= 2).length).toBeGreaterThan(sizes.filter((s) => s < 2).length / 2);
    const active = (p: (typeof planned)[number]) => p.pool.filter((e) => e.removedOn === null);
    const c = coverage({
      termStartYear: NEXT_TERM.termStartYear,
      posts: planned.map((p) => ({ orgPath: p.orgPath, candidates: active(p).map((e) => ({ cadreId: e.cadreId, birthDate: iso(e.cadre.birthDate), gender: e.cadre.gender as "male", ethnicMinority: e.cadre.ethnicMinority })) })),
    });
    expect([c.posts, c.underCovered]).toEqual([planned.length, expectedUnder]);
    expect(c.underCovered).toBeGreaterThan(0);
    expect(c.underCovered).toBeLessThan(c.posts);
  });

  it("records confidence votes whose outcomes follow QĐ 96, and takes the holders they call for out of the pools", async () => {
    const sessions = await db.prisma.voteSession.findMany({ include: { tallies: true } });
    expect(sessions).toHaveLength(r.rows.voteSessions);
    expect(sessions.length).toBeGreaterThan(0);
    let removed = 0;
    for (const s of sessions) {
      expect(s.present * 3).toBeGreaterThanOrEqual(s.summoned * 2);
      for (const t of s.tallies) {
        expect(t.high + t.medium + t.low).toBe(s.present);
        expect(t.outcome).toBe(confidenceOutcome(t, s.present));
        const holding = (await db.prisma.holding.findUnique({ where: { id: t.holdingId }, include: { post: true } }))!;
        expect([holding.cadreId, holding.post.orgPath, holding.post.kind, holding.endedOn]).toEqual([t.cadreId, s.orgPath, "leadership", null]);
        const entries = await db.prisma.poolEntry.findMany({ where: { cadreId: t.cadreId } });
        for (const e of entries) {
          if (t.outcome === "none") expect(e.removedOn).toBeNull();
          else {
            expect([e.removedOn && iso(e.removedOn), e.removalReason]).toEqual([iso(s.heldOn), "confidence_vote"]);
            removed++;
          }
        }
      }
    }
    expect(sessions.flatMap((s) => s.tallies).some((t) => t.outcome !== "none")).toBe(true);
    expect(await db.prisma.poolEntry.count({ where: { removalReason: "confidence_vote" } })).toBe(removed);
  });

  it("makes the same rows, ids included, from the same scale and seed; refuses a database that holds data", async () => {
    await seedPersonnel(again.prisma, subjects);
    const dump = async (d: Database) => ({
      cadres: await d.prisma.cadre.findMany({ orderBy: { id: "asc" }, omit: { createdAt: true } }),
      posts: await d.prisma.post.findMany({ orderBy: { id: "asc" }, omit: { createdAt: true } }),
      holdings: await d.prisma.holding.findMany({ orderBy: { id: "asc" } }),
      pool: await d.prisma.poolEntry.findMany({ orderBy: { id: "asc" } }),
      sessions: await d.prisma.voteSession.findMany({ orderBy: { id: "asc" }, omit: { createdAt: true } }),
      tallies: await d.prisma.voteTally.findMany({ orderBy: { id: "asc" } }),
    });
    expect(await dump(again)).toEqual(await dump(db));
    await expect(seedPersonnel(db.prisma, subjects)).rejects.toBeInstanceOf(PersonnelSeedError);
    // A data load: no audit records, no events.
    expect([await db.prisma.auditRecord.count(), await db.prisma.outboxEvent.count()]).toEqual([0, 0]);
  });

  it("gives Hà Nội (the demo's hn.nhansu) its provincial posts and communes", async () => {
    const hanoi = await db.prisma.post.findMany({ where: { orgPath: "/01/", termStartYear: 2025, kind: "leadership" } });
    expect(hanoi.map((p) => p.title)).toContain("Bí thư Thành ủy");
    expect(await db.prisma.post.count({ where: { orgPath: { startsWith: "/01/01-" }, title: { startsWith: "Chủ tịch Ủy ban nhân dân" } } })).toBeGreaterThan(0);
  });
});
