// Rows the procedures read, their mapping to the public shapes (the views' schemas are in the contract:
// packages/contract-membership/src/records.ts) and the loaders that find one record or answer NOT_FOUND
// naming the input field.
import type { MemberView, OrgView } from "@orgboard/contract-membership";
import { parentOrgPath } from "@orgboard/contracts";
import { fromDbDate, fromDbDateOrNull, toIsoInstant } from "@orgboard/db";
import type { Sql } from "../db/sql.js";
import type { PartyOrganization, Prisma } from "../generated/prisma/client.js";
import type { Gender, MemberStatus, OrgKind, Sector } from "../domain/enums.js";
import { notFound, notFoundMember, notFoundOrg } from "./errors.js";
import { bilingual } from "@orgboard/server-kit";

const ROOT_IS_NOT_AN_ORG = bilingual("cả nước (/) không phải là một hồ sơ tổ chức đảng", "the whole country (/) is not an organization record");

/** A Prisma interactive-transaction client (or the client itself, for reads). */
export type Tx = Prisma.TransactionClient;

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

/** The organization at `path`, or NOT_FOUND on `field`. `lock` takes a row lock until commit. */
export async function loadOrg(tx: Sql, path: string, field = "orgPath", lock = false): Promise<OrgRow> {
  if (path === "/") throw notFound(field, ROOT_IS_NOT_AN_ORG);
  const { rows } = await tx.query<OrgRow>(`SELECT ${ORG_COLUMNS} FROM party_organization o WHERE o.path = $1${lock ? " FOR UPDATE" : ""}`, [path]);
  const row = rows[0];
  if (!row) throw notFoundOrg(field);
  return row;
}

/** Open on `date`: opened on or before it and not closed by then. */
export function isOpenOn(org: Pick<OrgRow, "opened_on" | "closed_on">, date: string): boolean {
  return org.opened_on <= date && (org.closed_on === null || org.closed_on > date);
}

// ---- Members --------------------------------------------------------------------------------------

export function isActive(status: MemberStatus): boolean {
  return status === "probationary" || status === "official";
}

export { instant };

// ---- Prisma records (#12: the router folders on Prisma Client) -----------------------------------------
// The row types below are Prisma's, generated from prisma/schema.prisma, so a column renamed in the schema
// breaks the compile here; the string columns with a closed set of values (kind, status, …) are narrowed
// to the domain's enums at the view.

/** An organization as Prisma reads it. */
export type OrgRecord = PartyOrganization;

/** A member with the name of its organization, as the views need it. */
export const MEMBER_WITH_ORG = { org: { select: { name: true } } } as const satisfies Prisma.MemberInclude;
export type MemberRecord = Prisma.MemberGetPayload<{ include: typeof MEMBER_WITH_ORG }>;

export function orgViewOf(o: OrgRecord): OrgView {
  return {
    id: o.id,
    path: o.path,
    parentPath: parentOrgPath(o.path) ?? "/",
    code: o.code,
    name: o.name,
    kind: o.kind as OrgKind,
    sector: o.sector as Sector | null,
    adminUnitCode: o.adminUnitCode,
    adminUnitEdition: o.adminUnitEdition,
    openedOn: fromDbDate(o.openedOn),
    closedOn: fromDbDateOrNull(o.closedOn),
  };
}

export function memberViewOf(m: MemberRecord): MemberView {
  return {
    id: m.id,
    fullName: m.fullName,
    birthDate: fromDbDate(m.birthDate),
    gender: m.gender as Gender,
    ethnicity: m.ethnicity,
    nationalId: m.nationalId,
    orgId: m.orgId,
    orgPath: m.orgPath,
    orgName: m.org.name,
    status: m.status as MemberStatus,
    admittedOn: fromDbDate(m.admittedOn),
    officialOn: fromDbDateOrNull(m.officialOn),
    partyCardNumber: m.partyCardNumber,
    hometown: m.hometown,
    occupation: m.occupation,
    education: m.education,
    leftOn: fromDbDateOrNull(m.leftOn),
    createdAt: toIsoInstant(m.createdAt),
    updatedAt: toIsoInstant(m.updatedAt),
  };
}

/**
 * The organization at `path` through Prisma, or NOT_FOUND on `field` (the same answer as for one outside
 * the caller's scope: see scope.ts). `lock` takes its row lock until commit (Prisma has no FOR UPDATE).
 */
export async function findOrg(tx: Tx, path: string, field = "orgPath", lock = false): Promise<OrgRecord> {
  if (path === "/") throw notFound(field, ROOT_IS_NOT_AN_ORG);
  if (lock) await tx.$executeRaw`SELECT 1 FROM party_organization WHERE path = ${path} FOR UPDATE`;
  const row = await tx.partyOrganization.findUnique({ where: { path } });
  if (!row) throw notFoundOrg(field);
  return row;
}

/** The member `id` through Prisma with its organization's name, or NOT_FOUND on `field`. */
export async function findMember(tx: Tx, id: number, field = "memberId", lock = false): Promise<MemberRecord> {
  if (lock) await tx.$executeRaw`SELECT 1 FROM member WHERE id = ${id} FOR UPDATE`;
  const row = await tx.member.findUnique({ where: { id }, include: MEMBER_WITH_ORG });
  if (!row) throw notFoundMember(field);
  return row;
}
