// What the process tests with every rekeyed service wired share (rekey-crash.test.ts,
// rekey-crash-services.test.ts): membership seeded with Hà Giang's and Tuyên Quang's real 2024 units in this
// process, the identity provider on the shipped realm, the officials' VNeID sessions, restructuring's
// environment, and one record in inspection, personnel and conference under a Hà Giang cell.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createTokenVerifier } from "@orgboard/auth";
import { discoverRealm, officialSession, type RealmEndpoints, type TokenSet } from "@orgboard/auth/official-session";
import type { ConferenceContract } from "@orgboard/contract-conference";
import type { InspectionContractRouter } from "@orgboard/contract-inspection";
import type { MembershipContractRouter } from "@orgboard/contract-membership";
import type { PersonnelContractRouter } from "@orgboard/contract-personnel";
import { createServiceLinks, type ContractRouter } from "@orgboard/contracts";
import { freshServiceDatabase } from "@orgboard/events/testing";
import { defaultRealmFile, startIdentity, type IdentityServer } from "@orgboard/identity";
import { openMembershipDatabase } from "@orgboard/membership";
import { createMembershipService } from "@orgboard/membership/server";
import { createLogger, type Logger, type Service } from "@orgboard/server-kit";
import { createTRPCClient } from "@trpc/client";
import { seedMembership } from "../../src/testing.js";

export type Cleanups = (() => Promise<void>)[];
export const silent = (name: string): Logger => createLogger({ name, level: "silent" });

/** The shipped realm's officials who make the test's records (and the central board who runs the plan). */
export const NATIONAL_IDS = { "tw.bantochuc": "001068004521", "hn.kiemtra": "001072006705", "hn.nhansu": "001180002244", "hoinghi.vanhanh": "001085009132" } as const;
export type Official = keyof typeof NATIONAL_IDS;

/** An in-process service started; its stop and its database's drop join `cleanups`. */
export async function up(cleanups: Cleanups, service: Service, drop: () => Promise<void>): Promise<string> {
  const { url } = await service.start({ handleSignals: false });
  cleanups.push(async () => {
    await service.stop();
    await drop();
  });
  return url;
}

/** A service's token verifier for the identity provider's realm at `realmUrl` (keys fetched on first use). */
export const verifierFor = (realmUrl: string) => (audience: string) => createTokenVerifier({ issuer: realmUrl, audience });

export interface SeededMembership {
  url: string;
  sql: <T>(q: string, params?: unknown[]) => Promise<T[]>;
  members: number;
  /** Hà Giang's first grassroots cell: every organization of Hà Giang moves, so its records follow. */
  cell: { code: string; path: string };
}

/** Membership in this process on a fresh database, seeded with Hà Giang (02) and Tuyên Quang (08). */
export async function seededMembership(cleanups: Cleanups, realmUrl: string): Promise<SeededMembership> {
  const mdb = await freshServiceDatabase("membership", (o) => openMembershipDatabase(o));
  const members = (await seedMembership(mdb.db, ["02", "08"])).members;
  const sql = async <T>(q: string, params: unknown[] = []) => (await mdb.db.query(q, params)).rows as T[];
  const [cell] = await sql<{ code: string; path: string }>(`SELECT code, path FROM party_organization WHERE kind = 'grassroots_cell' AND path LIKE '/02/%' ORDER BY code LIMIT 1`);
  const service = createMembershipService({ db: mdb.db, verifier: verifierFor(realmUrl)("membership"), today: () => "2026-11-20", logger: silent("membership"), closeDatabase: false, rateLimits: false });
  const url = await up(cleanups, service, async () => {
    await mdb.db.close();
    await mdb.drop();
  });
  return { url, sql, members, cell: cell! };
}

export interface Identity {
  server: IdentityServer;
  endpoints: RealmEndpoints;
  tokenUrl: string;
  /** An official's session (VNeID sign-in through the simulator, refreshed), one per official. */
  session: (username: Official) => () => Promise<string>;
}

/**
 * The identity provider in this process on `port`: the shipped realm, the inspection and personnel officials
 * given the national scope for the test's records, plus `extraUsers`; its state in `<dir>/identity`.
 */
export async function startRealm(cleanups: Cleanups, dir: string, port: number, extraUsers: unknown[] = []): Promise<Identity> {
  const realm = JSON.parse(readFileSync(defaultRealmFile, "utf8")) as { users: { username: string; attributes?: Record<string, string[]> }[] };
  for (const u of realm.users) if (u.username === "hn.kiemtra" || u.username === "hn.nhansu") u.attributes = { ...u.attributes, org_paths: ["/"] };
  realm.users.push(...(extraUsers as never[]));
  writeFileSync(path.join(dir, "realm.json"), JSON.stringify(realm));
  const server = await startIdentity({ port, realmFile: path.join(dir, "realm.json"), dataDir: path.join(dir, "identity"), env: { ...process.env, NODE_ENV: "development" } });
  cleanups.push(() => server.close());
  const endpoints = await discoverRealm(server.url);
  const sessions = new Map<Official, () => Promise<string>>();
  return {
    server,
    endpoints,
    tokenUrl: `${server.realmUrl}/protocol/openid-connect/token`,
    session: (username) => {
      if (!sessions.has(username)) sessions.set(username, officialSession(endpoints, NATIONAL_IDS[username]));
      return sessions.get(username)!;
    },
  };
}

export interface ServiceUrls {
  membership: string;
  inspection: string;
  personnel: string;
  conference: string;
}

/** The restructuring process's environment: every service wired, identity's unit moves on the built-in provider. */
export const restructuringEnv = (database: NodeJS.ProcessEnv, realmUrl: string, urls: ServiceUrls, dir: string): NodeJS.ProcessEnv => ({
  ...database,
  OIDC_ISSUER: realmUrl,
  OIDC_CLIENT_SECRET: "dev-restructuring-secret",
  MEMBERSHIP_URL: urls.membership,
  INSPECTION_URL: urls.inspection,
  PERSONNEL_URL: urls.personnel,
  CONFERENCE_URL: urls.conference,
  IDENTITY_UNIT_MOVES: "builtin",
  AUDIT_ANCHOR_DIR: path.join(dir, "anchors"),
});

/**
 * A watch-list entry, a cadre and a conference with one site, each made under `orgPath` through its service's
 * API by its official: the records the rekeys move.
 */
export async function recordsUnder(orgPath: string, urls: Omit<ServiceUrls, "membership">, session: Identity["session"]): Promise<{ inspection: string; personnel: string; conference: string }> {
  const insp = createTRPCClient<InspectionContractRouter>({ links: [createServiceLinks<InspectionContractRouter>({ inspection: `${urls.inspection}/trpc` }, session("hn.kiemtra"))] });
  const inspection = (await insp.inspection.watchList.add.mutate({ link: { kind: "free_text", orgPath }, title: "Theo dõi chi bộ", addedOn: "2025-06-01" })).id;
  const pers = createTRPCClient<PersonnelContractRouter>({ links: [createServiceLinks<PersonnelContractRouter>({ personnel: `${urls.personnel}/trpc` }, session("hn.nhansu"))] });
  const personnel = (await pers.personnel.cadres.create.mutate({ orgPath, memberId: null, nationalId: "002075000101", fullName: "Hoàng Văn Khánh", birthDate: "1975-01-01", gender: "male" })).id;
  type ConferenceRouter = ContractRouter<ConferenceContract>;
  const conf = createTRPCClient<ConferenceRouter>({ links: [createServiceLinks<ConferenceRouter>({ conference: `${urls.conference}/trpc` }, session("hoinghi.vanhanh"))] });
  const conference = (
    await conf.conference.create.mutate({
      title: "Hội nghị chi bộ trước sáp nhập",
      orgPath,
      organizerName: "Đảng ủy xã",
      chairName: "Mai Văn Chính",
      chairTitle: "Bí thư chi bộ",
      mode: "online",
      scheduledStart: "2025-06-20T14:00:00+07:00",
      scheduledEnd: "2025-06-20T17:00:00+07:00",
      agenda: [{ title: "Khai mạc", kind: "opening", plannedMinutes: 5 }],
      sites: [{ code: "S1", name: "Điểm cầu chi bộ", orgPath, chairName: "Trần Văn Bình", expectedAttendance: 10 }],
    })
  ).id;
  return { inspection, personnel, conference };
}

/** The claims of an access token (the test reads what the identity provider put in it). */
export const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as { org_paths?: string[] };

/** Membership's members as the holder of this access token sees them (one page of 200). */
export const membersSeenWith = async (membershipUrl: string, token: string) =>
  (await createTRPCClient<MembershipContractRouter>({ links: [createServiceLinks<MembershipContractRouter>({ membership: `${membershipUrl}/trpc` }, () => Promise.resolve(token))] }).membership.members.list.query({ limit: 200 })).items;

/** A refresh_token grant as the dashboard sends it; the provider may rotate the refresh token: the new one is kept. */
export async function refreshed(endpoints: RealmEndpoints, tokens: TokenSet): Promise<TokenSet> {
  const res = await fetch(endpoints.token, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: "refresh_token", client_id: "dashboard", refresh_token: tokens.refreshToken! }) });
  if (res.status !== 200) throw new Error(`refresh_token grant at ${endpoints.token}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { access_token: string; refresh_token?: string; expires_in: number };
  return { accessToken: body.access_token, refreshToken: body.refresh_token ?? tokens.refreshToken, expiresAt: Date.now() + body.expires_in * 1000 };
}
