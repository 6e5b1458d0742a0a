// The personnel seed (docs/personnel.md, "Seed"): cadre files about membership's seeded people (the same
// member ids, names, birth dates and genders: membership's `seedSubjects`; the national ID is synthetic,
// `00` + the member id on 10 digits, since membership's generator numbers national IDs over its whole run), the leadership posts of
// every open provincial committee for the 2025–2030 term with their holders, and the same posts for
// 2030–2035 with planning pools of 2, 2, 2, 1 and 0 candidates (so the coverage shows posts under-covered).
// Deterministic: the first active official members found under each province, in membership's order.
// A data load, like inspection's seed: no audit records or events (the database must be empty).
import type { PrismaClient } from "../generated/prisma/client.js";

export interface SeedOrg {
  id: number;
  path: string;
  kind: string;
  closedOn: string | null;
  activeMembers: number;
}

export interface SeedPerson {
  id: number;
  fullName: string;
  orgPath: string;
  status: string;
  birthDate: string;
  gender: "male" | "female";
  ethnicity: string;
}

/** A seed cadre's national ID: `00` (no province has it) + membership's member id on 10 digits. */
export const seedNationalId = (memberId: number): string => `00${String(memberId).padStart(10, "0")}`;

/** Membership's seeded organizations and people (structurally @orgboard/membership's SeedSubjects). */
export interface SeedSubjects {
  orgs: readonly SeedOrg[];
  members(org: SeedOrg): SeedPerson[];
}

export class PersonnelSeedError extends Error {
  override name = "PersonnelSeedError";
}

/** Posts of a provincial committee: title, body, members only. */
export const SEED_POSTS = [
  ["Bí thư Tỉnh ủy", "party", true],
  ["Phó Bí thư Thường trực Tỉnh ủy", "party", true],
  ["Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", "party", true],
  ["Trưởng Ban Tổ chức Tỉnh ủy", "party", true],
  ["Chủ tịch Ủy ban nhân dân tỉnh", "state", false],
] as const;
/** Candidates planned for each post of the next term, in SEED_POSTS order. */
export const SEED_POOL_SIZES = [2, 2, 2, 1, 0] as const;
const PER_PROVINCE = SEED_POSTS.length + SEED_POOL_SIZES.reduce<number>((a, b) => a + b, 0);

export interface PersonnelSeedResult {
  rows: { cadres: number; posts: number; holdings: number; poolEntries: number };
  milliseconds: number;
}

const date = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

export async function seedPersonnel(db: PrismaClient, subjects: SeedSubjects): Promise<PersonnelSeedResult> {
  const started = Date.now();
  if ((await db.cadre.count()) > 0 || (await db.post.count()) > 0) throw new PersonnelSeedError("personnel database already holds data");
  const provinces = subjects.orgs.filter((o) => o.kind === "provincial_committee" && o.closedOn === null);
  const rows = { cadres: 0, posts: 0, holdings: 0, poolEntries: 0 };
  for (const province of provinces) {
    // The first active official members under the province, old enough to hold a post, young enough to be planned.
    const people: SeedPerson[] = [];
    for (const org of subjects.orgs) {
      if (people.length >= PER_PROVINCE) break;
      if (!org.path.startsWith(province.path) || org.activeMembers === 0) continue;
      for (const m of subjects.members(org)) {
        const year = Number(m.birthDate.slice(0, 4));
        if (m.status === "official" && year >= 1966 && year <= 1990 && people.length < PER_PROVINCE) people.push(m);
      }
    }
    if (people.length < PER_PROVINCE) continue;
    await db.$transaction(async (tx) => {
      const cadres = [];
      for (const p of people) {
        cadres.push(
          await tx.cadre.create({
            data: { memberId: p.id, nationalId: seedNationalId(p.id), fullName: p.fullName, birthDate: date(p.birthDate), gender: p.gender, ethnicMinority: p.ethnicity !== "Kinh", orgPath: province.path, createdBy: "seed" },
          }),
        );
      }
      let next = SEED_POSTS.length;
      for (const [i, [title, body, membersOnly]] of SEED_POSTS.entries()) {
        const current = await tx.post.create({ data: { orgPath: province.path, title, kind: "leadership", body, committee: null, termStartYear: 2025, termEndYear: 2030, membersOnly } });
        await tx.holding.create({ data: { postId: current.id, cadreId: cadres[i]!.id, startedOn: date("2025-10-15") } });
        const upcoming = await tx.post.create({ data: { orgPath: province.path, title, kind: "leadership", body, committee: null, termStartYear: 2030, termEndYear: 2035, membersOnly } });
        for (let k = 0; k < SEED_POOL_SIZES[i]!; k++) {
          await tx.poolEntry.create({ data: { postId: upcoming.id, cadreId: cadres[next++]!.id, addedOn: date("2026-03-01") } });
          rows.poolEntries++;
        }
        rows.posts += 2;
        rows.holdings++;
      }
      rows.cadres += cadres.length;
    });
  }
  return { rows, milliseconds: Date.now() - started };
}
