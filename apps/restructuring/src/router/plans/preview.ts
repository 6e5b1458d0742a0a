import { restructuringContract, type ConflictView, type PreviewPlanOutput } from "@orgboard/contract-restructuring";
import { checkConservation, compilePlan, deriveOrgChanges, pathOf, previewByUnit, restrictToSubtree, surplusPosts, type Conflict, type SurplusPosts } from "../../domain/index.js";
import { procedure } from "../procedure.js";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { planForReader, treePart } from "./scope.js";

const c = restructuringContract.procedures.plans.preview;

function conflictView(k: Conflict): ConflictView {
  switch (k.kind) {
    case "duplicate_name":
      return { kind: k.kind, orgCodes: k.codes, members: 0, name: k.name, candidateUnits: [] };
    case "empty_cell":
      return { kind: k.kind, orgCodes: [k.code], members: 0, name: null, candidateUnits: [] };
    case "no_successor":
      return { kind: k.kind, orgCodes: [k.code], members: k.members, name: null, candidateUnits: k.candidates };
    case "unknown_unit":
      return { kind: k.kind, orgCodes: [k.code], members: 0, name: null, candidateUnits: [] };
  }
}

/** The dry run of a plan on the current organization tree: nothing is written. */
export const previewPlanRoute = procedure("restructuring.plans.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }): Promise<PreviewPlanOutput> => {
    const { plan, part, subtree } = await planForReader(ctx.db, ctx.readTree, input.planId, ctx.can, ctx.scope);
    // A provincial board's preview is its own province's part, computed on that part of the tree only: no
    // figure of another province enters it. Another province asked: as for a plan it cannot see.
    if (part !== null && input.provinceCode !== undefined && input.provinceCode !== part) {
      throw new TRPCError({ code: "NOT_FOUND", message: bilingual("không tìm thấy đề án", "plan not found") });
    }
    const compiled = compilePlan(plan);
    // The shared, briefly kept tree (cachedTree): a preview is advisory; runs.start reads the tree fresh.
    const whole = subtree === null ? await ctx.readTree.load() : subtree.tree;
    const province = part === null ? whole : treePart(plan, whole, part);
    const provinceCode = input.provinceCode ?? part ?? undefined;
    // Below its province committee: derived on the province's part (new committees' codes, successors and
    // duplicate names depend on it), then cut to its own organizations and their destinations before any
    // figure is computed (restrictToSubtree): no other organization's name, code or members enters.
    const derived = deriveOrgChanges(compiled, province);
    const { tree, derivation } = subtree === null ? { tree: province, derivation: derived } : restrictToSubtree(province, derived, subtree.codes);
    const previews = previewByUnit(compiled, tree, derivation);
    const report = checkConservation(compiled, tree, derivation.after, previews);
    const inProvince = (unitCode: string) => {
      if (provinceCode === undefined) return true;
      const unit = compiled.newUnits.get(unitCode);
      return unit?.code === provinceCode || unit?.parentCode === provinceCode;
    };
    const changes = { create: 0, close: 0, update: 0, reparent: 0 };
    for (const ch of derivation.changes) changes[ch.kind]++;
    const conflicts = { duplicate_name: 0, empty_cell: 0, no_successor: 0, unknown_unit: 0 };
    for (const k of derivation.conflicts) conflicts[k.kind]++;
    const surplus = { secretary: 0, deputySecretary: 0 };
    // Personnel's real posts of the committees that close (or become cells), when personnel is wired.
    let held: Map<string, SurplusPosts> | undefined;
    if (ctx.posts) {
      const byCode = new Map(tree.map((o) => [o.code, o]));
      const ending = derivation.changes.flatMap((ch) => (ch.kind === "close" || (ch.kind === "reparent" && ch.orgKind) ? [ch.code] : []));
      const pathOfCode = new Map(ending.map((code) => [code, pathOf(byCode, code)]));
      // asked by the tops of the tree (the old provinces' committees): few paths, one GET
      const tops = [...new Set([...pathOfCode.values()].map((p) => `/${p.split("/")[1]}/`))];
      const byPath = ending.length === 0 ? new Map<string, SurplusPosts>() : await ctx.posts.load(tops, Number(plan.effectiveOn.slice(0, 4)));
      held = new Map(ending.flatMap((code) => {
        const p = byPath.get(pathOfCode.get(code)!);
        return p ? [[code, p] as const] : [];
      }));
    }
    // A subtree's surplus: the posts of its own committees that end. The committees created for it are shared
    // with other communes' organizations (their establishment is the province's count, not its).
    const forSurplus = subtree === null ? derivation : { ...derivation, changes: derivation.changes.filter((ch) => ch.kind !== "create") };
    for (const [unitProvince, s] of surplusPosts(compiled, tree, forSurplus, undefined, held)) {
      if (provinceCode !== undefined && unitProvince !== provinceCode) continue;
      surplus.secretary += s.secretary;
      surplus.deputySecretary += s.deputySecretary;
    }
    return {
      planId: input.planId,
      units: previews.filter((p) => inProvince(p.unitCode)).map((p) => ({ ...p, conflicts: p.conflicts.map(conflictView) })),
      changes,
      conflicts,
      surplusPosts: surplus,
      surplusPostsSource: held === undefined ? "default" : "personnel",
      conservation: { ...report, unitMismatches: report.unitMismatches.length },
      subtree: subtree?.paths ?? null,
    };
  });
