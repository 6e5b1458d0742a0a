// Membership and restructuring for the saga's tests: one test identity provider; membership in this process
// on a fresh database seeded with real 2024 units (membership-seed.ts); restructuring either in this process
// (startInProcess) or as a real process (crash.test.ts) reaching membership over HTTP with its service token.
import { createTokenVerifier } from "@orgboard/auth";
import { createTestIssuer, type MintOptions, type TestIssuer } from "@orgboard/auth/testing";
import { createServiceLinks } from "@orgboard/contracts";
import { freshServiceDatabase } from "@orgboard/events/testing";
import { openMembershipDatabase, type MembershipDatabase } from "@orgboard/membership";
import { createMembershipService } from "@orgboard/membership/server";
import { createLogger, type Service } from "@orgboard/server-kit";
import { createTRPCClient, type TRPCClient } from "@trpc/client";
import { membershipLink, type MembershipLink } from "../../src/app/membership.js";
import { openDatabase, type Database } from "../../src/db.js";
import type { AppRouter } from "../../src/router/index.js";
import { createRestructuringService, type RestructuringServiceOptions } from "../../src/server.js";
import { seedMembership } from "../../src/testing.js";

export const CENTRAL: MintOptions = { sub: "central-1", roles: ["central_board"], orgPaths: ["/"] };
const silent = () => createLogger({ name: "test", level: (process.env.LOG_LEVEL as "info" | undefined) ?? "silent" });

export interface MembershipSide {
  issuer: TestIssuer;
  url: string;
  db: MembershipDatabase;
  seeded: { organizations: number; members: number };
  /** restructuring's link to it, with a service token of restructuring's client */
  link: MembershipLink;
  /** SQL on membership's database */
  q<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function startMembership(provinces: readonly string[]): Promise<MembershipSide> {
  const issuer = await createTestIssuer({ audience: "membership" });
  const { db, drop } = await freshServiceDatabase("membership", (o) => openMembershipDatabase(o));
  const seeded = await seedMembership(db, provinces);
  const service: Service = createMembershipService({ db, verifier: createTokenVerifier(issuer.verifierOptions("membership")), today: () => "2026-11-20", logger: silent(), closeDatabase: false, rateLimits: false });
  const { url } = await service.start({ handleSignals: false });
  return {
    issuer,
    url,
    db,
    seeded,
    link: membershipLink({ url, getToken: () => issuer.mintService("restructuring", { audience: ["restructuring", "membership"] }) }),
    q: async (text, params = []) => (await db.query(text, params)).rows as never,
    async close() {
      await service.stop();
      await db.close();
      await drop();
      await issuer.close();
    },
  };
}

export type Client = TRPCClient<AppRouter>;

export interface RestructuringSide {
  url: string;
  db: Database;
  client(claims: MintOptions | null): Client;
  close(): Promise<void>;
}

export async function startInProcess(m: MembershipSide, opts: Partial<RestructuringServiceOptions> = {}): Promise<RestructuringSide> {
  const { db, drop } = await freshServiceDatabase("restructuring", openDatabase);
  const service = createRestructuringService({ db, tree: m.link.tree, membership: m.link.steps, verifier: createTokenVerifier(m.issuer.verifierOptions("restructuring")), logger: silent(), ...opts });
  const { url } = await service.start({ handleSignals: false });
  return {
    url,
    db,
    client: (claims) => clientOf(url, m.issuer, claims),
    async close() {
      await service.stop();
      await drop();
    },
  };
}

export function clientOf(url: string, issuer: TestIssuer, claims: MintOptions | null): Client {
  return createTRPCClient<AppRouter>({ links: [createServiceLinks<AppRouter>({ restructuring: `${url}/trpc` }, () => (claims ? issuer.mint({ audience: "restructuring", ...claims }) : null))] });
}

/** Membership's state a run must reach the same way whatever crashed: organizations and member placement. */
export async function endState(m: MembershipSide) {
  const orgs = await m.q<{ code: string; path: string; kind: string; closed: boolean }>(`SELECT code, path, kind, closed_on IS NOT NULL AS closed FROM party_organization ORDER BY code`);
  const members = await m.q<{ id: number; org_path: string }>(`SELECT id, org_path FROM member ORDER BY id`);
  const periods = await m.q<{ n: number }>(`SELECT count(*)::int AS n FROM membership_period`);
  const steps = await m.q<{ idempotency_key: string }>(`SELECT idempotency_key FROM restructuring_step ORDER BY idempotency_key`);
  return { orgs, members, periods: periods[0]!.n, steps: steps.map((s) => s.idempotency_key.replace(/^[^:]+:/, "")) };
}
