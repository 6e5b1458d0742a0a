// `inspection.petitions.assign`: the inspectors who handle a petition (and alone may see its petitioner).
// The list replaces the previous one. Nobody assigns themself (a second officer must).
import { z } from "zod";
import { bi, idSchema, lineText } from "../schemas.js";
import { petitionViewSchema } from "./views.js";

export const petitionInspectorInputSchema = z.object({
  /** The inspector's account id in the realm (the token's `sub`). */
  userId: z
    .string({ error: bi("phải là mã tài khoản", "must be an account id") })
    .regex(/^[A-Za-z0-9._:@-]{1,64}$/, { error: bi("phải là mã tài khoản (1–64 chữ, số, . _ : @ -)", "must be an account id (1–64 letters, digits, . _ : @ -)") }),
  name: lineText(100),
});

export const assignInspectorsInputSchema = z.object({
  petitionId: idSchema,
  inspectors: z
    .array(petitionInspectorInputSchema, { error: bi("phải là danh sách", "must be a list") })
    .min(1, { error: bi("cần ít nhất một kiểm tra viên", "needs at least one inspector") })
    .max(10, { error: bi("tối đa 10 kiểm tra viên", "at most 10 inspectors") })
    .refine((l) => new Set(l.map((i) => i.userId)).size === l.length, { error: bi("có kiểm tra viên bị lặp", "an inspector appears twice") }),
});
export const assignInspectorsOutputSchema = petitionViewSchema;

export type AssignInspectorsInput = z.input<typeof assignInspectorsInputSchema>;
export type AssignInspectorsOutput = z.output<typeof assignInspectorsOutputSchema>;
