import { restructuringContract, type RunView } from "@orgboard/contract-restructuring";
import { bilingual } from "@orgboard/server-kit";
import { destinations, subtreeCodes, type OrgChange } from "../../domain/index.js";
import { procedure } from "../procedure.js";
import { planForReader } from "../plans/scope.js";
import { runView } from "./view.js";

const c = restructuringContract.procedures.runs.get;

const WITHHELD = bilingual("bước này thất bại; chi tiết do ban tổ chức cấp tỉnh xem", "the step failed; its details are for the provincial board");

/**
 * The run's progress per province and step; a provincial board outside the plan's scope sees its province's
 * row only; a board below its province committee that row cut to its organizations (see the contract's
 * `RunView.subtree`): when its province runs is its business, the province's figures are not.
 */
export const getRunRoute = procedure("restructuring.plans.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }): Promise<RunView> => {
    const { part, subtree } = await planForReader(ctx.db, ctx.readTree, input.planId, ctx.can, ctx.scope);
    const view = await runView(ctx.db, input.planId, ctx.saga);
    if (part === null) return view;
    const provinces = view.provinces.filter((p) => p.provinceCode === part);
    if (subtree === null) return { ...view, provinces };
    // Its organizations: those under its paths in the tree now, and those the run has moved out of them (the
    // stored reparents); its changes: theirs and the creation of the committees they go to.
    const stored = (await ctx.db.orgChange.findMany({ where: { planId: input.planId, provinceCode: part }, select: { payload: true } })).map((r) => r.payload as unknown as OrgChange);
    const moved = stored.flatMap((ch) => (ch.kind === "reparent" ? [{ code: ch.code, fromParentCode: ch.fromParentCode }] : []));
    const mine = subtreeCodes(subtree.tree, subtree.paths, moved);
    // and the committees created above those (the new province's, above a new commune's): as its preview counts them
    const goesTo = destinations(stored, mine);
    for (let grew = true; grew; ) {
      grew = false;
      for (const ch of stored) {
        if (ch.kind === "create" && goesTo.has(ch.code) && ch.parentCode !== null && !goesTo.has(ch.parentCode)) {
          goesTo.add(ch.parentCode);
          grew = true;
        }
      }
    }
    const changes = { create: 0, update: 0, reparent: 0, close: 0 };
    for (const ch of stored) if (mine.has(ch.code) || (ch.kind === "create" && goesTo.has(ch.code))) changes[ch.kind]++;
    return {
      ...view,
      subtree: subtree.paths,
      provinces: provinces.map((p) => ({
        ...p,
        // its own old province's committee, not the others merged with it
        sourceOrgPaths: p.sourceOrgPaths.filter((src) => subtree.paths.some((path) => path.startsWith(src))),
        changes,
        membersBefore: 0,
        membersAfter: null,
        structure: null,
        steps: p.steps.map((s) => ({ ...s, records: null, error: s.error === null ? null : WITHHELD })),
        error: p.error === null ? null : WITHHELD,
      })),
    };
  });
