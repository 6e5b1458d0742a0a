import { membershipContract } from "@orgboard/contract-membership";
import { auditRead } from "../audit-read.js";
import { procedure } from "../procedure.js";
import { loadMember, memberView } from "../records.js";

const c = membershipContract.procedures;

/** One member, if the member's (current or last) organization is inside the caller's scope. */
export const getMemberRoute = procedure("membership.members.read")
  .input(c.members.get.input)
  .output(c.members.get.output)
  .query(async ({ ctx, input }) => {
    const m = await loadMember(ctx.db, input.id, "id");
    ctx.assertCan({ orgPath: m.org_path });
    await auditRead(ctx, { entity: "Member", entityId: m.id, orgPath: m.org_path });
    return memberView(m);
  });
