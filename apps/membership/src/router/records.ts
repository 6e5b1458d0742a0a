// Rows the procedures read, their mapping to the public shapes (the views' schemas are in the contract:
// packages/contract-membership/src/records.ts) and the loaders that find one record or answer NOT_FOUND
// naming the input field.
import type { MemberView, OrgView } from "@orgboard/contract-membership";
import { parentOrgPath } from "@orgboard/contracts";
import type { Sql } from "../db/sql.js";
import type { Gender, MemberStatus, OrgKind, Sector } from "../domain/enums.js";
import { notFound } from "./errors.js";

const instant = (v: Date | string): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

// ---- Organizations --------------------------------------------------------------------------------

export interface OrgRow {
  id: number;
  parent_id: number | null;
  path: string;
  depth: number;
  kind: OrgKind;
  code: string;
  name: string;
  admin_unit_code: string | null;
  admin_unit_edition: string | null;
  sector: Sector | null;
  opened_on: string;
  closed_on: string | null;
}

export const ORG_COLUMNS = "o.id, o.parent_id, o.path, o.depth, o.kind, o.code, o.name, o.admin_unit_code, o.admin_unit_edition, o.sector, o.opened_on, o.closed_on";

export function orgView(r: OrgRow): OrgView {
  return {
    id: r.id,
    path: r.path,
    parentPath: parentOrgPath(r.path) ?? "/",
    code: r.code,
    name: r.name,
    kind: r.kind,
    sector: r.sector,
    adminUnitCode: r.admin_unit_code,
    adminUnitEdition: r.admin_unit_edition,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
  };
}

/** The organization at `path`, or NOT_FOUND on `field`. `lock` takes a row lock until commit. */
export async function loadOrg(tx: Sql, path: string, field = "orgPath", lock = false): Promise<OrgRow> {
  if (path === "/") throw notFound(field, "the whole country (/) is not an organization record");
  const { rows } = await tx.query<OrgRow>(`SELECT ${ORG_COLUMNS} FROM party_organization o WHERE o.path = $1${lock ? " FOR UPDATE" : ""}`, [path]);
  const row = rows[0];
  if (!row) throw notFound(field, `no organization has the path ${path}`);
  return row;
}

export async function loadOrgById(tx: Sql, id: number, field = "orgId"): Promise<OrgRow> {
  const { rows } = await tx.query<OrgRow>(`SELECT ${ORG_COLUMNS} FROM party_organization o WHERE o.id = $1`, [id]);
  const row = rows[0];
  if (!row) throw notFound(field, `no organization has the id ${id}`);
  return row;
}

/** Open on `date`: opened on or before it and not closed by then. */
export function isOpenOn(org: Pick<OrgRow, "opened_on" | "closed_on">, date: string): boolean {
  return org.opened_on <= date && (org.closed_on === null || org.closed_on > date);
}

// ---- Members --------------------------------------------------------------------------------------

export interface MemberRow {
  id: number;
  full_name: string;
  birth_date: string;
  gender: Gender;
  ethnicity: string;
  national_id: string;
  org_id: number;
  org_path: string;
  org_name: string;
  status: MemberStatus;
  admitted_on: string;
  official_on: string | null;
  party_card_number: string | null;
  hometown: string | null;
  occupation: string | null;
  education: string | null;
  left_on: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export const MEMBER_COLUMNS =
  "m.id, m.full_name, m.birth_date, m.gender, m.ethnicity, m.national_id, m.org_id, m.org_path, o.name AS org_name, m.status, m.admitted_on, m.official_on, m.party_card_number, m.hometown, m.occupation, m.education, m.left_on, m.created_at, m.updated_at";
export const MEMBER_FROM = "member m JOIN party_organization o ON o.id = m.org_id";

export function memberView(r: MemberRow): MemberView {
  return {
    id: r.id,
    fullName: r.full_name,
    birthDate: r.birth_date,
    gender: r.gender,
    ethnicity: r.ethnicity,
    nationalId: r.national_id,
    orgId: r.org_id,
    orgPath: r.org_path,
    orgName: r.org_name,
    status: r.status,
    admittedOn: r.admitted_on,
    officialOn: r.official_on,
    partyCardNumber: r.party_card_number,
    hometown: r.hometown,
    occupation: r.occupation,
    education: r.education,
    leftOn: r.left_on,
    createdAt: instant(r.created_at),
    updatedAt: instant(r.updated_at),
  };
}

/** The member `id`, or NOT_FOUND on `field`. `lock` takes a row lock (FOR UPDATE) until commit. */
export async function loadMember(tx: Sql, id: number, field = "memberId", lock = false): Promise<MemberRow> {
  const { rows } = await tx.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM ${MEMBER_FROM} WHERE m.id = $1${lock ? " FOR UPDATE OF m" : ""}`, [id]);
  const row = rows[0];
  if (!row) throw notFound(field, `no member has the id ${id}`);
  return row;
}

export function isActive(status: MemberStatus): boolean {
  return status === "probationary" || status === "official";
}

export { instant };
