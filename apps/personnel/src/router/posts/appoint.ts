import { personnelContract } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { fromDbDate, toDbDate } from "../../app/dates.js";
import { conflict } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { toPostView } from "../../app/views.js";
import { isBarred } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.posts.appoint;

/**
 * A cadre takes up a vacant post (both in the caller's scope). Refused while a discipline bars
 * appointment on the day, when the post is for members and the cadre is not one, or when it is held.
 */
export const appointRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const post = inScope(ctx, await tx.post.findUnique({ where: { id: input.postId }, include: { holdings: { where: { endedOn: null } } } }), "postId");
      const cadre = inScope(ctx, await tx.cadre.findUnique({ where: { id: input.cadreId }, include: { bars: true } }), "cadreId");
      if (post.holdings.length > 0) throw conflict("postId", "post_held", "chức vụ đang có người đảm nhiệm", "the post is held");
      if (post.membersOnly && cadre.memberId === null) throw conflict("cadreId", "not_a_member", "chức vụ này chỉ dành cho đảng viên", "the post is for party members only");
      const bars = cadre.bars.map((b) => ({ purpose: b.purpose, from: fromDbDate(b.fromOn), until: fromDbDate(b.untilOn) }));
      if (isBarred(bars, "appointment", input.startedOn)) throw conflict("cadreId", "barred", "cán bộ đang trong thời gian không được bổ nhiệm do kỷ luật", "the cadre is barred from appointment by a discipline");
      const holding = await tx.holding.create({ data: { postId: post.id, cadreId: cadre.id, startedOn: toDbDate(input.startedOn) } });
      const view = toPostView({ ...post, holdings: [holding] });
      await recordCallerChange(tx, ctx, {
        entity: "Post",
        entityId: post.id,
        orgPath: post.orgPath,
        before: { holderCadreId: null },
        after: { holderCadreId: cadre.id, assignmentId: holding.id, startedOn: input.startedOn },
        events: [personnelEvent("personnel.post.filled", post.orgPath, post.id, { postId: post.id, cadreId: cadre.id, assignmentId: holding.id, startedOn: input.startedOn })],
      });
      return view;
    }),
  );
