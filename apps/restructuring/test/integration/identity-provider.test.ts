// The saga's identity step as main.ts wires it from the configuration (issue #14, docs/restructuring.md
// "Identity"): `IDENTITY_UNIT_MOVES=keycloak` against a real Keycloak 26 when KEYCLOAK_URL is set (the `test:sso`
// stage of .ci/run, infra/keycloak/run-keycloak.sh), else `builtin` against the built-in provider in this
// process. One province merge (Hà Giang + Tuyên Quang → Tuyên Quang) on the synthetic 2024 tree, membership's
// reparent answers as membership computes them; officials of the old provinces' boards, a moved cell, a merged
// commune and an abolished district: after the step each carries what docs/restructuring.md says; a repeat
// moves nobody; the rollback's compensation brings every official back to the paths they had, each merged
// province's board to its own province (identity's record of the move, per user).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clientCredentials } from "@orgboard/auth";
import { defaultRealmFile, startIdentity, type IdentityServer } from "@orgboard/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identityMover, identityStep } from "../../src/app/rekeys.js";
import type { PathMove, SagaStep, StepAnswer, StepContext } from "../../src/app/steps.js";
import { identityTargetOfConfig, loadRestructuringConfig, tokenUrlOf } from "../../src/config.js";
import { compilePlan, deriveOrgChanges, officialPlan2025, provinceWork } from "../../src/domain/index.js";
import { tree2024 } from "../unit/fixtures.js";
import { keycloakAdmin } from "./keycloak-admin.js";

const KEYCLOAK_URL = process.env["KEYCLOAK_URL"]?.replace(/\/$/, "");
const tree = tree2024((p) => p === "02" || p === "08");
const compiled = compilePlan(officialPlan2025());
const [work] = provinceWork(compiled, tree, deriveOrgChanges(compiled, tree));

// Membership's reparent, as data: each move reads the paths the previous ones left.
const parent = new Map<string, string | null>(tree.map((o) => [o.code, o.parentCode]));
const pathOf = (code: string) => {
  const codes: string[] = [];
  for (let c: string | null = code; c !== null; c = parent.get(c) ?? null) codes.unshift(c);
  return `/${codes.join("/")}/`;
};
const before = new Map(tree.map((o) => [o.code, pathOf(o.code)]));
for (const c of work!.changes) if (c.kind === "create") parent.set(c.code, c.parentCode);
const reparented: (PathMove & { code: string })[] = [];
for (const c of work!.changes) {
  if (c.kind !== "reparent") continue;
  const fromPath = pathOf(c.code);
  parent.set(c.code, c.toParentCode);
  reparented.push({ code: c.code, fromPath, toPath: pathOf(c.code) });
}
const cell = reparented.find((m) => m.fromPath.startsWith("/02/") && m.code.endsWith("-01"))!;
const merged = work!.changes.find((c) => c.kind === "close" && c.successorCode !== null && c.successorCode !== work!.orgCode && reparented.some((m) => m.fromPath.startsWith(before.get(c.code)!)))! as { code: string; successorCode: string };
const district = tree.find((o) => o.kind === "upper_grassroots_committee" && o.parentCode === "02")!;

const OFFICIALS = {
  "hg.bantochuc": { path: "/02/", after: "/08-2025/" },
  "tq.bantochuc": { path: "/08/", after: "/08-2025/" },
  "hg.chibo": { path: cell.fromPath, after: cell.toPath },
  "hg.xa": { path: before.get(merged.code)!, after: pathOf(merged.successorCode) },
  // The abolished level: a path under the new province that names no organization (sees nothing).
  "hg.huyen": { path: before.get(district.code)!, after: `/08-2025/${district.code}/` },
};
type Username = keyof typeof OFFICIALS;

const context = (idempotencyKey: string): StepContext => ({
  planId: "plan-idp",
  provinceCode: work!.provinceCode,
  orgCode: work!.orgCode,
  orgPath: work!.orgPath,
  sourceOrgCodes: work!.sourceOrgCodes,
  membersBefore: work!.membersBefore,
  idempotencyKey,
  effectiveOn: "2025-07-01",
  changes: work!.changes,
  resultOf: (s) => (s === "membership.reparent" ? { records: {}, replayed: false, moves: reparented } : undefined),
});

/** The provider under test: how to provision the officials, read their paths back and remove them. */
interface Provider {
  env: Record<string, string>;
  orgPaths(): Promise<Record<Username, string[]>>;
  close(): Promise<void>;
}

async function keycloak(url: string): Promise<Provider> {
  const admin = keycloakAdmin(url);
  const usernames = Object.keys(OFFICIALS);
  await admin.remove(usernames); // a run stopped half-way may have left them
  for (const [username, o] of Object.entries(OFFICIALS)) {
    await admin.create({ username, firstName: "Văn", lastName: "Bùi", attributes: { full_name: ["Bùi Văn"], org_paths: [o.path] } });
  }
  return {
    env: { OIDC_ISSUER: `${url}/realms/orgboard`, IDENTITY_UNIT_MOVES: "keycloak" },
    orgPaths: async () => Object.fromEntries(await Promise.all(usernames.map(async (u) => [u, (await admin.find(u))?.attributes?.["org_paths"] ?? []]))) as Record<Username, string[]>,
    close: () => admin.remove(usernames),
  };
}

async function builtIn(): Promise<Provider> {
  const dir = mkdtempSync(join(tmpdir(), "restructuring-idp-"));
  const realm = JSON.parse(readFileSync(defaultRealmFile, "utf8")) as { users: Record<string, unknown>[] };
  Object.entries(OFFICIALS).forEach(([username, o], i) =>
    realm.users.push({ id: `6f1b2c10-0208-4c1e-9a01-0000000000${10 + i}`, username, enabled: true, firstName: "Văn", lastName: "Bùi", attributes: { full_name: ["Bùi Văn"], org_paths: [o.path] }, realmRoles: ["provincial_board"], requiredActions: [], credentials: [] }),
  );
  writeFileSync(join(dir, "realm.json"), JSON.stringify(realm));
  const identity: IdentityServer = await startIdentity({ port: 0, realmFile: join(dir, "realm.json"), dataDir: join(dir, "data") });
  return {
    env: { OIDC_ISSUER: identity.realmUrl, IDENTITY_UNIT_MOVES: "builtin" },
    // The provider's stored state: the last paths written per user (the realm file's where none).
    orgPaths: () => {
      const state = JSON.parse(readFileSync(join(dir, "data", "unit-moves.json"), "utf8")) as { orgPaths: Record<string, string[]> };
      return Promise.resolve(Object.fromEntries(Object.keys(OFFICIALS).map((u, i) => [u, state.orgPaths[`6f1b2c10-0208-4c1e-9a01-0000000000${10 + i}`] ?? [OFFICIALS[u as Username].path]])) as Record<Username, string[]>);
    },
    close: async () => {
      await identity.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe(`the identity step as configured (${KEYCLOAK_URL ? `IDENTITY_UNIT_MOVES=keycloak, Keycloak at ${KEYCLOAK_URL}` : "IDENTITY_UNIT_MOVES=builtin"})`, () => {
  let provider: Provider;
  let step: SagaStep;
  let first: StepAnswer;

  beforeAll(async () => {
    provider = KEYCLOAK_URL ? await keycloak(KEYCLOAK_URL) : await builtIn();
    // As main.ts: the configuration chooses the mover; the token is restructuring's own client credentials.
    const config = loadRestructuringConfig({ ...provider.env, MEMBERSHIP_URL: "http://127.0.0.1:9", OIDC_CLIENT_SECRET: "dev-restructuring-secret" });
    const target = identityTargetOfConfig(config);
    expect(target?.kind).toBe(KEYCLOAK_URL ? "keycloak" : "builtin");
    const mover = identityMover(target, clientCredentials({ tokenUrl: tokenUrlOf(config), clientId: config.OIDC_CLIENT_ID, clientSecret: config.OIDC_CLIENT_SECRET! }))!;
    step = identityStep({ mover });
  });
  afterAll(async () => {
    await provider?.close();
  });

  it("moves every official as the rules say: boards to the merged province, the cell's and the merged commune's to their new paths, the district's to no organization", async () => {
    expect(OFFICIALS["hg.chibo"].after.startsWith("/08-2025/")).toBe(true);
    expect(OFFICIALS["hg.xa"].after).toMatch(/^\/08-2025\/[^/]+\/$/);
    first = await step.run(context("plan-idp:08:identity.unitMoves"));
    expect(first).toEqual({ records: { users: 5 }, replayed: false });
    expect(await provider.orgPaths()).toEqual(Object.fromEntries(Object.entries(OFFICIALS).map(([u, o]) => [u, [o.after]])));
  });

  it("a repeat (a resumed run) moves nobody", async () => {
    const again = await step.run(context("plan-idp:08:identity.unitMoves"));
    // Keycloak keeps no record of the request: nobody is left to move. The built-in provider answers its record.
    expect(again).toEqual(KEYCLOAK_URL ? { records: { users: 0 }, replayed: true } : { records: { users: 5 }, replayed: true });
    expect(await provider.orgPaths()).toEqual(Object.fromEntries(Object.entries(OFFICIALS).map(([u, o]) => [u, [o.after]])));
  });

  it("the rollback's compensation brings every official back, each merged province's board to its own; a repeat restores nobody more", async () => {
    const undone = await step.compensate!(context("plan-idp:08:identity.unitMoves"), first);
    expect(undone).toEqual({ records: { users: 5 }, replayed: false });
    const back = Object.fromEntries(Object.entries(OFFICIALS).map(([u, o]) => [u, [o.path]]));
    expect(await provider.orgPaths()).toEqual(back);
    const again = await step.compensate!(context("plan-idp:08:identity.unitMoves"), first);
    expect(again).toEqual(KEYCLOAK_URL ? { records: { users: 0 }, replayed: true } : { records: { users: 5 }, replayed: true });
    expect(await provider.orgPaths()).toEqual(back);
  });
});
