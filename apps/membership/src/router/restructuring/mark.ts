import { membershipContract } from "@orgboard/contract-membership";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { idempotentStep, WHOLE_COUNTRY } from "./step.js";

const c = membershipContract.procedures.restructuring.mark;

/**
 * Marks (or unmarks) subtrees as being restructured (đang sắp xếp): reads inside them say their figures are not
 * final. Each organization whose mark changed gets `membership.organization.marked` at its own path (2.10): the
 * step's own event is at "/", which reaches only the central board, and a provincial board must hear of its own.
 */
export const markRoute = procedure("membership.restructuring.execute", { resource: WHOLE_COUNTRY })
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    idempotentStep(ctx, input, "mark", async (tx) => {
      const before = new Set((await tx.restructuringMark.findMany({ where: { orgCode: { in: input.orgCodes } }, select: { orgCode: true } })).map((m) => m.orgCode));
      let changed: string[];
      if (input.moving) {
        await tx.restructuringMark.createMany({ data: input.orgCodes.map((orgCode) => ({ orgCode, idempotencyKey: input.idempotencyKey })), skipDuplicates: true });
        changed = [...new Set(input.orgCodes)].filter((code) => !before.has(code));
      } else {
        await tx.restructuringMark.deleteMany({ where: { orgCode: { in: input.orgCodes } } });
        changed = [...before];
      }
      // A code with no organization yet (a new committee, created by the next step) has no path to tell:
      // it is announced by that step's event at the new committee's path.
      const orgs = await tx.partyOrganization.findMany({ where: { code: { in: changed } }, select: { id: true, code: true, path: true }, orderBy: { path: "asc" } });
      const events = orgs.map((o) =>
        membershipEvent("membership.organization.marked", o.path, o.id, { orgId: o.id, orgCode: o.code, orgPath: o.path, moving: input.moving, idempotencyKey: input.idempotencyKey, effectiveOn: input.effectiveOn }),
      );
      return { records: { marks: changed.length }, orgPath: "/", audit: { orgCodes: input.orgCodes, moving: input.moving }, events };
    }),
  );
