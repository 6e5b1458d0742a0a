import { CONGRESS_LEVELS, personnelContract, type CongressLevel } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { fromDbDate, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture, conflict } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { electionOutcome, resultRefusals, RuleError, throwFirst, bilingual } from "../../domain/index.js";
import { procedure } from "../procedure.js";
import type { CongressRow } from "./view.js";
import { withCandidates } from "./view.js";

const c = personnelContract.procedures.congress.postResult;

/** The answer for a posted congress, from what is stored (so a replay answers exactly as the first post). */
function answerOf(row: CongressRow, replayed: boolean) {
  const elected = row.candidates.filter((k) => k.elected).sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.id.localeCompare(b.id));
  return {
    congressId: row.id,
    heldOn: fromDbDate(row.heldOn!),
    validBallots: row.validBallots ?? 0,
    seats: row.committeeSize ?? 0,
    elected: elected.map((k) => ({ candidateId: k.id, cadreId: k.cadreId, votes: k.votes ?? 0 })),
    notElected: row.candidates.length - elected.length,
    replayed,
  };
}

/** Whether a posted congress holds exactly this result (same day, ballots and votes of each candidate). */
function sameResult(row: CongressRow, input: { heldOn: string; validBallots: number; votes: readonly { candidateId: string; votes: number }[] }): boolean {
  if (fromDbDate(row.heldOn!) !== input.heldOn || row.validBallots !== input.validBallots || input.votes.length !== row.candidates.length) return false;
  const stored = new Map(row.candidates.map((k) => [k.id, k.votes]));
  return input.votes.every((v) => stored.get(v.candidateId) === v.votes);
}

/**
 * Posts the congress's election result: counts only. Elected: more than half of the valid ballots, the
 * most votes first up to the planned committee size (domain/congress.ts). The congress is then "held";
 * event `personnel.congress.held` (counts) moves the season's figures. Idempotent by congress: the same
 * result again answers `replayed: true` and writes nothing; another result for a held congress is refused.
 */
export const postResultRoute = procedure("personnel.congress.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    assertNotFuture("heldOn", input.heldOn, todayOf(ctx));
    return ctx.db.$transaction(async (tx) => {
      // Lock the congress row: two posts of one result at once must not both count.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM congress WHERE id = ${input.congressId}::uuid FOR UPDATE`;
      const congress = inScope(ctx, locked.length ? await tx.congress.findUnique({ where: { id: input.congressId }, include: withCandidates }) : null, "congressId");
      if (congress.resultPostedAt) {
        if (sameResult(congress, input)) return answerOf(congress, true);
        throw conflict("congressId", "result_posted", "đại hội đã công bố một kết quả khác", "the congress already posted a different result");
      }
      if (congress.committeeSize === null) throw conflict("congressId", "no_structure", "chưa có số lượng, cơ cấu cấp ủy dự kiến của đại hội", "the congress has no planned committee size yet");
      const seats = congress.committeeSize;
      throwFirst(resultRefusals(congress.candidates.map((k) => k.id), input.votes, seats));
      const outcome = electionOutcome(seats, input.validBallots, input.votes);
      if (!outcome.ok) throw new RuleError("CONFLICT", outcome.refusal.reason, bilingual(outcome.refusal.vi, outcome.refusal.en), outcome.refusal.field);
      const elected = new Set(outcome.elected.map((e) => e.candidateId));
      for (const v of input.votes) await tx.congressCandidate.update({ where: { id: v.candidateId }, data: { votes: v.votes, elected: elected.has(v.candidateId) } });
      const row = await tx.congress.update({
        where: { id: congress.id },
        data: { heldOn: toDbDate(input.heldOn), validBallots: input.validBallots, electedCount: elected.size, resultPostedAt: ctx.now() },
        include: withCandidates,
      });
      const answer = answerOf(row, false);
      await recordCallerChange(tx, ctx, {
        entity: "Congress",
        entityId: row.id,
        orgPath: row.orgPath,
        before: { result: null },
        after: { heldOn: input.heldOn, validBallots: input.validBallots, votes: input.votes, elected: answer.elected.map((e) => e.candidateId) },
        events: [
          personnelEvent("personnel.congress.held", row.orgPath, row.id, {
            congressId: row.id,
            level: (CONGRESS_LEVELS as readonly string[]).includes(row.level) ? (row.level as CongressLevel) : "grassroots",
            termStartYear: row.termStartYear,
            heldOn: input.heldOn,
            seats,
            candidates: row.candidates.length,
            elected: elected.size,
          }),
        ],
      });
      return answer;
    });
  });
