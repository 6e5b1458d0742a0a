import { membershipContract } from "@orgboard/contract-membership";
import { auditRead } from "../audit-read.js";
import { notFoundMember } from "../errors.js";
import { procedure } from "../procedure.js";
import { findMember, memberViewOf } from "../records.js";
import { assertInScope } from "../scope.js";

const c = membershipContract.procedures;

/** One member, if the member's (current or last) organization is inside the caller's scope. */
export const getMemberRoute = procedure("membership.members.read")
  .input(c.members.get.input)
  .output(c.members.get.output)
  .query(async ({ ctx, input }) => {
    const m = await findMember(ctx.prisma, input.id, "id");
    // Outside the scope: the answer of an id that does not exist (#9 finding 5).
    assertInScope(ctx, m.orgPath, () => notFoundMember("id"));
    await auditRead(ctx, { entity: "Member", entityId: m.id, orgPath: m.orgPath });
    return memberViewOf(m);
  });
