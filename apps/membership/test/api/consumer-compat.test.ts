// Clients built against an earlier recorded contract keep working against this service (decision 0006):
// the answers of the live service, over real HTTP, to the calls the dashboard and the CLI make, validated
// against the output schemas of every recorded snapshot they may have been built against (same major).
// And the other side of the rule: a client of 1.0 would break on the one change 2.0 made, which is why the
// major version was raised; the gate's classification matches what a real answer does to a real consumer.
import { olderCompatibleSnapshots, formatAnswerErrors, readRecorded, validateAgainstSnapshot } from "@orgboard/contract-gate";
import { membershipContract } from "@orgboard/contract-membership";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TREE } from "./fixtures.js";
import { CENTRAL, treeSuite } from "./harness.js";

const CONTRACT_DIR = path.resolve(import.meta.dirname, "../../../../packages/contract-membership");

const suite = treeSuite({
  seed: async ({ fx }) => {
    await fx.member(TREE.c1, { status: "probationary", admittedOn: "2026-03-02" });
    await fx.rating({ memberId: await fx.member(TREE.c2) }, 2026, "good", "approved");
  },
});
const { hanoi } = suite;

const compatible = olderCompatibleSnapshots(CONTRACT_DIR, membershipContract);

describe("consumers of earlier contract versions", () => {
  it("has the current version among the recorded ones (the gate records every version)", () => {
    expect(compatible.map((s) => s.version)).toContain(membershipContract.version);
  });

  it.each(compatible.map((s) => [s.version, s] as const))("a dashboard built against %s reads the live KPI panels", async (_v, snapshot) => {
    await suite.h.client(CENTRAL).membership.targets.set.mutate({ orgPath: TREE.p1, year: 2026, admissionsPlan: 40 });
    const national = await suite.h.client(CENTRAL).membership.kpi.summary.query({ orgPath: "/", year: 2026 });
    const province = await hanoi().membership.kpi.summary.query({ orgPath: TREE.p1, year: 2026 });
    expect(national.rows.length).toBeGreaterThan(0);
    expect(formatAnswerErrors(validateAgainstSnapshot(snapshot, "membership.kpi.summary", national))).toEqual([]);
    expect(formatAnswerErrors(validateAgainstSnapshot(snapshot, "membership.kpi.summary", province))).toEqual([]);
  });

  it.each(compatible.map((s) => [s.version, s] as const))("the CLI built against %s reads the annual report, orgs and members", async (_v, snapshot) => {
    const report = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: 2026 });
    const orgs = await hanoi().membership.orgs.list.query({ orgPath: TREE.p1 });
    const members = await hanoi().membership.members.list.query({ orgPath: TREE.p1 });
    expect(members.items.length).toBeGreaterThan(0);
    expect(formatAnswerErrors(validateAgainstSnapshot(snapshot, "membership.kpi.report", report))).toEqual([]);
    expect(formatAnswerErrors(validateAgainstSnapshot(snapshot, "membership.orgs.list", orgs))).toEqual([]);
    expect(formatAnswerErrors(validateAgainstSnapshot(snapshot, "membership.members.list", members))).toEqual([]);
  });

  it("a client built against 1.0 would break on cards.issue: the reason 2.0 is a new major version", async () => {
    const v1 = readRecorded(CONTRACT_DIR).recorded.find((r) => r.version === "1.0");
    expect(v1, "snapshots/1.0.json is kept").toBeDefined();
    expect(compatible.map((s) => s.version)).not.toContain("1.0");
    const memberId = await suite.fx.member(TREE.c1);
    const card = await hanoi().membership.cards.issue.mutate({ memberId, number: "01009901", issuedOn: "2026-02-03", linkIdentity: true });
    for (const s of compatible) expect(formatAnswerErrors(validateAgainstSnapshot(s, "membership.cards.issue", card))).toEqual([]);
    expect(formatAnswerErrors(validateAgainstSnapshot(v1!.snapshot, "membership.cards.issue", card)).join("\n")).toMatch(/identityVerifiedAt/);
  });
});
