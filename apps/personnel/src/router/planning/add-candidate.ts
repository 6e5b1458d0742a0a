import { personnelContract } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { fromDbDate, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { toPoolPlaceView } from "../../app/views.js";
import { isBarred, poolRefusals, throwFirst, type PoolCandidate } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.planning.addCandidate;

/** Puts a cadre in a post's planning pool: the rules of docs/personnel.md ("Planning") decide. */
export const addCandidateRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    assertNotFuture("addedOn", input.addedOn, todayOf(ctx));
    return ctx.db.$transaction(async (tx) => {
      const post = inScope(ctx, await tx.post.findUnique({ where: { id: input.postId }, include: { pool: { where: { removedOn: null } } } }), "postId");
      const cadre = inScope(ctx, await tx.cadre.findUnique({ where: { id: input.cadreId }, include: { bars: true } }), "cadreId");
      const otherPostsSameLevel = await tx.poolEntry.count({
        where: { cadreId: cadre.id, removedOn: null, postId: { not: post.id }, post: { orgPath: post.orgPath, termStartYear: post.termStartYear } },
      });
      const bars = cadre.bars.map((b) => ({ purpose: b.purpose, from: fromDbDate(b.fromOn), until: fromDbDate(b.untilOn) }));
      const candidate: PoolCandidate = { cadreId: cadre.id, birthDate: fromDbDate(cadre.birthDate), gender: cadre.gender as PoolCandidate["gender"], memberId: cadre.memberId };
      throwFirst(
        poolRefusals({
          post,
          candidate,
          activeCandidates: post.pool.map((e) => e.cadreId),
          otherPostsSameLevel,
          barred: isBarred(bars, "planning", input.addedOn),
        }),
      );
      const entry = await tx.poolEntry.create({ data: { postId: post.id, cadreId: cadre.id, addedOn: toDbDate(input.addedOn) }, include: { post: true } });
      const view = toPoolPlaceView(entry);
      await recordCallerChange(tx, ctx, {
        entity: "PoolEntry",
        entityId: entry.id,
        orgPath: post.orgPath,
        after: { ...view, cadreId: cadre.id },
        events: [personnelEvent("personnel.pool.added", post.orgPath, entry.id, { entryId: entry.id, postId: post.id, cadreId: cadre.id, termStartYear: post.termStartYear })],
      });
      return view;
    });
  });
