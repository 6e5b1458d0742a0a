import { z } from "zod";
import { ROTATION_COMPLETIONS, ROTATION_KINDS, ROTATION_STATUSES } from "../enums.js";
import { enumOf, idSchema, isoDateSchema, orgPathSchema } from "../schemas.js";

/** (1.3) A rotation (luân chuyển) or transfer (điều động) of a cadre from one organization/post to another. */
export const rotationViewSchema = z.object({
  rotationId: z.string(),
  cadreId: z.string(),
  fullName: z.string(),
  kind: z.enum(ROTATION_KINDS),
  fromOrgPath: z.string(),
  fromPostId: z.string().nullable(),
  toOrgPath: z.string(),
  toPostId: z.string().nullable(),
  startOn: z.string(),
  plannedEndOn: z.string(),
  status: z.enum(ROTATION_STATUSES),
  completedOn: z.string().nullable(),
  completion: z.enum(ROTATION_COMPLETIONS).nullable(),
});

/**
 * Plans a rotation or transfer; both ends must lie in the caller's scope. A rotation (QĐ 65-QĐ/TW) needs a
 * planned cadre, at least 36 months and ten years of work left at its start (one full term when
 * `nonLocalKeyPost`: the non-local key-leader policy).
 */
export const planRotationInputSchema = z.object({
  cadreId: idSchema,
  kind: enumOf(ROTATION_KINDS),
  fromOrgPath: orgPathSchema,
  fromPostId: idSchema.nullable().default(null),
  toOrgPath: orgPathSchema,
  toPostId: idSchema.nullable().default(null),
  startOn: isoDateSchema,
  plannedEndOn: isoDateSchema,
  nonLocalKeyPost: z.boolean({ message: "phải là true hoặc false / must be true or false" }).default(false),
}).superRefine((v, ctx) => {
  // only between two valid dates (a refinement runs even when a field failed)
  const valid = (d: string) => isoDateSchema.safeParse(d).success;
  if (valid(v.startOn) && valid(v.plannedEndOn) && v.plannedEndOn <= v.startOn) ctx.addIssue({ code: "custom", path: ["plannedEndOn"], message: "ngày kết thúc dự kiến phải sau ngày bắt đầu / the planned end must come after the start" });
});
export const planRotationOutputSchema = rotationViewSchema;

/** Ends a rotation: the cadre returned to the sending organization, or stayed at the receiving one. */
export const completeRotationInputSchema = z.object({ rotationId: idSchema, completedOn: isoDateSchema, completion: enumOf(ROTATION_COMPLETIONS) });
export const completeRotationOutputSchema = rotationViewSchema;

/**
 * Rotations with either end in the caller's scope (narrowed to `orgPath`), at most 200, latest start
 * first: the receiving organization sees its incoming cadres. Each cadre named is an audited file read.
 */
export const listRotationsInputSchema = z.object({
  orgPath: orgPathSchema.optional(),
  /** "incoming": received by orgPath; "outgoing": sent from it; "all" (default) */
  direction: enumOf(["incoming", "outgoing", "all"] as const).default("all"),
  status: enumOf(ROTATION_STATUSES).optional(),
});
export const listRotationsOutputSchema = z.object({ items: z.array(rotationViewSchema) });
export type RotationView = z.output<typeof rotationViewSchema>;
