import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { membershipContract } from "@orgboard/contract-membership";
import type { ContractsRouter } from "@orgboard/contracts";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { nationalIdOf, OFFICIALS, stack } from "./fixtures.js";
import { ROOT } from "./stack.js";

// Tokens for calling the services' APIs from a browser test, obtained the way the CLI does (apps/cli's
// login helpers, which are @orgboard/auth's): an official through the VNeID simulator, a service
// account by client credentials.

interface LoginHelpers {
  discoverRealm(base: string): Promise<{ token: string }>;
  officialSession(endpoints: unknown, nationalId: string): () => Promise<string>;
  serviceSession(tokenUrl: string, clientId: string, clientSecret: string): () => Promise<string>;
}

const helpers = async (): Promise<LoginHelpers> => (await import(pathToFileURL(join(ROOT, "apps/cli/dist/simulate/login.js")).href)) as LoginHelpers;

/** A token source for a demo official. */
export async function officialToken(who: keyof typeof OFFICIALS): Promise<() => Promise<string>> {
  const login = await helpers();
  return login.officialSession(await login.discoverRealm(stack.identityUrl), await nationalIdOf(OFFICIALS[who].username));
}

/** A token source for a service account of the realm (the videoconference bridge uses `conference`'s). */
export async function serviceToken(clientId: string, secret = process.env.ORGBOARD_BRIDGE_CLIENT_SECRET || `dev-${clientId}-secret`): Promise<() => Promise<string>> {
  const login = await helpers();
  return login.serviceSession((await login.discoverRealm(stack.identityUrl)).token, clientId, secret);
}

export type MembershipClient = ReturnType<typeof createTRPCClient<ContractsRouter<[typeof membershipContract]>>>;

/** Membership's typed client on the stack, as an official (a token source from `officialToken`). */
export function membershipClient(token: () => Promise<string>): MembershipClient {
  return createTRPCClient({ links: [httpLink({ url: `${stack.services.membership}/trpc`, headers: async () => ({ authorization: `Bearer ${await token()}` }) })] });
}

/** A create that may have run before on this stack (specs share it, and a retry re-runs its set-up): CONFLICT is fine. */
export async function ignoreConflict(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCClientError) || (e.data as { code?: string } | undefined)?.code !== "CONFLICT") throw e;
  }
}
