import { z } from "zod";
import { BAR_PURPOSES, GENDERS, MEMBER_END_REASONS, POOL_REMOVAL_REASONS, POST_END_REASONS } from "../enums.js";

/** A post a cadre holds or held. */
export const holdingViewSchema = z.object({
  assignmentId: z.string(),
  postId: z.string(),
  title: z.string(),
  orgPath: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.enum(POST_END_REASONS).nullable(),
});

/** A place in a planning pool. */
export const poolPlaceViewSchema = z.object({
  entryId: z.string(),
  postId: z.string(),
  title: z.string(),
  termStartYear: z.number().int(),
  addedOn: z.string(),
  removedOn: z.string().nullable(),
  removalReason: z.enum(POOL_REMOVAL_REASONS).nullable(),
  /** (1.1) removed because the member died or left the Party in membership; removalReason is then null */
  memberEnded: z.enum(MEMBER_END_REASONS).nullable().optional(),
});

/** A period during which a discipline bars the cadre from appointment or planning (from ≤ d < until). */
export const barViewSchema = z.object({
  purpose: z.enum(BAR_PURPOSES),
  from: z.string(),
  until: z.string(),
  /** inspection's decision id */
  decisionId: z.string(),
  form: z.string(),
});

/** A cadre file (hồ sơ cán bộ): reading one is audited. */
export const cadreViewSchema = z.object({
  id: z.string(),
  /** membership's member id; null for a non-member (allowed where the post allows it) */
  memberId: z.number().int().nullable(),
  nationalId: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  gender: z.enum(GENDERS),
  ethnicMinority: z.boolean(),
  orgPath: z.string(),
  holdings: z.array(holdingViewSchema),
  pool: z.array(poolPlaceViewSchema),
  bars: z.array(barViewSchema),
});
export type CadreView = z.output<typeof cadreViewSchema>;
