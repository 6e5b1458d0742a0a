import { personnelContract } from "@orgboard/contract-personnel";
import { assertNotFuture } from "../../app/errors.js";
import { todayOf, toDbDate } from "../../app/dates.js";
import { notFound } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { cadreInclude, toCadreView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.cadres.create;

/** Opens a cadre file in the caller's scope. The national ID is unique: a second file for it is a CONFLICT. */
export const createCadreRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    if (!ctx.can({ orgPath: input.orgPath })) throw notFound("orgPath");
    assertNotFuture("birthDate", input.birthDate, todayOf(ctx));
    return ctx.db.$transaction(async (tx) => {
      const row = await tx.cadre.create({
        data: { ...input, birthDate: toDbDate(input.birthDate), createdBy: ctx.principal.subject },
        include: cadreInclude,
      });
      const view = toCadreView(row);
      await recordCallerChange(tx, ctx, {
        entity: "Cadre",
        entityId: row.id,
        orgPath: row.orgPath,
        after: view,
        events: [personnelEvent("personnel.cadre.created", row.orgPath, row.id, { cadreId: row.id, member: row.memberId !== null })],
      });
      return view;
    });
  });
