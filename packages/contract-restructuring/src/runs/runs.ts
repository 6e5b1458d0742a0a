// `restructuring.runs.*` (1.1): executing a plan as a resumable, idempotent saga, province by province
// (docs/restructuring.md, "Execution"). `start` stores the organization changes derived from the tree read
// from membership; `resume` runs every step not done, in order (one province when named); `get` is the
// progress; `verify` checks conservation against membership's real counts; `rollback` undoes the done steps
// in reverse order, only before the plan's effective date.
import { z } from "zod";
import { bi, planIdSchema, provinceCodeSchema } from "../schemas.js";
import { PLAN_STATUSES } from "../enums.js";

const count = z.number().int().nonnegative();

export const SAGA_STEP_STATUSES = ["pending", "done", "failed", "compensated"] as const;
export const RUN_PROVINCE_STATUSES = ["pending", "running", "done", "failed", "rolled_back"] as const;

export const startRunInputSchema = z
  .object({
    planId: planIdSchema,
    /** only these new provinces (default: every new province the tree reaches) */
    provinceCodes: z.array(provinceCodeSchema).min(1, { message: bi("ít nhất một tỉnh", "at least one province") }).max(34, { message: bi("tối đa 34 tỉnh", "at most 34 provinces") }).optional(),
  })
  .strict();
export const resumeRunInputSchema = z
  .object({
    planId: planIdSchema,
    /** only this new province (the CLI runs them one by one to show progress) */
    provinceCode: provinceCodeSchema.optional(),
    /**
     * Provinces at once for this call (1.4; default the service's RESTRUCTURING_PROVINCE_CONCURRENCY; always 1 on
     * the embedded database): 1 leaves a core to everyday reads (office hours), 2 halves a national run (night).
     */
    concurrency: z
      .number({ message: bi("phải là số nguyên 1–16", "must be a whole number 1–16") })
      .int({ message: bi("phải là số nguyên 1–16", "must be a whole number 1–16") })
      .min(1, { message: bi("ít nhất 1 tỉnh một lúc", "at least 1 province at once") })
      .max(16, { message: bi("tối đa 16 tỉnh một lúc", "at most 16 provinces at once") })
      .optional(),
  })
  .strict();
export const runInputSchema = z.object({ planId: planIdSchema }).strict();

export const runStepViewSchema = z.object({
  step: z.string(),
  status: z.enum(SAGA_STEP_STATUSES),
  attempt: count,
  records: z.record(z.string(), z.number().int()).nullable(),
  error: z.string().nullable(),
});

export const runProvinceViewSchema = z.object({
  provinceCode: z.string(),
  name: z.string(),
  /** the new province's committee (kept or created) */
  orgCode: z.string(),
  orgPath: z.string(),
  /**
   * (1.5) The old provinces' committees it is formed from, by path: before its run their subtrees hold what it
   * will hold (the progress screen sums personnel's surplus cadres over them and `orgPath`).
   */
  sourceOrgPaths: z.array(z.string()),
  status: z.enum(RUN_PROVINCE_STATUSES),
  /** organization changes stored for it, by kind */
  changes: z.object({ create: count, update: count, reparent: count, close: count }),
  stepsDone: count,
  stepsTotal: count,
  /** members in the subtrees of its sources when the run started */
  membersBefore: count,
  /** members in its committee's subtree at the last verification (null before) */
  membersAfter: count.nullable(),
  /**
   * (1.13) Open organizations by kind (membership's org kinds, as `orgs.structure` counts them): `before` in the
   * subtrees of its sources when the run started (with the parts of split communes it takes, without those
   * another province takes), `after` under its committee as the plan leaves them (derived at the start; the
   * run's test checks both against membership). Null or absent: a row started before 1.13, or withheld (a board
   * below its province committee: province-wide figures).
   */
  structure: z.object({ before: z.record(z.string(), count), after: z.record(z.string(), count) }).nullable().optional(),
  steps: z.array(runStepViewSchema),
  error: z.string().nullable(),
});
export type RunProvinceView = z.infer<typeof runProvinceViewSchema>;

export const runViewSchema = z.object({
  planId: z.string(),
  /** 1.2: steps this service cannot run because their service's URL is unset (e.g. `personnel.rekey`): not in the run, never reported done */
  notWired: z.array(z.string()),
  status: z.enum(PLAN_STATUSES),
  effectiveOn: z.string(),
  provinces: z.array(runProvinceViewSchema),
  /**
   * 1.10: the caller's paths whose subtree the view is restricted to (a board below its province committee): its
   * province's row, its changes counting only those touching its organizations (and the committees created for
   * them); the province-wide figures withheld (membersBefore 0, membersAfter, steps' records null, errors
   * generic). null: unrestricted.
   */
  subtree: z.array(z.string()).nullable(),
});
export type RunView = z.infer<typeof runViewSchema>;

/**
 * (1.3) One service's records for a province (or summed over the run): cases (inspection), cadres and posts
 * (personnel), sites (conference). `before`: under the province's sources' and own paths when its run began
 * (null: not counted, e.g. a province run before 1.3); `after`: under its committee's path now; `left`: still
 * under the path of an organization that no longer exists; `unaccounted` (personnel): cadres holding a post
 * only under a closed path without a surplus case.
 */
export const serviceConservationSchema = z.object({
  service: z.enum(["inspection", "personnel", "conference"]),
  before: count.nullable(),
  after: count,
  left: count,
  unaccounted: count.nullable(),
  ok: z.boolean(),
});

/**
 * (1.11) Officials (the identity provider's realm users) by their `org_paths`, for a province or summed over the
 * run: `onClosed`, with an entry at or under the path of an organization the run closed (an old province's
 * `/02/`, a closed committee's): must be 0, else the official sees nothing; `awaitingReassignment`, with an entry
 * under the new province's path that names no organization (an abolished district committee's board, moved to
 * `/08-2025/<district>/`): a figure for the board to act on, not a failure. Counts only: the usernames go to
 * restructuring's log, never to an answer a provincial board reads.
 */
export const identityConservationSchema = z.object({
  onClosed: count,
  awaitingReassignment: count,
  ok: z.boolean(),
});

export const verifyRunOutputSchema = z.object({
  planId: z.string(),
  ok: z.boolean(),
  /** the plan's units: 63 → 34 provinces, 10,035 → 3,321 communes (official plan) */
  provinces: z.object({ before: count, after: count }),
  communes: z.object({ before: count, after: count }),
  /** membership's real counts now */
  members: count,
  membersOnClosed: count,
  membersOnNonCell: count,
  districtCommittees: count,
  /** per province of the run: members before (sum of its parts) and now in its committee's subtree */
  perProvince: z.array(
    z.object({
      provinceCode: z.string(),
      orgCode: z.string(),
      before: count,
      after: count,
      ok: z.boolean(),
      /** (1.3) the other services' records of the province, one per service checked */
      services: z.array(serviceConservationSchema),
      /** (1.11) the province's officials; null or absent: not checked (identity's step not wired, or the province not done) */
      identity: identityConservationSchema.nullable().optional(),
    }),
  ),
  /** (1.3) the other services' records summed over the run's provinces, one per service checked */
  services: z.array(serviceConservationSchema),
  /** (1.3) services whose records were not checked (no URL configured): never counted as ok */
  notChecked: z.array(z.enum(["inspection", "personnel", "conference"])),
  /**
   * (1.11) the run's officials, summed over its provinces done; null or absent: not checked (identity's step not
   * wired). Not named in `notChecked`: a new value of that enum would break a dashboard built on 1.10 (ADR 0006).
   */
  identity: identityConservationSchema.nullable().optional(),
  problems: z.array(z.string()),
});
export type VerifyRunOutput = z.infer<typeof verifyRunOutputSchema>;
export type ServiceConservation = z.infer<typeof serviceConservationSchema>;
export type IdentityConservation = z.infer<typeof identityConservationSchema>;

export type StartRunInput = z.input<typeof startRunInputSchema>;
export type ResumeRunInput = z.input<typeof resumeRunInputSchema>;
