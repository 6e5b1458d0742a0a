import { personnelContract } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { fromDbDate } from "../../app/dates.js";
import { conflict, notFound } from "../../app/errors.js";
import { recordCallerChange } from "../../app/record.js";
import { congressCandidateRefusals, isBarred, throwFirst, type PoolCandidate } from "../../domain/index.js";
import { procedure } from "../procedure.js";
import { toCongressView, withCandidates } from "./view.js";

/** Puts a cadre of the congress's subtree on its candidate list: the age, membership and bar rules decide. */
export const addCongressCandidateRoute = procedure("personnel.congress.manage")
  .input(personnelContract.procedures.congress.addCandidate.input)
  .output(personnelContract.procedures.congress.addCandidate.output)
  .mutation(async ({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const congress = inScope(ctx, await tx.congress.findUnique({ where: { id: input.congressId }, include: withCandidates }), "congressId");
      const cadre = inScope(ctx, await tx.cadre.findUnique({ where: { id: input.cadreId }, include: { bars: true } }), "cadreId");
      // A cadre of another branch of the tree is not this congress's to elect: the same answer as a missing one.
      if (!cadre.orgPath.startsWith(congress.orgPath) && !congress.orgPath.startsWith(cadre.orgPath)) throw notFound("cadreId");
      const plannedOn = fromDbDate(congress.plannedOn);
      const bars = cadre.bars.map((b) => ({ purpose: b.purpose, from: fromDbDate(b.fromOn), until: fromDbDate(b.untilOn) }));
      throwFirst(
        congressCandidateRefusals({
          kind: input.kind,
          birthDate: fromDbDate(cadre.birthDate),
          gender: cadre.gender as PoolCandidate["gender"],
          memberId: cadre.memberId,
          congressOn: plannedOn,
          alreadyCandidate: congress.candidates.some((k) => k.cadreId === cadre.id),
          resultPosted: congress.resultPostedAt !== null,
          barred: isBarred(bars, "planning", plannedOn) || isBarred(bars, "appointment", plannedOn),
        }),
      );
      const candidate = await tx.congressCandidate.create({ data: { congressId: congress.id, cadreId: cadre.id, kind: input.kind } });
      const row = await tx.congress.findUniqueOrThrow({ where: { id: congress.id }, include: withCandidates });
      await recordCallerChange(tx, ctx, { entity: "CongressCandidate", entityId: candidate.id, orgPath: congress.orgPath, after: { congressId: congress.id, cadreId: cadre.id, kind: input.kind }, events: [] });
      return toCongressView(row);
    }),
  );

/** Takes a candidate off the list, before the result is posted. */
export const removeCongressCandidateRoute = procedure("personnel.congress.manage")
  .input(personnelContract.procedures.congress.removeCandidate.input)
  .output(personnelContract.procedures.congress.removeCandidate.output)
  .mutation(async ({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const congress = inScope(ctx, await tx.congress.findUnique({ where: { id: input.congressId }, include: withCandidates }), "congressId");
      const candidate = congress.candidates.find((k) => k.id === input.candidateId);
      if (!candidate) throw notFound("candidateId");
      if (congress.resultPostedAt) throw conflict("congressId", "result_posted", "đại hội đã công bố kết quả bầu cử", "the congress's result is already posted");
      await tx.congressCandidate.delete({ where: { id: candidate.id } });
      const row = await tx.congress.findUniqueOrThrow({ where: { id: congress.id }, include: withCandidates });
      await recordCallerChange(tx, ctx, { entity: "CongressCandidate", entityId: candidate.id, orgPath: congress.orgPath, before: { congressId: congress.id, cadreId: candidate.cadreId, kind: candidate.kind }, after: null, events: [] });
      return toCongressView(row);
    }),
  );
