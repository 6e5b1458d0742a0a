// The public shapes of the records many procedures answer: organizations, members, short member
// references. (Badges, ratings and transfers have theirs beside their procedures: badges/badge-view.ts, …)
import { z } from "zod";
import { GENDERS, MEMBER_STATUSES, ORG_KINDS, SECTORS } from "./enums.js";

export const orgViewSchema = z.object({
  id: z.number().int(),
  path: z.string(),
  parentPath: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  sector: z.enum(SECTORS).nullable(),
  adminUnitCode: z.string().nullable(),
  adminUnitEdition: z.string().nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
});
export type OrgView = z.infer<typeof orgViewSchema>;

export const memberViewSchema = z.object({
  id: z.number().int(),
  fullName: z.string(),
  birthDate: z.string(),
  gender: z.enum(GENDERS),
  ethnicity: z.string(),
  nationalId: z.string(),
  orgId: z.number().int(),
  orgPath: z.string(),
  orgName: z.string(),
  status: z.enum(MEMBER_STATUSES),
  admittedOn: z.string(),
  officialOn: z.string().nullable(),
  partyCardNumber: z.string().nullable(),
  hometown: z.string().nullable(),
  occupation: z.string().nullable(),
  education: z.string().nullable(),
  leftOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemberView = z.infer<typeof memberViewSchema>;

/** A short reference for lists of other records (transfers, badges, ratings). */
export const memberRefSchema = z.object({ id: z.number().int(), fullName: z.string(), orgPath: z.string(), status: z.enum(MEMBER_STATUSES) });
export type MemberRef = z.infer<typeof memberRefSchema>;
