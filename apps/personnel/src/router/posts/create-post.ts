import { personnelContract } from "@orgboard/contract-personnel";
import { notFound } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { toPostView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.posts.create;

/** A leadership post or committee seat of an organization in the caller's scope, for a term. */
export const createPostRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    if (!ctx.can({ orgPath: input.orgPath })) throw notFound("orgPath");
    return ctx.db.$transaction(async (tx) => {
      const row = await tx.post.create({ data: input, include: { holdings: true } });
      const view = toPostView(row);
      await recordCallerChange(tx, ctx, {
        entity: "Post",
        entityId: row.id,
        orgPath: row.orgPath,
        after: view,
        events: [personnelEvent("personnel.post.created", row.orgPath, row.id, { postId: row.id, kind: view.kind, termStartYear: row.termStartYear })],
      });
      return view;
    });
  });
