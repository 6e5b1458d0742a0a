// The synthetic inspection dataset: five years of programs, inspections, supervisions, discipline and
// appeals about the people and organizations of membership's seed (the same ids, names and paths:
// docs/inspection.md, "Seed"). Deterministic: every draw comes from a PRNG seeded by (seed, organization
// id), so each pass over the organizations (one COPY per table) regenerates exactly the same plan.
// Rates per member-year and organization-year are derived from the year-end reports quoted in
// docs/inspection.md (a province of ~89,000 members: 1,179 organizations and 1,796 members inspected,
// 646 and 1,234 supervised, 14 and 506 disciplined; a bloc of ~5,100 members: its grassroots committees
// inspected 70 cells and supervised 49, its cells checked members' compliance).
import { Rng, Weighted } from "@orgboard/random";
import type { ConductorKind, InspectionKind, MemberDisciplineForm, OrgDisciplineForm, ProgramOwner, SupervisionKind, ViolationDegree } from "@orgboard/contract-inspection";

/** An organization of membership's seed (structurally membership's SubjectOrg). */
export interface SeedOrg {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  kind: string;
  closedOn: string | null;
  activeMembers: number;
}

/** A person on a cell's books in membership's seed (structurally membership's SubjectMember). */
export interface SeedPerson {
  id: number;
  fullName: string;
  orgId: number;
  orgPath: string;
  status: string;
  admittedOn: string;
  leftOn: string | null;
  removalKind: string | null;
}

/** Membership's seeded organizations and people (`seedSubjects` of @orgboard/membership, or a fixture). */
export interface SeedSubjects {
  seed: number;
  asOf: string;
  orgs: readonly SeedOrg[];
  members(org: SeedOrg): SeedPerson[];
}

/** Yearly rates (docs/inspection.md, "Seed", says where each comes from). */
export const RATES = {
  /** a cell checks the compliance of this share of its members each year (kind member_compliance) */
  memberCompliance: 0.1,
  /** inspections of a member by a committee or commission, per member-year (1,796 / 89,000) */
  memberInspection: 0.02,
  /** supervisions of a member (1,234 / 89,000) */
  memberSupervision: 0.014,
  /** members disciplined other than by expulsion (506 / 89,000, less the expulsions membership holds) */
  memberDiscipline: 0.0052,
  /** a grassroots committee inspects / supervises (thematic) one of its cells (70 and 49 of ~150 cells) */
  cellInspection: 0.45,
  cellSupervision: 0.33,
  /** the upper level's commission inspects / supervises a grassroots organization (15 and 12 of ~40) */
  grassrootsInspection: 0.37,
  grassrootsSupervision: 0.3,
  /** the province's commission inspects / supervises a bloc (upper-grassroots committee) */
  blocInspection: 0.5,
  blocSupervision: 0.5,
  /** organizations disciplined (14 of ~3,100 organizations) */
  orgDiscipline: 0.0045,
  /** a supervision finds signs of violation and becomes an inspection */
  supervisionFindsSigns: 0.03,
  /** a member's discipline is appealed */
  appeal: 0.04,
} as const;

const DAY = 86_400_000;
export const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
export const isoOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const yearOf = (iso: string) => Number(iso.slice(0, 4));

/** A uuid v7 for an instant, its random bits from the seeded PRNG (ids replay with the seed, sort by time). */
export function uuid7(ms: number, rng: Rng): string {
  const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, "0");
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0").slice(-12);
  const randA = 0x7000 | (rng.next() & 0x0fff);
  const randB = 0x8000 | (rng.next() & 0x3fff);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-${hex(randA, 4)}-${hex(randB, 4)}-${hex(rng.next() & 0xffff, 4)}${hex(rng.next(), 8)}`;
}

const SEED_ACTOR = "seed:inspection";

export interface ProgramRow {
  id: string;
  year: number;
  ownerKind: ProgramOwner;
  ownerOrgPath: string;
  ownerOrgName: string;
  title: string;
  createdAt: string;
}
export interface ProgramItemRow {
  id: string;
  programId: string;
  position: number;
  subjectKind: "organization" | "member";
  orgId: number | null;
  memberId: number | null;
  subjectName: string;
  subjectOrgPath: string;
  subjectStatus: string;
  content: string;
  quarter: number;
  completedOn: string | null;
}
interface CaseBase {
  id: string;
  conductorKind: ConductorKind;
  conductorOrgPath: string;
  subjectKind: "organization" | "member";
  memberId: number | null;
  orgId: number | null;
  subjectName: string;
  subjectOrgPath: string;
  subjectStatus: string;
  decidedOn: string;
  content: string;
  concludedOn: string | null;
  findings: string | null;
}
export interface InspectionRow extends CaseBase {
  kind: InspectionKind;
  status: "decided" | "under_way" | "concluded";
  decisionNumber: string;
  plannedEndOn: string;
  startedOn: string | null;
  violation: boolean | null;
  degree: ViolationDegree | null;
  disciplineProposed: string | null;
  supervisionId: string | null;
}
export interface SupervisionRow extends CaseBase {
  kind: SupervisionKind;
  status: "decided" | "under_way" | "concluded";
  decisionNumber: string | null;
  signsOfViolation: boolean | null;
}
export interface DisciplineRow {
  id: string;
  subjectKind: "organization" | "member";
  memberId: number | null;
  orgId: number | null;
  subjectName: string;
  subjectOrgPath: string;
  subjectStatus: string;
  form: MemberDisciplineForm | OrgDisciplineForm;
  decisionNumber: string;
  decidedOn: string;
  effectiveOn: string;
  /** null for a cell's decision (it takes effect at the cell's vote) */
  announcedOn: string | null;
  degree: ViolationDegree;
  violatedOn: string;
  decidedByKind: ConductorKind;
  decidedByOrgPath: string;
  reason: string;
  inspectionId: string | null;
  status: "in_force" | "changed" | "annulled";
  effectStatus: "none" | "applied";
}
export interface AppealRow {
  id: string;
  decisionId: string;
  subjectOrgPath: string;
  lodgedOn: string;
  lodgeDeadlineOn: string;
  decideDeadlineOn: string;
  content: string;
  decidedOn: string | null;
  outcome: "upheld" | "changed" | "annulled" | null;
  decidedByOrgPath: string | null;
  decisionNumber: string | null;
}

/** Whom a case is about, as every case row names it. */
type Subject = Pick<CaseBase, "subjectKind" | "memberId" | "orgId" | "subjectName" | "subjectOrgPath" | "subjectStatus">;

/** Everything the seed writes about one organization (and, for a cell, its people). */
export interface OrgPlan {
  inspections: InspectionRow[];
  supervisions: SupervisionRow[];
  disciplines: DisciplineRow[];
  appeals: AppealRow[];
}

const ORG_INSPECTION_KIND = new Weighted<InspectionKind>([["lower_level_work", 45], ["party_finance", 25], ["signs_of_violation", 30]]);
const MEMBER_INSPECTION_KIND = new Weighted<InspectionKind>([["signs_of_violation", 85], ["party_finance", 15]]);
const MEMBER_FORM = new Weighted<MemberDisciplineForm>([["reprimand", 75], ["warning", 20], ["dismissal", 5]]);
const ORG_FORM = new Weighted<OrgDisciplineForm>([["reprimand", 70], ["warning", 30]]);
const APPEAL_OUTCOME = new Weighted<"upheld" | "changed" | "annulled">([["upheld", 85], ["changed", 10], ["annulled", 5]]);
const DEGREE_OF: Record<string, ViolationDegree[]> = {
  reprimand: ["less_serious"],
  warning: ["serious"],
  dismissal: ["serious", "very_serious"],
  expulsion: ["very_serious", "especially_serious"],
};
const ORG_CONTENT = {
  lower_level_work: "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật đảng",
  party_finance: "Kiểm tra việc thu, nộp, quản lý và sử dụng đảng phí, tài chính đảng",
  signs_of_violation: "Kiểm tra khi có dấu hiệu vi phạm trong lãnh đạo, chỉ đạo thực hiện nhiệm vụ",
  member_compliance: "Kiểm tra đảng viên chấp hành Điều lệ, nghị quyết và nhiệm vụ đảng viên",
} as const satisfies Record<InspectionKind, string>;
const MEMBER_CONTENT = {
  signs_of_violation: "Kiểm tra đảng viên khi có dấu hiệu vi phạm phẩm chất, đạo đức, lối sống",
  party_finance: "Kiểm tra việc chấp hành quy định về đóng đảng phí",
  lower_level_work: ORG_CONTENT.lower_level_work,
  member_compliance: ORG_CONTENT.member_compliance,
} as const satisfies Record<InspectionKind, string>;
const THEMES = [
  "Giám sát chuyên đề việc thực hiện Quy định 144-QĐ/TW về chuẩn mực đạo đức cách mạng",
  "Giám sát chuyên đề việc thực hiện nguyên tắc tập trung dân chủ",
  "Giám sát việc kê khai tài sản, thu nhập",
  "Giám sát việc tu dưỡng, rèn luyện đạo đức, lối sống",
  "Giám sát việc thực hiện chương trình công tác năm",
];
const PROGRAM_CONTENT = ["Kiểm tra việc lãnh đạo thực hiện nghị quyết đại hội", "Giám sát việc thực hiện quy chế làm việc", "Kiểm tra tài chính đảng", "Giám sát chuyên đề công tác cán bộ", "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát"];

export interface PlanOptions {
  /** first year of the data (default: five years before asOf's) */
  fromYear?: number;
}

/** The organizations' family lines, for choosing who conducts and who decides. */
export class OrgIndex {
  readonly byId = new Map<number, SeedOrg>();
  constructor(readonly orgs: readonly SeedOrg[]) {
    for (const o of orgs) this.byId.set(o.id, o);
  }
  parent(o: SeedOrg): SeedOrg | null {
    return o.parentId === null ? null : (this.byId.get(o.parentId) ?? null);
  }
  /** The grassroots organization (đảng bộ / chi bộ cơ sở) an organization is in, itself included. */
  grassroots(o: SeedOrg): SeedOrg | null {
    for (let x: SeedOrg | null = o; x; x = this.parent(x)) if (x.kind === "grassroots_committee" || x.kind === "grassroots_cell") return x;
    return null;
  }
}

/** Who conducts cases about an organization of this kind, and how often (null: nobody in the tree). */
function orgConductor(index: OrgIndex, o: SeedOrg): { kind: ConductorKind; path: string; inspect: number; supervise: number; thematicOnly: boolean } | null {
  const parent = index.parent(o);
  if (!parent) return null;
  if (o.kind === "subordinate_cell") {
    const g = index.grassroots(o);
    // Cells under a partial committee: the grassroots committee above both still conducts.
    return g ? { kind: "grassroots_committee", path: g.path, inspect: RATES.cellInspection, supervise: RATES.cellSupervision, thematicOnly: true } : null;
  }
  if (o.kind === "partial_committee") {
    return { kind: "grassroots_committee", path: parent.path, inspect: RATES.grassrootsInspection, supervise: RATES.grassrootsSupervision, thematicOnly: false };
  }
  if (o.kind === "upper_grassroots_committee") return { kind: "commission", path: parent.path, inspect: RATES.blocInspection, supervise: RATES.blocSupervision, thematicOnly: false };
  return { kind: "commission", path: parent.path, inspect: RATES.grassrootsInspection, supervise: RATES.grassrootsSupervision, thematicOnly: false };
}

/** Yearly plans of one organization: cases about it, and (for a cell) about its people. */
export class InspectionPlanner {
  readonly asOf: string;
  readonly asOfDay: number;
  readonly fromYear: number;
  readonly toYear: number;
  private counters = new Map<string, number>();

  constructor(
    readonly subjects: SeedSubjects,
    readonly index: OrgIndex,
    opts: PlanOptions = {},
  ) {
    this.asOf = subjects.asOf;
    this.asOfDay = dayOf(subjects.asOf);
    this.toYear = yearOf(subjects.asOf);
    this.fromYear = opts.fromYear ?? this.toYear - 5;
  }

  /** Decision numbers run per deciding body; call before each pass so every pass numbers alike. */
  reset(): void {
    this.counters.clear();
  }

  private number(body: string, suffix: string): string {
    const n = (this.counters.get(body) ?? 0) + 1;
    this.counters.set(body, n);
    return `${n}-${suffix}`;
  }

  /** A day of `year` (never after asOf); null when the year has not started by asOf. */
  private dayIn(rng: Rng, year: number, notBefore?: number): number | null {
    const first = Math.max(dayOf(`${year}-01-01`), notBefore ?? -Infinity);
    const last = Math.min(dayOf(`${year}-12-31`), this.asOfDay - 1);
    return last < first ? null : rng.int(first, last);
  }

  private lifecycle(rng: Rng, decided: number, minDays: number, maxDays: number) {
    const startedDay = decided + rng.int(3, 15);
    const endDay = decided + rng.int(minDays, maxDays);
    const concluded = endDay < this.asOfDay;
    const started = startedDay < this.asOfDay;
    return {
      status: concluded ? ("concluded" as const) : started ? ("under_way" as const) : ("decided" as const),
      startedOn: started ? isoOf(startedDay) : null,
      concludedOn: concluded ? isoOf(endDay) : null,
      plannedEndOn: isoOf(decided + maxDays),
    };
  }

  plan(org: SeedOrg, people: readonly SeedPerson[]): OrgPlan {
    const rng = new Rng(this.subjects.seed ^ 0x1a5bec7, org.id);
    const out: OrgPlan = { inspections: [], supervisions: [], disciplines: [], appeals: [] };
    const conductor = orgConductor(this.index, org);
    const orgOpen = (day: number) => org.closedOn === null || dayOf(org.closedOn) > day;
    for (let year = this.fromYear; year <= this.toYear; year++) {
      if (conductor) {
        if (rng.chance(conductor.inspect)) {
          const day = this.dayIn(rng, year);
          if (day !== null && orgOpen(day)) out.inspections.push(this.orgInspection(rng, org, conductor, day));
        }
        if (rng.chance(conductor.supervise)) {
          const day = this.dayIn(rng, year);
          if (day !== null && orgOpen(day)) this.orgSupervision(rng, out, org, conductor, day);
        }
        if (rng.chance(RATES.orgDiscipline)) {
          const day = this.dayIn(rng, year);
          const parent = this.index.parent(org);
          if (day !== null && orgOpen(day) && parent) this.orgDiscipline(rng, out, org, parent, day);
        }
      }
    }
    if (people.length > 0) for (const p of people) this.personPlan(org, p, out);
    return out;
  }

  private orgSubject(org: SeedOrg): Subject {
    return { subjectKind: "organization", memberId: null, orgId: org.id, subjectName: org.name, subjectOrgPath: org.path, subjectStatus: "open" };
  }

  /** An inspection that ends, if concluded, without discipline (a violation found is a minor one). */
  private routineInspection(
    rng: Rng,
    day: number,
    kind: InspectionKind,
    conductor: { kind: ConductorKind; path: string },
    subject: Subject,
    content: string,
    violationChance: number,
    violationFinding: string,
  ): InspectionRow {
    const life = this.lifecycle(rng, day, 30, 90);
    const violation = life.status === "concluded" ? rng.chance(violationChance) : null;
    return {
      id: uuid7(day * DAY + 8 * 3_600_000, rng),
      kind,
      conductorKind: conductor.kind,
      conductorOrgPath: conductor.path,
      ...subject,
      decisionNumber: this.number(conductor.path, "QĐ/KT"),
      decidedOn: isoOf(day),
      content,
      ...life,
      violation,
      degree: violation ? "less_serious" : null,
      disciplineProposed: null,
      findings: life.status === "concluded" ? (violation ? violationFinding : "Không có vi phạm") : null,
      supervisionId: null,
    };
  }

  private orgInspection(rng: Rng, org: SeedOrg, c: { kind: ConductorKind; path: string }, day: number): InspectionRow {
    const kind = ORG_INSPECTION_KIND.draw(rng);
    return this.routineInspection(rng, day, kind, c, this.orgSubject(org), ORG_CONTENT[kind], kind === "signs_of_violation" ? 0.3 : 0.05, "Có vi phạm ở mức chưa đến mức phải xử lý kỷ luật; yêu cầu kiểm điểm, khắc phục");
  }

  private orgSupervision(rng: Rng, out: OrgPlan, org: SeedOrg, c: { kind: ConductorKind; path: string; thematicOnly: boolean }, day: number): void {
    const kind: SupervisionKind = c.thematicOnly || rng.chance(0.5) ? "thematic" : "regular";
    const life = this.lifecycle(rng, day, 20, 60);
    const signs = life.status === "concluded" ? rng.chance(RATES.supervisionFindsSigns) : null;
    const supervision: SupervisionRow = {
      id: uuid7(day * DAY + 9 * 3_600_000, rng),
      kind,
      status: life.status,
      conductorKind: c.kind,
      conductorOrgPath: c.path,
      ...this.orgSubject(org),
      decisionNumber: kind === "thematic" ? this.number(c.path, "QĐ/GS") : null,
      decidedOn: isoOf(day),
      content: kind === "thematic" ? rng.pick(THEMES) : "Giám sát thường xuyên việc thực hiện nhiệm vụ",
      concludedOn: life.concludedOn,
      signsOfViolation: signs,
      findings: life.status === "concluded" ? (signs ? "Có dấu hiệu vi phạm: chuyển sang kiểm tra" : "Chấp hành tốt") : null,
    };
    out.supervisions.push(supervision);
    if (signs && life.concludedOn) {
      // The supervision that found signs of violation becomes an inspection (its supervisionId).
      const inspDay = dayOf(life.concludedOn) + rng.int(5, 20);
      if (inspDay < this.asOfDay) {
        const insp = this.orgInspection(rng, org, c, inspDay);
        insp.kind = "signs_of_violation";
        insp.content = ORG_CONTENT.signs_of_violation;
        insp.supervisionId = supervision.id;
        out.inspections.push(insp);
      }
    }
  }

  private orgDiscipline(rng: Rng, out: OrgPlan, org: SeedOrg, parent: SeedOrg, day: number): void {
    const form = ORG_FORM.draw(rng);
    // Organizations are disciplined by the committee of the level above (Điều lệ Art. 36); dissolution is
    // left out: the organizations membership's seed closes were closed by the 2025 reorganization.
    out.disciplines.push({
      id: uuid7(day * DAY + 14 * 3_600_000, rng),
      ...this.orgSubject(org),
      form,
      decisionNumber: this.number(`discipline:${parent.path}`, "QĐ/KL"),
      decidedOn: isoOf(day),
      effectiveOn: isoOf(day),
      announcedOn: isoOf(day),
      degree: DEGREE_OF[form]![0]!,
      violatedOn: isoOf(day - rng.int(60, 400)),
      decidedByKind: "committee",
      decidedByOrgPath: parent.path,
      reason: "Buông lỏng lãnh đạo, chỉ đạo, để xảy ra vi phạm",
      inspectionId: null,
      status: "in_force",
      effectStatus: "none",
    });
  }

  /** A member's cases, year by year while they are on the books. */
  private personPlan(cell: SeedOrg, p: SeedPerson, out: OrgPlan): void {
    const rng = new Rng(this.subjects.seed ^ 0x9e0e1e, p.id);
    const admitted = dayOf(p.admittedOn);
    const left = p.leftOn === null ? Infinity : dayOf(p.leftOn);
    const g = this.index.grassroots(cell);
    const upper = g ? this.index.parent(g) : null;
    const subject = { subjectKind: "member" as const, memberId: p.id, orgId: null, subjectName: p.fullName, subjectOrgPath: p.orgPath };
    const statusOn = (day: number) => (p.status === "probationary" || day < admitted + 365 ? "probationary" : "official");
    for (let year = this.fromYear; year <= this.toYear; year++) {
      const draws = [rng.float(), rng.float(), rng.float(), rng.float()];
      const day = this.dayIn(rng, year, admitted + 1);
      if (day === null || day >= left) continue;
      if (draws[0]! < RATES.memberCompliance) {
        const life = this.lifecycle(rng, day, 7, 30);
        out.inspections.push({
          id: uuid7(day * DAY + 10 * 3_600_000, rng),
          kind: "member_compliance",
          conductorKind: "cell",
          conductorOrgPath: cell.path,
          ...subject,
          subjectStatus: statusOn(day),
          decisionNumber: this.number(cell.path, "KH/CB"),
          decidedOn: isoOf(day),
          content: ORG_CONTENT.member_compliance,
          ...life,
          violation: life.status === "concluded" ? false : null,
          degree: null,
          disciplineProposed: null,
          findings: life.status === "concluded" ? "Chấp hành tốt" : null,
          supervisionId: null,
        });
      }
      // Members are inspected and supervised by their grassroots committee or the commission above it.
      const byCommission = !g || g.kind === "grassroots_cell" || rng.chance(0.4);
      const conductor = byCommission && upper ? { kind: "commission" as const, path: upper.path } : { kind: "grassroots_committee" as const, path: (g ?? cell).path };
      if (draws[1]! < RATES.memberInspection) {
        const d = this.dayIn(rng, year, admitted + 1);
        if (d !== null && d < left) {
          const kind = MEMBER_INSPECTION_KIND.draw(rng);
          out.inspections.push(this.routineInspection(rng, d, kind, conductor, { ...subject, subjectStatus: statusOn(d) }, MEMBER_CONTENT[kind], 0.15, "Có vi phạm, phải kiểm điểm rút kinh nghiệm"));
        }
      }
      if (draws[2]! < RATES.memberSupervision) {
        const d = this.dayIn(rng, year, admitted + 1);
        if (d !== null && d < left) {
          const kind: SupervisionKind = rng.chance(0.6) ? "regular" : "thematic";
          const life = this.lifecycle(rng, d, 20, 60);
          out.supervisions.push({
            id: uuid7(d * DAY + 12 * 3_600_000, rng),
            kind,
            status: life.status,
            conductorKind: conductor.kind,
            conductorOrgPath: conductor.path,
            ...subject,
            subjectStatus: statusOn(d),
            decisionNumber: kind === "thematic" ? this.number(conductor.path, "QĐ/GS") : null,
            decidedOn: isoOf(d),
            content: kind === "thematic" ? rng.pick(THEMES) : "Giám sát thường xuyên đảng viên",
            concludedOn: life.concludedOn,
            signsOfViolation: life.status === "concluded" ? false : null,
            findings: life.status === "concluded" ? "Chấp hành tốt" : null,
          });
        }
      }
      if (draws[3]! < RATES.memberDiscipline) this.memberDiscipline(rng, out, cell, p, conductor, year, left, subject, statusOn);
    }
    // An expulsion membership's seed holds (removal of kind `expelled`) is the effect of a decision here:
    // decided and effective the day membership removed the member, its effect applied.
    if (p.removalKind === "expelled" && p.leftOn !== null && yearOf(p.leftOn) >= this.fromYear && left < this.asOfDay) {
      const decider = upper ?? g ?? cell;
      this.disciplineWithInspection(rng, out, "expulsion", { kind: "commission", path: decider.path }, { kind: "commission", path: decider.path }, left, subject, statusOn(left - 1), "applied");
    }
  }

  private memberDiscipline(
    rng: Rng,
    out: OrgPlan,
    cell: SeedOrg,
    p: SeedPerson,
    conductor: { kind: ConductorKind; path: string },
    year: number,
    left: number,
    subject: { subjectKind: "member"; memberId: number; orgId: null; subjectName: string; subjectOrgPath: string },
    statusOn: (day: number) => string,
  ): void {
    const d = this.dayIn(rng, year, dayOf(p.admittedOn) + 200);
    if (d === null || d >= left) return;
    const form = MEMBER_FORM.draw(rng);
    // A cell reprimands or warns its members; dismissal from post is decided by the commission above.
    const decider = form === "dismissal" ? conductor : { kind: "cell" as const, path: cell.path };
    this.disciplineWithInspection(rng, out, form, conductor, decider, d, subject, statusOn(d), "none");
  }

  /** An inspection that found the violation, then the decision (and sometimes its appeal). */
  private disciplineWithInspection(
    rng: Rng,
    out: OrgPlan,
    form: MemberDisciplineForm,
    conductor: { kind: ConductorKind; path: string },
    decider: { kind: ConductorKind; path: string },
    decidedDay: number,
    subject: { subjectKind: "member"; memberId: number; orgId: null; subjectName: string; subjectOrgPath: string },
    subjectStatus: string,
    effectStatus: "none" | "applied",
  ): void {
    const degree = rng.pick(DEGREE_OF[form]!);
    const inspDay = decidedDay - rng.int(40, 120);
    const inspection: InspectionRow = {
      id: uuid7(inspDay * DAY + 13 * 3_600_000, rng),
      kind: "signs_of_violation",
      status: "concluded",
      conductorKind: conductor.kind,
      conductorOrgPath: conductor.path,
      ...subject,
      subjectStatus,
      decisionNumber: this.number(conductor.path, "QĐ/KT"),
      decidedOn: isoOf(inspDay),
      content: MEMBER_CONTENT.signs_of_violation,
      plannedEndOn: isoOf(inspDay + 60),
      startedOn: isoOf(inspDay + 5),
      concludedOn: isoOf(decidedDay - rng.int(5, 20)),
      violation: true,
      degree,
      disciplineProposed: form,
      findings: "Có vi phạm đến mức phải xem xét, xử lý kỷ luật",
      supervisionId: null,
    };
    out.inspections.push(inspection);
    const decision: DisciplineRow = {
      id: uuid7(decidedDay * DAY + 15 * 3_600_000, rng),
      ...subject,
      subjectStatus,
      form,
      decisionNumber: this.number(`discipline:${decider.path}`, "QĐ/KL"),
      decidedOn: isoOf(decidedDay),
      effectiveOn: isoOf(decidedDay),
      // A cell's decision takes effect at its vote; the others when announced (the same day here).
      announcedOn: decider.kind === "cell" ? null : isoOf(decidedDay),
      degree,
      violatedOn: isoOf(inspDay - rng.int(30, 300)),
      decidedByKind: decider.kind,
      decidedByOrgPath: decider.path,
      reason: "Vi phạm quy định về những điều đảng viên không được làm",
      inspectionId: inspection.id,
      status: "in_force",
      effectStatus,
    };
    out.disciplines.push(decision);
    // Appeals of expulsions would leave membership's removal in question: only lesser forms are appealed here.
    if (form !== "expulsion" && rng.chance(RATES.appeal)) {
      const lodged = decidedDay + rng.int(5, 28);
      if (lodged < this.asOfDay) {
        const decideDeadline = lodged + 90;
        const decidedOn = lodged + rng.int(30, 100);
        const done = decidedOn < this.asOfDay;
        const outcome = done ? APPEAL_OUTCOME.draw(rng) : null;
        // "changed" keeps the decision in force under another form in real life; the seed records the outcome only.
        if (outcome === "annulled") decision.status = "annulled";
        out.appeals.push({
          id: uuid7(lodged * DAY + 16 * 3_600_000, rng),
          decisionId: decision.id,
          subjectOrgPath: subject.subjectOrgPath,
          lodgedOn: isoOf(lodged),
          lodgeDeadlineOn: isoOf(decidedDay + 30),
          decideDeadlineOn: isoOf(decideDeadline),
          content: "Đề nghị xem xét lại hình thức kỷ luật",
          decidedOn: done ? isoOf(decidedOn) : null,
          outcome,
          decidedByOrgPath: done ? conductor.path : null,
          decisionNumber: done ? this.number(`appeal:${conductor.path}`, "QĐ/GQKN") : null,
        });
      }
    }
  }

  /** Yearly programs of the committees (standing committee and commission of provinces and blocs). */
  *programs(): Generator<{ program: ProgramRow; items: ProgramItemRow[] }> {
    const children = new Map<number, SeedOrg[]>();
    for (const o of this.index.orgs) if (o.parentId !== null) (children.get(o.parentId) ?? children.set(o.parentId, []).get(o.parentId)!).push(o);
    const owners: [ProgramOwner, number][] = [];
    for (const o of this.index.orgs) {
      const kids = (children.get(o.id) ?? []).filter((k) => k.closedOn === null);
      if (kids.length === 0) continue;
      owners.length = 0;
      if (o.kind === "provincial_committee") owners.push(["standing_committee", 20], ["commission", 20]);
      else if (o.kind === "upper_grassroots_committee") owners.push(["standing_committee", 9], ["commission", 8]);
      else if (o.kind === "grassroots_committee") owners.push(["committee", 6]);
      else continue;
      const rng = new Rng(this.subjects.seed ^ 0x9409a, o.id);
      for (let year = this.fromYear; year <= this.toYear; year++) {
        for (const [ownerKind, n] of owners) {
          const created = dayOf(`${year - 1}-12-${rng.int(10, 28)}`);
          const program: ProgramRow = {
            id: uuid7(created * DAY + 8 * 3_600_000, rng),
            year,
            ownerKind,
            ownerOrgPath: o.path,
            ownerOrgName: o.name,
            title: `Chương trình kiểm tra, giám sát năm ${year}`,
            createdAt: isoOf(created),
          };
          const items: ProgramItemRow[] = [];
          for (let i = 1; i <= n; i++) {
            const subject = rng.pick(kids);
            const quarter = rng.int(1, 4);
            const quarterEnd = dayOf(`${year}-${String(quarter * 3).padStart(2, "0")}-${quarter === 1 || quarter === 4 ? 31 : 30}`);
            const doneDay = quarterEnd - rng.int(0, 60);
            const completed = rng.chance(0.96) && doneDay < this.asOfDay;
            items.push({
              id: uuid7(created * DAY + 8 * 3_600_000 + i, rng),
              programId: program.id,
              position: i,
              subjectKind: "organization",
              orgId: subject.id,
              memberId: null,
              subjectName: subject.name,
              subjectOrgPath: subject.path,
              subjectStatus: "open",
              content: rng.pick(PROGRAM_CONTENT),
              quarter,
              completedOn: completed ? isoOf(doneDay) : null,
            });
          }
          yield { program, items };
        }
      }
    }
  }
}

export { SEED_ACTOR };
