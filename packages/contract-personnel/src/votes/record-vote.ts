import { z } from "zod";
import { CONFIDENCE_OUTCOMES } from "../enums.js";
import { bi, countSchema, idSchema, isoDateSchema, orgPathSchema } from "../schemas.js";

/** One holder's tallies: counts of ballots at each level (ballots themselves stay secret). */
export const tallyInputSchema = z.object({ assignmentId: idSchema, high: countSchema, medium: countSchema, low: countSchema });

/** A confidence-vote session (lấy phiếu tín nhiệm) of a body, with the tallies of each holder voted on. */
export const recordVoteInputSchema = z
  .object({
    orgPath: orgPathSchema,
    heldOn: isoDateSchema,
    /** people summoned to vote, and those present */
    summoned: countSchema.min(1, { message: bi("phải có ít nhất 1 người được triệu tập", "at least one person must be summoned") }),
    present: countSchema,
    tallies: z.array(tallyInputSchema).min(1, { message: bi("phải có ít nhất một người được lấy phiếu", "at least one holder must be voted on") }).max(200, { message: bi("không quá 200 người", "at most 200 holders") }),
  })
  .superRefine((v, ctx) => {
    if (v.present > v.summoned) ctx.addIssue({ code: "custom", path: ["present"], message: bi("số có mặt vượt số được triệu tập", "more present than summoned") });
    v.tallies.forEach((t, i) => {
      if (t.high + t.medium + t.low > v.present) ctx.addIssue({ code: "custom", path: ["tallies", i, "low"], message: bi("tổng số phiếu vượt số người có mặt", "more ballots than people present") });
    });
  });
export const recordVoteOutputSchema = z.object({
  sessionId: z.string(),
  results: z.array(z.object({ assignmentId: z.string(), cadreId: z.string(), lowPercent: z.number(), outcome: z.enum(CONFIDENCE_OUTCOMES) })),
});
