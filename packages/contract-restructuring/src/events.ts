// Event payloads of the restructuring stream (outbox). 1.0: plans loaded; 1.1: the saga's run, steps and provinces; 1.7: a step failed; 1.8: a province stopped with no step failed.
import { z } from "zod";

export const restructuringEventSchemas = {
  /** A plan was created (loaded from the official mapping or written); `orgPath` = the plan's scope. */
  "restructuring.plan.loaded": z.object({ planId: z.string(), origin: z.string().nullable(), effectiveOn: z.string() }),
  /** A plan edited before its run (1.3): how many assignments, renames and unit changes were set or cleared; `orgPath` = the plan's scope. */
  "restructuring.plan.updated": z.object({ planId: z.string(), assignments: z.number().int(), renames: z.number().int(), units: z.number().int() }),
  /** A run started: its organization changes stored (1.1); `orgPath` = the plan's scope. */
  "restructuring.run.started": z.object({ planId: z.string(), provinces: z.array(z.string()), changes: z.number().int() }),
  /** One saga step done for one new province (1.1); `orgPath` = the new province's committee. */
  "restructuring.step.done": z.object({ planId: z.string(), provinceCode: z.string(), step: z.string(), attempt: z.number().int(), records: z.record(z.string(), z.number().int()), replayed: z.boolean() }),
  /** A saga step failed for one new province (1.7): the province stops there until resumed (the step again, attempt + 1); `error` = the message stored with the step (the callee's own, bilingual); `orgPath` = the new province's committee. */
  "restructuring.step.failed": z.object({ planId: z.string(), provinceCode: z.string(), step: z.string(), attempt: z.number().int(), error: z.string() }),
  /** A new province stopped before `step` with no step failed (1.8): the plan's run lock was lost (its database connection dropped), so the runner started no further step; `error` = the province's stored message (bilingual); a resume continues at `step`. `orgPath` = the new province's committee. */
  "restructuring.province.stopped": z.object({ planId: z.string(), provinceCode: z.string(), step: z.string(), reason: z.enum(["lock_lost"]), error: z.string() }),
  /** Every step of a new province done, conservation checked (1.1). */
  "restructuring.province.done": z.object({ planId: z.string(), provinceCode: z.string(), membersBefore: z.number().int(), membersAfter: z.number().int() }),
  /** A run rolled back before its effective date (1.1). */
  "restructuring.run.rolled_back": z.object({ planId: z.string(), steps: z.number().int() }),
};
export const RESTRUCTURING_EVENT_TYPES = Object.keys(restructuringEventSchemas) as (keyof typeof restructuringEventSchemas)[];
