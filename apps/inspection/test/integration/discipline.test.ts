// Discipline decisions and appeals through real HTTP: the domain's rules at the edge, the effect status,
// the event published in the same transaction.
import { addDays } from "@orgboard/locale-vi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appealLastDay, settlementDueOn } from "../../src/domain/index.js";
import { disciplineInput } from "./fixtures.js";
import { failure, INSPECTOR_HN, startHarness, TREE, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const api = () => h.client(INSPECTOR_HN).inspection;

describe("discipline decisions", () => {
  it("an expulsion by the provincial committee takes effect on its announcement, pending membership, published at once", async () => {
    const d = await api().discipline.decide.mutate(disciplineInput(h.members.hn1));
    expect(d).toMatchObject({ form: "expulsion", status: "in_force", decidedOn: "2026-10-05", announcedOn: "2026-10-07", effectiveOn: "2026-10-07", decidedBy: { kind: "committee", orgPath: TREE.p1 } });
    expect(d.effect).toEqual({ status: "pending", reason: null, message: null, updatedAt: null });
    const events = await h.db.prisma.outboxEvent.findMany({ where: { type: "inspection.discipline.effective", aggregateId: d.id } });
    expect(events.map((e) => [e.orgPath, e.payload])).toEqual([
      [
        TREE.c1,
        { decisionId: d.id, subjectKind: "member", memberId: h.members.hn1, orgId: null, form: "expulsion", decisionNumber: "512-QĐ/TU", decidedOn: "2026-10-05", effectiveOn: "2026-10-07", decidedByOrgPath: TREE.p1, bars: { appointment: null, nomination: null, planning: null } },
      ],
    ]);
    const audit = await h.db.prisma.auditRecord.findMany({ where: { entity: "DisciplineDecision", entityId: d.id } });
    expect(audit.map((a) => a.action)).toEqual(["inspection.discipline.manage"]);
    // The same number again from the same body: refused.
    const again = await failure(api().discipline.decide.mutate(disciplineInput(h.members.hn2)));
    expect([again.code, again.message]).toEqual(["CONFLICT", expect.stringMatching(/^Số quyết định này đã được dùng \/ /)]);
  });

  it("the same number sent by several officers at once: one decision, the others a 409", async () => {
    const input = disciplineInput(h.members.hn2, { form: "reprimand", degree: "less_serious", decisionNumber: "RACE-1" });
    const results = await Promise.allSettled([1, 2, 3].map(() => api().discipline.decide.mutate(input)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as { data?: { code?: string } }).data?.code).toBe("CONFLICT");
  });

  it("a cell's reprimand takes effect at its vote and needs nothing from another service", async () => {
    const d = await api().discipline.decide.mutate(
      disciplineInput(h.members.hn1, { form: "reprimand", degree: "less_serious", decidedBy: { kind: "cell", orgPath: TREE.c1 }, decisionNumber: "03-QĐ/CB", decidedOn: "2026-09-10", announcedOn: undefined }),
    );
    expect([d.effectiveOn, d.effect.status]).toEqual(["2026-09-10", "none"]);
  });

  it("dissolves an organization by the committee directly above it", async () => {
    const d = await api().discipline.decide.mutate(
      disciplineInput(0, { subject: { kind: "organization", orgPath: TREE.k1 }, form: "dissolution", decisionNumber: "520-QĐ/TU" }),
    );
    expect(d.subject).toMatchObject({ kind: "organization", orgPath: TREE.k1, name: "Chi bộ Trường THPT Chu Văn An", status: "open" });
    expect(d.effect.status).toBe("pending");
  });

  it("refuses by the domain's rules: competence, limitation, form for the subject, announcement", async () => {
    // A cell may not expel.
    const notCompetent = await failure(api().discipline.decide.mutate(disciplineInput(h.members.hn1, { decidedBy: { kind: "cell", orgPath: TREE.c1 }, decisionNumber: "04-QĐ/CB", announcedOn: undefined })));
    expect([notCompetent.code, notCompetent.message]).toEqual(["CONFLICT", expect.stringContaining("thẩm quyền")]);
    // A reprimand's limitation is 5 years.
    const late = await failure(api().discipline.decide.mutate(disciplineInput(h.members.hn1, { form: "reprimand", degree: "less_serious", violatedOn: "2019-01-01", decisionNumber: "513-QĐ/TU" })));
    expect(late.fieldErrors[0]?.path).toBe("violatedOn");
    // An organization cannot be expelled.
    const wrongForm = await failure(api().discipline.decide.mutate(disciplineInput(0, { subject: { kind: "organization", orgPath: TREE.g1 }, decisionNumber: "514-QĐ/TU" })));
    expect(wrongForm.fieldErrors[0]?.path).toBe("form");
    // Only a cell's decision takes effect without an announcement.
    const unannounced = await failure(api().discipline.decide.mutate(disciplineInput(h.members.hn2, { announcedOn: undefined, decisionNumber: "515-QĐ/TU" })));
    expect(unannounced.fieldErrors[0]?.path).toBe("announcedOn");
  });
});

describe("appeals", () => {
  it("lodged within a month of the announcement with the settling body's deadline; decided as changed, it is published", async () => {
    const d = await api().discipline.decide.mutate(disciplineInput(h.members.hn2, { form: "warning", degree: "serious", decisionNumber: "530-QĐ/TU", decidedOn: "2026-09-01", announcedOn: "2026-09-03" }));
    // The window is the domain's (the later of one month and 30 working days from the announcement).
    const lastDay = appealLastDay("2026-09-03");
    const tooLate = await failure(api().discipline.lodgeAppeal.mutate({ decisionId: d.id, lodgedOn: addDays(lastDay, 1), content: "Khiếu nại" }));
    expect([tooLate.code, tooLate.fieldErrors[0]?.path]).toEqual(["BAD_REQUEST", "lodgedOn"]);
    const a = await api().discipline.lodgeAppeal.mutate({ decisionId: d.id, lodgedOn: lastDay, content: "Đề nghị xem xét lại hình thức kỷ luật" });
    // The provincial committee's decision is settled at the Centre: 90 working days.
    expect(a).toMatchObject({ lodgedOn: lastDay, lodgeDeadlineOn: lastDay, decidedOn: null, decideDeadlineOn: settlementDueOn("complaint", "central", lastDay) });
    expect((await failure(api().discipline.lodgeAppeal.mutate({ decisionId: d.id, lodgedOn: lastDay, content: "Lần hai" }))).code).toBe("CONFLICT");
    // A heavier form applied by membership is a new decision, not an appeal's change of a warning.
    const heavier = await failure(api().discipline.decideAppeal.mutate({ appealId: a.id, decidedOn: "2026-11-18", outcome: "changed", newForm: "expulsion", decidedByOrgPath: TREE.p1, decisionNumber: "600-QĐ/TU" }));
    expect([heavier.code, heavier.fieldErrors[0]?.path]).toEqual(["BAD_REQUEST", "newForm"]);
    const decided = await api().discipline.decideAppeal.mutate({ appealId: a.id, decidedOn: "2026-11-18", outcome: "changed", newForm: "reprimand", decidedByOrgPath: TREE.p1, decisionNumber: "600-QĐ/TU" });
    expect([decided.status, decided.form, decided.appeals[0]?.outcome]).toEqual(["changed", "reprimand", "changed"]);
    const changed = await h.db.prisma.outboxEvent.findMany({ where: { type: "inspection.discipline.changed", aggregateId: d.id } });
    expect(changed.map((e) => e.payload)).toEqual([{ decisionId: d.id, form: "reprimand", changedOn: "2026-11-18" }]);
    const listed = await api().discipline.list.query({ effectStatus: "none", year: 2026 });
    expect(listed.items.map((x) => x.id)).toContain(d.id);
    expect((await api().discipline.get.query({ decisionId: d.id })).appeals).toHaveLength(1);
  });
});
