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
    const caller = { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action };
    const read = { entity: "Petition", entityId: row.id, orgPath: row.subjectOrgPath };
    let view;
    try {
      view = petitionView(row, { subject: ctx.principal.subject, today: todayOf(ctx) }, ctx.denouncerKeys);
    } catch (e) {
      // The attempt is on the trail too: an identity that would not open (altered row, removed key).
      await auditRead(ctx.db, caller, { ...read, what: { petitionerShown: false, petitionerUnopenable: true } });
      throw e;
    }
    await auditRead(ctx.db, caller, { ...read, what: { petitionerShown: view.petitioner.visibility === "shown" } });
    return view;
  });
