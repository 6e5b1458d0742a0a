// The personnel API on a real database, over real HTTP, consulting real membership and inspection
// services: cadre files (audited reads), posts, planning pools, confidence votes, political-standard
// conclusions, and a warning decided in inspection taking the cadre out of planning and appointment for
// the rules' period, exactly once across a restart; a death recorded in membership ending the cadre's posts
// and pool entries, exactly once across a restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventEnvelope } from "@orgboard/contracts";
import { consumeEventStream } from "@orgboard/events";
import { handleInspectionEvents } from "../../src/app/inspection-effects.js";
import { handleMembershipEvents } from "../../src/app/membership-effects.js";
import { CENTRAL, failure, OFFICER_HN, OFFICER_P2, ROLES, TREE, as, startHarness, warningInput, type Harness } from "./harness.js";

let h: Harness;
const ids = { hn1: "", hn2: "", outsider: "", secretary: "", deputy: "", chair: "", holdingHn1: "", entryHn1: "" };

beforeAll(async () => {
  h = await startHarness();
  const api = h.client(OFFICER_HN).personnel;
  ids.hn1 = (await api.cadres.create.mutate({ orgPath: TREE.p1, memberId: h.members.hn1, nationalId: "001080000001", fullName: "Nguyễn Văn An", birthDate: "1980-05-01", gender: "male" })).id;
  ids.hn2 = (await api.cadres.create.mutate({ orgPath: TREE.p1, memberId: h.members.hn2, nationalId: "001180000002", fullName: "Trần Thị Bình", birthDate: "1980-05-01", gender: "female", ethnicMinority: true })).id;
  ids.outsider = (await api.cadres.create.mutate({ orgPath: TREE.p1, memberId: null, nationalId: "001190000009", fullName: "Phạm Thị Dung", birthDate: "1990-02-03", gender: "female" })).id;
  const post = (title: string, over: Record<string, unknown> = {}) => api.posts.create.mutate({ orgPath: TREE.p1, title, kind: "leadership", body: "party", termStartYear: 2025, termEndYear: 2030, ...over });
  ids.secretary = (await post("Phó Bí thư Thành ủy")).id;
  ids.deputy = (await post("Trưởng Ban Tổ chức Thành ủy")).id;
  ids.chair = (await post("Phó Chủ tịch UBND Thành phố", { body: "state", membersOnly: false })).id;
  await post("Ủy viên Ban Thường vụ", { kind: "committee_seat", committee: "standing_committee", termStartYear: 2030, termEndYear: 2035 });
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe("cadre files", () => {
  it("are read only by the personnel officer in scope, every read audited; others learn nothing", async () => {
    const got = await h.client(OFFICER_HN).personnel.cadres.get.query({ cadreId: ids.hn1 });
    expect(got).toMatchObject({ fullName: "Nguyễn Văn An", memberId: h.members.hn1, holdings: [], pool: [], bars: [] });
    const list = await h.client(OFFICER_HN).personnel.cadres.list.query({ orgPath: TREE.p1 });
    expect(list.items.map((c) => c.id).sort()).toEqual([ids.hn1, ids.hn2, ids.outsider].sort());
    const reads = await h.db.prisma.auditRecord.findMany({ where: { kind: "read", entity: "Cadre", entityId: ids.hn1 }, orderBy: { id: "asc" } });
    expect(reads.map((r) => [r.actor, r.action, r.after])).toEqual([
      [OFFICER_HN.sub, "personnel.cadres.read", { read: "get" }],
      [OFFICER_HN.sub, "personnel.cadres.read", { read: "list" }],
    ]);

    // role × scope: every other role is refused; the other province's officer gets the one NOT_FOUND.
    for (const role of ROLES.filter((r) => r !== "personnel_officer")) {
      expect((await failure(h.client(as(role, TREE.p1)).personnel.cadres.get.query({ cadreId: ids.hn1 }))).code, role).toBe("FORBIDDEN");
      expect((await failure(h.client(as(role, TREE.p1)).personnel.cadres.list.query({}))).code, role).toBe("FORBIDDEN");
    }
    expect((await failure(h.client(as("service", "/")).personnel.cadres.get.query({ cadreId: ids.hn1 }))).code).toBe("FORBIDDEN");
    expect((await failure(h.client(null).personnel.cadres.get.query({ cadreId: ids.hn1 }))).code).toBe("UNAUTHORIZED");
    const foreign = await failure(h.client(OFFICER_P2).personnel.cadres.get.query({ cadreId: ids.hn1 }));
    const missing = await failure(h.client(OFFICER_P2).personnel.cadres.get.query({ cadreId: "0190f3a2-7c1e-7000-8000-000000000099" }));
    expect(foreign).toEqual(missing);
    expect(foreign.code).toBe("NOT_FOUND");
    expect((await h.client(OFFICER_P2).personnel.cadres.list.query({ orgPath: TREE.p1 })).items).toEqual([]);
    expect((await failure(h.client(OFFICER_P2).personnel.cadres.create.mutate({ orgPath: TREE.p1, memberId: null, nationalId: "001190000010", fullName: "X", birthDate: "1990-01-01", gender: "male" }))).code).toBe("NOT_FOUND");
  });

  it("refuses bad input with a 400 naming the field, and a second file for one national ID", async () => {
    const api = h.client(OFFICER_HN).personnel;
    const base = { orgPath: TREE.p1, memberId: null, nationalId: "001190000011", fullName: "Lê Văn Em", birthDate: "1991-01-01", gender: "male" as const };
    const cases: [Record<string, unknown>, string][] = [
      [{ nationalId: "12345" }, "nationalId"],
      [{ birthDate: "1991-02-30" }, "birthDate"],
      [{ birthDate: "2030-01-01" }, "birthDate"],
      [{ gender: "x" }, "gender"],
      [{ fullName: "a\u0000b" }, "fullName"],
      [{ orgPath: "/01/../" }, "orgPath"],
      [{ memberId: -3 }, "memberId"],
    ];
    for (const [over, field] of cases) {
      const f = await failure(api.cadres.create.mutate({ ...base, ...over }));
      expect(f.code, field).toBe("BAD_REQUEST");
      expect(f.fieldErrors.map((e) => e.path), field).toEqual([field]);
      expect(f.fieldErrors[0]!.message, field).toMatch(/ \/ /);
    }
    expect((await failure(api.cadres.create.mutate({ ...base, nationalId: "001080000001" }))).code).toBe("CONFLICT");
    const post = await failure(api.posts.create.mutate({ orgPath: TREE.p1, title: "Bí thư", kind: "committee_seat", body: "party", termStartYear: 2025, termEndYear: 2030 }));
    expect(post.fieldErrors.map((e) => e.path)).toEqual(["committee"]);
    expect((await failure(api.cadres.get.query({ cadreId: "nope" }))).fieldErrors.map((e) => e.path)).toEqual(["cadreId"]);
  });
});

describe("posts and planning", () => {
  it("appoints a member, plans by the rules, and counts coverage and structure for the boards", async () => {
    const api = h.client(OFFICER_HN).personnel;
    const post = await api.posts.appoint.mutate({ postId: ids.secretary, cadreId: ids.hn1, startedOn: "2025-10-20" });
    expect(post.holderCadreId).toBe(ids.hn1);
    ids.holdingHn1 = (await api.cadres.get.query({ cadreId: ids.hn1 })).holdings[0]!.assignmentId;
    expect((await failure(api.posts.appoint.mutate({ postId: ids.secretary, cadreId: ids.hn2, startedOn: "2025-10-20" }))).code).toBe("CONFLICT");
    // A non-member may hold the state post, not the party one.
    expect((await failure(api.posts.appoint.mutate({ postId: ids.deputy, cadreId: ids.outsider, startedOn: "2025-10-20" }))).message).toMatch(/đảng viên/);
    await api.posts.appoint.mutate({ postId: ids.chair, cadreId: ids.outsider, startedOn: "2025-10-20" });

    const entry = await api.planning.addCandidate.mutate({ postId: ids.deputy, cadreId: ids.hn1, addedOn: "2026-01-15" });
    ids.entryHn1 = entry.entryId;
    await api.planning.addCandidate.mutate({ postId: ids.deputy, cadreId: ids.hn2, addedOn: "2026-01-15" });
    const twice = await failure(api.planning.addCandidate.mutate({ postId: ids.deputy, cadreId: ids.hn1, addedOn: "2026-01-15" }));
    expect(twice).toMatchObject({ code: "CONFLICT" });
    expect(twice.message).toMatch(/đã có trong quy hoạch .* \/ the cadre is already planned/);

    const cov = await h.client(CENTRAL).personnel.planning.coverage.query({ orgPath: TREE.p1, termStartYear: 2025 });
    // three posts of 2025–2030: the deputy's pool has 2, the others none
    expect(cov).toMatchObject({ posts: 3, underCovered: 2, overCovered: 0, candidates: 2 });
    expect(cov.structure.women).toEqual({ count: 1, percent: 50, targetPercent: 25, met: true });
    expect(cov.structure.ethnicMinority.count).toBe(1);
    expect((await failure(h.client(as("viewer", "/")).personnel.planning.coverage.query({ orgPath: TREE.p1, termStartYear: 2025 }))).code).toBe("FORBIDDEN");
    expect(await h.client(as("provincial_board", TREE.p2)).personnel.planning.coverage.query({ orgPath: TREE.p1, termStartYear: 2025 })).toMatchObject({ posts: 0, candidates: 0 });
  });

  it("records a confidence vote as counts and proposes what Quy định 96 says, refusing a session without quorum", async () => {
    const api = h.client(OFFICER_HN).personnel;
    const noQuorum = await failure(api.votes.record.mutate({ orgPath: TREE.p1, heldOn: "2026-11-01", summoned: 30, present: 19, tallies: [{ assignmentId: ids.holdingHn1, high: 10, medium: 5, low: 4 }] }));
    expect(noQuorum).toMatchObject({ code: "CONFLICT" });
    const r = await api.votes.record.mutate({ orgPath: TREE.p1, heldOn: "2026-11-01", summoned: 30, present: 30, tallies: [{ assignmentId: ids.holdingHn1, high: 20, medium: 6, low: 4 }] });
    expect(r.results).toEqual([{ assignmentId: ids.holdingHn1, cadreId: ids.hn1, lowPercent: 13.3, outcome: "none" }]);
    const foreign = await failure(h.client(OFFICER_P2).personnel.votes.record.mutate({ orgPath: TREE.p2, heldOn: "2026-11-01", summoned: 3, present: 3, tallies: [{ assignmentId: ids.holdingHn1, high: 3, medium: 0, low: 0 }] }));
    expect(foreign.code).toBe("NOT_FOUND");
  });
});

describe("a warning decided in inspection", () => {
  it("takes the cadre out of planning and appointment for 30 months, exactly once across a restart", async () => {
    const d = await h.inspection.inspection.discipline.decide.mutate(warningInput(h.members.hn1));
    expect(await h.handled(d.id)).toBe("applied");
    const api = h.client(OFFICER_HN).personnel;
    const cadre = await api.cadres.get.query({ cadreId: ids.hn1 });
    // Effective on the announcement, 07/10/2026; QĐ 80's 30 months outlast the party's 12.
    expect(cadre.bars).toEqual([
      { purpose: "appointment", from: "2026-10-07", until: "2029-04-07", decisionId: d.id, form: "warning" },
      { purpose: "planning", from: "2026-10-07", until: "2029-04-07", decisionId: d.id, form: "warning" },
    ]);
    expect(cadre.pool).toMatchObject([{ entryId: ids.entryHn1, removedOn: "2026-10-07", removalReason: "discipline" }]);
    // A warning does not end the post.
    expect(cadre.holdings[0]).toMatchObject({ endedOn: null });
    const refused = await failure(api.planning.addCandidate.mutate({ postId: ids.deputy, cadreId: ids.hn1, addedOn: "2026-11-20" }));
    expect(refused.message).toMatch(/không được quy hoạch do kỷ luật/);
    const appoint = await failure(api.posts.appoint.mutate({ postId: ids.deputy, cadreId: ids.hn1, startedOn: "2026-11-20" }));
    expect(appoint.message).toMatch(/không được bổ nhiệm do kỷ luật/);

    const standard = await api.standard.conclude.mutate({ cadreId: ids.hn1, purpose: "appointment", concludedOn: "2026-11-20" });
    expect(standard).toMatchObject({ met: false, reasons: ["discipline_in_effect", "barred"] });
    const clean = await api.standard.conclude.mutate({ cadreId: ids.hn2, purpose: "planning", concludedOn: "2026-11-20" });
    expect(clean).toMatchObject({ met: true, reasons: [] });

    // Restart: the follower resumes after its checkpoint; replaying the same event changes nothing.
    const before = await h.db.prisma.bar.count();
    const event = h.seen.find((s) => (s.event.payload as { decisionId?: string }).decisionId === d.id)!.event;
    await h.restart();
    expect(await handleInspectionEvents(h.db.prisma, [event])).toEqual(["unchanged"]);
    const second = await h.inspection.inspection.discipline.decide.mutate(warningInput(h.members.hn2, { form: "reprimand", degree: "less_serious", decisionNumber: "602-QĐ/TU" }));
    expect(await h.handled(second.id)).toBe("applied");
    expect(h.seen.filter((s) => (s.event.payload as { decisionId?: string }).decisionId === d.id)).toHaveLength(1);
    expect(await h.db.prisma.bar.count()).toBe(before + 2);
    expect(await h.db.prisma.appliedEffect.count({ where: { key: d.id } })).toBe(1);
    const audit = await h.db.prisma.auditRecord.findMany({ where: { action: "personnel.discipline.applied", entityId: ids.hn1 } });
    expect(audit.map((a) => a.actor)).toEqual(["inspection"]);
  });

  it("a dismissal with no party post here is kept as unappliable until an officer resolves it", async () => {
    const api = h.client(OFFICER_HN).personnel;
    // hn2 holds no post: the bars apply, the post to end is for an officer to find.
    const d = await h.inspection.inspection.discipline.decide.mutate(warningInput(h.members.hn2, { form: "dismissal", decisionNumber: "603-QĐ/TU", memberRoles: { holdsPost: true } }));
    expect(await h.handled(d.id)).toBe("unappliable");
    const open = await api.effects.list.query({ orgPath: TREE.p1 });
    expect(open.items).toMatchObject([{ key: d.id, status: "unappliable", reason: "no_post_to_end" }]);
    expect((await h.client(OFFICER_P2).personnel.effects.list.query({ orgPath: TREE.p1 })).items).toEqual([]);
    expect((await failure(h.client(OFFICER_P2).personnel.effects.resolve.mutate({ effectId: open.items[0]!.id, resolution: "x" }))).code).toBe("NOT_FOUND");
    const resolved = await api.effects.resolve.mutate({ effectId: open.items[0]!.id, resolution: "Đã kiểm tra: chức vụ do tỉnh khác quản lý" });
    expect(resolved.status).toBe("resolved");
    expect((await api.effects.list.query({ orgPath: TREE.p1 })).items).toEqual([]);
    expect((await failure(api.effects.resolve.mutate({ effectId: open.items[0]!.id, resolution: "again" }))).code).toBe("CONFLICT");
  });
});

describe("a death recorded in membership", () => {
  it("ends the cadre's posts and pool entries, exactly once across a restart", async () => {
    const api = h.client(OFFICER_HN).personnel;
    const cadre = await api.cadres.create.mutate({ orgPath: TREE.p1, memberId: h.members.hn3, nationalId: "001080000004", fullName: "Hoàng Văn Dũng", birthDate: "1980-05-01", gender: "male" });
    const party = await api.posts.create.mutate({ orgPath: TREE.p1, title: "Phó Trưởng Ban Tuyên giáo Thành ủy", kind: "leadership", body: "party", termStartYear: 2025, termEndYear: 2030 });
    const state = await api.posts.create.mutate({ orgPath: TREE.p1, title: "Phó Giám đốc Sở Nội vụ", kind: "leadership", body: "state", membersOnly: false, termStartYear: 2025, termEndYear: 2030 });
    const next = await api.posts.create.mutate({ orgPath: TREE.p1, title: "Trưởng Ban Tuyên giáo Thành ủy", kind: "leadership", body: "party", termStartYear: 2030, termEndYear: 2035 });
    await api.posts.appoint.mutate({ postId: party.id, cadreId: cadre.id, startedOn: "2025-11-01" });
    await api.posts.appoint.mutate({ postId: state.id, cadreId: cadre.id, startedOn: "2025-11-01" });
    await api.planning.addCandidate.mutate({ postId: next.id, cadreId: cadre.id, addedOn: "2026-01-05" });

    await h.membership.membership.removals.recordDeath.mutate({ memberId: h.members.hn3, diedOn: "2026-11-10" });
    expect(await h.memberHandled("membership.member.died", h.members.hn3)).toBe("applied");
    const file = await api.cadres.get.query({ cadreId: cadre.id });
    // Death ends every post, the one non-members may hold included.
    expect(file.holdings.map((x) => [x.postId, x.endedOn, x.endReason]).sort()).toEqual([[party.id, "2026-11-10", "death"], [state.id, "2026-11-10", "death"]].sort());
    expect(file.pool).toMatchObject([{ postId: next.id, removedOn: "2026-11-10", removalReason: null, memberEnded: "death" }]);

    // Restart: the follower resumes after its checkpoint (the death is not handled again); a replay changes nothing.
    const event = h.memberSeen.find((x) => x.event.type === "membership.member.died" && (x.event.payload as { memberId: number }).memberId === h.members.hn3)!.event;
    await h.restart();
    expect(await handleMembershipEvents(h.db.prisma, [event])).toEqual(["unchanged"]);
    // A later event (a member with no cadre file here) proves the follower runs again after the restart.
    await h.membership.membership.removals.recordDeath.mutate({ memberId: h.members.p2, diedOn: "2026-11-12" });
    expect(await h.memberHandled("membership.member.died", h.members.p2)).toBe("skipped");
    expect(h.memberSeen.filter((x) => x.event.id === event.id)).toHaveLength(1);
    expect(await h.db.prisma.appliedEffect.count({ where: { source: "membership" } })).toBe(1);
    expect(await h.db.prisma.holding.count({ where: { cadreId: cadre.id, endReason: "death" } })).toBe(2);
    const audit = await h.db.prisma.auditRecord.findMany({ where: { action: "personnel.member_event.applied", entityId: cadre.id } });
    expect(audit.map((a) => a.actor)).toEqual(["membership"]);
  });

  it("a removal from the Party ends the posts only members may hold and every pool place", async () => {
    const api = h.client(OFFICER_HN).personnel;
    const cadre = await api.cadres.create.mutate({ orgPath: TREE.p1, memberId: h.members.hn4, nationalId: "001180000005", fullName: "Vũ Thị Hoa", birthDate: "1980-05-01", gender: "female" });
    const party = await api.posts.create.mutate({ orgPath: TREE.p1, title: "Phó Trưởng Ban Dân vận Thành ủy", kind: "leadership", body: "party", termStartYear: 2025, termEndYear: 2030 });
    const state = await api.posts.create.mutate({ orgPath: TREE.p1, title: "Phó Giám đốc Sở Văn hóa", kind: "leadership", body: "state", membersOnly: false, termStartYear: 2025, termEndYear: 2030 });
    const next = await api.posts.create.mutate({ orgPath: TREE.p1, title: "Trưởng Ban Dân vận Thành ủy", kind: "leadership", body: "party", termStartYear: 2030, termEndYear: 2035 });
    await api.posts.appoint.mutate({ postId: party.id, cadreId: cadre.id, startedOn: "2025-11-01" });
    await api.posts.appoint.mutate({ postId: state.id, cadreId: cadre.id, startedOn: "2025-11-01" });
    await api.planning.addCandidate.mutate({ postId: next.id, cadreId: cadre.id, addedOn: "2026-01-05" });

    await h.membership.membership.removals.remove.mutate({ memberId: h.members.hn4, kind: "struck_off", removedOn: "2026-11-15", decisionNumber: "77-QĐ/ĐU", reason: "Bỏ sinh hoạt đảng không có lý do" });
    expect(await h.memberHandled("membership.member.removed", h.members.hn4)).toBe("applied");
    const file = await api.cadres.get.query({ cadreId: cadre.id });
    const byPost = Object.fromEntries(file.holdings.map((x) => [x.postId, [x.endedOn, x.endReason]]));
    expect(byPost).toEqual({ [party.id]: ["2026-11-15", "removed_from_party"], [state.id]: [null, null] });
    expect(file.pool).toMatchObject([{ postId: next.id, removedOn: "2026-11-15", removalReason: null, memberEnded: "removed_from_party" }]);
  });
});

describe("the event stream", () => {
  it("gives the officer in scope the changes (ids, no names), and the other province nothing of Hà Nội", async () => {
    // Waits up to `waitMs` for a first event, then half a second more for the rest.
    const read = async (claims: typeof OFFICER_HN, waitMs: number) => {
      const events: EventEnvelope[] = [];
      const errors: unknown[] = [];
      const consumer = consumeEventStream({ url: `${h.url}/trpc`, path: "personnel.events.stream", getToken: () => h.issuer.mint({ audience: "personnel", ...claims }), onEvent: (e) => void events.push(e), onError: (e) => void errors.push(e) });
      const end = Date.now() + waitMs;
      while (Date.now() < end && events.length === 0 && errors.length === 0) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 500));
      await consumer.stop();
      expect(errors).toEqual([]);
      return events;
    };
    const hn = await read(OFFICER_HN, 10_000);
    expect(hn.map((e) => e.type)).toContain("personnel.bar.applied");
    expect(JSON.stringify(hn)).not.toMatch(/Nguyễn|001080000001/);
    const p2 = await read(OFFICER_P2, 2_000);
    expect(p2.filter((e) => e.orgPath.startsWith(TREE.p1))).toEqual([]);
  });
});
