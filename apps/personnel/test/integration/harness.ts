// One running personnel service per test file, on a fresh database (in-memory PGlite, or a new database on
// the PostgreSQL server of TEST_DATABASE_URL / DATABASE_URL), consulting a real membership and a real
// inspection service started in-process on their own databases; one test identity provider for all;
// real HTTP on 127.0.0.1. Personnel follows inspection's and membership's streams.
import { createTokenVerifier } from "@orgboard/auth";
import { createTestIssuer, type MintOptions, type TestIssuer } from "@orgboard/auth/testing";
import { createServiceLinks, type EventEnvelope } from "@orgboard/contracts";
import type { InspectionContractRouter } from "@orgboard/contract-inspection";
import type { MembershipContractRouter } from "@orgboard/contract-membership";
import { createInspectionService, membershipDirectory, openDatabase as openInspectionDatabase } from "@orgboard/inspection";
import { openTestDatabase, type TestDatabase } from "@orgboard/membership";
import { createMembershipService } from "@orgboard/membership/server";
import { freshServiceDatabase } from "@orgboard/events/testing";
import { createLogger, type Service } from "@orgboard/server-kit";
import { createTRPCClient, type TRPCClient } from "@trpc/client";
import { EventSource } from "eventsource";
import { serviceConsultations } from "../../src/app/consultations.js";
import type { InspectionOutcome } from "../../src/app/inspection-effects.js";
import type { MembershipOutcome } from "../../src/app/membership-effects.js";
import { openDatabase, type Database } from "../../src/db.js";
import type { AppRouter } from "../../src/router/index.js";
import { createPersonnelService, type PersonnelService } from "../../src/server.js";

export type Client = TRPCClient<AppRouter>;

export const TREE = { p1: "/01/", g1: "/01/01-G1/", c1: "/01/01-G1/01-C1/", k1: "/01/01-K1/", p2: "/02/", k2: "/02/02-K2/" } as const;

/** The instant every test runs at (Vietnam: 2026-11-20). */
export const NOW = new Date("2026-11-20T03:00:00Z");
export const TODAY = "2026-11-20";

export const ROLES = ["central_board", "provincial_board", "inspection_committee", "personnel_officer", "conference_operator", "site_operator", "viewer", "auditor"] as const;
export type HumanRole = (typeof ROLES)[number];
export const as = (role: HumanRole | "service", orgPath: string): MintOptions => ({ sub: `${role}-${orgPath}`, roles: [role], orgPaths: [orgPath] });
export const OFFICER_HN = as("personnel_officer", TREE.p1);
export const OFFICER_P2 = as("personnel_officer", TREE.p2);
export const INSPECTOR_HN = as("inspection_committee", TREE.p1);
export const CENTRAL: MintOptions = { sub: "central-1", roles: ["central_board"], orgPaths: ["/"] };

export interface Members {
  hn1: number;
  hn2: number;
  p2: number;
  /** members of /01/ kept for the member-events tests (hn3 dies, hn4 is struck off) */
  hn3: number;
  hn4: number;
}

export interface Harness {
  url: string;
  issuer: TestIssuer;
  db: Database;
  service: PersonnelService;
  members: Members;
  inspection: TRPCClient<InspectionContractRouter>;
  /** membership's API as the central board (records deaths and removals there). */
  membership: TRPCClient<MembershipContractRouter>;
  /** Resolves when the follower has handled membership's `type` event about `memberId`. */
  memberHandled(type: string, memberId: number): Promise<MembershipOutcome>;
  /** Every membership event about a member the follower committed, in order (outcome included). */
  memberSeen: { event: EventEnvelope; outcome: MembershipOutcome }[];
  client(claims: MintOptions | null): Client;
  /** Resolves when the follower has handled the inspection event announcing `decisionId`. */
  handled(decisionId: string): Promise<InspectionOutcome>;
  /** Every inspection event the follower committed, in order (outcome included). */
  seen: { event: EventEnvelope; outcome: InspectionOutcome }[];
  /** Stops personnel (follower first) and starts it again on the same database and port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/** A fresh personnel-shaped database: PGlite in memory, or a new database on the test PostgreSQL server. */
export function fresh<T>(prefix: string, open: (o: { dataDir?: string; databaseUrl?: string; poolSize?: number }) => Promise<T>): Promise<{ db: T; drop: () => Promise<void> }> {
  return freshServiceDatabase(prefix, open);
}

const logger = (name: string) => createLogger({ name, level: (process.env.LOG_LEVEL as "info" | undefined) ?? "silent" });

async function startMembership(issuer: TestIssuer): Promise<{ url: string; service: Service; t: TestDatabase; members: Members; client: TRPCClient<MembershipContractRouter> }> {
  const t = await openTestDatabase();
  const service = createMembershipService({ db: t.db, verifier: createTokenVerifier(issuer.verifierOptions("membership")), today: () => TODAY, logger: logger("membership"), closeDatabase: false });
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
  const person = (fullName: string, nationalId: string, orgPath: string, gender: "male" | "female") =>
    m.members.create.mutate({ orgPath, fullName, birthDate: "1980-05-01", gender, ethnicity: "Kinh", nationalId, status: "official", admittedOn: "2010-03-01", officialOn: "2011-03-01" });
  const hn1 = await person("Nguyễn Văn An", "001080000001", TREE.c1, "male");
  const hn2 = await person("Trần Thị Bình", "001180000002", TREE.k1, "female");
  const p2 = await person("Lò Văn Cường", "002080000003", TREE.k2, "male");
  const hn3 = await person("Hoàng Văn Dũng", "001080000004", TREE.k1, "male");
  const hn4 = await person("Vũ Thị Hoa", "001180000005", TREE.k1, "female");
  return { url, service, t, client, members: { hn1: hn1.id, hn2: hn2.id, p2: p2.id, hn3: hn3.id, hn4: hn4.id } };
}

export async function startHarness(): Promise<Harness> {
  const issuer = await createTestIssuer({ audience: "personnel" });
  const membership = await startMembership(issuer);
  const insp = await fresh("inspection", openInspectionDatabase);
  const inspection = createInspectionService({
    db: insp.db,
    verifier: createTokenVerifier(issuer.verifierOptions("inspection")),
    subjects: membershipDirectory({ baseUrl: membership.url, token: () => issuer.mintService("inspection", { audience: "membership" }) }),
    now: () => NOW,
    logger: logger("inspection"),
  });
  const { url: inspectionUrl } = await inspection.start({ handleSignals: false });
  const { db, drop } = await fresh("personnel", openDatabase);
  const waiters = new Map<string, (o: InspectionOutcome) => void>();
  const done = new Map<string, InspectionOutcome>();
  const token = () => issuer.mintService("personnel", { audience: ["membership", "inspection"] });
  const seen: { event: EventEnvelope; outcome: InspectionOutcome }[] = [];
  const memberSeen: { event: EventEnvelope; outcome: MembershipOutcome }[] = [];
  const memberWaiters = new Map<string, (o: MembershipOutcome) => void>();
  const memberDone = new Map<string, MembershipOutcome>();
  const make = (port?: number) => createPersonnelService({
    port,
    closeDatabase: false,
    db,
    verifier: createTokenVerifier(issuer.verifierOptions("personnel")),
    consult: serviceConsultations({ membershipUrl: membership.url, inspectionUrl, token }),
    inspection: {
      url: inspectionUrl,
      getToken: token,
      retryDelayMs: 50,
      maxRetryDelayMs: 500,
      onHandled: (event, outcome) => {
        seen.push({ event, outcome });
        const id = (event.payload as { decisionId?: string }).decisionId;
        if (!id) return;
        done.set(id, outcome);
        waiters.get(id)?.(outcome);
      },
    },
    membership: {
      url: membership.url,
      getToken: token,
      retryDelayMs: 50,
      maxRetryDelayMs: 500,
      onHandled: (event, outcome) => {
        const memberId = (event.payload as { memberId?: unknown }).memberId;
        if (typeof memberId !== "number") return;
        memberSeen.push({ event, outcome });
        const key = `${event.type}:${memberId}`;
        memberDone.set(key, outcome);
        memberWaiters.get(key)?.(outcome);
      },
    },
    now: () => NOW,
    logger: logger("personnel"),
  });
  let service = make();
  const { url } = await service.start({ handleSignals: false });
  const inspectionClient = createTRPCClient<InspectionContractRouter>({
    links: [createServiceLinks<InspectionContractRouter>({ inspection: `${inspectionUrl}/trpc` }, () => issuer.mint({ audience: "inspection", ...INSPECTOR_HN }))],
  });
  return {
    url,
    issuer,
    db,
    get service() {
      return service;
    },
    seen,
    memberSeen,
    membership: membership.client,
    memberHandled(type, memberId) {
      const key = `${type}:${memberId}`;
      const got = memberDone.get(key);
      if (got) return Promise.resolve(got);
      return new Promise((resolve) => memberWaiters.set(key, resolve));
    },
    async restart() {
      await service.stop();
      service = make(Number(new URL(url).port));
      await service.start({ handleSignals: false });
    },
    members: membership.members,
    inspection: inspectionClient,
    client(claims) {
      return createTRPCClient<AppRouter>({
        links: [createServiceLinks<AppRouter>({ personnel: `${url}/trpc` }, () => (claims ? issuer.mint({ audience: "personnel", ...claims }) : null), { EventSource })],
      });
    },
    handled(decisionId) {
      const seen = done.get(decisionId);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.set(decisionId, resolve));
    },
    async close() {
      await service.stop();
      await db.close();
      await drop();
      await inspection.stop();
      await insp.drop();
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

/** A warning decided by Hà Nội's committee on a member, announced on 2026-10-07. */
export function warningInput(memberId: number, over: Record<string, unknown> = {}) {
  return {
    subject: { kind: "member" as const, memberId },
    form: "warning" as const,
    decidedBy: { kind: "committee" as const, orgPath: TREE.p1 },
    decisionNumber: "601-QĐ/TU",
    decidedOn: "2026-10-05",
    announcedOn: "2026-10-07",
    degree: "serious" as const,
    violatedOn: "2025-06-15",
    reason: "Vi phạm quy định về trách nhiệm nêu gương",
    ...over,
  };
}
