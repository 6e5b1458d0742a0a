// Congress personnel on a real database over real HTTP: a congress per organization and term, its planned
// committee structure, the candidate list with the age rules of Chỉ thị 35-CT/TW, the result as counts
// (posting it holds the congress; idempotent by congress; audited; event `personnel.congress.held`), and
// the season the boards read (held / to hold per level). Role × scope on every procedure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CENTRAL, failure, OFFICER_HN, OFFICER_P2, ROLES, TREE, as, startHarness, type Harness } from "./harness.js";

let h: Harness;
const ids = { congress: "", commune: "", cadres: [] as string[], old: "", outsider: "", foreign: "" };
const MISSING = "0190f3a2-7c1e-7000-8000-000000000099";

beforeAll(async () => {
  h = await startHarness();
  const api = h.client(OFFICER_HN).personnel;
  // Five members of Hà Nội born 1975–1985 (years enough for a full term), one born 1966 (35 months left in
  // October 2025), one non-member.
  for (let i = 0; i < 5; i++) {
    const c = await api.cadres.create.mutate({ orgPath: TREE.p1, memberId: 9100 + i, nationalId: `00108500010${i}`, fullName: `Ứng viên ${i}`, birthDate: `${1975 + 2 * i}-03-0${i + 1}`, gender: i % 2 ? "female" : "male" });
    ids.cadres.push(c.id);
  }
  ids.old = (await api.cadres.create.mutate({ orgPath: TREE.p1, memberId: 9200, nationalId: "001066000200", fullName: "Cán bộ lớn tuổi", birthDate: "1966-05-01", gender: "male" })).id;
  ids.outsider = (await api.cadres.create.mutate({ orgPath: TREE.p1, memberId: null, nationalId: "001190000300", fullName: "Ngoài Đảng", birthDate: "1990-02-03", gender: "female" })).id;
  ids.foreign = (await h.client(OFFICER_P2).personnel.cadres.create.mutate({ orgPath: TREE.p2, memberId: 9300, nationalId: "002085000400", fullName: "Tỉnh khác", birthDate: "1985-01-01", gender: "male" })).id;
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe("a congress, its structure and candidates", () => {
  it("is planned once per organization and term, its structure checked, its candidates by the age rules", async () => {
    const api = h.client(OFFICER_HN).personnel.congress;
    const c = await api.create.mutate({ orgPath: TREE.p1, level: "provincial", termStartYear: 2025, termEndYear: 2030, plannedOn: "2025-10-15" });
    ids.congress = c.congressId;
    expect(c).toMatchObject({ orgPath: TREE.p1, level: "provincial", plannedOn: "2025-10-15", structure: null, candidates: [], result: null });
    ids.commune = (await api.create.mutate({ orgPath: TREE.c1, level: "commune", termStartYear: 2025, termEndYear: 2030, plannedOn: "2025-08-01" })).congressId;
    expect(await failure(api.create.mutate({ orgPath: TREE.p1, level: "provincial", termStartYear: 2025, termEndYear: 2030, plannedOn: "2025-10-16" }))).toMatchObject({ code: "CONFLICT" });

    const tooBig = await failure(api.setStructure.mutate({ congressId: ids.congress, committeeSize: 3, standingSize: 2, inspectionSize: 3, womenTargetPercent: 20, youngTargetPercent: 10, ethnicMinorityTarget: 0 }));
    expect(tooBig.code).toBe("BAD_REQUEST");
    expect(tooBig.fieldErrors.map((f) => f.path)).toEqual(["standingSize"]);
    expect(tooBig.message).toMatch(/standingSize: ban thường vụ không quá một phần ba .* \/ the standing committee/);
    const s = await api.setStructure.mutate({ congressId: ids.congress, committeeSize: 3, standingSize: 1, inspectionSize: 3, womenTargetPercent: 20, youngTargetPercent: 10, ethnicMinorityTarget: 0 });
    expect(s.structure).toEqual({ committeeSize: 3, standingSize: 1, inspectionSize: 3, womenTargetPercent: 20, youngTargetPercent: 10, ethnicMinorityTarget: 0 });

    for (const cadreId of ids.cadres.slice(0, 4)) await api.addCandidate.mutate({ congressId: ids.congress, cadreId, kind: "first_time" });
    const twice = await failure(api.addCandidate.mutate({ congressId: ids.congress, cadreId: ids.cadres[0]!, kind: "re_nominated" }));
    expect(twice).toMatchObject({ code: "CONFLICT" });
    expect(twice.message).toMatch(/^cán bộ đã có trong danh sách ứng cử \/ the cadre is already on the candidate list/);
    // Born May 1966, retiring May 2028: 30 months and more left in October 2025 for a re-nomination, not 60 for a first time.
    const age = await failure(api.addCandidate.mutate({ congressId: ids.congress, cadreId: ids.old, kind: "first_time" }));
    expect(age.code).toBe("CONFLICT");
    expect(age.message).toMatch(/^tham gia cấp ủy lần đầu phải đủ tuổi công tác trọn một nhiệm kỳ \(60 tháng\)/);
    const nonMember = await failure(api.addCandidate.mutate({ congressId: ids.congress, cadreId: ids.outsider, kind: "first_time" }));
    expect(nonMember.message).toMatch(/^chỉ đảng viên/);
    const withOld = await api.addCandidate.mutate({ congressId: ids.congress, cadreId: ids.old, kind: "re_nominated" });
    expect(withOld.candidates.map((k) => k.kind)).toEqual(["first_time", "first_time", "first_time", "first_time", "re_nominated"]);
    // Five names for three seats is more than 30% over: take the older cadre off again.
    const oldCandidate = withOld.candidates.find((k) => k.cadreId === ids.old)!;
    expect((await api.removeCandidate.mutate({ congressId: ids.congress, candidateId: oldCandidate.candidateId })).candidates).toHaveLength(4);

    const audit = await h.db.prisma.auditRecord.findMany({ where: { entity: { in: ["Congress", "CongressCandidate"] } } });
    expect(audit.length).toBeGreaterThanOrEqual(9);
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set([OFFICER_HN.sub]));
  });

  it("refuses bad input with a 400 naming the field, Vietnamese first", async () => {
    const api = h.client(OFFICER_HN).personnel.congress;
    const level = await failure(api.create.mutate({ orgPath: TREE.p1, level: "district" as never, termStartYear: 2030, termEndYear: 2035, plannedOn: "2030-01-01" }));
    expect(level.code).toBe("BAD_REQUEST");
    expect(level.fieldErrors.map((f) => f.path)).toEqual(["level"]);
    expect(level.fieldErrors[0]!.message).toMatch(/^phải là một trong: grassroots, commune, provincial, central_affiliated \/ must be one of/);
    const term = await failure(api.create.mutate({ orgPath: TREE.p1, level: "provincial", termStartYear: 2030, termEndYear: 2030, plannedOn: "2030-01-01" }));
    expect(term.fieldErrors.map((f) => f.path)).toEqual(["termEndYear"]);
    const size = await failure(api.setStructure.mutate({ congressId: ids.congress, committeeSize: 0, standingSize: 0, inspectionSize: 3, womenTargetPercent: 15, youngTargetPercent: 10, ethnicMinorityTarget: 0 }));
    expect(size.fieldErrors.map((f) => f.path)).toEqual(["committeeSize"]);
    const women = await failure(api.setStructure.mutate({ congressId: ids.congress, committeeSize: 15, standingSize: 5, inspectionSize: 5, womenTargetPercent: 10, youngTargetPercent: 10, ethnicMinorityTarget: 0 }));
    expect(women.fieldErrors.map((f) => f.path)).toEqual(["womenTargetPercent"]);
    const kind = await failure(api.addCandidate.mutate({ congressId: ids.congress, cadreId: ids.cadres[4]!, kind: "again" as never }));
    expect(kind.fieldErrors.map((f) => f.path)).toEqual(["kind"]);
    const votes = await failure(api.postResult.mutate({ congressId: ids.congress, heldOn: "2025-10-15", validBallots: 100, votes: [{ candidateId: ids.cadres[0]!, votes: 101 }] }));
    expect(votes.fieldErrors.map((f) => f.path)).toEqual(["votes.0.votes"]);
    const future = await failure(api.postResult.mutate({ congressId: ids.congress, heldOn: "2026-12-01", validBallots: 100, votes: [{ candidateId: ids.cadres[0]!, votes: 1 }] }));
    expect(future.fieldErrors.map((f) => f.path)).toEqual(["heldOn"]);
  });
});

describe("the result", () => {
  it("elects by more than half of the valid ballots up to the seats, holds the congress once, and replays", async () => {
    const api = h.client(OFFICER_HN).personnel.congress;
    const list = (await api.list.query({ orgPath: TREE.p1, termStartYear: 2025 })).items.find((c) => c.congressId === ids.congress)!;
    const [a, b, c, d] = list.candidates.map((k) => k.candidateId) as [string, string, string, string];
    const stranger = await failure(api.postResult.mutate({ congressId: ids.congress, heldOn: "2025-10-15", validBallots: 300, votes: [{ candidateId: a, votes: 1 }, { candidateId: b, votes: 1 }, { candidateId: c, votes: 1 }, { candidateId: MISSING, votes: 1 }] }));
    expect(stranger, JSON.stringify(stranger)).toMatchObject({ code: "CONFLICT" });
    expect(stranger.message).toMatch(/không có trong danh sách bầu cử/);
    const tie = await failure(api.postResult.mutate({ congressId: ids.congress, heldOn: "2025-10-15", validBallots: 300, votes: [{ candidateId: a, votes: 290 }, { candidateId: b, votes: 280 }, { candidateId: c, votes: 200 }, { candidateId: d, votes: 200 }] }));
    expect(tie.message).toMatch(/^nhiều người bằng phiếu/);

    const before = await h.db.prisma.outboxEvent.count({ where: { type: "personnel.congress.held" } });
    const input = { congressId: ids.congress, heldOn: "2025-10-15", validBallots: 300, votes: [{ candidateId: a, votes: 290 }, { candidateId: b, votes: 150 }, { candidateId: c, votes: 151 }, { candidateId: d, votes: 200 }] };
    const r = await api.postResult.mutate(input);
    // b has exactly half: not elected; three seats, three pass.
    expect(r.elected.map((e) => e.candidateId)).toEqual([a, d, c]);
    expect(r).toMatchObject({ seats: 3, notElected: 1, validBallots: 300, heldOn: "2025-10-15", replayed: false });
    const again = await api.postResult.mutate(input);
    expect(again).toEqual({ ...r, replayed: true });
    const other = await failure(api.postResult.mutate({ ...input, validBallots: 301 }));
    expect(other).toMatchObject({ code: "CONFLICT" });
    expect(other.message).toMatch(/^đại hội đã công bố một kết quả khác/);
    expect((await failure(api.addCandidate.mutate({ congressId: ids.congress, cadreId: ids.cadres[4]!, kind: "first_time" }))).message).toMatch(/^đại hội đã công bố/);

    const events = await h.db.prisma.outboxEvent.findMany({ where: { type: "personnel.congress.held" }, orderBy: { id: "asc" } });
    expect(events.length - before).toBe(1);
    expect(events.at(-1)!.payload).toEqual({ congressId: ids.congress, level: "provincial", termStartYear: 2025, heldOn: "2025-10-15", seats: 3, candidates: 4, elected: 3 });
    const audits = await h.db.prisma.auditRecord.findMany({ where: { entity: "Congress", entityId: ids.congress, action: "personnel.congress.manage" } });
    expect(audits.filter((x) => (x.after as { validBallots?: number } | null)?.validBallots === 300)).toHaveLength(1);
    const shown = (await api.list.query({ orgPath: TREE.p1, termStartYear: 2025 })).items.find((x) => x.congressId === ids.congress)!;
    expect(shown.result).toEqual({ heldOn: "2025-10-15", validBallots: 300, elected: 3 });
    expect(shown.candidates.find((k) => k.candidateId === b)).toMatchObject({ votes: 150, elected: false });
  });

  it("counts the season per level for the boards: held and to hold", async () => {
    const season = await h.client(CENTRAL).personnel.congress.season.query({ orgPath: "/", termStartYear: 2025 });
    expect(season).toMatchObject({ termStartYear: 2025, held: 1, toHold: 1 });
    expect(season.levels).toEqual([
      { level: "grassroots", held: 0, toHold: 0 },
      { level: "commune", held: 0, toHold: 1 },
      { level: "provincial", held: 1, toHold: 0 },
      { level: "central_affiliated", held: 0, toHold: 0 },
    ]);
    expect(await h.client(as("provincial_board", TREE.p1)).personnel.congress.season.query({ orgPath: TREE.g1, termStartYear: 2025 })).toMatchObject({ held: 0, toHold: 1 });
    // The other province's board sees nothing of Hà Nội.
    expect(await h.client(as("provincial_board", TREE.p2)).personnel.congress.season.query({ orgPath: TREE.p1, termStartYear: 2025 })).toMatchObject({ held: 0, toHold: 0 });
    expect(await h.client(CENTRAL).personnel.congress.season.query({ orgPath: "/", termStartYear: 2030 })).toMatchObject({ held: 0, toHold: 0 });
  });
});

describe("role × scope", () => {
  it("lets only the personnel officer in scope manage and list; the boards read the season only; outside the scope is NOT_FOUND", async () => {
    const managing = (role: Parameters<typeof as>[0], path: string) => {
      const api = h.client(as(role, path)).personnel.congress;
      return [
        () => api.create.mutate({ orgPath: TREE.k1, level: "grassroots", termStartYear: 2025, termEndYear: 2030, plannedOn: "2025-05-01" }),
        () => api.list.query({ orgPath: TREE.p1 }),
        () => api.setStructure.mutate({ congressId: ids.commune, committeeSize: 9, standingSize: 3, inspectionSize: 3, womenTargetPercent: 15, youngTargetPercent: 10, ethnicMinorityTarget: 0 }),
        () => api.addCandidate.mutate({ congressId: ids.commune, cadreId: ids.cadres[4]!, kind: "first_time" }),
        () => api.removeCandidate.mutate({ congressId: ids.commune, candidateId: MISSING }),
        () => api.postResult.mutate({ congressId: ids.commune, heldOn: "2025-08-01", validBallots: 10, votes: [{ candidateId: MISSING, votes: 1 }] }),
      ];
    };
    for (const role of ROLES.filter((r) => r !== "personnel_officer")) {
      for (const call of managing(role, "/")) expect((await failure(call())).code, role).toBe("FORBIDDEN");
    }
    for (const role of ["viewer", "inspection_committee", "auditor", "conference_operator", "site_operator"] as const) {
      expect((await failure(h.client(as(role, "/")).personnel.congress.season.query({ orgPath: "/", termStartYear: 2025 }))).code, role).toBe("FORBIDDEN");
    }
    expect((await failure(h.client(as("service", "/")).personnel.congress.season.query({ orgPath: "/", termStartYear: 2025 }))).code).toBe("FORBIDDEN");
    expect((await failure(h.client(null).personnel.congress.season.query({ orgPath: "/", termStartYear: 2025 }))).code).toBe("UNAUTHORIZED");

    // The other province's officer: Hà Nội's congress answers exactly like a missing one.
    const p2 = h.client(OFFICER_P2).personnel.congress;
    const foreign = await failure(p2.setStructure.mutate({ congressId: ids.commune, committeeSize: 9, standingSize: 3, inspectionSize: 3, womenTargetPercent: 15, youngTargetPercent: 10, ethnicMinorityTarget: 0 }));
    const missing = await failure(p2.setStructure.mutate({ congressId: MISSING, committeeSize: 9, standingSize: 3, inspectionSize: 3, womenTargetPercent: 15, youngTargetPercent: 10, ethnicMinorityTarget: 0 }));
    expect(foreign).toEqual(missing);
    expect(foreign.code).toBe("NOT_FOUND");
    expect((await failure(p2.postResult.mutate({ congressId: ids.congress, heldOn: "2025-10-15", validBallots: 300, votes: [{ candidateId: MISSING, votes: 1 }] }))).code).toBe("NOT_FOUND");
    expect((await failure(p2.create.mutate({ orgPath: TREE.p1, level: "provincial", termStartYear: 2035, termEndYear: 2040, plannedOn: "2035-01-01" }))).code).toBe("NOT_FOUND");
    expect((await p2.list.query({ orgPath: TREE.p1 })).items).toEqual([]);
    // Hà Nội's officer cannot put the other province's cadre on Hà Nội's list: NOT_FOUND, as if missing.
    expect((await failure(h.client(OFFICER_HN).personnel.congress.addCandidate.mutate({ congressId: ids.commune, cadreId: ids.foreign, kind: "first_time" }))).code).toBe("NOT_FOUND");
    // An officer of a commune below cannot touch the provincial congress.
    expect((await failure(h.client(as("personnel_officer", TREE.c1)).personnel.congress.postResult.mutate({ congressId: ids.congress, heldOn: "2025-10-15", validBallots: 300, votes: [{ candidateId: MISSING, votes: 1 }] }))).code).toBe("NOT_FOUND");
  });
});
