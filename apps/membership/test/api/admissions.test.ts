// membership.admissions.*: candidates, admission, the end of probation.
import { describe, expect, it } from "vitest";
import { TREE, nationalId } from "./fixtures.js";
import { as, board, expectError, expectNoWrites, expectRecorded, expectSecurity, treeSuite } from "./harness.js";

let introducer: number;
const suite = treeSuite({
  seed: async ({ fx }) => {
    introducer = await fx.member(TREE.c1, { fullName: "Trần Văn Giới", admittedOn: "2000-01-01" });
  },
});
const { hanoi } = suite;

function admitInput(candidateId: number) {
  return {
    candidateId,
    considerationDate: "2026-10-10",
    admittedOn: "2026-10-20",
    decisionNumber: "123-QĐ/ĐU",
    decisionReceivedOn: "2026-10-15",
    hasLowerSecondaryDiploma: true,
    introductions: [{ kind: "member" as const, memberId: introducer, workedTogetherSince: "2020-01-01" }, { kind: "youth_union" as const }],
    cellVote: { inFavor: 3, officialMembers: 4 },
  };
}

describe("admissions.registerCandidate", () => {
  const input = () => ({
    orgPath: TREE.c1,
    fullName: "Lê Thị Hương",
    birthDate: "2001-02-14",
    gender: "female" as const,
    ethnicity: "Kinh",
    nationalId: nationalId(2001, "female"),
    courseCompletedOn: "2026-05-20",
    courseCertificateNo: "GCN-2026-115",
  });
  it("registers a candidate with the course certificate", async () => {
    const r = await expectRecorded(suite.h, () => hanoi().membership.admissions.registerCandidate.mutate(input()), {
      action: "membership.admissions.manage",
      events: ["membership.candidate.registered"],
    });
    expect(r.result).toMatchObject({ orgPath: TREE.c1, status: "candidate", courseValidUntil: "2031-05-20" });
  });
  it("refuses a wrong national ID, an expired course, a non-cell, and a person already registered", async () => {
    const ok = input();
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.registerCandidate.mutate({ ...ok, nationalId: nationalId(2001, "male") }), "BAD_REQUEST", "nationalId");
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.registerCandidate.mutate({ ...ok, courseCompletedOn: "2020-01-01" }), "BAD_REQUEST", "courseCompletedOn");
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.registerCandidate.mutate({ ...ok, orgPath: TREE.p1 }), "BAD_REQUEST", "orgPath");
    await hanoi().membership.admissions.registerCandidate.mutate(ok);
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.registerCandidate.mutate(ok), "CONFLICT", "nationalId");
  });
  it("checks the certificate on the date of the act: a 2023 candidate whose certificate was valid in 2023 is accepted (#10 finding 3)", async () => {
    const past = { ...input(), nationalId: nationalId(2001, "female"), courseCompletedOn: "2019-01-10" };
    // Expired by today (valid until 10/01/2024), so without the registration date it is refused …
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.registerCandidate.mutate(past), "BAD_REQUEST", "courseCompletedOn");
    // … and registered on 01/06/2023, when it was valid, it stands.
    const r = await hanoi().membership.admissions.registerCandidate.mutate({ ...past, registeredOn: "2023-06-01" });
    expect(r).toMatchObject({ status: "candidate", courseValidUntil: "2024-01-10" });
    // Today still bounds the future, and the certificate must precede the registration.
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.registerCandidate.mutate({ ...input(), registeredOn: "2027-01-01" }), "BAD_REQUEST", "registeredOn");
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.registerCandidate.mutate({ ...input(), registeredOn: "2026-01-01" }), "BAD_REQUEST", "courseCompletedOn");
  });
  it("takes the cell as it was on the registration date: a cell closed since still registers its 2023 candidate", async () => {
    await suite.fx.org("/01/01-G1/01-CX/", "subordinate_cell", "Chi bộ Tổ dân phố cũ", { openedOn: "2000-01-01", closedOn: "2024-12-31" });
    const past = { ...input(), orgPath: "/01/01-G1/01-CX/", nationalId: nationalId(2001, "female"), courseCompletedOn: "2022-05-01" };
    expect(await hanoi().membership.admissions.registerCandidate.mutate({ ...past, registeredOn: "2023-06-01" })).toMatchObject({ status: "candidate" });
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.registerCandidate.mutate({ ...past, nationalId: nationalId(2001, "female"), registeredOn: "2025-02-01" }), "CONFLICT", "orgPath");
  });
  it("is for boards in their own cells", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.admissions.registerCandidate.mutate(input()), wrongRole: as("personnel_officer", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("admissions.admit", () => {
  it("admits a candidate as a probationary member for 12 months", async () => {
    const cid = await suite.fx.candidate(TREE.c1);
    const r = await expectRecorded(suite.h, () => hanoi().membership.admissions.admit.mutate(admitInput(cid)), {
      action: "membership.admissions.manage",
      events: ["membership.admission.approved"],
    });
    expect(r.result).toMatchObject({ status: "probationary", admittedOn: "2026-10-20", probationEndsOn: "2027-10-20", orgPath: TREE.c1 });
    expect(r.events[0]).toMatchObject({ org_path: TREE.c1, payload: { admittedOn: "2026-10-20", memberId: r.result.id, candidateId: cid } });
    expect(await suite.fx.count("admission_candidate", "id = $1 AND status = 'admitted'", [cid])).toBe(1);
    expect(await suite.fx.count("membership_period", "member_id = $1 AND start_reason = 'admission' AND ended_on IS NULL", [r.result.id])).toBe(1);
    // Counted in the year's admissions at once (trigger-maintained counters).
    const report = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: 2026 });
    expect(report.admissions.count).toBe(1);
  });
  it("names every broken admission rule and writes nothing", async () => {
    const cid = await suite.fx.candidate(TREE.c1, { birthDate: "2009-01-01" });
    const { data } = await expectError(hanoi().membership.admissions.admit.mutate({ ...admitInput(cid), cellVote: { inFavor: 2, officialMembers: 4 } }), "BAD_REQUEST", "cellVote.inFavor");
    expect(data.fieldErrors!.map((f) => f.path)).toContain("candidate.birthDate");
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.admit.mutate({ ...admitInput(cid), introductions: [{ kind: "youth_union" }] }), "BAD_REQUEST", "introductions");
    const ok = await suite.fx.candidate(TREE.c1);
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.admit.mutate({ ...admitInput(ok), decisionReceivedOn: "2026-06-01" }), "BAD_REQUEST", "admittedOn");
    await hanoi().membership.admissions.admit.mutate(admitInput(ok));
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.admit.mutate(admitInput(ok)), "CONFLICT", "candidateId");
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.admit.mutate(admitInput(987654)), "NOT_FOUND", "candidateId");
  });
  it("stores the admission decision date, checked against the vote, the receipt and the ceremony (#10 finding 4)", async () => {
    const cid = await suite.fx.candidate(TREE.c1);
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.admit.mutate({ ...admitInput(cid), decidedOn: "2026-10-16" }), "BAD_REQUEST", "decidedOn");
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.admit.mutate({ ...admitInput(cid), decidedOn: "2026-10-01" }), "BAD_REQUEST", "decidedOn");
    const r = await hanoi().membership.admissions.admit.mutate({ ...admitInput(cid), decidedOn: "2026-10-12" });
    const { rows } = await suite.h.db.query<{ decided_on: string }>(`SELECT decided_on FROM admission WHERE member_id = $1`, [r.id]);
    expect(rows[0]!.decided_on).toBe("2026-10-12");
  });
  it("counts party age from the decision date, not the ceremony (docs/kpis.md)", async () => {
    // Ceremony 20/12/1996, decision 15/11/1996: 30 years of party age on 15/11/2026, not 20/12/2026.
    const id = await suite.fx.member(TREE.c2, { admittedOn: "1996-12-20", fullName: "Đỗ Văn Tuổi" });
    await suite.h.db.query(`INSERT INTO admission (member_id, org_id, org_path, decided_on, admitted_on, probation_ends_on, outcome, outcome_on) VALUES ($1, $2, $3, '1996-11-15', '1996-12-20', '1997-12-20', 'recognized', '1997-12-20')`, [id, suite.fx.orgId(TREE.c2), TREE.c2]);
    const eligible = await hanoi().membership.badges.eligible.query({ orgPath: TREE.c2, on: "2026-11-20" });
    expect(eligible.items.find((b) => b.memberId === id)).toMatchObject({ years: 30, reachedOn: "2026-11-15" });
  });
  it("is for boards of the candidate's province", async () => {
    const cid = await suite.fx.candidate(TREE.c1);
    await expectSecurity({ h: suite.h, call: (c) => c.membership.admissions.admit.mutate(admitInput(cid)), wrongRole: as("viewer", TREE.p1), otherProvince: board(TREE.p2) });
    expect(await suite.fx.count("admission_candidate", "id = $1 AND status = 'candidate'", [cid])).toBe(1);
  });
});

describe("admissions.recognize", () => {
  it("recognizes a member as official on the day probation ends", async () => {
    const id = await suite.fx.member(TREE.c2, { status: "probationary", admittedOn: "2025-06-01" });
    const r = await expectRecorded(
      suite.h,
      () => hanoi().membership.admissions.recognize.mutate({ memberId: id, outcome: "recognized", decidedOn: "2026-07-01", newMemberCourseCompletedOn: "2025-09-01", cellVote: { inFavor: 4, officialMembers: 5 } }),
      { action: "membership.admissions.manage", events: ["membership.admission.recognized"] },
    );
    expect(r.result).toMatchObject({ status: "official", officialOn: "2026-06-01", late: false });
  });
  it("not recognized: struck off the list, membership ended, history kept", async () => {
    const id = await suite.fx.member(TREE.c2, { status: "probationary", admittedOn: "2025-06-01" });
    const r = await expectRecorded(suite.h, () => hanoi().membership.admissions.recognize.mutate({ memberId: id, outcome: "not_recognized", decidedOn: "2026-07-01", reason: "Vi phạm tư cách đảng viên" }), {
      action: "membership.admissions.manage",
      events: ["membership.admission.not_recognized"],
    });
    expect(r.result).toMatchObject({ status: "removed", leftOn: "2026-07-01" });
    const hist = await hanoi().membership.members.history.query({ id });
    expect(hist.removal).toMatchObject({ kind: "struck_off", removedOn: "2026-07-01" });
    expect(hist.periods[0]).toMatchObject({ endedOn: "2026-07-01", endReason: "removal" });
  });
  it("refuses an early decision, a missing course, and a member who is not probationary", async () => {
    const id = await suite.fx.member(TREE.c2, { status: "probationary", admittedOn: "2026-03-01" });
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.recognize.mutate({ memberId: id, outcome: "recognized", decidedOn: "2026-11-01", newMemberCourseCompletedOn: "2026-05-01", cellVote: { inFavor: 4, officialMembers: 5 } }), "BAD_REQUEST", "decidedOn");
    const due = await suite.fx.member(TREE.c2, { status: "probationary", admittedOn: "2025-06-01" });
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.recognize.mutate({ memberId: due, outcome: "recognized", decidedOn: "2026-07-01", cellVote: { inFavor: 4, officialMembers: 5 } }), "BAD_REQUEST", "newMemberCourseCompletedOn");
    await expectNoWrites(suite.h, () => hanoi().membership.admissions.recognize.mutate({ memberId: introducer, outcome: "recognized", decidedOn: "2026-07-01" }), "CONFLICT", "memberId");
  });
  it("is for boards of the member's province", async () => {
    const id = await suite.fx.member(TREE.c2, { status: "probationary", admittedOn: "2025-06-01" });
    const input = { memberId: id, outcome: "not_recognized" as const, decidedOn: "2026-07-01", reason: "x" };
    await expectSecurity({ h: suite.h, call: (c) => c.membership.admissions.recognize.mutate(input), wrongRole: as("inspection_committee", TREE.p1), otherProvince: board(TREE.p2) });
  });
});

describe("admissions.overdue", () => {
  it("lists probations past their end without a decision, overdue first", async () => {
    await suite.fx.member(TREE.k1, { fullName: "Quá Hạn", status: "probationary", admittedOn: "2025-01-10" });
    await suite.fx.member(TREE.k1, { fullName: "Chờ Xét", status: "probationary", admittedOn: "2025-11-01" });
    await suite.fx.member(TREE.k1, { fullName: "Đang Dự Bị", status: "probationary", admittedOn: "2026-02-01" });
    const all = await hanoi().membership.admissions.overdue.query({ orgPath: TREE.k1 });
    expect(all.items.map((i) => [i.fullName, i.stage, i.dueOn])).toEqual([
      ["Quá Hạn", "overdue", "2026-01-10"],
      ["Chờ Xét", "awaiting_decision", "2026-11-01"],
    ]);
    const overdue = await hanoi().membership.admissions.overdue.query({ orgPath: TREE.k1, onlyOverdue: true });
    expect(overdue.items.map((i) => i.fullName)).toEqual(["Quá Hạn"]);
    const page = await hanoi().membership.admissions.overdue.query({ orgPath: TREE.k1, limit: 1 });
    const next = await hanoi().membership.admissions.overdue.query({ orgPath: TREE.k1, limit: 1, cursor: page.nextCursor });
    expect([...page.items, ...next.items].map((i) => i.fullName)).toEqual(["Quá Hạn", "Chờ Xét"]);
  });
  it("names a bad date", async () => {
    await expectError(hanoi().membership.admissions.overdue.query({ asOf: "20/11/2026" }), "BAD_REQUEST", "asOf");
  });
  it("never lists another province's members", async () => {
    await expectSecurity({ h: suite.h, call: (c) => c.membership.admissions.overdue.query({ orgPath: TREE.p1 }), wrongRole: as("conference_operator", TREE.p1), otherProvince: as("viewer", TREE.p2) });
    const theirs = await suite.h.client(as("viewer", TREE.p2)).membership.admissions.overdue.query({});
    expect(theirs.items).toEqual([]);
  });
});
