// Where the organization tree a preview runs on comes from. Tests give it as data; production will read it
// from membership's contract with the service's client-credentials token (docs/restructuring.md, "State").
import type { OrgNode } from "../domain/index.js";

export interface TreeSource {
  /** Every organization (open and closed) with its direct active member count. */
  load(): Promise<readonly OrgNode[]>;
}

export function staticTree(nodes: readonly OrgNode[]): TreeSource {
  return { load: () => Promise.resolve(nodes) };
}

/**
 * The tree for reads (plans.get / preview, runs.get of a provincial board): concurrent callers share one load
 * from membership, and its answer is reused for `ttlMs` from the moment the load started. Safe because what
 * reads it is advisory or only maps a board to its new province: a preview is a dry run that writes nothing
 * (a few seconds old, it is as good as one read a few seconds earlier), and a province committee's unit code
 * maps to the same new province before and after the run's `update` (the saga's steps never remove an
 * organization from the tree: closed ones stay listed). Whatever a run executes comes from `runs.start`, which
 * reads the uncached source. A failed load is not kept: the next caller tries again.
 */
export function cachedTree(source: TreeSource, ttlMs: number, now: () => number = Date.now): TreeSource {
  let kept: { nodes: readonly OrgNode[]; at: number } | null = null;
  let inFlight: Promise<readonly OrgNode[]> | null = null;
  return {
    load() {
      if (kept !== null && now() - kept.at < ttlMs) return Promise.resolve(kept.nodes);
      if (inFlight !== null) return inFlight;
      const at = now();
      const p = source.load().then(
        (nodes) => {
          kept = { nodes, at };
          inFlight = null;
          return nodes;
        },
        (err: unknown) => {
          inFlight = null;
          throw err;
        },
      );
      inFlight = p;
      return p;
    },
  };
}
