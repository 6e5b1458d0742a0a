// One running conference service per test file: a fresh database (in-memory PGlite, or a new database
// on the PostgreSQL server named by TEST_DATABASE_URL / DATABASE_URL), a real test identity provider,
// real HTTP.
import { createTokenVerifier } from "@orgboard/auth";
import { createTestIssuer, type MintOptions, type TestIssuer } from "@orgboard/auth/testing";
import { createServiceLinks } from "@orgboard/contracts";
import { createTRPCClient, type TRPCClient } from "@trpc/client";
import { EventSource } from "eventsource";
import { openDatabase, type Database } from "../../src/db.js";
import type { AppRouter } from "../../src/router/index.js";
import { createConferenceService, type ConferenceService, type ConferenceServiceOptions } from "../../src/server.js";
import { createLogger } from "@orgboard/server-kit";
import { freshServiceDatabase } from "@orgboard/events/testing";

export type Client = TRPCClient<AppRouter>;

export interface Harness {
  url: string;
  issuer: TestIssuer;
  service: ConferenceService;
  db: Database;
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

export const ORGANIZER: MintOptions = { sub: "organizer-1", roles: ["conference_operator"], orgPaths: ["/"], name: "Ban Tổ chức Trung ương" };
export const siteOperator = (orgPath: string): MintOptions => ({ sub: `site-op-${orgPath}`, roles: ["site_operator"], orgPaths: [orgPath] });
export const CENTRAL_BOARD: MintOptions = { sub: "central-1", roles: ["central_board"], orgPaths: ["/"] };
export const provincialBoard = (orgPath: string): MintOptions => ({ sub: `board-${orgPath}`, roles: ["provincial_board"], orgPaths: [orgPath] });

export function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

function freshDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  return freshServiceDatabase("conference", openDatabase);
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
    client(claims, o = {}) {
      return createTRPCClient<AppRouter>({
        links: [
          createServiceLinks<AppRouter>({ conference: `${url}/trpc` }, () => (claims ? token(claims) : null), {
            EventSource: EventSource,
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

export const AGENDA = [
  { title: "Khai mạc", kind: "opening" as const, plannedMinutes: 5 },
  { title: "Báo cáo", kind: "report" as const, plannedMinutes: 30 },
  { title: "Thảo luận", kind: "discussion" as const, plannedMinutes: 60 },
  { title: "Kết luận", kind: "closing" as const, plannedMinutes: 15 },
];

export const SITES = [
  { code: "01", name: "Điểm cầu Thành ủy Hà Nội", orgPath: "/01/", chairName: "Nguyễn Văn An", expectedAttendance: 60 },
  { code: "08", name: "Điểm cầu Tỉnh ủy Tuyên Quang", orgPath: "/08/", chairName: "Lê Thị Kim Dung", expectedAttendance: 40 },
  { code: "08-070", name: "Điểm cầu Thành ủy Tuyên Quang", orgPath: "/08/08-070/", chairName: "Trần Văn Bình", expectedAttendance: 15 },
  { code: "QDTW", name: "Điểm cầu Đảng bộ Quân đội", orgPath: "/QDTW/", chairName: "Phạm Văn Hùng", expectedAttendance: 30 },
];

export function conferenceInput(over: Record<string, unknown> = {}) {
  return {
    title: "Hội nghị đánh giá công tác tổ chức xây dựng Đảng quý I năm 2024",
    orgPath: "/",
    organizerName: "Ban Tổ chức Trung ương",
    chairName: "Mai Văn Chính",
    chairTitle: "Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương",
    mode: "online" as const,
    scheduledStart: "2024-04-01T14:00:00+07:00",
    scheduledEnd: "2024-04-01T17:00:00+07:00",
    agenda: AGENDA,
    sites: SITES,
    ...over,
  };
}

let lastInstant = 0;
/** Strictly increasing instants near now: two beats of one site must differ, or the second is stale. */
export function nextInstant(): Date {
  lastInstant = Math.max(Date.now(), lastInstant + 1);
  return new Date(lastInstant);
}

/** Posts one heartbeat batch as the bridge (service token); returns the parsed answer. */
export async function beat(h: Harness, items: { siteId: string; quality: number; at?: Date }[]): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = await h.issuer.mintService("video-bridge", { audience: "conference" });
  const res = await fetch(`${h.url}/bridge/heartbeats`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ heartbeats: items.map((i) => ({ siteId: i.siteId, quality: i.quality, at: (i.at ?? nextInstant()).toISOString() })) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
