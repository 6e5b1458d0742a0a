// Bad input to every procedure: a 400 naming the field, its message Vietnamese first then English, never a
// 500, nothing stored. Control characters in text are bad input too (a NUL would otherwise reach PostgreSQL).
import { listProcedures } from "@orgboard/server-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../../src/router/index.js";
import { disciplineInput, inspectionInput, programInput, supervisionInput } from "./fixtures.js";
import { as, failure, INSPECTOR_HN, startHarness, TREE, type Client, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const ID = "0190f0a0-0000-7000-8000-000000000001";
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

const rekey = (over: Record<string, unknown>) =>
  h.client({ sub: "service-account-restructuring", roles: ["service"], orgPaths: ["/"], azp: "restructuring" }).inspection.restructuring.rekey.mutate({ idempotencyKey: "bad-input", effectiveOn: "2025-07-01", moves: [{ fromPath: TREE.p1, toPath: "/03/" }], ...over });

const restructuringApi = () => h.client({ sub: "service-account-restructuring", roles: ["service"], orgPaths: ["/"], azp: "restructuring" }).inspection;

type Case = [name: string, field: string, call: (api: Client["inspection"]) => Promise<unknown>];

const cases = (): Case[] => {
  const m = h.members.hn1;
  return [
    ["programs.create: no items", "items", (a) => a.programs.create.mutate({ ...programInput(m), items: [] })],
    ["programs.create: NUL in the title", "title", (a) => a.programs.create.mutate({ ...programInput(m), title: "Chương trình\u0000" })],
    ["programs.create: quarter 5", "items.1.quarter", (a) => a.programs.create.mutate({ ...programInput(m), items: [programInput(m).items[0]!, { ...programInput(m).items[1]!, quarter: 5 }] })],
    ["programs.completeItem: 30 February", "completedOn", (a) => a.programs.completeItem.mutate({ itemId: ID, completedOn: "2026-02-30" })],
    ["programs.get: not an id", "programId", (a) => a.programs.get.query({ programId: "x" })],
    ["programs.list: limit 0", "limit", (a) => a.programs.list.query({ limit: 0 })],
    ["inspections.decide: a bell in the content", "content", (a) => a.inspections.decide.mutate(inspectionInput(m, { content: "Nội dung\u0007" }))],
    ["inspections.decide: unknown kind", "kind", (a) => a.inspections.decide.mutate(inspectionInput(m, { kind: "bogus" }))],
    ["inspections.decide: a decision in the future", "decidedOn", (a) => a.inspections.decide.mutate(inspectionInput(m, { decidedOn: "2026-12-31" }))],
    ["inspections.start: dd-mm-yyyy", "startedOn", (a) => a.inspections.start.mutate({ inspectionId: ID, startedOn: "10-03-2026" })],
    ["inspections.conclude: violation as text", "violation", (a) => a.inspections.conclude.mutate({ inspectionId: ID, concludedOn: "2026-05-01", violation: "yes" as never, findings: "x" })],
    ["inspections.get: a number for the id", "inspectionId", (a) => a.inspections.get.query({ inspectionId: 5 as never })],
    ["inspections.list: unknown status", "status", (a) => a.inspections.list.query({ status: "open" as never })],
    ["supervisions.decide: member id -1", "subject.memberId", (a) => a.supervisions.decide.mutate(supervisionInput({ subject: { kind: "member", memberId: -1 } }))],
    ["supervisions.decide: a thematic one without its decision", "decisionNumber", (a) => a.supervisions.decide.mutate(supervisionInput({ decisionNumber: undefined }))],
    ["supervisions.conclude: NUL in the findings", "findings", (a) => a.supervisions.conclude.mutate({ supervisionId: ID, concludedOn: "2026-05-01", signsOfViolation: false, findings: "ok\u0000" })],
    ["supervisions.get: empty id", "supervisionId", (a) => a.supervisions.get.query({ supervisionId: "" })],
    ["supervisions.list: a climbing path", "orgPath", (a) => a.supervisions.list.query({ orgPath: "/01/../" })],
    ["discipline.decide: a line break in the number", "decisionNumber", (a) => a.discipline.decide.mutate(disciplineInput(m, { decisionNumber: "512\n-QĐ/TU" }))],
    ["discipline.decide: unknown degree", "degree", (a) => a.discipline.decide.mutate(disciplineInput(m, { degree: "huge" }))],
    ["discipline.decide: announced before decided", "announcedOn", (a) => a.discipline.decide.mutate(disciplineInput(m, { announcedOn: "2026-10-01" }))],
    ["discipline.lodgeAppeal: not a date", "lodgedOn", (a) => a.discipline.lodgeAppeal.mutate({ decisionId: ID, lodgedOn: "tomorrow", content: "x" })],
    ["discipline.decideAppeal: unknown outcome", "outcome", (a) => a.discipline.decideAppeal.mutate({ appealId: ID, decidedOn: "2026-11-01", outcome: "maybe" as never, decidedByOrgPath: TREE.p1, decisionNumber: "1" })],
    ["discipline.resolveEffect: not an id", "decisionId", (a) => a.discipline.resolveEffect.mutate({ decisionId: "12; DROP TABLE x", note: "Đã xử lý" })],
    ["discipline.get: null id", "decisionId", (a) => a.discipline.get.query({ decisionId: null as never })],
    ["discipline.list: unknown effect status", "effectStatus", (a) => a.discipline.list.query({ effectStatus: "done" as never })],
    ["discipline.list: a forged cursor", "cursor", (a) => a.discipline.list.query({ cursor: "'; drop table x" })],
    ["cases.listForSubject: an organization without a path", "subject.orgPath", (a) => a.cases.listForSubject.query({ subject: { kind: "organization" } as never })],
    ["report.annual: year 1800", "year", (a) => a.report.annual.query({ orgPath: TREE.p1, year: 1800 })],
    ["report.annual: a path without its slashes", "orgPath", (a) => a.report.annual.query({ orgPath: "01", year: 2026 })],
    ["petitions.receive: NUL in the denouncer's name", "petitioner.name", (a) => a.petitions.receive.mutate({ kind: "denunciation", subject: { kind: "member", memberId: m }, receivedOn: "2026-10-05", content: "Tố cáo", anonymous: false, handlerOrgPath: TREE.p1, level: "provincial", petitioner: { name: "A\u0000" } })],
    ["petitions.assign: no inspector", "inspectors", (a) => a.petitions.assign.mutate({ petitionId: ID, inspectors: [] })],
    ["petitions.start: 31 April", "startedOn", (a) => a.petitions.start.mutate({ petitionId: ID, startedOn: "2026-04-31" })],
    ["petitions.extend: an escape in the reason", "reason", (a) => a.petitions.extend.mutate({ petitionId: ID, extendedOn: "2026-11-20", reason: "x\u001b[0m" })],
    ["petitions.settle: unknown outcome", "outcome", (a) => a.petitions.settle.mutate({ petitionId: ID, settledOn: "2026-11-20", outcome: "maybe" as never, conclusion: "x" })],
    ["petitions.get: not an id", "petitionId", (a) => a.petitions.get.query({ petitionId: "x" })],
    ["petitions.list: unknown status", "status", (a) => a.petitions.list.query({ orgPath: TREE.p1, status: "lost" as never })],
    ["petitions.export: year 1800", "year", (a) => a.petitions.export.mutate({ orgPath: TREE.p1, year: 1800 })],
    ["watchList.add: NUL in the title", "title", (a) => a.watchList.add.mutate({ link: { kind: "free_text", orgPath: TREE.p1 }, title: "Vụ\u0000", addedOn: "2026-10-07" })],
    ["watchList.close: 29 February 2026", "closedOn", (a) => a.watchList.close.mutate({ watchId: ID, closedOn: "2026-02-29" })],
    ["watchList.list: limit 1000", "limit", (a) => a.watchList.list.query({ orgPath: TREE.p1, limit: 1000 })],
    // The auditor's one procedure, called as an auditor (the inspector is refused before its input is read).
    ["audit.search: to before from", "to", () => h.client(as("auditor", TREE.p1)).inspection.audit.search.query({ from: "2026-11-20", to: "2026-11-01" })],
    ["audit.search: 30 February", "from", () => h.client(as("auditor", TREE.p1)).inspection.audit.search.query({ from: "2026-02-30" })],
    ["audit.search: a bell in the actor", "actor", () => h.client(as("auditor", TREE.p1)).inspection.audit.search.query({ actor: "a\u0007" })],
    // Restructuring's one procedure, called as its service account (anyone else is refused before the input is read).
    ["restructuring.rekey: a path without its slashes", "moves.0.toPath", () => rekey({ moves: [{ fromPath: TREE.p1, toPath: "03" }] })],
    ["restructuring.rekey: the same old path twice", "moves.1.fromPath", () => rekey({ moves: [{ fromPath: TREE.p1, toPath: "/03/" }, { fromPath: TREE.p1, toPath: "/04/" }] })],
    ["restructuring.rekey: a NUL in the key", "idempotencyKey", () => rekey({ idempotencyKey: "k\u0000" })],
    ["restructuring.conservation: the root as a closed path", "closedPaths.0", () => restructuringApi().restructuring.conservation.query({ paths: [TREE.p1], closedPaths: ["/"] })],
    ["restructuring.conservation: no path", "paths", () => restructuringApi().restructuring.conservation.query({ paths: [] })],
  ];
};

describe("bad input", () => {
  it("every procedure answers 400 naming the field, Vietnamese first", async () => {
    const api = h.client(INSPECTOR_HN).inspection;
    const seen: string[] = [];
    for (const [name, field, call] of cases()) {
      const f = await failure(call(api));
      expect([name, f.code], f.message).toEqual([name, "BAD_REQUEST"]);
      expect([name, f.fieldErrors.map((e) => e.path)]).toEqual([name, [field]]);
      const message = f.fieldErrors[0]!.message;
      const [vi, en] = message.split(" / ");
      expect(VIETNAMESE.test(vi ?? ""), `${name}: ${message}`).toBe(true);
      expect(en, `${name}: ${message}`).toBeTruthy();
      seen.push(name.split(":")[0]!);
    }
    // Every procedure but the stream (which takes only an optional last event id) has a case here.
    const procedures = listProcedures(appRouter).filter((p) => p.type !== "subscription").map((p) => p.path.replace(/^inspection\./, ""));
    expect([...new Set(seen)].sort()).toEqual(procedures.sort());
  });

  it("stored nothing", async () => {
    const p = h.db.prisma;
    expect(await Promise.all([p.program.count(), p.inspection.count(), p.supervision.count(), p.disciplineDecision.count(), p.appeal.count(), p.petition.count(), p.watchEntry.count(), p.outboxEvent.count()])).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
