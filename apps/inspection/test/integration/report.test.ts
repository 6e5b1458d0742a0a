// inspection.report.annual: counts of a subtree for the boards and the commission; nothing for others.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, CENTRAL, failure, startHarness, TREE, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe("inspection.report.annual", () => {
  it("answers an empty year with zeros for a provincial board of its own province", async () => {
    const r = await h.client(as("provincial_board", TREE.p1)).inspection.report.annual.query({ orgPath: TREE.p1, year: 2026 });
    expect(r.orgPath).toBe(TREE.p1);
    expect(r.inspections.total).toEqual({ organizations: 0, members: 0 });
    expect(r.program).toEqual({ items: 0, completed: 0, percent: null });
    const national = await h.client(CENTRAL).inspection.report.annual.query({ orgPath: "/", year: 2026 });
    expect(national.discipline.members.total).toBe(0);
  });

  it("refuses another province's report and a viewer's", async () => {
    expect((await failure(h.client(as("provincial_board", TREE.p1)).inspection.report.annual.query({ orgPath: TREE.p2, year: 2026 }))).code).toBe("FORBIDDEN");
    expect((await failure(h.client(as("viewer", TREE.p1)).inspection.report.annual.query({ orgPath: TREE.p1, year: 2026 }))).code).toBe("FORBIDDEN");
  });
});
