import { personnelContract } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { fromDbDate, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { politicalStandard } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.standard.conclude;

/**
 * Concludes a cadre's political standard for a purpose. For a member, asks membership for the standing
 * and inspection for the discipline decisions (their contracts, personnel's service token) before the
 * transaction; either unreachable → SERVICE_UNAVAILABLE and nothing stored. The conclusion, its audit
 * record and its event are written together.
 */
export const concludeStandardRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    assertNotFuture("concludedOn", input.concludedOn, todayOf(ctx));
    const cadre = inScope(ctx, await ctx.db.cadre.findUnique({ where: { id: input.cadreId }, include: { bars: true } }), "cadreId");
    let memberStatus: string | null = null;
    let decisions: { form: string; effectiveOn: string; status: string }[] = [];
    if (cadre.memberId !== null) {
      const [member, found] = await Promise.all([ctx.consult.member(cadre.memberId), ctx.consult.decisions(cadre.memberId)]);
      // A member membership no longer knows cannot be vouched for: counted as not active.
      memberStatus = member?.status ?? "unknown";
      decisions = found;
    }
    const bars = cadre.bars.map((b) => ({ purpose: b.purpose, from: fromDbDate(b.fromOn), until: fromDbDate(b.untilOn) }));
    const { met, reasons } = politicalStandard({ purpose: input.purpose, on: input.concludedOn, memberStatus, decisions, bars });
    return ctx.db.$transaction(async (tx) => {
      const row = await tx.standardConclusion.create({
        data: { cadreId: cadre.id, orgPath: cadre.orgPath, purpose: input.purpose, concludedOn: toDbDate(input.concludedOn), met, reasons, createdBy: ctx.principal.subject },
      });
      const view = { conclusionId: row.id, cadreId: cadre.id, purpose: input.purpose, concludedOn: input.concludedOn, met, reasons };
      await recordCallerChange(tx, ctx, {
        entity: "StandardConclusion",
        entityId: row.id,
        orgPath: cadre.orgPath,
        after: { ...view, consulted: { memberStatus, decisions: decisions.length } },
        events: [personnelEvent("personnel.standard.concluded", cadre.orgPath, row.id, { conclusionId: row.id, cadreId: cadre.id, purpose: input.purpose, met, concludedOn: input.concludedOn })],
      });
      return view;
    });
  });
