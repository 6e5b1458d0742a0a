import { personnelContract } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { toRotationView } from "../../app/cadre-views.js";
import { fromDbDate, todayOf, toDbDate } from "../../app/dates.js";
import { conflict, notFound } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { periodsOverlap, rotationRefusals, throwFirst } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.rotation.plan;

/**
 * Plans a rotation (luân chuyển, QĐ 65) or transfer (điều động) of a cadre from an organization (and the
 * post the cadre holds there) to another (and a post of it). The cadre and both ends must lie in the
 * caller's scope: anything outside answers NOT_FOUND naming its field. One event per end, so the
 * receiving organization's readers see the incoming cadre.
 */
export const planRotationRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    if (!ctx.can({ orgPath: input.fromOrgPath })) throw notFound("fromOrgPath");
    if (!ctx.can({ orgPath: input.toOrgPath })) throw notFound("toOrgPath");
    return ctx.db.$transaction(async (tx) => {
      const cadre = inScope(ctx, await tx.cadre.findUnique({ where: { id: input.cadreId } }), "cadreId");
      if (input.fromPostId !== null) {
        const post = await tx.post.findUnique({ where: { id: input.fromPostId } });
        if (!post || post.orgPath !== input.fromOrgPath) throw notFound("fromPostId");
        const holds = await tx.holding.count({ where: { postId: post.id, cadreId: cadre.id, endedOn: null } });
        if (holds === 0) throw conflict("fromPostId", "not_holding", "cán bộ không giữ chức vụ này", "the cadre does not hold this post");
      }
      if (input.toPostId !== null) {
        const post = await tx.post.findUnique({ where: { id: input.toPostId } });
        if (!post || post.orgPath !== input.toOrgPath) throw notFound("toPostId");
      }
      const planned = (await tx.poolEntry.count({ where: { cadreId: cadre.id, removedOn: null } })) > 0;
      const open = await tx.rotation.findMany({ where: { cadreId: cadre.id, completedOn: null } });
      const overlapping = open.some((r) => periodsOverlap({ start: fromDbDate(r.startOn), end: fromDbDate(r.plannedEndOn) }, { start: input.startOn, end: input.plannedEndOn }));
      throwFirst(
        rotationRefusals({
          kind: input.kind,
          fromOrgPath: input.fromOrgPath,
          fromPostId: input.fromPostId,
          toOrgPath: input.toOrgPath,
          toPostId: input.toPostId,
          startOn: input.startOn,
          plannedEndOn: input.plannedEndOn,
          nonLocalKeyPost: input.nonLocalKeyPost,
          cadre: { birthDate: fromDbDate(cadre.birthDate), gender: cadre.gender as "male" },
          planned,
          overlapping,
        }),
      );
      const row = await tx.rotation.create({
        data: {
          cadreId: cadre.id,
          kind: input.kind,
          fromOrgPath: input.fromOrgPath,
          fromPostId: input.fromPostId,
          toOrgPath: input.toOrgPath,
          toPostId: input.toPostId,
          startOn: toDbDate(input.startOn),
          plannedEndOn: toDbDate(input.plannedEndOn),
          createdBy: ctx.principal.subject,
        },
      });
      const view = toRotationView(row, cadre.fullName, todayOf(ctx));
      const event = (side: "from" | "to", orgPath: string) => personnelEvent("personnel.rotation.planned", orgPath, row.id, { rotationId: row.id, cadreId: cadre.id, kind: input.kind, side, startOn: input.startOn, plannedEndOn: input.plannedEndOn });
      await recordCallerChange(tx, ctx, {
        entity: "Rotation",
        entityId: row.id,
        orgPath: input.toOrgPath,
        after: { cadreId: cadre.id, kind: input.kind, from: [input.fromOrgPath, input.fromPostId], to: [input.toOrgPath, input.toPostId], startOn: input.startOn, plannedEndOn: input.plannedEndOn, nonLocalKeyPost: input.nonLocalKeyPost },
        events: [event("from", input.fromOrgPath), event("to", input.toOrgPath)],
      });
      return view;
    });
  });
