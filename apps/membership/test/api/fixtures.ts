// Test data written straight into the database (fast, and independent of the procedures under test):
// a small tree in two provinces, members with valid national IDs, and helpers for one-off records.
import { vietnameseNameSortKey } from "@orgboard/locale-vi";
import { probationEndDate } from "../../src/domain/admission.js";
import type { OrgKind } from "../../src/domain/enums.js";
import type { Database } from "../../src/db/sql.js";

export const TREE = {
  /** Hà Nội: province, a grassroots committee with two cells, and a grassroots cell directly under the province. */
  p1: "/01/",
  g1: "/01/01-G1/",
  c1: "/01/01-G1/01-C1/",
  c2: "/01/01-G1/01-C2/",
  k1: "/01/01-K1/",
  /** Another province. */
  p2: "/02/",
  g2: "/02/02-G1/",
  c3: "/02/02-G1/02-C3/",
} as const;

let seq = 0;

/** A valid 12-digit national ID for the birth year and gender (Hà Nội's province-of-birth code). */
export function nationalId(birthYear: number, gender: "male" | "female"): string {
  const century = Math.floor(birthYear / 100) - 19;
  const digit = century * 2 + (gender === "female" ? 1 : 0);
  seq += 1;
  const serial = String(seq % 1_000_000).padStart(6, "0");
  return `001${digit}${String(birthYear % 100).padStart(2, "0")}${serial}`;
}

export interface MemberSeed {
  fullName?: string;
  birthDate?: string;
  gender?: "male" | "female";
  status?: "official" | "probationary" | "removed" | "deceased" | "transferred_out";
  admittedOn?: string;
  officialOn?: string | null;
  partyCardNumber?: string | null;
  /** When the current membership period started (default: admittedOn). */
  joinedOn?: string;
}

export class Fixture {
  private readonly ids = new Map<string, number>();
  constructor(readonly db: Database) {}

  orgId(path: string): number {
    const id = this.ids.get(path);
    if (id === undefined) throw new Error(`fixture: no org ${path}`);
    return id;
  }

  async org(path: string, kind: OrgKind, name: string, opts: { openedOn?: string; closedOn?: string | null } = {}): Promise<number> {
    const segments = path.split("/").filter(Boolean);
    const parent = segments.length > 1 ? `/${segments.slice(0, -1).join("/")}/` : null;
    const { rows } = await this.db.query<{ id: number }>(
      `INSERT INTO party_organization (parent_id, path, depth, kind, code, name, opened_on, closed_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [parent ? this.orgId(parent) : null, path, segments.length, kind, segments[segments.length - 1], name, opts.openedOn ?? "1990-01-01", opts.closedOn ?? null],
    );
    this.ids.set(path, rows[0]!.id);
    return rows[0]!.id;
  }

  /** The standard tree of TREE. */
  async tree(): Promise<void> {
    await this.org(TREE.p1, "provincial_committee", "Đảng bộ Thành phố Hà Nội");
    await this.org(TREE.g1, "grassroots_committee", "Đảng bộ phường Ba Đình");
    await this.org(TREE.c1, "subordinate_cell", "Chi bộ Tổ dân phố 1");
    await this.org(TREE.c2, "subordinate_cell", "Chi bộ Tổ dân phố 2");
    await this.org(TREE.k1, "grassroots_cell", "Chi bộ Trường Tiểu học Kim Liên");
    await this.org(TREE.p2, "provincial_committee", "Đảng bộ tỉnh Hà Giang");
    await this.org(TREE.g2, "grassroots_committee", "Đảng bộ xã Lũng Cú");
    await this.org(TREE.c3, "subordinate_cell", "Chi bộ thôn Lô Lô Chải");
  }

  /** A member in the organization at `path` (any kind: authorization only looks at the path). */
  async member(path: string, m: MemberSeed = {}): Promise<number> {
    const birthDate = m.birthDate ?? "1980-05-17";
    const gender = m.gender ?? "male";
    const status = m.status ?? "official";
    const admittedOn = m.admittedOn ?? "2005-03-26";
    const officialOn = m.officialOn === undefined ? (status === "probationary" ? null : probationEndDate(admittedOn)) : m.officialOn;
    const fullName = m.fullName ?? "Nguyễn Văn Thành";
    const orgId = this.orgId(path);
    const { rows } = await this.db.query<{ id: number }>(
      `INSERT INTO member (full_name, birth_date, gender, ethnicity, national_id, org_id, org_path, status, admitted_on, official_on, party_card_number, name_sort_key, left_on)
       VALUES ($1, $2, $3, 'Kinh', $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [fullName, birthDate, gender, nationalId(Number(birthDate.slice(0, 4)), gender), orgId, path, status, admittedOn, officialOn, m.partyCardNumber ?? null, vietnameseNameSortKey(fullName), status === "official" || status === "probationary" ? null : "2020-01-01"],
    );
    const id = rows[0]!.id;
    const active = status === "official" || status === "probationary";
    await this.db.query(
      `INSERT INTO membership_period (member_id, org_id, org_path, started_on, ended_on, start_reason, end_reason) VALUES ($1, $2, $3, $4, $5, 'import', $6)`,
      [id, orgId, path, m.joinedOn ?? admittedOn, active ? null : "2020-01-01", active ? null : status === "deceased" ? "death" : status === "removed" ? "removal" : "transfer_out"],
    );
    if (status === "probationary") {
      await this.db.query(`INSERT INTO admission (member_id, org_id, org_path, admitted_on, probation_ends_on) VALUES ($1, $2, $3, $4, $5)`, [id, orgId, path, admittedOn, probationEndDate(admittedOn)]);
    }
    return id;
  }

  async candidate(path: string, opts: { birthDate?: string; gender?: "male" | "female"; courseCompletedOn?: string; fullName?: string } = {}): Promise<number> {
    const birthDate = opts.birthDate ?? "1999-09-09";
    const gender = opts.gender ?? "female";
    const { rows } = await this.db.query<{ id: number }>(
      `INSERT INTO admission_candidate (full_name, birth_date, gender, ethnicity, national_id, org_id, org_path, course_completed_on, course_certificate_no)
       VALUES ($1, $2, $3, 'Kinh', $4, $5, $6, $7, 'GCN-1') RETURNING id`,
      [opts.fullName ?? "Lê Thị Hoa", birthDate, gender, nationalId(Number(birthDate.slice(0, 4)), gender), this.orgId(path), path, opts.courseCompletedOn ?? "2026-03-01"],
    );
    return rows[0]!.id;
  }

  async transfer(memberId: number, to: string | null, opts: { kind?: "official" | "temporary"; status?: string; requestedOn?: string } = {}): Promise<number> {
    const { rows: m } = await this.db.query<{ org_id: number; org_path: string }>(`SELECT org_id, org_path FROM member WHERE id = $1`, [memberId]);
    const { rows } = await this.db.query<{ id: number }>(
      `INSERT INTO transfer (member_id, kind, status, from_org_id, from_org_path, to_org_id, to_org_path, to_description, requested_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [memberId, opts.kind ?? "official", opts.status ?? "requested", m[0]!.org_id, m[0]!.org_path, to ? this.orgId(to) : null, to, to ? null : "Đảng bộ Quân khu 1", opts.requestedOn ?? "2026-10-01"],
    );
    return rows[0]!.id;
  }

  async rating(subject: { memberId: number } | { orgPath: string }, year: number, level: string, stage: "self_assessment" | "appraisal" | "approved" = "appraisal"): Promise<number> {
    const isMember = "memberId" in subject;
    const orgPath = isMember ? (await this.db.query<{ org_path: string }>(`SELECT org_path FROM member WHERE id = $1`, [subject.memberId])).rows[0]!.org_path : subject.orgPath;
    const { rows } = await this.db.query<{ id: number }>(
      `INSERT INTO quality_rating (subject_kind, member_id, org_id, org_path, year, level, stage, locked) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [isMember ? "member" : "organization", isMember ? subject.memberId : null, isMember ? null : this.orgId(subject.orgPath), orgPath, year, level, stage, stage === "approved"],
    );
    return rows[0]!.id;
  }

  async badge(memberId: number, years: number, proposedOn = "2026-01-10"): Promise<number> {
    const { rows: m } = await this.db.query<{ org_path: string }>(`SELECT org_path FROM member WHERE id = $1`, [memberId]);
    const { rows } = await this.db.query<{ id: number }>(`INSERT INTO badge_award (member_id, org_path, years, proposed_on) VALUES ($1, $2, $3, $4) RETURNING id`, [memberId, m[0]!.org_path, years, proposedOn]);
    return rows[0]!.id;
  }

  async count(table: string, where = "TRUE", params: unknown[] = []): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
    return rows[0]!.n;
  }
}
