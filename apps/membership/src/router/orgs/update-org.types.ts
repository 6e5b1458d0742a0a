import { z } from "zod";
import { orgViewSchema } from "../records.js";
import { orgPathSchema, requiredText, sectorSchema } from "../schemas.js";

export const ZUpdateOrgInput = z
  .object({
    orgPath: orgPathSchema,
    name: requiredText(300).optional(),
    /** null clears */
    sector: sectorSchema.nullable().optional(),
    adminUnitCode: z.string().trim().regex(/^\d{2,5}$/, { message: "must be a province (2 digits) or commune (5 digits) code" }).nullable().optional(),
  })
  .refine((v) => v.name !== undefined || v.sector !== undefined || v.adminUnitCode !== undefined, {
    message: "give at least one of name, sector, adminUnitCode",
    path: ["name"],
  });
export const ZUpdateOrgOutput = orgViewSchema;
