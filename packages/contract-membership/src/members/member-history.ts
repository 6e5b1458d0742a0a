import { z } from "zod";
import { REMOVAL_KINDS } from "../enums.js";
import { memberRefSchema } from "../records.js";
import { idSchema } from "../schemas.js";
import { transferViewSchema } from "../transfers/transfer-view.js";

export const memberHistoryInputSchema = z.object({ id: idSchema });
export const memberHistoryOutputSchema = z.object({
  member: memberRefSchema,
  /** Every organization the member belonged to, oldest first: [startedOn, endedOn). */
  periods: z.array(
    z.object({
      orgPath: z.string(),
      orgName: z.string(),
      startedOn: z.string(),
      endedOn: z.string().nullable(),
      startReason: z.string(),
      endReason: z.string().nullable(),
    }),
  ),
  transfers: z.array(transferViewSchema.pick({ id: true, kind: true, status: true, fromOrgPath: true, toOrgPath: true, toDescription: true, requestedOn: true, receivedOn: true })),
  admission: z.object({ admittedOn: z.string(), probationEndsOn: z.string(), outcome: z.string().nullable(), outcomeOn: z.string().nullable() }).nullable(),
  removal: z
    .object({
      kind: z.enum(REMOVAL_KINDS),
      removedOn: z.string(),
      reason: z.string().nullable(),
      /** The decision's number and date (2.1), e.g. an expulsion decided in inspection; null when not recorded. */
      decisionNumber: z.string().nullable(),
      decidedOn: z.string().nullable(),
    })
    .nullable(),
  diedOn: z.string().nullable(),
});

export type MemberHistoryInput = z.input<typeof memberHistoryInputSchema>;
export type MemberHistoryOutput = z.output<typeof memberHistoryOutputSchema>;
