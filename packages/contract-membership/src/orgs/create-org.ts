import { z } from "zod";
import { orgViewSchema } from "../records.js";
import { adminUnitCodeSchema, isoDateSchema, orgKindSchema, orgPathSchema, requiredText, sectorSchema } from "../schemas.js";

/** A path segment: letters, digits, "-" and "." (not only dots), as org paths allow (0001). */
/**
 * An organization code, the same rule for the API and the import: it becomes a segment of the org path
 * (ORG_PATH_PATTERN of @orgboard/contracts, ADR 0001), so no `/`, and no `_` either: the path pattern
 * refuses it (a token's org_paths could never name such an organization) and `_` is a LIKE wildcard.
 */
export const ORG_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;
export const orgCodeSchema = z
  .string({ message: "is required" })
  .trim()
  .regex(ORG_CODE_PATTERN, { message: "must be 1–64 letters, digits, '-' or '.', starting with a letter or digit" });

export const createOrgInputSchema = z.object({
  /** The parent organization; "/" for a committee directly under the Central Committee. */
  parentPath: orgPathSchema,
  code: orgCodeSchema,
  name: requiredText(300),
  kind: orgKindSchema,
  sector: sectorSchema.nullish(),
  /** Administrative unit code (packages/admin-units, 2025 or 2024 edition). */
  adminUnitCode: adminUnitCodeSchema.nullish(),
  openedOn: isoDateSchema,
});
export const createOrgOutputSchema = orgViewSchema;

export type CreateOrgInput = z.input<typeof createOrgInputSchema>;
export type CreateOrgOutput = z.output<typeof createOrgOutputSchema>;
