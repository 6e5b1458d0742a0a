import { inspectionContract } from "@orgboard/contract-inspection";
import { todayOf } from "../../app/dates.js";
import { auditRead, loadPetition, petitionView } from "../../app/petitions.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.petitions.get;

/**
 * One petition. Its petitioner is shown only to an inspector assigned to it; the read is audited with
 * whether the identity was shown ("who saw the denouncer" is one query on the audit trail).
 */
export const getPetitionRoute = procedure("inspection.petitions.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const row = await loadPetition(ctx.db, input.petitionId, ctx.can);
    const view = petitionView(row, { subject: ctx.principal.subject, today: todayOf(ctx) }, ctx.denouncerKeys);
    await auditRead(ctx.db, { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action }, {
      entity: "Petition",
      entityId: row.id,
      orgPath: row.subjectOrgPath,
      what: { petitionerShown: view.petitioner.visibility === "shown" },
    });
    return view;
  });
