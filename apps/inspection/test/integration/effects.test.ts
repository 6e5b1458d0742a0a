// A discipline decision's effect in membership, both services running (in process) and following each
// other's streams: membership applies inspection.discipline.effective and answers; inspection sets the
// decision's effect status from that answer; an officer resolves a refusal. (The same flow with both
// services as separate processes, killed and restarted: test/e2e/effects.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disciplineInput } from "./fixtures.js";
import { as, failure, INSPECTOR_HN, INSPECTOR_P2, startHarness, TREE, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { effects: true });
});
afterAll(() => h?.close());

const api = () => h.client(INSPECTOR_HN).inspection;

/** The decision once its effect left `pending` (membership answered and inspection recorded it). */
async function settled(decisionId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await api().discipline.get.query({ decisionId });
    if (d.effect.status !== "pending") return d;
    if (Date.now() > deadline) throw new Error(`the effect of ${decisionId} is still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("effects of discipline decisions in membership", () => {
  it("an expulsion: membership removes the member (kind expelled, the decision's number and dates); the effect becomes applied", async () => {
    const d = await api().discipline.decide.mutate(disciplineInput(h.members.hn1));
    const after = await settled(d.id);
    expect(after.effect).toMatchObject({ status: "applied", reason: null, message: null });
    expect(after.effect.updatedAt).not.toBeNull();
    const hist = await h.membership.client.membership.members.history.query({ id: h.members.hn1 });
    expect(hist.member.status).toBe("removed");
    expect(hist.removal).toMatchObject({ kind: "expelled", removedOn: "2026-10-07", decisionNumber: "512-QĐ/TU", decidedOn: "2026-10-05" });
    const audit = await h.db.prisma.auditRecord.findMany({ where: { entity: "DisciplineDecision", entityId: d.id, action: { not: "inspection.cases.read" } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      [INSPECTOR_HN.sub, "inspection.discipline.manage"],
      ["membership", "inspection.discipline.effect_recorded"],
    ]);
  });

  it("a dissolution of an organization that still has members is refused: the case shows why, an officer resolves it", async () => {
    const d = await api().discipline.decide.mutate(
      disciplineInput(0, { subject: { kind: "organization", orgPath: TREE.k1 }, form: "dissolution", decisionNumber: "77-QĐ/TU", degree: "especially_serious" }),
    );
    const refused = await settled(d.id);
    expect(refused.effect).toMatchObject({ status: "refused", reason: "organization_not_empty" });
    expect(refused.effect.message).toMatch(/^Tổ chức đảng còn 1 đảng viên đang sinh hoạt.* \/ the organization still has 1 active member\(s\)/);
    const org = await h.membership.client.membership.orgs.get.query({ orgPath: TREE.k1 });
    expect(org.closedOn).toBeNull();

    // Default deny, and nothing about it outside the officer's scope.
    expect((await failure(h.client(as("viewer", TREE.p1)).inspection.discipline.resolveEffect.mutate({ decisionId: d.id, note: "x" }))).code).toBe("FORBIDDEN");
    expect((await failure(h.client(INSPECTOR_P2).inspection.discipline.resolveEffect.mutate({ decisionId: d.id, note: "x" }))).code).toBe("NOT_FOUND");
    const missing = await failure(api().discipline.resolveEffect.mutate({ decisionId: "0190f3a2-7c1e-7000-8000-000000000099", note: "x" }));
    expect(missing.code).toBe("NOT_FOUND");
    const bad = await failure(api().discipline.resolveEffect.mutate({ decisionId: d.id, note: "nul\u0000here" }));
    expect([bad.code, bad.fieldErrors.map((f) => f.path)]).toEqual(["BAD_REQUEST", ["note"]]);

    const note = "Đã chuyển sinh hoạt đảng viên còn lại; tổ chức sẽ được giải thể theo thủ tục của Ban Tổ chức";
    const resolved = await api().discipline.resolveEffect.mutate({ decisionId: d.id, note });
    expect(resolved).toMatchObject({ decisionId: d.id, effect: { status: "resolved", reason: "organization_not_empty" }, resolution: { note, resolvedBy: INSPECTOR_HN.sub, resolvedOn: "2026-11-20" } });
    expect((await api().discipline.get.query({ decisionId: d.id })).effect).toMatchObject({ status: "resolved", reason: "organization_not_empty" });
    const events = await h.db.prisma.outboxEvent.findMany({ where: { type: "inspection.discipline.effect_resolved", aggregateId: d.id } });
    expect(events.map((e) => [e.orgPath, e.payload])).toEqual([[TREE.k1, { decisionId: d.id, resolvedOn: "2026-11-20" }]]);

    // Resolved once: a second time, or an effect that was not refused, is a conflict.
    const twice = await failure(api().discipline.resolveEffect.mutate({ decisionId: d.id, note }));
    expect([twice.code, twice.message]).toEqual(["CONFLICT", expect.stringMatching(/^chỉ giải quyết được .* \/ only an effect membership refused can be resolved/)]);
  });

  it("an effect that was applied cannot be resolved", async () => {
    const d = await api().discipline.decide.mutate(disciplineInput(h.members.hn2, { decisionNumber: "513-QĐ/TU" }));
    expect((await settled(d.id)).effect.status).toBe("applied");
    expect((await failure(api().discipline.resolveEffect.mutate({ decisionId: d.id, note: "x" }))).code).toBe("CONFLICT");
  });
});
