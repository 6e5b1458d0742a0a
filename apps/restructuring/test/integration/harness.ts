// One running restructuring service per test file, on a fresh database (in-memory PGlite, or a new database
// on the PostgreSQL server named by TEST_DATABASE_URL / DATABASE_URL), with a real test identity provider
// and real HTTP on 127.0.0.1. The organization tree is given as data (membership's reader comes later).
import { createTokenVerifier } from "@orgboard/auth";
import { createTestIssuer, type MintOptions, type TestIssuer } from "@orgboard/auth/testing";
import { createServiceLinks } from "@orgboard/contracts";
import { freshServiceDatabase } from "@orgboard/events/testing";
import { createLogger, type Service } from "@orgboard/server-kit";
import { createTRPCClient, type TRPCClient } from "@trpc/client";
import type { PostsSource } from "../../src/app/posts.js";
import { staticTree } from "../../src/app/tree.js";
import { openDatabase, type Database } from "../../src/db.js";
import type { OrgNode } from "../../src/domain/index.js";
import type { AppRouter } from "../../src/router/index.js";
import { createRestructuringService } from "../../src/server.js";

export type Client = TRPCClient<AppRouter>;

export const CENTRAL: MintOptions = { sub: "central-1", roles: ["central_board"], orgPaths: ["/"] };
export const as = (role: NonNullable<MintOptions["roles"]>[number], orgPath: string): MintOptions => ({ sub: `${role}-${orgPath}`, roles: [role], orgPaths: [orgPath] });

export interface Harness {
  db: Database;
  service: Service;
  client(claims: MintOptions | null): Client;
  /** how many times the service has loaded the organization tree (provincial reads: cached or not at all) */
  treeLoads(): number;
  close(): Promise<void>;
}

export async function startHarness(tree: readonly OrgNode[], opts: { posts?: PostsSource } = {}): Promise<Harness> {
  const issuer: TestIssuer = await createTestIssuer({ audience: "restructuring" });
  const { db, drop } = await freshServiceDatabase("restructuring", openDatabase);
  let loads = 0;
  const source = staticTree(tree);
  const service = createRestructuringService({
    db,
    tree: { load: () => (loads++, source.load()) },
    ...(opts.posts ? { posts: opts.posts } : {}),
    verifier: createTokenVerifier(issuer.verifierOptions("restructuring")),
    logger: createLogger({ name: "restructuring", level: (process.env.LOG_LEVEL as "info" | undefined) ?? "silent" }),
  });
  const { url } = await service.start({ handleSignals: false });
  return {
    db,
    service,
    treeLoads: () => loads,
    client: (claims) =>
      createTRPCClient<AppRouter>({
        links: [createServiceLinks<AppRouter>({ restructuring: `${url}/trpc` }, () => (claims ? issuer.mint({ audience: "restructuring", ...claims }) : null))],
      }),
    async close() {
      await service.stop();
      await drop();
      await issuer.close();
    },
  };
}

/** The tRPC error code of a failed call (and its message/field errors), or throws if it succeeded. */
export async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; fieldErrors: { path: string; message: string }[] }> {
  try {
    await p;
  } catch (err) {
    const e = err as { message: string; data?: { code?: string; fieldErrors?: { path: string; message: string }[] } };
    return { code: e.data?.code ?? "?", message: e.message, fieldErrors: e.data?.fieldErrors ?? [] };
  }
  throw new Error("expected the call to fail, but it succeeded");
}
