// The personnel seed (docs/personnel.md, "Seed and running"): cadre files about membership's seeded people
// (the same member ids, names, birth dates and genders: membership's `seedSubjects`; the national ID is
// synthetic, `00` + the member id on 10 digits, since membership's generator numbers national IDs over its
// whole run), at every level of the tree:
//   - provincial committees (and the committees under the Centre), the provincial blocs
//     (upper-grassroots committees) and the commune / ward committees: their leadership posts and committee
//     seats for 2025–2030 with holders, and the leadership posts for 2030–2035 with planning pools of 0–3
//     candidates (gaps: under-covered posts, as in practice);
//   - the other grassroots organizations (of agencies, schools, enterprises under the blocs): secretary and
//     deputy secretary (and for a committee, its inspection chair and seats) for 2025–2030, no pool (their
//     planning is the organization's own business; keeping it out keeps the country's 2030–2035 planning
//     at the size of 34 provinces and 3,321 communes, issue #13);
//   - a confidence-vote session (QĐ 96) of each provincial committee and of the first commune of each
//     province, with tallies for the leadership holders; an outcome that calls for it takes the holder out
//     of the pools, as `votes.record` does.
// Deterministic: the same scale and seed give the same rows, ids included (ids are counters, not random).
// A data load, like inspection's seed: no audit records or events (the database must be empty); rows are
// written with createMany, one transaction per top-level committee.
import type { PrismaClient } from "../generated/prisma/client.js";
import { canServeFullTerm } from "../domain/planning.js";
import { confidenceOutcome, removesFromPlanning } from "../domain/confidence.js";

export interface SeedOrg {
  id: number;
  path: string;
  kind: string;
  name?: string;
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
  /** Every organization, parents before children, each subtree contiguous (membership's order). */
  orgs: readonly SeedOrg[];
  members(org: SeedOrg): SeedPerson[];
}

export class PersonnelSeedError extends Error {
  override name = "PersonnelSeedError";
}

export const CURRENT_TERM = { termStartYear: 2025, termEndYear: 2030 } as const;
export const NEXT_TERM = { termStartYear: 2030, termEndYear: 2035 } as const;

/** The levels the seed fills, from membership's org kinds (a commune is a grassroots committee under a province). */
export const SEED_LEVELS = ["provincial", "bloc", "commune", "grassroots_committee", "grassroots_cell"] as const;
export type SeedLevel = (typeof SEED_LEVELS)[number];

type Body = "party" | "state" | "mass_organization";
interface LevelSpec {
  /** title (with `{u}`: the committee's word, e.g. "Tỉnh ủy", `{a}`: the unit, e.g. "tỉnh"), body, members only */
  leadership: readonly (readonly [string, Body, boolean])[];
  /** seats: executive committee, standing committee, inspection commission (the leaders sit first) */
  seats: { executive_committee: number; standing_committee: number; inspection_commission: number };
  /** index of the leadership post whose holder chairs the inspection commission (-1: none) */
  inspectionChair: number;
  /** posts of the next term planned with pools */
  plans: boolean;
}

/**
 * Posts and seats per level. Sizes are the usual ones for 2025–2030 (Chỉ thị 35-CT/TW guidance as reported;
 * a province's executive committee 45–55, standing committee 13–17, inspection commission 9–11; a commune's
 * 15–25, 5–7, 5–7): the seed takes one figure of each range.
 */
export const SEED_LEVEL_SPECS: Readonly<Record<SeedLevel, LevelSpec>> = {
  provincial: {
    leadership: [
      ["Bí thư {u}", "party", true],
      ["Phó Bí thư Thường trực {u}", "party", true],
      ["Chủ nhiệm Ủy ban Kiểm tra {u}", "party", true],
      ["Trưởng Ban Tổ chức {u}", "party", true],
      ["Chủ tịch Ủy ban nhân dân {a}", "state", false],
      ["Chủ tịch Hội đồng nhân dân {a}", "state", false],
      ["Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam {a}", "mass_organization", false],
    ],
    seats: { executive_committee: 50, standing_committee: 15, inspection_commission: 10 },
    inspectionChair: 2,
    plans: true,
  },
  bloc: {
    leadership: [
      ["Bí thư {u}", "party", true],
      ["Phó Bí thư {u}", "party", true],
      ["Chủ nhiệm Ủy ban Kiểm tra {u}", "party", true],
    ],
    seats: { executive_committee: 15, standing_committee: 5, inspection_commission: 5 },
    inspectionChair: 2,
    plans: true,
  },
  commune: {
    leadership: [
      ["Bí thư {u}", "party", true],
      ["Phó Bí thư Thường trực {u}", "party", true],
      ["Chủ nhiệm Ủy ban Kiểm tra {u}", "party", true],
      ["Chủ tịch Ủy ban nhân dân {a}", "state", false],
      ["Chủ tịch Hội đồng nhân dân {a}", "state", false],
      ["Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam {a}", "mass_organization", false],
    ],
    seats: { executive_committee: 15, standing_committee: 5, inspection_commission: 5 },
    inspectionChair: 2,
    plans: true,
  },
  grassroots_committee: {
    leadership: [
      ["Bí thư {u}", "party", true],
      ["Phó Bí thư {u}", "party", true],
      ["Chủ nhiệm Ủy ban Kiểm tra {u}", "party", true],
    ],
    seats: { executive_committee: 7, standing_committee: 0, inspection_commission: 3 },
    inspectionChair: 2,
    plans: false,
  },
  grassroots_cell: {
    leadership: [
      ["Bí thư {u}", "party", true],
      ["Phó Bí thư {u}", "party", true],
    ],
    seats: { executive_committee: 0, standing_committee: 0, inspection_commission: 0 },
    inspectionChair: -1,
    plans: false,
  },
};

const SEAT_TITLES = {
  executive_committee: "Ủy viên Ban Chấp hành {d}",
  standing_committee: "Ủy viên Ban Thường vụ {d}",
  inspection_commission: "Ủy viên Ủy ban Kiểm tra {d}",
} as const;

/**
 * Candidates planned for each leadership post of the next term at a provincial committee (the first posts
 * as before this seed covered every level), then a cycle for the others; at blocs and communes the
 * number is drawn from the org id and post index: 0, 1, 2 or 3 with weights 1, 3, 4, 2 (gaps as practice has).
 */
export const PROVINCIAL_POOL_SIZES = [2, 2, 2, 1, 0, 2, 3] as const;
const POOL_WEIGHTS = [1, 3, 4, 2] as const;

/** Deterministic 32-bit mix (no Math.random: same scale and seed, same data). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x27d4eb2f, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

export function poolSize(level: SeedLevel, orgId: number, postIndex: number): number {
  if (!SEED_LEVEL_SPECS[level].plans) return 0;
  if (level === "provincial") return PROVINCIAL_POOL_SIZES[postIndex % PROVINCIAL_POOL_SIZES.length]!;
  let r = mix(orgId, postIndex) % POOL_WEIGHTS.reduce<number>((a, b) => a + b, 0);
  for (const [size, w] of POOL_WEIGHTS.entries()) {
    if (r < w) return size;
    r -= w;
  }
  return 0;
}

export interface PersonnelSeedResult {
  rows: { cadres: number; posts: number; holdings: number; poolEntries: number; voteSessions: number; voteTallies: number };
  /** organizations given posts, per level */
  orgs: Record<SeedLevel, number>;
  milliseconds: number;
}

const date = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const CURRENT_START = date("2025-10-15");
const POOL_ADDED = date("2026-03-01");
const VOTE_HELD = "2026-11-20";
/** Born in these years: old enough to hold a post in 2025, young enough to be planned (some under 40 in 2030). */
const BIRTH_YEARS = [1966, 1996] as const;

/** Ids are counters laid out as UUIDs (one prefix per table): deterministic and in insertion order. */
const uuid = (table: number, n: number) => `00000000-000${table}-7000-8000-${n.toString(16).padStart(12, "0")}`;
const T = { cadre: 1, post: 2, holding: 3, pool: 4, session: 5, tally: 6 } as const;

/** The level an organization's posts are seeded at, or null (partial committees, subordinate cells, closed ones). */
export function levelOf(org: SeedOrg): SeedLevel | null {
  if (org.closedOn !== null) return null;
  switch (org.kind) {
    case "provincial_committee":
      return "provincial";
    case "upper_grassroots_committee":
      return "bloc";
    case "grassroots_committee":
      // `/01/01-00004/`: right under a province, a commune's (ward's) committee.
      return org.path.split("/").length === 4 ? "commune" : "grassroots_committee";
    case "grassroots_cell":
      return "grassroots_cell";
    default:
      return null;
  }
}

/** "{u}" and "{a}" of the titles: the committee ("Tỉnh ủy", "Đảng ủy xã") and the unit ("tỉnh", "xã"). */
function words(level: SeedLevel, org: SeedOrg): { u: string; a: string; d: string } {
  const name = org.name ?? "";
  if (level === "provincial") {
    if (!/^\/\d+\/$/.test(org.path)) return { u: "Đảng ủy", a: "", d: "Đảng bộ" };
    return name.includes("Thành phố") ? { u: "Thành ủy", a: "thành phố", d: "Đảng bộ thành phố" } : { u: "Tỉnh ủy", a: "tỉnh", d: "Đảng bộ tỉnh" };
  }
  if (level === "commune") {
    const a = name.includes("Phường") ? "phường" : name.includes("Đặc khu") ? "đặc khu" : "xã";
    return { u: `Đảng ủy ${a}`, a, d: `Đảng bộ ${a}` };
  }
  if (level === "grassroots_cell") return { u: "Chi bộ", a: "", d: "Chi bộ" };
  return { u: "Đảng ủy", a: "", d: "Đảng bộ" };
}
const fill = (title: string, w: { u: string; a: string; d: string }) => title.replace("{u}", w.u).replace("{d}", w.d).replace("{a}", w.a).replace(/ +$/, "");

/** People one organization's posts need: its seats' holders, the inspection commission's others, candidates. */
function peopleNeeded(spec: LevelSpec): number {
  const seated = Math.max(spec.leadership.length, spec.seats.executive_committee);
  const inspectionOthers = Math.max(0, spec.seats.inspection_commission - 1);
  const candidates = spec.plans ? 3 * spec.leadership.length : 0;
  return seated + inspectionOthers + candidates;
}

interface Rows {
  cadres: { id: string; memberId: number; nationalId: string; fullName: string; birthDate: Date; gender: string; ethnicMinority: boolean; orgPath: string; createdBy: string }[];
  posts: { id: string; orgPath: string; title: string; kind: string; body: string; committee: string | null; termStartYear: number; termEndYear: number; membersOnly: boolean }[];
  holdings: { id: string; postId: string; cadreId: string; startedOn: Date }[];
  pool: { id: string; postId: string; cadreId: string; addedOn: Date; removedOn: Date | null; removalReason: string | null }[];
  sessions: { id: string; orgPath: string; heldOn: Date; summoned: number; present: number; createdBy: string }[];
  tallies: { id: string; sessionId: string; holdingId: string; cadreId: string; high: number; medium: number; low: number; outcome: string }[];
}
const emptyRows = (): Rows => ({ cadres: [], posts: [], holdings: [], pool: [], sessions: [], tallies: [] });

const CHUNK = 2000;
async function flush(db: PrismaClient, r: Rows): Promise<void> {
  const chunks = <X>(xs: X[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));
  await db.$transaction(
    async (tx) => {
      for (const c of chunks(r.cadres)) await tx.cadre.createMany({ data: c });
      for (const c of chunks(r.posts)) await tx.post.createMany({ data: c });
      for (const c of chunks(r.holdings)) await tx.holding.createMany({ data: c });
      for (const c of chunks(r.pool)) await tx.poolEntry.createMany({ data: c });
      for (const c of chunks(r.sessions)) await tx.voteSession.createMany({ data: c });
      for (const c of chunks(r.tallies)) await tx.voteTally.createMany({ data: c });
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

export async function seedPersonnel(db: PrismaClient, subjects: SeedSubjects): Promise<PersonnelSeedResult> {
  const started = Date.now();
  if ((await db.cadre.count()) > 0 || (await db.post.count()) > 0) throw new PersonnelSeedError("personnel database already holds data");
  const orgs = subjects.orgs;
  const counters = { cadre: 0, post: 0, holding: 0, pool: 0, session: 0, tally: 0 };
  const result: PersonnelSeedResult = {
    rows: { cadres: 0, posts: 0, holdings: 0, poolEntries: 0, voteSessions: 0, voteTallies: 0 },
    orgs: { provincial: 0, bloc: 0, commune: 0, grassroots_committee: 0, grassroots_cell: 0 },
    milliseconds: 0,
  };
  // The eligible people of each cell touched and how many are taken (one top-level committee at a time).
  let cells = new Map<number, { people: SeedPerson[]; next: number }>();
  const eligible = (cell: SeedOrg) => {
    let c = cells.get(cell.id);
    if (!c) {
      const people = subjects.members(cell).filter((m) => {
        const y = Number(m.birthDate.slice(0, 4));
        return m.status === "official" && y >= BIRTH_YEARS[0] && y <= BIRTH_YEARS[1];
      });
      c = { people, next: 0 };
      cells.set(cell.id, c);
    }
    return c;
  };
  /** Up to n people not yet taken, from the cells of the organization's subtree (contiguous from index i). */
  const draw = (i: number, n: number): SeedPerson[] => {
    const root = orgs[i]!;
    const out: SeedPerson[] = [];
    for (let j = i; j < orgs.length && out.length < n && orgs[j]!.path.startsWith(root.path); j++) {
      const o = orgs[j]!;
      if (o.activeMembers === 0 || o.closedOn !== null) continue;
      const c = eligible(o);
      while (out.length < n && c.next < c.people.length) out.push(c.people[c.next++]!);
    }
    return out;
  };

  let rows = emptyRows();
  let communesInProvince = 0;
  let provinces = -1;
  for (const [i, org] of orgs.entries()) {
    if (org.kind === "provincial_committee") {
      // A new top-level committee: write the last one's rows, forget its cells.
      if (rows.cadres.length > 0) await flush(db, rows);
      rows = emptyRows();
      cells = new Map();
      communesInProvince = 0;
      provinces++;
    }
    const level = levelOf(org);
    if (level === null) continue;
    const spec = SEED_LEVEL_SPECS[level];
    const people = draw(i, peopleNeeded(spec));
    // Too few people for the posts (a small demo cell): leave the organization without posts.
    const seated = Math.max(spec.leadership.length, spec.seats.executive_committee);
    if (people.length < seated + Math.max(0, spec.seats.inspection_commission - 1)) continue;
    result.orgs[level]++;
    const w = words(level, org);
    const cadreIds = people.map((p) => {
      const id = uuid(T.cadre, ++counters.cadre);
      rows.cadres.push({ id, memberId: p.id, nationalId: seedNationalId(p.id), fullName: p.fullName, birthDate: date(p.birthDate), gender: p.gender, ethnicMinority: p.ethnicity !== "Kinh", orgPath: org.path, createdBy: "seed" });
      return id;
    });
    const post = (title: string, kind: string, body: Body, committee: string | null, term: { termStartYear: number; termEndYear: number }, membersOnly: boolean) => {
      const id = uuid(T.post, ++counters.post);
      rows.posts.push({ id, orgPath: org.path, title: fill(title, w), kind, body, committee, ...term, membersOnly });
      return id;
    };
    const hold = (postId: string, person: number) => {
      const id = uuid(T.holding, ++counters.holding);
      rows.holdings.push({ id, postId, cadreId: cadreIds[person]!, startedOn: CURRENT_START });
      return id;
    };
    // Current term: leaders are people 0…L-1; the executive committee's seats are held by people 0…E-1 (the
    // leaders sit in it), the standing committee's by its first S; the inspection commission by its chair
    // and the next people after the executive committee.
    const leaderHoldings = spec.leadership.map(([title, body, membersOnly], k) => hold(post(title, "leadership", body, null, CURRENT_TERM, membersOnly), k));
    const E = spec.seats.executive_committee;
    for (let k = 0; k < E; k++) hold(post(SEAT_TITLES.executive_committee, "committee_seat", "party", "executive_committee", CURRENT_TERM, true), k);
    for (let k = 0; k < spec.seats.standing_committee; k++) hold(post(SEAT_TITLES.standing_committee, "committee_seat", "party", "standing_committee", CURRENT_TERM, true), k);
    for (let k = 0; k < spec.seats.inspection_commission; k++) {
      const person = k === 0 && spec.inspectionChair >= 0 ? spec.inspectionChair : seated + k - 1;
      hold(post(SEAT_TITLES.inspection_commission, "committee_seat", "party", "inspection_commission", CURRENT_TERM, true), person);
    }
    // Next term: the leadership posts with pools drawn, in order, from those who can serve the whole term,
    // the secretary aside (planned for higher posts, not here); each candidate for one post at most.
    const poolEntries: { cadre: number; entry: number }[] = [];
    if (spec.plans) {
      const candidates = people.map((p, k) => ({ p, k })).filter(({ p, k }) => k > 0 && canServeFullTerm(p.birthDate, p.gender, NEXT_TERM));
      let next = 0;
      spec.leadership.forEach(([title, body, membersOnly], k) => {
        const postId = post(title, "leadership", body, null, NEXT_TERM, membersOnly);
        for (let c = 0; c < poolSize(level, org.id, k) && next < candidates.length; c++) {
          const cand = candidates[next++]!;
          rows.pool.push({ id: uuid(T.pool, ++counters.pool), postId, cadreId: cadreIds[cand.k]!, addedOn: POOL_ADDED, removedOn: null, removalReason: null });
          poolEntries.push({ cadre: cand.k, entry: rows.pool.length - 1 });
        }
      });
    }
    // Confidence votes: each provincial committee, and the first commune of each province.
    if (level === "provincial" || (level === "commune" && communesInProvince++ === 0)) {
      const summoned = Math.max(E, spec.leadership.length);
      const present = summoned - (mix(org.id, 99) % 3);
      const sessionId = uuid(T.session, ++counters.session);
      rows.sessions.push({ id: sessionId, orgPath: org.path, heldOn: date(VOTE_HELD), summoned, present, createdBy: "seed" });
      spec.leadership.forEach((_, k) => {
        // Mostly high confidence; the people's committee chair of the voting commune of every fourth
        // province more than half low (resignation proposed), of every ninth from the sixth two thirds low.
        const m = mix(org.id, 1000 + k);
        const chair = level === "commune" && k === 3;
        const low = chair && provinces % 9 === 5 ? Math.ceil((present * 2) / 3) : chair && provinces % 4 === 0 ? Math.floor(present / 2) + 1 : m % 3;
        const medium = Math.min(present - low, (m >>> 4) % 5);
        const high = present - low - medium;
        const outcome = confidenceOutcome({ high, medium, low }, present);
        rows.tallies.push({ id: uuid(T.tally, ++counters.tally), sessionId, holdingId: leaderHoldings[k]!, cadreId: cadreIds[k]!, high, medium, low, outcome });
        if (removesFromPlanning(outcome)) {
          for (const e of poolEntries) {
            if (e.cadre !== k) continue;
            rows.pool[e.entry]!.removedOn = date(VOTE_HELD);
            rows.pool[e.entry]!.removalReason = "confidence_vote";
          }
        }
      });
    }
  }
  if (rows.cadres.length > 0) await flush(db, rows);
  result.rows = { cadres: counters.cadre, posts: counters.post, holdings: counters.holding, poolEntries: counters.pool, voteSessions: counters.session, voteTallies: counters.tally };
  result.milliseconds = Date.now() - started;
  return result;
}
