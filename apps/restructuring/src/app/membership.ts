// Membership as the saga reaches it: its contract (2.6 `membership.restructuring.*`) over HTTP with the
// restructuring service account's client-credentials token (docs/security.md: its client has membership's
// audience). Gives the TreeSource previews and runs derive from, and the saga's membership steps.
import { createServiceLinks } from "@orgboard/contracts";
import type { MembershipContractRouter } from "@orgboard/contract-membership";
import { createTRPCClient } from "@trpc/client";
import type { OrgNode } from "../domain/index.js";
import type { MembershipSteps } from "./steps.js";
import { trpcUrl } from "./rekeys.js";
import type { TreeSource } from "./tree.js";

export interface MembershipLink {
  tree: TreeSource;
  steps: MembershipSteps;
}

export function membershipLink(opts: { url: string; getToken: () => Promise<string> }): MembershipLink {
  const client = createTRPCClient<MembershipContractRouter>({
    links: [createServiceLinks<MembershipContractRouter>({ membership: trpcUrl(opts.url) }, opts.getToken)],
  });
  const r = client.membership.restructuring;
  return {
    tree: {
      async load(): Promise<OrgNode[]> {
        const { organizations } = await r.tree.query({});
        return organizations.map((o) => ({ code: o.code, parentCode: o.parentCode, kind: o.kind, name: o.name, adminUnitCode: o.adminUnitCode, closed: o.closed, members: o.members }));
      },
    },
    steps: {
      mark: (input) => r.mark.mutate(input),
      createOrgs: (input) => r.createOrgs.mutate(input),
      reparent: (input) => r.reparent.mutate(input),
      closeOrgs: (input) => r.closeOrgs.mutate(input),
      reopenOrgs: (input) => r.reopenOrgs.mutate(input),
      restoreOrgs: (input) => r.restoreOrgs.mutate(input),
      conservation: (input) => r.conservation.query(input),
    },
  };
}
