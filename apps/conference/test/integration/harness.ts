// One running conference service per test file: a fresh database (in-memory PGlite, or a new database
// on the PostgreSQL server named by TEST_DATABASE_URL / DATABASE_URL), a real test identity provider,
// real HTTP.
import { randomBytes } from "node:crypto";
import { createTokenVerifier } from "@orgboard/auth";
import { createTestIssuer, type MintOptions, type TestIssuer } from "@orgboard/auth/testing";
import { createServiceLinks } from "@orgboard/contracts";
import { createTRPCClient, type TRPCClient } from "@trpc/client";
import { EventSource } from "eventsource";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db.js";
import type { AppRouter } from "../../src/router/index.js";
import { createConferenceService, type ConferenceService, type ConferenceServiceOptions } from "../../src/server.js";
import { createLogger } from "@orgboard/server-kit";

export type Client = TRPCClient<AppRouter>;

export interface Harness {
  url: string;
  issuer: TestIssuer;
  service: ConferenceService;
  db: Database;
  /** A typed client whose calls carry a token minted with these claims (null ⇒ no token). */
  client(claims: MintOptions | null): Client;
  token(claims: MintOptions): Promise<string>;
  close(): Promise<void>;
}

export const ORGANIZER: MintOptions = { sub: "organizer-1", roles: ["conference_operator"], orgPaths: ["/"], name: "Ban Tổ chức Trung ương" };
export const siteOperator = (orgPath: string): MintOptions => ({ sub: `site-op-${orgPath}`, roles: ["site_operator"], orgPaths: [orgPath] });
export const CENTRAL_BOARD: MintOptions = { sub: "central-1", roles: ["central_board"], orgPaths: ["/"] };
export const provincialBoard = (orgPath: string): MintOptions => ({ sub: `board-${orgPath}`, roles: ["provincial_board"], orgPaths: [orgPath] });

export function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

async function freshDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const server = serverUrl();
  if (!server) return { db: await openDatabase({ dataDir: "memory://" }), drop: async () => {} };
  const name = `conference_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    db,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function startHarness(opts: Partial<ConferenceServiceOptions> = {}): Promise<Harness> {
  const issuer = await createTestIssuer({ audience: "conference" });
  const { db, drop } = await freshDatabase();
  const service = createConferenceService({
    db,
    verifier: createTokenVerifier(issuer.verifierOptions()),
    sweepIntervalMs: 0,
    logger: createLogger({ name: "conference", level: (process.env.LOG_LEVEL as "info" | undefined) ?? "silent" }),
    ...opts,
  });
  const { url } = await service.start({ handleSignals: false });
  const token = (claims: MintOptions) => issuer.mint({ audience: "conference", ...claims });
  return {
    url,
    issuer,
    service,
    db,
    token,
    client(claims) {
      return createTRPCClient<AppRouter>({
        links: [createServiceLinks<AppRouter>({ conference: `${url}/trpc` }, () => (claims ? token(claims) : null), { EventSource: EventSource as never })],
      });
    },
    async close() {
      await service.stop();
      await drop();
      await issuer.close();
    },
  };
}
