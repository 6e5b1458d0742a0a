// One running inspection service per test file, on a fresh database (in-memory PGlite, or a new database
// on the PostgreSQL server named by TEST_DATABASE_URL / DATABASE_URL), reading its subjects from a real
// membership service started in-process on its own database; one real test identity provider for both;
// real HTTP on 127.0.0.1.
import { createTokenVerifier } from "@orgboard/auth";
import { createTestIssuer, type MintOptions, type TestIssuer } from "@orgboard/auth/testing";
import { createServiceLinks } from "@orgboard/contracts";
import type { MembershipContractRouter } from "@orgboard/contract-membership";
import { openTestDatabase, type TestDatabase } from "@orgboard/membership";
import { createMembershipService } from "@orgboard/membership/server";
import { freshServiceDatabase } from "@orgboard/events/testing";
import { createLogger, type Service } from "@orgboard/server-kit";
import { freePort } from "@orgboard/testkit";
import { createTRPCClient, type TRPCClient } from "@trpc/client";
import { EventSource } from "eventsource";
import { membershipDirectory } from "../../src/app/subjects.js";
import { newDenouncerKeyEntry, parseDenouncerKeys } from "../../src/crypto/denouncer.js";
import { openDatabase, type Database } from "../../src/db.js";
import type { AppRouter } from "../../src/router/index.js";
import { createInspectionService, type InspectionService, type InspectionServiceOptions } from "../../src/server.js";

export type Client = TRPCClient<AppRouter>;
export type MembershipClient = TRPCClient<MembershipContractRouter>;

/** The organizations of every test (created through membership's API): two provinces. */
export const TREE = {
  /** Hà Nội, a grassroots committee in it with a cell, and a grassroots cell directly under it */
  p1: "/01/",
  g1: "/01/01-G1/",
  c1: "/01/01-G1/01-C1/",
  k1: "/01/01-K1/",
  /** Another province with one grassroots cell */
  p2: "/02/",
  k2: "/02/02-K2/",
} as const;

/** The instant every test runs at (Vietnam: 2026-11-20). */
export const NOW = new Date("2026-11-20T03:00:00Z");
export const TODAY = "2026-11-20";

export const ROLES = ["central_board", "provincial_board", "inspection_committee", "personnel_officer", "conference_operator", "site_operator", "viewer", "auditor"] as const;
export type HumanRole = (typeof ROLES)[number];
export const as = (role: HumanRole | "service", orgPath: string): MintOptions => ({ sub: `${role}-${orgPath}`, roles: [role], orgPaths: [orgPath] });
/** The commission of Hà Nội (ủy ban kiểm tra Thành ủy Hà Nội). */
export const INSPECTOR_HN = as("inspection_committee", TREE.p1);
export const INSPECTOR_P2 = as("inspection_committee", TREE.p2);
export const CENTRAL: MintOptions = { sub: "central-1", roles: ["central_board"], orgPaths: ["/"] };

export interface Members {
  /** An official member of Hà Nội's cell c1 */
  hn1: number;
  hn2: number;
  /** An official member of province 2's cell */
  p2: number;
}

export interface Harness {
  url: string;
  issuer: TestIssuer;
  db: Database;
  service: InspectionService;
  membership: { url: string; client: MembershipClient };
  members: Members;
  /** A typed client whose calls carry a token minted with these claims (null ⇒ no token). */
  /**
   * `requestId`: sent as the client's x-request-id (kept apart by the service, issue #9); `onRequestId`: told
   * the id the service gave each HTTP request (the answer's x-request-id), the one its audit records carry.
   */
  client(claims: MintOptions | null, opts?: { requestId?: () => string; onRequestId?: (serverRequestId: string) => void }): Client;
  token(claims: MintOptions): Promise<string>;
  close(): Promise<void>;
}

export function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

function freshDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  return freshServiceDatabase("inspection", openDatabase);
}

const logger = (name: string) => createLogger({ name, level: (process.env.LOG_LEVEL as "info" | undefined) ?? "silent" });

/**
 * Membership with the test tree and three members, created through its own API by the central board.
 * `inspectionUrl`: membership follows inspection's stream there (decisions take effect) with its service token.
 */
async function startMembership(issuer: TestIssuer, inspectionUrl?: string): Promise<{ url: string; service: Service; t: TestDatabase; client: MembershipClient; members: Members }> {
  const t = await openTestDatabase();
  const inspection = inspectionUrl ? { url: inspectionUrl, getToken: () => issuer.mintService("membership", { audience: "inspection" }), retryDelayMs: 50, maxRetryDelayMs: 500 } : undefined;
  const service = createMembershipService({ db: t.db, verifier: createTokenVerifier(issuer.verifierOptions("membership")), today: () => "2026-11-20", logger: logger("membership"), closeDatabase: false, inspection });
  const { url } = await service.start({ handleSignals: false });
  const client = createTRPCClient<MembershipContractRouter>({
    links: [createServiceLinks<MembershipContractRouter>({ membership: `${url}/trpc` }, () => issuer.mint({ audience: "membership", ...CENTRAL }))],
  });
  const m = client.membership;
  await m.orgs.create.mutate({ parentPath: "/", code: "01", name: "Đảng bộ Thành phố Hà Nội", kind: "provincial_committee", openedOn: "1990-01-01" });
  await m.orgs.create.mutate({ parentPath: TREE.p1, code: "01-G1", name: "Đảng bộ Phường Ba Đình", kind: "grassroots_committee", openedOn: "1990-01-01" });
  await m.orgs.create.mutate({ parentPath: TREE.g1, code: "01-C1", name: "Chi bộ Khu phố 1", kind: "subordinate_cell", openedOn: "1990-01-01" });
  await m.orgs.create.mutate({ parentPath: TREE.p1, code: "01-K1", name: "Chi bộ Trường THPT Chu Văn An", kind: "grassroots_cell", openedOn: "1990-01-01" });
  await m.orgs.create.mutate({ parentPath: "/", code: "02", name: "Đảng bộ Tỉnh Hà Giang", kind: "provincial_committee", openedOn: "1990-01-01" });
  await m.orgs.create.mutate({ parentPath: TREE.p2, code: "02-K2", name: "Chi bộ Xã Lũng Cú", kind: "grassroots_cell", openedOn: "1990-01-01" });
  const person = (fullName: string, nationalId: string, orgPath: string) =>
    m.members.create.mutate({ orgPath, fullName, birthDate: "1980-05-01", gender: "male", ethnicity: "Kinh", nationalId, status: "official", admittedOn: "2010-03-01", officialOn: "2011-03-01" });
  const hn1 = await person("Nguyễn Văn An", "001080000001", TREE.c1);
  const hn2 = await person("Trần Văn Bình", "001080000002", TREE.k1);
  const p2 = await person("Lò Văn Cường", "001080000003", TREE.k2);
  return { url, service, t, client, members: { hn1: hn1.id, hn2: hn2.id, p2: p2.id } };
}

export interface HarnessOptions {
  /**
   * The two services follow each other's streams (decisions take effect in membership; its answers set
   * the effect status here), on a port reserved for inspection before membership starts.
   */
  effects?: boolean;
}

export async function startHarness(opts: Partial<InspectionServiceOptions> = {}, h: HarnessOptions = {}): Promise<Harness> {
  const issuer = await createTestIssuer({ audience: "inspection" });
  const port = h.effects ? await freePort() : undefined;
  const membership = await startMembership(issuer, port ? `http://127.0.0.1:${port}` : undefined);
  const { db, drop } = await freshDatabase();
  const service = createInspectionService({
    port,
    membershipEffects: h.effects ? { url: membership.url, getToken: () => issuer.mintService("inspection", { audience: "membership" }), retryDelayMs: 50, maxRetryDelayMs: 500 } : undefined,
    db,
    verifier: createTokenVerifier(issuer.verifierOptions("inspection")),
    // Inspection's own service token, as the client-credentials login would give it.
    subjects: membershipDirectory({ baseUrl: membership.url, token: () => issuer.mintService("inspection", { audience: "membership" }) }),
    // A fresh key per run, as INSPECTION_DENOUNCER_KEYS would give (tests may pass their own).
    denouncerKeys: parseDenouncerKeys(newDenouncerKeyEntry("test")),
    now: () => NOW,
    logger: logger("inspection"),
    ...opts,
  });
  const { url } = await service.start({ handleSignals: false });
  const token = (claims: MintOptions) => issuer.mint({ audience: "inspection", ...claims });
  return {
    url,
    issuer,
    db,
    service,
    membership: { url: membership.url, client: membership.client },
    members: membership.members,
    token,
    client(claims, o = {}) {
      return createTRPCClient<AppRouter>({
        links: [
          createServiceLinks<AppRouter>({ inspection: `${url}/trpc` }, () => (claims ? token(claims) : null), {
            EventSource,
            headers: (): Record<string, string> => (o.requestId ? { "x-request-id": o.requestId() } : {}),
            fetch: async (input, init) => {
              const res = await fetch(input, init);
              const served = res.headers.get("x-request-id");
              if (served) o.onRequestId?.(served);
              return res;
            },
          }),
        ],
      });
    },
    async close() {
      await service.stop();
      await drop();
      await membership.service.stop();
      await membership.t.close();
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
