// Service accounts at membership (#9): a service token carries `org_paths ["/"]`, so member records (personal
// data) go to inspection's (its case subjects, 0008) and personnel's (political-standard checks) service
// accounts only; other services' accounts may
// still read the organization tree, and a token minted for another service is refused outright.
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fixture, TREE } from "./fixtures.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
let memberId: number;

beforeAll(async () => {
  h = await startHarness();
  const fx = new Fixture(h.db);
  await fx.tree();
  memberId = await fx.member(TREE.c1, { fullName: "Trần An" });
});
afterAll(async () => {
  await h?.close();
});

/** A client-credentials token of `clientId` (role service, `/`, `azp` = clientId) for membership. */
const serviceClient = (clientId: string) => h.client({ sub: `service-account-${clientId}`, roles: ["service"], orgPaths: ["/"], azp: clientId, audience: "membership" });

async function codeOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (e) {
    if (!(e instanceof TRPCClientError)) throw e;
    return (e.data as { code?: string } | undefined)?.code;
  }
}

describe("service accounts at membership", () => {
  it("lets inspection's and personnel's service accounts read a member", async () => {
    for (const client of ["inspection", "personnel"]) {
      expect(await serviceClient(client).membership.members.get.query({ id: memberId }), client).toMatchObject({ id: memberId, fullName: "Trần An" });
    }
  });

  it("refuses member records to any other service account, which still reads the organization tree", async () => {
    for (const client of ["realtime", "conference", "restructuring"]) {
      const c = serviceClient(client);
      expect(await codeOf(c.membership.members.get.query({ id: memberId })), client).toBe("FORBIDDEN");
      expect(await codeOf(c.membership.members.list.query({ orgPath: TREE.p1 })), client).toBe("FORBIDDEN");
      expect(await c.membership.orgs.get.query({ orgPath: TREE.p1 }), client).toMatchObject({ path: TREE.p1 });
    }
  });

  it("refuses a service token minted for another service (its aud does not name membership)", async () => {
    const forInspection = h.client({ sub: "service-account-membership", roles: ["service"], orgPaths: ["/"], azp: "membership", audience: "inspection" });
    expect(await codeOf(forInspection.membership.orgs.get.query({ orgPath: TREE.p1 }))).toBe("UNAUTHORIZED");
  });
});
