// The identity step's moves for the whole national run (issue #14, docs/restructuring.md "Identity"): the
// official 2025 plan on the synthetic 2024 tree (every unit, split communes' cells assigned), each new province's
// run in the plan's order, membership's reparent answers simulated as membership computes them (each move reads
// the paths the previous ones left), and the identity request every run would send (rekeys.ts identityMovesOf).
// Proven: no request chains (identity's own rule, parseUnitMoveRequest, accepts every one), nor does the run as a
// whole (no toPath inside any fromPath, no fromPath inside any toPath, across provinces); so applying a request
// again — a resumed run, any time later — moves nobody, and every official ends on the right path.
import { moveOrgPaths, parseUnitMoveRequest } from "@orgboard/identity-moves";
import { describe, expect, it } from "vitest";
import { identityMovesOf } from "../../src/app/rekeys.js";
import type { PathMove } from "../../src/app/steps.js";
import { compilePlan, deriveOrgChanges, officialPlan2025, provinceWork } from "../../src/domain/index.js";
import { assignSplitCells, tree2024 } from "./fixtures.js";

/** Every proper and improper prefix path of a path: `/a/b/` → `/a/`, `/a/b/`. */
const prefixes = (path: string) => {
  const parts = path.split("/").filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join("/")}/`);
};

// The whole country on a shared 2-core machine: seconds, not the default 5.
describe("the identity step's moves over the official 2025 plan, every province (#14)", { timeout: 180_000 }, () => {
  const tree = tree2024();
  const compiled = compilePlan(assignSplitCells(officialPlan2025(), tree));
  const derivation = deriveOrgChanges(compiled, tree);
  const works = provinceWork(compiled, tree, derivation);

  // Membership's side, as data: parent per organization, paths from the codes.
  const parent = new Map<string, string | null>(tree.map((o) => [o.code, o.parentCode]));
  const pathOf = (code: string) => {
    const codes: string[] = [];
    for (let c: string | null = code; c !== null; c = parent.get(c) ?? null) codes.unshift(c);
    return `/${codes.join("/")}/`;
  };
  const pathsBefore = new Map(tree.map((o) => [o.code, pathOf(o.code)]));
  const requests: { provinceCode: string; moves: PathMove[] }[] = [];
  for (const w of works) {
    for (const c of w.changes) if (c.kind === "create") parent.set(c.code, c.parentCode);
    const reparented: (PathMove & { code: string })[] = [];
    for (const c of w.changes) {
      if (c.kind !== "reparent") continue;
      const fromPath = pathOf(c.code);
      parent.set(c.code, c.toParentCode);
      reparented.push({ code: c.code, fromPath, toPath: pathOf(c.code) });
    }
    requests.push({ provinceCode: w.provinceCode, moves: identityMovesOf({ orgCode: w.orgCode, orgPath: w.orgPath, sourceOrgCodes: w.sourceOrgCodes, changes: w.changes }, reparented) });
  }
  const closed = new Map(derivation.changes.flatMap((c) => (c.kind === "close" ? [[c.code, c.successorCode] as const] : [])));
  const allMoves = requests.flatMap((r) => r.moves.map((m) => ({ ...m, provinceCode: r.provinceCode })));

  it("covers the run: 34 provinces, the province boards' merges among the moves", () => {
    expect(requests).toHaveLength(34);
    expect(allMoves.length).toBeGreaterThan(20_000);
    const tq = requests.find((r) => r.provinceCode === "08")!;
    expect(tq.moves).toEqual(expect.arrayContaining([{ fromPath: "/02/", toPath: "/08-2025/" }, { fromPath: "/08/", toPath: "/08-2025/" }]));
    // A province that stays whole (Hà Nội) keeps its committee: no board move.
    expect(requests.find((r) => r.provinceCode === "01")!.moves.some((m) => m.fromPath === "/01/")).toBe(false);
  });

  it("no province's request chains: identity's rule (parseUnitMoveRequest) accepts each (its undo is a restore by key)", () => {
    for (const r of requests) {
      expect(() => parseUnitMoveRequest({ idempotencyKey: `plan:${r.provinceCode}:identity.unitMoves`, effectiveOn: "2025-07-01", moves: r.moves }), r.provinceCode).not.toThrow();
    }
  });

  it("nor does the run as a whole: no toPath inside any fromPath, no fromPath inside any toPath, across provinces", () => {
    const from = new Map(allMoves.map((m) => [m.fromPath, m]));
    const to = new Map(allMoves.map((m) => [m.toPath, m]));
    const chains: string[] = [];
    for (const m of allMoves) {
      for (const p of prefixes(m.toPath)) if (from.has(p)) chains.push(`${m.provinceCode} ${m.fromPath}→${m.toPath} lands in ${p} (moved by ${from.get(p)!.provinceCode})`);
      for (const p of prefixes(m.fromPath)) if (to.has(p)) chains.push(`${m.provinceCode} ${m.fromPath}→${m.toPath} leaves from inside ${p} (a target of ${to.get(p)!.provinceCode})`);
    }
    expect(chains.slice(0, 5)).toEqual([]);
  });

  it("one official per organization: each ends on its organization's new path (a merged commune's or province's board on its successor's), and every request applied again moves nobody", () => {
    const rootOf = (p: string) => p.split("/")[1]!;
    // Official of each organization, by old province root.
    const officials = new Map<string, { code: string; paths: string[] }[]>();
    const file = (o: { code: string; paths: string[] }) => {
      const root = rootOf(o.paths[0]!);
      const list = officials.get(root);
      if (list) list.push(o);
      else officials.set(root, [o]);
    };
    for (const [code, path] of pathsBefore) file({ code, paths: [path] });
    const all = [...officials.values()].flat();
    const touching = (moves: PathMove[]) => {
      const roots = new Set(moves.flatMap((m) => [rootOf(m.fromPath), rootOf(m.toPath)]));
      return [...roots].flatMap((r) => officials.get(r) ?? []);
    };
    const apply = (moves: PathMove[]) => {
      for (const o of touching(moves)) o.paths = moveOrgPaths(o.paths, moves);
    };
    for (const r of requests) {
      apply(r.moves);
      const once = touching(r.moves).map((o) => o.paths);
      apply(r.moves); // a resume right away
      expect(touching(r.moves).map((o) => o.paths), r.provinceCode).toEqual(once);
      // Re-file the officials under their new roots for the next provinces' moves.
      officials.clear();
      for (const o of all) file(o);
    }
    const afterRun = all.map((o) => o.paths[0]);
    for (const r of requests) apply(r.moves); // any request again, after the whole run
    expect(all.map((o) => o.paths[0])).toEqual(afterRun);

    const byCode = new Map(tree.map((o) => [o.code, o]));
    const provinceCommittees = new Set(works.map((w) => w.orgCode));
    const openPaths = new Set(derivation.after.filter((o) => !o.closed).map((o) => pathOf(o.code)));
    const wrong: string[] = [];
    for (const o of all) {
      const node = byCode.get(o.code)!;
      const successor = closed.get(o.code);
      const now = o.paths[0]!;
      if (successor === undefined) {
        if (now !== pathOf(o.code)) wrong.push(`${o.code}: ${now}, its organization is at ${pathOf(o.code)}`);
      } else if (successor !== null && !(node.kind === "upper_grassroots_committee" && provinceCommittees.has(successor))) {
        // A merged province's or commune's board (or an island district's, now a special zone): on its successor.
        if (now !== pathOf(successor)) wrong.push(`${o.code} (closed into ${successor}): ${now}, not ${pathOf(successor)}`);
      } else if (openPaths.has(now)) {
        // A district committee closed into its province (abolished level) or a split commune's: no
        // organization's path, so no scope until the board assigns its officials anew.
        wrong.push(`${o.code} (closed, ${node.kind}) on the open path ${now}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(all.filter((o) => !closed.has(o.code)).length).toBeGreaterThan(20_000);
  });
});
