// The seed at demo scale about membership's own seeded people: cadres with their national IDs and birth
// dates, posts per province and term, holders, planning pools (coverage shows the under-covered posts).
import { seedSubjects } from "@orgboard/membership";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coverage } from "../../src/domain/index.js";
import { openDatabase, type Database } from "../../src/db.js";
import { PersonnelSeedError, SEED_POSTS, seedNationalId, seedPersonnel } from "../../src/seed/index.js";

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ dataDir: "memory://" });
});
afterAll(async () => {
  await db?.close();
});

describe("the personnel seed", () => {
  it("opens cadre files about membership's seeded members, fills the posts and plans the next term, once", async () => {
    const subjects = seedSubjects("demo", 1);
    const r = await seedPersonnel(db.prisma, subjects);
    const provinces = subjects.orgs.filter((o) => o.kind === "provincial_committee" && o.closedOn === null).length;
    expect(r.rows.posts).toBeGreaterThan(0);
    expect(r.rows.posts % (2 * SEED_POSTS.length)).toBe(0);
    expect(r.rows.posts / (2 * SEED_POSTS.length)).toBeLessThanOrEqual(provinces);
    // The file is the member's: membership's id, name and birth date (the national ID is the seed's own).
    const cadre = (await db.prisma.cadre.findFirst({ orderBy: { id: "asc" } }))!;
    const cell = subjects.orgs.find((o) => o.activeMembers > 0 && subjects.members(o).some((m) => m.id === cadre.memberId));
    const person = subjects.members(cell!).find((m) => m.id === cadre.memberId)!;
    expect([cadre.nationalId, cadre.fullName, cadre.birthDate.toISOString().slice(0, 10)]).toEqual([seedNationalId(person.id), person.fullName, person.birthDate]);
    const posts = await db.prisma.post.findMany({ where: { termStartYear: 2030 }, include: { pool: { include: { cadre: true } } } });
    const c = coverage({ termStartYear: 2030, posts: posts.map((p) => ({ orgPath: p.orgPath, candidates: p.pool.map((e) => ({ cadreId: e.cadreId, birthDate: e.cadre.birthDate.toISOString().slice(0, 10), gender: e.cadre.gender as "male", ethnicMinority: e.cadre.ethnicMinority })) })) });
    expect(c.underCovered).toBe(2 * (r.rows.posts / (2 * SEED_POSTS.length)));
    await expect(seedPersonnel(db.prisma, subjects)).rejects.toBeInstanceOf(PersonnelSeedError);
  });
});
