import { z } from "zod";
import { orgViewSchema } from "../records.js";
import { adminUnitCodeSchema, orgPathSchema, requiredText, sectorSchema } from "../schemas.js";

export const updateOrgInputSchema = z
  .object({
    orgPath: orgPathSchema,
    name: requiredText(300).optional(),
    /** null clears */
    sector: sectorSchema.nullable().optional(),
    adminUnitCode: adminUnitCodeSchema.nullable().optional(),
  })
  .refine((v) => v.name !== undefined || v.sector !== undefined || v.adminUnitCode !== undefined, {
    message: "give at least one of name, sector, adminUnitCode",
    path: ["name"],
  });
export const updateOrgOutputSchema = orgViewSchema;

export type UpdateOrgInput = z.input<typeof updateOrgInputSchema>;
export type UpdateOrgOutput = z.output<typeof updateOrgOutputSchema>;
