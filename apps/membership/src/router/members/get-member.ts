import { procedure } from "../procedure.js";
import { loadMember, memberView } from "../records.js";
import { ZGetMemberInput, ZGetMemberOutput } from "./get-member.types.js";

/** One member, if the member's (current or last) organization is inside the caller's scope. */
export const getMemberRoute = procedure("membership.members.read")
  .input(ZGetMemberInput)
  .output(ZGetMemberOutput)
  .query(async ({ ctx, input }) => {
    const m = await loadMember(ctx.db, input.id, "id");
    ctx.assertCan({ orgPath: m.org_path });
    return memberView(m);
  });
