// `restructuring.plans.preview`: the dry run of a plan on the organization tree (docs/restructuring.md):
// per new unit the organizations and members it will hold and its conflicts, the organization changes by
// kind, surplus posts, and the conservation check. Nothing is written.
import { z } from "zod";
import { CONFLICT_KINDS, ORG_CHANGE_KINDS } from "../enums.js";
import { planIdSchema, provinceCodeSchema } from "../schemas.js";

const count = z.number().int().nonnegative();

export const previewPlanInputSchema = z.object({
  planId: planIdSchema,
  /** only the new units of this new province (and the province itself) */
  provinceCode: provinceCodeSchema.optional(),
});
export type PreviewPlanInput = z.infer<typeof previewPlanInputSchema>;

export const conflictViewSchema = z.object({
  kind: z.enum(CONFLICT_KINDS),
  /** the organizations concerned (codes) */
  orgCodes: z.array(z.string()),
  /** members concerned (no_successor) */
  members: count,
  /** duplicate_name: the name; otherwise null */
  name: z.string().nullable(),
  /** no_successor: the new units the members could go to */
  candidateUnits: z.array(z.string()),
});
export type ConflictView = z.infer<typeof conflictViewSchema>;

export const unitPreviewSchema = z.object({
  unitCode: z.string(),
  name: z.string(),
  level: z.enum(["province", "commune"]),
  /** the unit's committee (kept or created) */
  orgCode: z.string(),
  organizations: count,
  members: count,
  membersBefore: count,
  /** 1 when the committee is new */
  created: count,
  /** old committees closed into it */
  closed: count,
  conflicts: z.array(conflictViewSchema),
});
export type UnitPreviewView = z.infer<typeof unitPreviewSchema>;

export const previewPlanOutputSchema = z.object({
  planId: z.string(),
  units: z.array(unitPreviewSchema),
  changes: z.record(z.enum(ORG_CHANGE_KINDS), count),
  conflicts: z.record(z.enum(CONFLICT_KINDS), count),
  surplusPosts: z.object({ secretary: z.number().int(), deputySecretary: z.number().int() }),
  /** 1.3: where the posts counted come from: personnel's real posts, or the stand-in table when personnel is not wired */
  surplusPostsSource: z.enum(["personnel", "default"]),
  /**
   * 1.10: the caller's paths whose subtree the preview is restricted to (a board below its province committee);
   * null otherwise. Restricted, every figure counts the subtree's organizations and members only; a unit is listed
   * when its committee is their destination; the committees created for them count, other organizations do not.
   */
  subtree: z.array(z.string()).nullable(),
  conservation: z.object({
    ok: z.boolean(),
    membersBefore: count,
    membersInOpenCells: count,
    misplacedMembers: count,
    districtCommitteesLeft: count,
    unitMismatches: count,
  }),
});
export type PreviewPlanOutput = z.infer<typeof previewPlanOutputSchema>;
