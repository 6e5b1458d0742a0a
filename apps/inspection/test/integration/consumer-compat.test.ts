// Clients and consumers built against a recorded contract keep working against this service (decision
// 0006): every procedure's live answer over real HTTP, and every event payload the service wrote, validated
// against the output schemas of each recorded snapshot of the current major version.
import path from "node:path";
import { formatAnswerErrors, olderCompatibleSnapshots, validateAgainstSnapshot } from "@orgboard/contract-gate";
import { inspectionContract } from "@orgboard/contract-inspection";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disciplineInput, inspectionInput, programInput, supervisionInput } from "./fixtures.js";
import { as, INSPECTOR_HN, startHarness, TREE, type Harness } from "./harness.js";

const CONTRACT_DIR = path.resolve(import.meta.dirname, "../../../../packages/contract-inspection");
const compatible = olderCompatibleSnapshots(CONTRACT_DIR, inspectionContract);

let h: Harness;
/** procedure path → the live answers it gave */
const answers = new Map<string, unknown[]>();
const keep = <T>(procedure: string, answer: T): T => {
  answers.set(`inspection.${procedure}`, [...(answers.get(`inspection.${procedure}`) ?? []), answer]);
  return answer;
};

beforeAll(async () => {
  h = await startHarness();
  const api = h.client(INSPECTOR_HN).inspection;
  const { hn1, hn2 } = h.members;
  const program = keep("programs.create", await api.programs.create.mutate(programInput(hn1)));
  keep("programs.completeItem", await api.programs.completeItem.mutate({ itemId: program.items[0]!.id, completedOn: "2026-05-01" }));
  keep("programs.get", await api.programs.get.query({ programId: program.id }));
  keep("programs.list", await api.programs.list.query({}));
  const i = keep("inspections.decide", await api.inspections.decide.mutate(inspectionInput(hn1)));
  keep("inspections.start", await api.inspections.start.mutate({ inspectionId: i.id, startedOn: "2026-03-10" }));
  keep("inspections.conclude", await api.inspections.conclude.mutate({ inspectionId: i.id, concludedOn: "2026-05-20", violation: true, degree: "serious", disciplineProposed: "warning", findings: "Vi phạm" }));
  keep("inspections.get", await api.inspections.get.query({ inspectionId: i.id }));
  keep("inspections.list", await api.inspections.list.query({}));
  const s = keep("supervisions.decide", await api.supervisions.decide.mutate(supervisionInput()));
  keep("supervisions.conclude", await api.supervisions.conclude.mutate({ supervisionId: s.id, concludedOn: "2026-07-01", signsOfViolation: true, findings: "Dấu hiệu", inspection: { decisionNumber: "9", content: "Kiểm tra" } }));
  keep("supervisions.get", await api.supervisions.get.query({ supervisionId: s.id }));
  keep("supervisions.list", await api.supervisions.list.query({}));
  const d = keep("discipline.decide", await api.discipline.decide.mutate(disciplineInput(hn2, { form: "warning", degree: "serious", inspectionId: undefined, decisionNumber: "D-1" })));
  await api.discipline.decide.mutate(disciplineInput(hn1, { decisionNumber: "D-2", inspectionId: i.id, form: "warning", degree: "serious" }));
  const a = keep("discipline.lodgeAppeal", await api.discipline.lodgeAppeal.mutate({ decisionId: d.id, lodgedOn: "2026-10-20", content: "Khiếu nại" }));
  keep("discipline.decideAppeal", await api.discipline.decideAppeal.mutate({ appealId: a.id, decidedOn: "2026-11-10", outcome: "annulled", decidedByOrgPath: TREE.p1, decisionNumber: "A-1" }));
  keep("discipline.get", await api.discipline.get.query({ decisionId: d.id }));
  keep("discipline.list", await api.discipline.list.query({}));
  // An effect membership refused (1.2 records resolveEffect): set as membership's answer would set it, since
  // this test does not follow membership's stream.
  const refused = await api.discipline.decide.mutate(disciplineInput(hn1, { decisionNumber: "D-3", inspectionId: undefined }));
  await h.db.prisma.disciplineDecision.update({ where: { id: refused.id }, data: { effectStatus: "refused", effectReason: "member_not_active", effectMessage: "Đảng viên không còn sinh hoạt / the member is not active" } });
  keep("discipline.resolveEffect", await api.discipline.resolveEffect.mutate({ decisionId: refused.id, note: "Đã đối chiếu với hồ sơ đảng viên" }));
  keep("cases.listForSubject", await api.cases.listForSubject.query({ subject: { kind: "member", memberId: hn1 } }));
  keep("report.annual", await h.client(as("provincial_board", TREE.p1)).inspection.report.annual.query({ orgPath: TREE.p1, year: 2026 }));
  // Petitions (a named denunciation through its whole life, an anonymous one) and the watch list (1.1).
  const receive = (anonymous: boolean) =>
    api.petitions.receive.mutate({
      kind: "denunciation",
      subject: { kind: "member", memberId: hn1 },
      receivedOn: "2026-10-05",
      content: "Tố cáo.",
      anonymous,
      handlerOrgPath: TREE.p1,
      level: "provincial",
      petitioner: anonymous ? null : { name: "Người Tố Cáo", nationalId: "001190045678", address: null, contact: null },
    });
  const p = keep("petitions.receive", await receive(false));
  keep("petitions.receive", await receive(true));
  const assigned = { sub: "compat-assignee", roles: ["inspection_committee" as const], orgPaths: [TREE.p1] };
  keep("petitions.assign", await api.petitions.assign.mutate({ petitionId: p.id, inspectors: [{ userId: assigned.sub, name: "Kiểm tra viên" }] }));
  keep("petitions.get", await h.client(assigned).inspection.petitions.get.query({ petitionId: p.id }));
  keep("petitions.start", await api.petitions.start.mutate({ petitionId: p.id, startedOn: "2026-10-06" }));
  keep("petitions.extend", await api.petitions.extend.mutate({ petitionId: p.id, extendedOn: "2026-11-20", reason: "Cần xác minh thêm" }));
  keep("petitions.settle", await api.petitions.settle.mutate({ petitionId: p.id, settledOn: "2026-11-20", outcome: "founded", conclusion: "Đúng" }));
  keep("petitions.get", await api.petitions.get.query({ petitionId: p.id }));
  keep("petitions.list", await api.petitions.list.query({ orgPath: TREE.p1 }));
  keep("petitions.export", await api.petitions.export.mutate({ orgPath: TREE.p1 }));
  const w = keep("watchList.add", await api.watchList.add.mutate({ link: { kind: "petition", petitionId: p.id }, title: "Theo dõi", addedOn: "2026-10-07" }));
  keep("watchList.close", await api.watchList.close.mutate({ watchId: w.id, closedOn: "2026-11-20" }));
  keep("watchList.list", await api.watchList.list.query({ orgPath: TREE.p1 }));
  // The audit trail (1.2), as an auditor of /01/ reads it: records of everything above.
  keep("audit.search", await h.client(as("auditor", TREE.p1)).inspection.audit.search.query({ limit: 50 }));
  // Restructuring's scope-key rewrite (1.4), as its service account calls it, last: it moves nothing above
  // (a path no record holds), so the answers kept before stay as they were.
  const restructuring = { sub: "service-account-restructuring", roles: ["service" as const], orgPaths: ["/"], azp: "restructuring" };
  keep("restructuring.rekey", await h.client(restructuring).inspection.restructuring.rekey.mutate({ idempotencyKey: "compat-1", effectiveOn: "2025-07-01", moves: [{ fromPath: "/99/", toPath: "/98/" }] }));
  keep("restructuring.conservation", await h.client(restructuring).inspection.restructuring.conservation.query({ paths: [TREE.p1], closedPaths: ["/99/"] }));
});
afterAll(() => h?.close());

describe("consumers of the recorded contract", () => {
  it("has the current version among the recorded ones", () => {
    expect(compatible.map((s) => s.version)).toContain(inspectionContract.version);
  });

  it.each(compatible.map((s) => [s.version, s] as const))("a client built against %s accepts every procedure's live answer", (_v, snapshot) => {
    const queriesAndMutations = Object.entries(snapshot.procedures).filter(([, p]) => p.kind !== "subscription").map(([name]) => name);
    for (const name of queriesAndMutations) {
      const live = answers.get(name);
      expect(live, `no live answer of ${name} in this test`).toBeDefined();
      for (const answer of live!) expect(formatAnswerErrors(validateAgainstSnapshot(snapshot, name, answer)), name).toEqual([]);
    }
  });

  it.each(compatible.map((s) => [s.version, s] as const))("a consumer built against %s accepts every event payload written", async (_v, snapshot) => {
    const events = await h.db.prisma.outboxEvent.findMany();
    expect(new Set(events.map((e) => e.type)).size).toBeGreaterThanOrEqual(8);
    // An event type added after the consumer's version is one it does not read (new types are compatible,
    // decision 0006); every type it knows must still validate. The current version knows them all.
    const known = events.filter((e) => e.type in snapshot.events);
    if (snapshot.version === inspectionContract.version) expect(known.length).toBe(events.length);
    for (const e of known) expect(formatAnswerErrors(validateAgainstSnapshot(snapshot, e.type, e.payload)), e.type).toEqual([]);
  });
});
