// The tree provincial reads use (cachedTree, docs/restructuring.md "Provincial reads"): concurrent callers
// share one load, the answer is kept for the TTL from the load's start, a failed load is not kept.
import { describe, expect, it } from "vitest";
import { cachedTree, type TreeSource } from "../../src/app/tree.js";
import type { OrgNode } from "../../src/domain/index.js";

const node = (code: string): OrgNode => ({ code, parentCode: null, kind: "provincial_committee", name: code, adminUnitCode: code, closed: false, members: 0 });

/** A source whose loads the test answers one by one. */
function manualSource() {
  const pending: { resolve: (n: OrgNode[]) => void; reject: (e: Error) => void }[] = [];
  const source: TreeSource = { load: () => new Promise<OrgNode[]>((resolve, reject) => pending.push({ resolve, reject })) };
  return { source, pending };
}

describe("cachedTree", () => {
  it("shares one load among concurrent callers, keeps it for the TTL, loads again after it", async () => {
    let t = 1_000;
    const { source, pending } = manualSource();
    const tree = cachedTree(source, 5_000, () => t);
    const calls = [tree.load(), tree.load(), tree.load()];
    expect(pending.length).toBe(1);
    pending[0]!.resolve([node("02")]);
    const answers = await Promise.all(calls);
    expect(answers.every((a) => a === answers[0])).toBe(true);
    t += 4_999; // counted from the load's start
    expect(await tree.load()).toBe(answers[0]);
    expect(pending.length).toBe(1);
    t += 1;
    const next = tree.load();
    expect(pending.length).toBe(2);
    pending[1]!.resolve([node("08-2025")]);
    expect((await next).map((o) => o.code)).toEqual(["08-2025"]);
  });

  it("does not keep a failure: every waiting caller gets it, the next caller loads again", async () => {
    const { source, pending } = manualSource();
    const tree = cachedTree(source, 5_000, () => 0);
    const calls = [tree.load(), tree.load()];
    pending[0]!.reject(new Error("membership down"));
    for (const c of calls) await expect(c).rejects.toThrow("membership down");
    const again = tree.load();
    expect(pending.length).toBe(2);
    pending[1]!.resolve([node("02")]);
    expect((await again).length).toBe(1);
  });

  it("with a TTL of 0 only concurrent callers share", async () => {
    const { source, pending } = manualSource();
    const tree = cachedTree(source, 0, () => 0);
    const [a, b] = [tree.load(), tree.load()];
    pending[0]!.resolve([]);
    await Promise.all([a, b]);
    void tree.load();
    expect(pending.length).toBe(2);
  });
});
