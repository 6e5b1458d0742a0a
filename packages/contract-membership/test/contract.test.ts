import { contractProcedures } from "@orgboard/contracts";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  contract,
  MEMBERSHIP_EVENT_TYPES,
  membershipContract,
  RATING_LEVELS,
  type MembershipContractRouter,
  type OrgView,
  type RatingLevel,
} from "../src/index.js";

describe("membership contract", () => {
  it("is exported under both names, version major.minor", () => {
    expect(contract).toBe(membershipContract);
    expect(contract.service).toBe("membership");
    expect(contract.version).toMatch(/^\d+\.\d+$/);
  });

  it("lists every procedure of the service, with its kind", () => {
    const kinds = Object.fromEntries([...contractProcedures(contract)].map(([path, p]) => [path.slice("membership.".length), p.kind]));
    expect(kinds).toEqual({
      "admissions.admit": "mutation",
      "audit.search": "query",
      "restructuring.tree": "query",
      "restructuring.conservation": "query",
      "restructuring.mark": "mutation",
      "restructuring.createOrgs": "mutation",
      "restructuring.reparent": "mutation",
      "restructuring.closeOrgs": "mutation",
      "restructuring.reopenOrgs": "mutation",
      "restructuring.restoreOrgs": "mutation",
      "admissions.overdue": "query",
      "admissions.recognize": "mutation",
      "admissions.registerCandidate": "mutation",
      "badges.award": "mutation",
      "badges.eligible": "query",
      "badges.propose": "mutation",
      "cards.issue": "mutation",
      "events.stream": "subscription",
      "export.members": "mutation",
      "export.orgs": "mutation",
      "import.history": "mutation",
      "import.members": "mutation",
      "import.orgs": "mutation",
      "kpi.closeYear": "mutation",
      "kpi.report": "query",
      "kpi.summary": "query",
      "members.create": "mutation",
      "members.get": "query",
      "members.history": "query",
      "members.list": "query",
      "members.update": "mutation",
      "orgs.children": "query",
      "orgs.close": "mutation",
      "orgs.create": "mutation",
      "orgs.get": "query",
      "orgs.list": "query",
      "orgs.structure": "query",
      "orgs.update": "mutation",
      "ratings.appraise": "mutation",
      "ratings.approve": "mutation",
      "ratings.list": "query",
      "ratings.selfAssess": "mutation",
      "removals.recordDeath": "mutation",
      "removals.remove": "mutation",
      "targets.set": "mutation",
      "transfers.cancel": "mutation",
      "transfers.complete": "mutation",
      "transfers.list": "query",
      "transfers.request": "mutation",
      "transfers.return": "mutation",
    });
  });

  it("has a payload schema for every event type", () => {
    expect(Object.keys(contract.events).sort()).toEqual([...MEMBERSHIP_EVENT_TYPES].sort());
    expect(MEMBERSHIP_EVENT_TYPES).toContain("membership.rating.approved");
  });

  it("types a client without the service", () => {
    const client = createTRPCClient<MembershipContractRouter>({ links: [httpBatchLink({ url: "http://127.0.0.1:9" })] });
    expectTypeOf(client.membership.orgs.get.query).parameter(0).toEqualTypeOf<{ orgPath: string }>();
    expectTypeOf(client.membership.orgs.get.query).returns.resolves.toExtend<OrgView>();
    expectTypeOf(client.membership.kpi.summary.query).returns.resolves.toHaveProperty("ratings").items.toHaveProperty("level").toEqualTypeOf<RatingLevel>();
    expect(RATING_LEVELS).toEqual(["excellent", "good", "completed", "not_completed"]);
  });
});
