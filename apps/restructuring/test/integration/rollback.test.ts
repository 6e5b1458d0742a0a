// runs.rollback before the plan's effective date (the service's clock set to 20/06/2025): the done steps
// compensated in reverse order at membership (closed organizations reopened, moves undone with the former
// kinds, created committees closed, continuing committees' names and units restored, the mark lifted): the tree
// and every member back where they were, the new committees closed (codes are never reused), the plan rolled_back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgNode } from "../../src/domain/index.js";
import { CENTRAL, startInProcess, startMembership, type MembershipSide, type RestructuringSide } from "./saga-system.js";

let m: MembershipSide;
let r: RestructuringSide;

beforeAll(async () => {
  m = await startMembership(["02", "08"]);
  r = await startInProcess(m, { now: () => new Date("2025-06-20T03:00:00Z") });
}, 120_000);
afterAll(async () => {
  await r?.close();
  await m?.close();
});

describe("runs.rollback before the effective date", () => {
  it("puts every organization and member back; the created committees stay closed", async () => {
    const shape = (t: readonly OrgNode[]) => t.map((o) => `${o.code} ${o.parentCode ?? "/"} ${o.kind} ${o.closed ? "closed" : "open"} ${o.name} ${o.adminUnitCode ?? "-"}`).sort();
    const before = await m.link.tree.load();
    const paths = async () => m.q<{ id: number; org_path: string }>(`SELECT id, org_path FROM member ORDER BY id`);
    const membersBefore = await paths();
    const api = r.client(CENTRAL).restructuring;
    const { id: planId } = await api.plans.loadOfficial.mutate({});
    await api.runs.start.mutate({ planId });
    expect((await api.runs.resume.mutate({ planId })).status).toBe("done");
    expect((await paths()).every((p) => p.org_path.startsWith("/08-2025/"))).toBe(true);
    // Continuing committees: renamed and on the 2025 unit after the run.
    const continuing = (await m.link.tree.load()).filter((o) => !o.closed && before.some((b) => b.code === o.code && b.name !== o.name)).map((o) => o.code);
    expect(continuing.length).toBeGreaterThan(0);
    const renamedEditions = await m.q<{ admin_unit_edition: string | null }>(`SELECT admin_unit_edition FROM party_organization WHERE code = ANY($1::text[])`, [continuing]);
    expect(renamedEditions.every((o) => o.admin_unit_edition === "2025")).toBe(true);

    const view = await api.runs.rollback.mutate({ planId });
    expect(view.status).toBe("rolled_back");
    expect(view.provinces[0]!.status).toBe("rolled_back");
    expect(view.provinces[0]!.steps.filter((s) => s.status === "compensated").map((s) => s.step).sort()).toEqual(["membership.closeOrgs", "membership.createOrgs", "membership.mark", "membership.reparent"]);

    const after = await m.link.tree.load();
    const created = new Set(after.filter((o) => !before.some((b) => b.code === o.code)).map((o) => o.code));
    expect(created.size).toBeGreaterThan(100);
    expect(after.filter((o) => created.has(o.code)).every((o) => o.closed)).toBe(true);
    // The run renamed the continuing committees and attached them to their 2025 unit; the rollback restored both.
    expect(shape(after.filter((o) => !created.has(o.code)))).toEqual(shape(before));
    const editions = await m.q<{ code: string; admin_unit_edition: string | null }>(`SELECT code, admin_unit_edition FROM party_organization WHERE code = ANY($1::text[])`, [continuing]);
    expect(editions.every((o) => o.admin_unit_edition === "2024")).toBe(true);
    expect(await paths()).toEqual(membersBefore);
    expect(after.some((o) => o.members > 0 && o.closed)).toBe(false);
    expect((await m.q(`SELECT 1 FROM restructuring_mark`)).length).toBe(0);
    // Rolled back once.
    await expect(api.runs.rollback.mutate({ planId })).rejects.toThrow(/rolled_back/);
  });
});
