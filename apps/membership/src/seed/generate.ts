// Deterministic members and their history, one organization (cell) at a time: every random draw comes
// from a PRNG seeded by (seed, cell id) in a fixed order, so the same seed gives the same rows whatever
// table is being written, and memory holds one cell's people at a time.
import { NATIONAL_ID_PROVINCE_CODES } from "@orgboard/locale-vi";
import { Rng, Weighted } from "@orgboard/random";
import { probationEndDate } from "../domain/admission.js";
import { BADGE_YEARS, type Gender, type MemberStatus, type RatingLevel, type RemovalKind } from "../domain/enums.js";
import { drawName, EDUCATION, OCCUPATIONS, tablesFor } from "./names.js";
import type { OrgTree, SeedOrg } from "./orgs.js";

const DAY = 86_400_000;
export const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
// Day numbers → ISO strings / years through a table: the seed formats tens of millions of dates.
const CACHE_FROM = Date.UTC(1880, 0, 1) / DAY;
const CACHE_TO = Date.UTC(2101, 0, 1) / DAY;
const isoCache: string[] = [];
const yearCache = new Int16Array(CACHE_TO - CACHE_FROM);
for (let day = CACHE_FROM; day < CACHE_TO; day++) {
  const iso = new Date(day * DAY).toISOString().slice(0, 10);
  isoCache.push(iso);
  yearCache[day - CACHE_FROM] = Number(iso.slice(0, 4));
}
export const isoOf = (day: number): string =>
  day >= CACHE_FROM && day < CACHE_TO ? isoCache[day - CACHE_FROM]! : new Date(day * DAY).toISOString().slice(0, 10);
export const yearOf = (day: number): number =>
  day >= CACHE_FROM && day < CACHE_TO ? yearCache[day - CACHE_FROM]! : new Date(day * DAY).getUTCFullYear();
const dayOfYmd = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY;

export interface SeedMember {
  id: number;
  fullName: string;
  birthDate: number;
  gender: Gender;
  ethnicity: string;
  nationalId: string;
  org: SeedOrg;
  status: MemberStatus;
  admittedOn: number;
  officialOn: number | null;
  partyCardNumber: string | null;
  hometown: string;
  occupation: string;
  education: string;
  leftOn: number | null;
  /** earlier organization and the day the member moved here (official transfer received) */
  transfer: { from: SeedOrg; on: number } | null;
  temporaryTransferTo: SeedOrg | null;
  removalKind: RemovalKind | null;
  notRecognized: boolean;
}

export interface SeedCandidate {
  fullName: string;
  birthDate: number;
  gender: Gender;
  ethnicity: string;
  nationalId: string;
  courseCompletedOn: number;
}

export interface CellData {
  org: SeedOrg;
  members: SeedMember[];
  candidates: SeedCandidate[];
}

const ADMISSION_YEARS = (asOfYear: number) => {
  const entries: [number, number][] = [];
  for (let y = 1960; y <= asOfYear; y++) {
    // Survivors by admission year: few from the 1960s-70s, rising to ~2.5-3 % of members a year lately.
    const w = y < 1975 ? 0.25 + (y - 1960) * 0.05 : y < 1990 ? 1.2 + (y - 1975) * 0.08 : y < 2000 ? 2.4 + (y - 1990) * 0.06 : y < 2015 ? 3.2 : 4.2;
    entries.push([y, y === asOfYear ? w * 0.5 : w]);
  }
  return new Weighted(entries);
};

export const MEMBER_RATING = new Weighted<RatingLevel>([["excellent", 12], ["good", 76], ["completed", 10], ["not_completed", 2]]);
export const ORG_RATING = new Weighted<RatingLevel>([["excellent", 18], ["good", 68], ["completed", 11], ["not_completed", 3]]);
const REMOVAL = new Weighted<RemovalKind>([["expelled", 25], ["struck_off", 55], ["allowed_to_leave", 20]]);

/** ≈ 7 % of the people on a cell's books have left (deceased, removed, transferred out): a cell's first draw. */
const departedOf = (rng: Rng, active: number) => Math.round(active * 0.07 + rng.float());

export interface GeneratorOptions {
  seed: number;
  /** the day the dataset describes ("today" for the data) */
  asOf: string;
}

/** Per-run generator; call reset() before each pass over the cells. */
export class MemberGenerator {
  readonly asOfDay: number;
  readonly asOfYear: number;
  private readonly admissionYears: Weighted<number>;
  private nextMemberId = 1;
  private readonly idCounters = new Map<string, number>();

  constructor(
    private readonly tree: OrgTree,
    private readonly options: GeneratorOptions,
  ) {
    this.asOfDay = dayOf(options.asOf);
    this.asOfYear = yearOf(this.asOfDay);
    this.admissionYears = ADMISSION_YEARS(this.asOfYear);
  }

  get seed(): number {
    return this.options.seed;
  }

  reset(): void {
    this.nextMemberId = 1;
    this.idCounters.clear();
  }

  private nationalId(rng: Rng, org: SeedOrg, birthDay: number, gender: Gender): string {
    const birthYear = yearOf(birthDay);
    const province = rng.chance(0.85) ? rng.pick(org.birthProvinceCodes) : rng.pick(["001", "038", "040", "079", "031", "036", "034", "030"]);
    const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (gender === "female" ? 1 : 0);
    const prefix = `${province}${centuryDigit}${String(birthYear % 100).padStart(2, "0")}`;
    const n = this.idCounters.get(prefix) ?? 0;
    this.idCounters.set(prefix, n + 1);
    // A bijection of the counter on 0..999999 (7919 is coprime with 10^6): unique and not sequential.
    const suffix = (n * 7919 + 104_729) % 1_000_000;
    return prefix + String(suffix).padStart(6, "0");
  }

  private person(rng: Rng, org: SeedOrg, birthDay: number) {
    const gender: Gender = rng.chance(0.36) ? "female" : "male";
    const tables = tablesFor(org.region);
    const fullName = drawName(rng, tables, gender);
    const ethnicity = tables.ethnicity.draw(rng);
    const nationalId = this.nationalId(rng, org, birthDay, gender);
    // Hometown (quê quán): the birth province the ID encodes, by its pre-2025 name.
    const hometown = NATIONAL_ID_PROVINCE_CODES[nationalId.slice(0, 3)] ?? "";
    return { gender, fullName, ethnicity, nationalId, hometown };
  }

  /** How many people a cell's books hold (active + departed), from its first draw alone (cheap). */
  peopleIn(org: SeedOrg): number {
    return org.members + departedOf(new Rng(this.options.seed, org.id), org.members);
  }

  /**
   * One cell's people with ids from `firstId`, as the full pass numbers them when the cells before it hold
   * firstId - 1 people (see peopleIn); everything but the national IDs' counters is the full pass's.
   */
  cellFrom(org: SeedOrg, firstId: number): CellData {
    const saved = this.nextMemberId;
    this.nextMemberId = firstId;
    try {
      return this.cell(org);
    } finally {
      this.nextMemberId = saved;
    }
  }

  cell(org: SeedOrg): CellData {
    const rng = new Rng(this.options.seed, org.id);
    const asOf = this.asOfDay;
    const active = org.members;
    const departed = departedOf(rng, active);
    const members: SeedMember[] = [];
    const partners = this.tree.cellsByTop[org.topIndex]!;
    for (let i = 0; i < active + departed; i++) {
      const leaving = i >= active;
      const admitYear = this.admissionYears.draw(rng);
      const yearStart = dayOfYmd(admitYear, 1, 1);
      const yearEnd = Math.min(dayOfYmd(admitYear, 12, 31), asOf - 1);
      const admittedOn = rng.int(yearStart, Math.max(yearStart, yearEnd));
      const ageAtAdmission = rng.normalInt(27, 6, 18, 55);
      const birthDate = admittedOn - Math.round(ageAtAdmission * 365.25) - rng.int(1, 360);
      const p = this.person(rng, org, birthDate);
      // 12 calendar months (domain probationEndDate), not 365 days: leap years matter to the rule.
      const probationEnd = dayOf(probationEndDate(isoOf(admittedOn)));
      const notRecognized = admitYear >= this.asOfYear - 5 && rng.chance(0.006) && probationEnd + 30 < asOf;
      let status: MemberStatus = probationEnd + 20 > asOf ? "probationary" : "official";
      let officialOn: number | null = status === "official" ? probationEnd + rng.int(0, 20) : null;
      let leftOn: number | null = null;
      let removalKind: RemovalKind | null = null;
      const kindDraw = rng.float();
      const leaveDay = rng.int(Math.max(admittedOn + 30, dayOfYmd(this.asOfYear - 10, 1, 1)), asOf - 1);
      if (notRecognized) {
        status = "removed";
        officialOn = null;
        removalKind = "struck_off";
        leftOn = probationEnd + rng.int(5, 30);
      } else if (leaving) {
        const age = (leaveDay - birthDate) / 365.25;
        // Of those who left: about half died, a quarter transferred out of the system, a fifth removed.
        status = kindDraw < 0.55 ? (age > 50 ? "deceased" : "transferred_out") : kindDraw < 0.8 ? "transferred_out" : "removed";
        if (status === "removed") removalKind = REMOVAL.draw(rng);
        leftOn = Math.max(leaveDay, admittedOn + 1);
        if (officialOn !== null && officialOn >= leftOn) officialOn = null;
        if (officialOn === null && status !== "removed" && probationEnd < leftOn) officialOn = probationEnd;
      }
      const transferDay = rng.int(dayOfYmd(this.asOfYear - 3, 1, 1), asOf - 1);
      // Most moves stay in the province (or central committee); some cross to another one.
      const otherTop = this.tree.cellsByTop[rng.int(0, this.tree.cellsByTop.length - 1)]!;
      const partner = rng.chance(0.15) && otherTop.length > 0 ? rng.pick(otherTop) : rng.pick(partners);
      const transfer =
        !leaving && !notRecognized && rng.chance(0.1) && transferDay > admittedOn + 30 && partner.id !== org.id
          ? { from: partner, on: transferDay }
          : null;
      const tempPartner = rng.pick(partners);
      const temporaryTransferTo = !leaving && rng.chance(0.005) && tempPartner.id !== org.id ? tempPartner : null;
      const id = this.nextMemberId++;
      const hasCard = officialOn !== null && rng.chance(0.97);
      members.push({
        id,
        fullName: p.fullName,
        birthDate,
        gender: p.gender,
        ethnicity: p.ethnicity,
        nationalId: p.nationalId,
        org,
        status,
        admittedOn,
        officialOn,
        // A bijection of the id on 8 digits (7919 coprime with 9·10^7).
        partyCardNumber: hasCard ? String(10_000_000 + ((id * 7919) % 90_000_000)) : null,
        hometown: p.hometown,
        occupation: OCCUPATIONS.draw(rng),
        education: EDUCATION.draw(rng),
        leftOn,
        transfer,
        temporaryTransferTo,
        removalKind,
        notRecognized,
      });
    }
    const candidates: SeedCandidate[] = [];
    const nCandidates = Math.floor(active / 40 + rng.float());
    for (let i = 0; i < nCandidates; i++) {
      const birthDate = asOf - rng.int(19 * 365, 35 * 365);
      const p = this.person(rng, org, birthDate);
      candidates.push({ fullName: p.fullName, gender: p.gender, ethnicity: p.ethnicity, nationalId: p.nationalId, birthDate, courseCompletedOn: asOf - rng.int(10, 300) });
    }
    return { org, members, candidates };
  }

  /** Per-member derived facts, drawn from a PRNG of their own so tables can be written independently. */
  memberRng(m: SeedMember): Rng {
    return new Rng(this.options.seed ^ 0x5eed, m.id);
  }

  /** Rating years written by the seed. */
  ratingYears(): number[] {
    return [this.asOfYear - 2, this.asOfYear - 1];
  }

  badgeYearsWindow(): [number, number] {
    return [this.asOfYear - 2, this.asOfYear];
  }

  /** Badges whose anniversary falls in the window while the member is active. */
  badges(m: SeedMember): { years: number; proposedOn: number; awardedOn: number | null }[] {
    const out: { years: number; proposedOn: number; awardedOn: number | null }[] = [];
    const [from, to] = this.badgeYearsWindow();
    const rng = this.memberRng(m);
    const admitted = new Date(m.admittedOn * DAY);
    for (const years of BADGE_YEARS) {
      const y = admitted.getUTCFullYear() + years;
      const lead = rng.int(10, 90);
      const delay = rng.int(20, 150);
      if (y < from || y > to) continue;
      const anniversary = dayOfYmd(y, admitted.getUTCMonth() + 1, Math.min(admitted.getUTCDate(), 28));
      const proposedOn = anniversary - lead;
      if (proposedOn >= this.asOfDay) continue;
      if (m.leftOn !== null && m.leftOn <= proposedOn) continue;
      const awarded = proposedOn + delay;
      out.push({ years, proposedOn, awardedOn: awarded < this.asOfDay ? awarded : null });
    }
    return out;
  }
}
