// One running membership service per test file: a fresh database (in-memory PGlite, or a new database
// on the PostgreSQL server named by TEST_DATABASE_URL / DATABASE_URL), a real test identity provider
// (JWKS over HTTP), real HTTP on 127.0.0.1:0, the typed tRPC client the dashboard uses.
import { createTokenVerifier } from "@orgboard/auth";
import { createTestIssuer, type MintOptions, type TestIssuer } from "@orgboard/auth/testing";
import { createServiceLinks } from "@orgboard/contracts";
import { createLogger } from "@orgboard/server-kit";
import { TRPCClientError, createTRPCClient, type TRPCClient } from "@trpc/client";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, expect } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../src/db/testing.js";
import type { Database } from "../../src/db/sql.js";
import type { MembershipDatabase } from "../../src/db/open.js";
import type { AppRouter } from "../../src/router/index.js";
import { createMembershipService, type MembershipService, type MembershipServiceOptions } from "../../src/server.js";
import { Fixture, TREE } from "./fixtures.js";

export type Client = TRPCClient<AppRouter>;

/** The date the service takes as today in every API test. */
export const TODAY = "2026-11-20";

export const ROLES = ["central_board", "provincial_board", "inspection_committee", "personnel_officer", "conference_operator", "site_operator", "viewer", "auditor"] as const;
export type HumanRole = (typeof ROLES)[number];

export const CENTRAL: MintOptions = { sub: "central-1", roles: ["central_board"], orgPaths: ["/"] };
export const board = (orgPath: string): MintOptions => ({ sub: `board-${orgPath}`, roles: ["provincial_board"], orgPaths: [orgPath] });
export const as = (role: HumanRole | "service", orgPath: string): MintOptions => ({ sub: `${role}-${orgPath}`, roles: [role], orgPaths: [orgPath] });

export interface Harness {
  url: string;
  issuer: TestIssuer;
  /** The SQL handle and its Prisma Client (h.db.prisma). */
  db: MembershipDatabase;
  service: MembershipService;
  /** A typed client whose calls carry a token minted with these claims (null ⇒ no token). */
  /**
   * `requestId`: the x-request-id the client sends (kept by the service as its clientRequestId only);
   * `onRequestId`: told the id the service gave each HTTP request (x-request-id of the answer), the one
   * its audit records carry.
   */
  client(claims: MintOptions | null, opts?: { requestId?: () => string; onRequestId?: (serverRequestId: string) => void }): Client;
  token(claims: MintOptions): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(opts: Partial<MembershipServiceOptions> = {}): Promise<Harness> {
  const issuer = await createTestIssuer({ audience: "membership" });
  let t: TestDatabase | null = null;
  try {
    t = await openTestDatabase();
    const service = createMembershipService({
      db: t.db,
      verifier: createTokenVerifier(issuer.verifierOptions()),
      today: () => TODAY,
      logger: createLogger({ name: "membership", level: (process.env.LOG_LEVEL as "info" | undefined) ?? "silent" }),
      closeDatabase: false,
      ...opts,
    });
    const { url } = await service.start({ handleSignals: false });
    const db = t.db;
    const dbHandle = t;
    const token = (claims: MintOptions) => issuer.mint({ audience: "membership", ...claims });
    return {
      url,
      issuer,
      db,
      service,
      token,
      client(claims, o = {}) {
        return createTRPCClient<AppRouter>({
          links: [
            createServiceLinks<AppRouter>({ membership: `${url}/trpc` }, () => (claims ? token(claims) : null), {
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
        await dbHandle.close();
        await issuer.close();
      },
    };
  } catch (err) {
    await t?.close();
    await issuer.close();
    throw err;
  }
}

/** A test file's service with the fixture tree (TREE) in its database; `h` and `fx` are set once beforeAll ran. */
export interface TreeSuite {
  h: Harness;
  fx: Fixture;
  /** A client of Hà Nội's provincial board (TREE.p1). */
  hanoi: () => Client;
}

export interface TreeSuiteOptions {
  /** Rows the file's tests share, written once after the tree and before any test. */
  seed?: (suite: TreeSuite) => Promise<void>;
}

/** Call at the top of a test file: starts the service before its tests and closes it after them. */
export function treeSuite(opts: TreeSuiteOptions = {}): TreeSuite {
  const suite = { hanoi: () => suite.h.client(board(TREE.p1)) } as TreeSuite;
  beforeAll(async () => {
    suite.h = await startHarness();
    suite.fx = new Fixture(suite.h.db);
    await suite.fx.tree();
    await opts.seed?.(suite);
  });
  afterAll(async () => {
    // Unset when startHarness failed: that failure is the one to report.
    await (suite.h as Harness | undefined)?.close();
  });
  return suite;
}

/**
 * Runs `effect` (its writes committed) right after the next statement of the service's SQL handle
 * that matches `pattern` answered, before the route goes on: a race between a read's statements made
 * deterministic. The handle is restored when `call` settles.
 */
export async function betweenStatements<T>(h: Harness, pattern: RegExp, effect: () => Promise<unknown>, call: () => Promise<T>): Promise<{ result: T; fired: boolean }> {
  const db = h.db;
  const original = db.query.bind(db);
  let fired = false;
  const patched = async <T,>(text: string, params?: readonly unknown[]) => {
    const answer = await original<T>(text, params);
    if (!fired && pattern.test(text)) {
      fired = true;
      await effect();
    }
    return answer;
  };
  db.query = patched;
  try {
    return { result: await call(), fired };
  } finally {
    db.query = original;
  }
}

// ---- Expectations ---------------------------------------------------------------------------------

export type ErrorCode = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "TOO_MANY_REQUESTS" | "INTERNAL_SERVER_ERROR";

interface ErrorData {
  code: string;
  httpStatus: number;
  fieldErrors?: { path: string; message: string }[];
}

/** The call fails with `code`; for BAD_REQUEST `field` must be among data.fieldErrors, otherwise in the message. */
export async function expectError(call: Promise<unknown>, code: ErrorCode, field?: string): Promise<{ message: string; data: ErrorData }> {
  let caught: unknown;
  try {
    await call;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected ${code}${field ? ` on ${field}` : ""}, but the call succeeded`).toBeInstanceOf(TRPCClientError);
  const err = caught as TRPCClientError<AppRouter>;
  const data = err.data as ErrorData | undefined;
  expect({ code: data?.code, message: err.message }).toMatchObject({ code });
  if (field !== undefined) {
    if (code === "BAD_REQUEST") expect(data?.fieldErrors?.map((f) => f.path), err.message).toContain(field);
    else expect(err.message).toContain(`${field}:`);
  }
  expect(err.message).not.toMatch(/\bat .*\.(ts|js):\d+/); // never a stack trace
  // Every refusal membership itself words is Vietnamese first, then English (#9/#10): the message, and each
  // field error. (UNAUTHORIZED/FORBIDDEN are worded once for every service by server-kit and auth.)
  if (code === "BAD_REQUEST" || code === "CONFLICT" || code === "NOT_FOUND") {
    expectVietnameseFirst(err.message, `${code} message`);
    for (const f of data?.fieldErrors ?? []) expectVietnameseFirst(f.message, `field error on ${f.path}`);
  }
  return { message: err.message, data: data! };
}

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/iu;

/** "<Vietnamese> / <English>": a Vietnamese letter before the first " / ", something after it. */
export function expectVietnameseFirst(message: string, what: string): void {
  const at = message.indexOf(" / ");
  expect(at, `${what} is not "Vietnamese / English": ${message}`).toBeGreaterThan(0);
  expect(message.slice(0, at), `${what} is not Vietnamese first: ${message}`).toMatch(VIETNAMESE);
  expect(message.slice(at + 3).trim(), `${what} has no English part: ${message}`).not.toBe("");
}

export async function expectSecurity(opts: {
  /** The call made by each caller. */
  call: (c: Client) => Promise<unknown>;
  h: Harness;
  /** A role the policy does not allow for this procedure. */
  wrongRole: MintOptions;
  /** A caller with the right role in another province. */
  otherProvince: MintOptions;
}): Promise<void> {
  await expectError(opts.call(opts.h.client(null)), "UNAUTHORIZED");
  await expectError(opts.call(opts.h.client(opts.wrongRole)), "FORBIDDEN");
  // Outside the caller's scope: the answer of a record that does not exist, naming nothing (#9 finding 5).
  const { message } = await expectError(opts.call(opts.h.client(opts.otherProvince)), "NOT_FOUND");
  expect(message).toMatch(NEUTRAL_NOT_FOUND);
  expect(message).not.toMatch(/\/\d{2}\//); // no organization path
}

/** The neutral answers of errors.ts: "no such organization / member / candidate in your scope". */
export const NEUTRAL_NOT_FOUND = /^\w+: [^:]* \/ no such (organization|member|candidate|transfer|rating|badge proposal) in your scope \[not_found\]$/;

// ---- The database's own view of a mutation ----------------------------------------------------------

interface Marks {
  audit: number;
  outbox: number;
}

async function marks(db: Database): Promise<Marks> {
  const { rows } = await db.query<{ audit: number; outbox: number }>(
    `SELECT coalesce((SELECT max(id) FROM audit_record), 0)::int AS audit, coalesce((SELECT max(id) FROM outbox_event), 0)::int AS outbox`,
  );
  return rows[0]!;
}

export interface Recorded<T> {
  result: T;
  audit: { action: string; entity: string; entity_id: string; org_path: string; request_id: string | null; actor: string }[];
  events: { type: string; org_path: string; aggregate_id: string; payload: Record<string, unknown> }[];
}

/**
 * Runs a mutation and returns it with the audit records and outbox events it wrote: exactly one audit
 * record with `action`, and at least one event, of the given types.
 */
export async function expectRecorded<T>(h: Harness, call: () => Promise<T>, expected: { action: string; events: string[] }): Promise<Recorded<T>> {
  const before = await marks(h.db);
  const result = await call();
  const { rows: audit } = await h.db.query<Recorded<T>["audit"][number]>(
    `SELECT action, entity, entity_id, org_path, request_id, actor FROM audit_record WHERE id > $1 ORDER BY id`,
    [before.audit],
  );
  const { rows: events } = await h.db.query<Recorded<T>["events"][number]>(
    `SELECT type, org_path, aggregate_id, payload FROM outbox_event WHERE id > $1 ORDER BY id`,
    [before.outbox],
  );
  expect(audit.map((a) => a.action)).toEqual([expected.action]);
  expect(audit[0]!.request_id).toBeTruthy();
  expect(events.map((e) => e.type)).toEqual(expected.events);
  return { result, audit, events };
}

/** A digest of every table: equal before and after ⇔ nothing was written. */
export async function databaseDigest(db: Database): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name } of tables) {
    const { rows } = await db.query<{ d: string }>(`SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS d FROM "${table_name}" t`);
    out[table_name] = rows[0]!.d;
  }
  return out;
}

/** The call fails with `code` (naming `field`) and leaves every table as it was: no rows, no audit, no event. */
export async function expectNoWrites(h: Harness, call: () => Promise<unknown>, code: ErrorCode, field?: string): Promise<void> {
  const before = await databaseDigest(h.db);
  await expectError(call(), code, field);
  expect(await databaseDigest(h.db)).toEqual(before);
}
