import { z } from "zod";
import { bi, countSchema, idSchema, isoDateSchema } from "../schemas.js";

/** One candidate's votes: a count (ballots stay secret). */
export const candidateVotesSchema = z.object({ candidateId: idSchema, votes: countSchema });

/**
 * (1.2) The result of the congress's election of its committee: valid ballots and each candidate's votes.
 * Posting it makes the congress "held". Idempotent by congress: the same result again answers as the first
 * time (`replayed: true`, nothing written); a different one is refused.
 */
export const postCongressResultInputSchema = z
  .object({
    congressId: idSchema,
    heldOn: isoDateSchema,
    validBallots: countSchema.min(1, { message: bi("phải có ít nhất 1 phiếu hợp lệ", "at least one valid ballot") }),
    votes: z.array(candidateVotesSchema).min(1, { message: bi("phải có số phiếu của ít nhất một người", "the votes of at least one candidate") }).max(400, { message: bi("không quá 400 người", "at most 400 candidates") }),
  })
  .superRefine((v, ctx) => {
    v.votes.forEach((c, i) => {
      if (c.votes > v.validBallots) ctx.addIssue({ code: "custom", path: ["votes", i, "votes"], message: bi("số phiếu bầu vượt số phiếu hợp lệ", "more votes than valid ballots") });
    });
  });
export const postCongressResultOutputSchema = z.object({
  congressId: z.string(),
  heldOn: z.string(),
  validBallots: z.number().int(),
  seats: z.number().int(),
  elected: z.array(z.object({ candidateId: z.string(), cadreId: z.string(), votes: z.number().int() })),
  /** candidates who were not elected (a count) */
  notElected: z.number().int(),
  /** true when this exact result had already been posted: nothing was written again */
  replayed: z.boolean(),
});
