// Officials' unit attributes follow a restructuring (issue #14): the moves' rules, and the built-in
// provider's endpoint over real HTTP — only restructuring's service token may call it; a Tuyên Quang board
// official's next token (a refresh) carries the merged province's path, never both, never neither; a repeat
// replays; the move outlives a restart. The Keycloak implementation (keycloakUnitMover) is documented in
// docs/restructuring.md ("Rekey" → identity) with what its test still needs.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRealmFile } from "../src/config.js";
import { startIdentity, type IdentityServer } from "../src/index.js";
import { UNIT_MOVES_FILE } from "../src/realm/unit-moves-endpoint.js";
import { applyUnitMoves, applyUnitRestore, builtInUnitMover, emptyUnitMoveState, moveOrgPaths, parseUnitMoveRequest, parseUnitRestoreRequest, UNIT_CENSUS_PATH, UNIT_MOVES_PATH, UNIT_RESTORES_PATH, UnitMoveInputError, unitMovesUrlOf } from "@orgboard/identity-moves";
import { authorizationRequest, Browser, builtinDriver, REDIRECT, run, tokenRequest, vneidLogin } from "./support.js";

// 2025: Hà Giang (02) and Tuyên Quang (08) merge into the new Tuyên Quang, whose committee is /08-2025/.
const MERGER = { idempotencyKey: "plan-1:province-08:identity", effectiveOn: "2025-07-01", moves: [{ fromPath: "/08/", toPath: "/08-2025/" }, { fromPath: "/02/", toPath: "/08-2025/" }] };

describe("the moves' rules", () => {
  it("rewrite each path by the longest old subtree it lies in, and drop duplicates (two merged boards become one path)", () => {
    const moves = [...MERGER.moves, { fromPath: "/08/08-070/", toPath: "/08-2025/08-2025-001/" }];
    expect(moveOrgPaths(["/08/"], moves)).toEqual(["/08-2025/"]);
    expect(moveOrgPaths(["/08/08-070/01/"], moves)).toEqual(["/08-2025/08-2025-001/01/"]);
    expect(moveOrgPaths(["/08/", "/02/", "/01/"], moves)).toEqual(["/08-2025/", "/01/"]);
    expect(moveOrgPaths(["/080/", "/"], moves)).toEqual(["/080/", "/"]);
  });

  it("refuse bad input and chaining moves, naming the field", () => {
    const fields = (input: unknown) => {
      try {
        parseUnitMoveRequest(input);
      } catch (e) {
        if (e instanceof UnitMoveInputError) return e.fieldErrors.map((f) => f.path);
        throw e;
      }
      return [];
    };
    expect(fields(MERGER)).toEqual([]);
    expect(fields({ ...MERGER, idempotencyKey: "" })).toEqual(["idempotencyKey"]);
    expect(fields({ ...MERGER, effectiveOn: "01/07/2025" })).toEqual(["effectiveOn"]);
    expect(fields({ ...MERGER, moves: [{ fromPath: "/08", toPath: "/08-2025/" }] })).toEqual(["moves.0.fromPath"]);
    // /08/ → /08-2025/ then /08-2025/ → /09/ would move twice on a resumed run: refused.
    expect(fields({ ...MERGER, moves: [{ fromPath: "/08/", toPath: "/08-2025/" }, { fromPath: "/08-2025/", toPath: "/09/" }] })).toContain("moves.0.toPath");
    expect(fields({ ...MERGER, moves: [{ fromPath: "/08/", toPath: "/08/01/" }] })).toEqual(["moves.0.toPath"]);
  });
});

describe("a rollback's restore (the rules)", () => {
  const users = () => [
    { id: "tq", username: "tq.bantochuc", orgPaths: ["/08/"] },
    { id: "hg", username: "hg.bantochuc", orgPaths: ["/02/"] },
    { id: "hn", username: "hn.bantochuc", orgPaths: ["/01/"] },
  ];
  const at = new Date("2025-06-20T03:00:00Z");

  it("puts each user the move changed back on the paths it found (two merged boards each on its own), and no one else", () => {
    const u = users();
    const moved = applyUnitMoves(u, emptyUnitMoveState(), MERGER, "restructuring", at);
    for (const x of u) x.orgPaths = moved.state.orgPaths[x.id] ?? x.orgPaths;
    const undo = applyUnitRestore(u, moved.state, { idempotencyKey: `${MERGER.idempotencyKey}:undo`, undoOf: MERGER.idempotencyKey }, "restructuring", at);
    expect(undo.record.users.map((x) => [x.username, x.before, x.after])).toEqual([
      ["tq.bantochuc", ["/08-2025/"], ["/08/"]],
      ["hg.bantochuc", ["/08-2025/"], ["/02/"]],
    ]);
    expect(undo.state.orgPaths).toEqual({ tq: ["/08/"], hg: ["/02/"] });
    expect(undo.record).toMatchObject({ undoOf: MERGER.idempotencyKey, moves: [] });
  });

  it("leaves a user whose paths changed since the move (a board reassigned them); an unknown key restores nobody", () => {
    const u = users();
    const moved = applyUnitMoves(u, emptyUnitMoveState(), MERGER, "restructuring", at);
    u[0]!.orgPaths = ["/08-2025/08-2025-001/"];
    u[1]!.orgPaths = ["/08-2025/"];
    const undo = applyUnitRestore(u, moved.state, { idempotencyKey: "k:undo", undoOf: MERGER.idempotencyKey }, "restructuring", at);
    expect(undo.record.users.map((x) => x.username)).toEqual(["hg.bantochuc"]);
    expect(applyUnitRestore(u, moved.state, { idempotencyKey: "k2:undo", undoOf: "no-such-move" }, "restructuring", at).record.users).toEqual([]);
  });

  it("refuses bad input naming the field", () => {
    const fields = (input: unknown) => {
      try {
        parseUnitRestoreRequest(input);
      } catch (e) {
        if (e instanceof UnitMoveInputError) return e.fieldErrors.map((f) => [f.path, f.message.split(" / ")[0]]);
        throw e;
      }
      return [];
    };
    expect(fields({ idempotencyKey: "a:undo", undoOf: "a" })).toEqual([]);
    expect(fields({ idempotencyKey: "a:undo" })).toEqual([["undoOf", "là bắt buộc"]]);
    expect(fields({ idempotencyKey: "", undoOf: "a" })).toEqual([["idempotencyKey", "không được để trống"]]);
    expect(fields({ idempotencyKey: "a", undoOf: "a" })).toEqual([["undoOf", "phải khác idempotencyKey"]]);
  });
});

describe("the built-in provider's unit-moves endpoint", () => {
  const TQ_NATIONAL_ID = "079192004411"; // a citizen of the VNeID simulator, provisioned below as Tuyên Quang's board official
  let dir: string;
  let dataDir: string;
  let realmFile: string;
  let identity: IdentityServer;
  let tokenEndpoint: string;

  const start = async (port = 0) => {
    identity = await startIdentity({ port, realmFile, dataDir });
    tokenEndpoint = `${identity.realmUrl}/protocol/openid-connect/token`;
  };
  const serviceToken = async (client: string) => (await tokenRequest(tokenEndpoint, { grant_type: "client_credentials", client_id: client, client_secret: `dev-${client}-secret` })).body["access_token"]!;
  const mover = (client = "restructuring") => builtInUnitMover({ movesUrl: unitMovesUrlOf(identity.realmUrl), getToken: () => serviceToken(client) });
  const post = async (token: string | null, body: unknown, path = UNIT_MOVES_PATH) => {
    const res = await fetch(`${identity.realmUrl}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  async function loginTq(): Promise<Record<string, string>> {
    const browser = new Browser();
    const { url, verifier } = authorizationRequest(`${identity.realmUrl}/protocol/openid-connect/auth`);
    const loginPage = await run(browser, await browser.request(url));
    const vneidPage = await run(browser, await browser.request(builtinDriver.vneidLink(loginPage)));
    const end = await run(browser, await vneidLogin(browser, vneidPage, TQ_NATIONAL_ID));
    const code = new URLSearchParams(new URL(end.location!).hash.slice(1)).get("code")!;
    const res = await tokenRequest(tokenEndpoint, { grant_type: "authorization_code", client_id: "dashboard", code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(res.status).toBe(200);
    return res.body;
  }
  const orgPaths = (accessToken: string) => decodeJwt(accessToken)["org_paths"];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "identity-unit-moves-"));
    dataDir = join(dir, "data");
    // The shipped realm plus Tuyên Quang's and Hà Giang's board officials (the shipped one has none).
    const realm = JSON.parse(readFileSync(defaultRealmFile, "utf8")) as { users: Record<string, unknown>[] };
    const board = (id: string, username: string, fullName: string, nationalId: string, paths: string[]) => ({
      id,
      username,
      enabled: true,
      firstName: fullName.split(" ").slice(1).join(" "),
      lastName: fullName.split(" ")[0],
      attributes: { full_name: [fullName], national_id: [nationalId], org_paths: paths },
      realmRoles: ["provincial_board"],
      federatedIdentities: [{ identityProvider: "vneid", userId: nationalId, userName: nationalId }],
      requiredActions: [],
      credentials: [],
    });
    realm.users.push(board("6f1b2c10-0801-4c1e-9a01-000000000801", "tq.bantochuc", "Ngô Thị Mai", TQ_NATIONAL_ID, ["/08/"]));
    realm.users.push(board("6f1b2c10-0201-4c1e-9a01-000000000201", "hg.bantochuc", "Bùi Văn Tùng", "001099001234", ["/02/"]));
    realmFile = join(dir, "realm.json");
    writeFileSync(realmFile, JSON.stringify(realm));
    await start();
  });
  afterAll(async () => {
    await identity?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses everyone but restructuring's service account: officials, other services (403), no or a bad token (401); bad input names the field", async () => {
    const official = (await loginTq())["access_token"]!;
    for (const token of [official, await serviceToken("personnel"), await serviceToken("membership"), await serviceToken("realtime")]) {
      expect((await post(token, MERGER)).status).toBe(403);
    }
    expect((await post(null, MERGER)).status).toBe(401);
    expect((await post("not-a-token", MERGER)).status).toBe(401);
    const bad = await post(await serviceToken("restructuring"), { ...MERGER, moves: [{ fromPath: "/08/", toPath: "08-2025" }] });
    expect(bad.status).toBe(400);
    expect((bad.body["fieldErrors"] as { path: string; message: string }[]).map((e) => e.path)).toEqual(["moves.0.toPath"]);
    expect(() => statSync(join(dataDir, UNIT_MOVES_FILE))).toThrow();
  });

  it("moves the boards: the Tuyên Quang official's next token (refresh) carries /08-2025/ alone, never both, never neither", async () => {
    const before = await loginTq();
    expect(orgPaths(before["access_token"]!)).toEqual(["/08/"]);
    const out = await mover().moveUnitAttributes(MERGER);
    expect(out).toEqual({ idempotencyKey: MERGER.idempotencyKey, users: 2, replayed: false });
    const refreshed = await tokenRequest(tokenEndpoint, { grant_type: "refresh_token", client_id: "dashboard", refresh_token: before["refresh_token"]! });
    expect(refreshed.status).toBe(200);
    expect(orgPaths(refreshed.body["access_token"]!)).toEqual(["/08-2025/"]);
    // The ID token and userinfo say the same.
    expect(decodeJwt(refreshed.body["id_token"]!)["org_paths"]).toEqual(["/08-2025/"]);
    const info = (await (await fetch(`${identity.realmUrl}/protocol/openid-connect/userinfo`, { headers: { authorization: `Bearer ${refreshed.body["access_token"]}` } })).json()) as Record<string, unknown>;
    expect(info["org_paths"]).toEqual(["/08-2025/"]);
  });

  it("census (restructuring's verify): only restructuring's account (403, 401), bad input names the field; counts the users at or under each path, read-only", async () => {
    const query = { paths: ["/08-2025/", "/02/", "/08/"] };
    for (const token of [(await loginTq())["access_token"]!, await serviceToken("personnel"), await serviceToken("membership")]) {
      const refused = await post(token, query, UNIT_CENSUS_PATH);
      expect(refused.status).toBe(403);
      expect(refused.body["error_description"]).toMatch(/^không được phép xem phạm vi tổ chức của người dùng \/ /);
    }
    expect((await post(null, query, UNIT_CENSUS_PATH)).status).toBe(401);
    expect((await post("not-a-token", query, UNIT_CENSUS_PATH)).status).toBe(401);
    for (const [body, field] of [[{ paths: ["/08/", "08-2025"] }, "paths.1"], [{ paths: [] }, "paths"], [{}, "paths"], [{ paths: ["/"] }, "paths.0"]] as const) {
      const bad = await post(await serviceToken("restructuring"), body, UNIT_CENSUS_PATH);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      const errors = bad.body["fieldErrors"] as { path: string; message: string }[];
      expect(errors.map((e) => e.path), JSON.stringify(body)).toEqual([field]);
      // Vietnamese first (its first word has a letter outside ASCII), then English.
      expect(errors[0]!.message).toMatch(/^\p{L}*[^\p{ASCII}]\p{L}* .* \/ [a-z]/u);
    }
    const before = readFileSync(join(dataDir, UNIT_MOVES_FILE), "utf8");
    const census = await mover().census(query);
    expect(census.paths).toEqual([
      { path: "/08-2025/", users: 2, usernames: ["hg.bantochuc", "tq.bantochuc"], found: [{ path: "/08-2025/", users: 2, usernames: ["hg.bantochuc", "tq.bantochuc"] }] },
      { path: "/02/", users: 0, usernames: [], found: [] },
      { path: "/08/", users: 0, usernames: [], found: [] },
    ]);
    // A deeper prefix does not count the province's board (an entry at or under the prefix, not above it).
    expect((await mover().census({ paths: ["/08-2025/08-2025-001/"] })).paths[0]!.users).toBe(0);
    // GET is not the census.
    expect((await fetch(`${identity.realmUrl}${UNIT_CENSUS_PATH}`, { headers: { authorization: `Bearer ${await serviceToken("restructuring")}` } })).status).toBe(405);
    expect(readFileSync(join(dataDir, UNIT_MOVES_FILE), "utf8")).toBe(before);
  });

  it("records the move (each user's before and after) and answers a repeat with it; the key with other moves is a 409", async () => {
    const state = JSON.parse(readFileSync(join(dataDir, UNIT_MOVES_FILE), "utf8")) as { orgPaths: Record<string, string[]>; applied: { idempotencyKey: string; actor: string; users: { username: string; before: string[]; after: string[] }[] }[] };
    expect(statSync(join(dataDir, UNIT_MOVES_FILE)).mode & 0o777).toBe(0o600);
    expect(state.applied).toHaveLength(1);
    expect(state.applied[0]!.users.map((u) => [u.username, u.before, u.after])).toEqual([
      ["tq.bantochuc", ["/08/"], ["/08-2025/"]],
      ["hg.bantochuc", ["/02/"], ["/08-2025/"]],
    ]);
    expect(await mover().moveUnitAttributes(MERGER)).toEqual({ idempotencyKey: MERGER.idempotencyKey, users: 2, replayed: true });
    expect((await post(await serviceToken("restructuring"), { ...MERGER, effectiveOn: "2025-07-02" })).status).toBe(409);
    expect(JSON.parse(readFileSync(join(dataDir, UNIT_MOVES_FILE), "utf8")).applied).toHaveLength(1);
  });

  it("outlives a restart: after it the official signs in with the merged province's path", async () => {
    const port = Number(new URL(identity.url).port);
    await identity.close();
    await start(port);
    expect(orgPaths((await loginTq())["access_token"]!)).toEqual(["/08-2025/"]);
    expect(await mover().moveUnitAttributes(MERGER)).toMatchObject({ replayed: true });
  });

  it("a rollback's restore: only restructuring's account (403, 401), bad input names the field; each board back on its own province, once; kept across a restart", async () => {
    const undo = { idempotencyKey: `${MERGER.idempotencyKey}:undo`, undoOf: MERGER.idempotencyKey };
    for (const client of ["personnel", "membership"]) expect((await post(await serviceToken(client), undo, UNIT_RESTORES_PATH)).status, client).toBe(403);
    expect((await post(null, undo, UNIT_RESTORES_PATH)).status).toBe(401);
    const bad = await post(await serviceToken("restructuring"), { idempotencyKey: undo.idempotencyKey }, UNIT_RESTORES_PATH);
    expect(bad.status).toBe(400);
    expect(bad.body["fieldErrors"]).toEqual([{ path: "undoOf", message: expect.stringMatching(/^là bắt buộc \/ /) as unknown }]);

    const session = await loginTq();
    expect(orgPaths(session["access_token"]!)).toEqual(["/08-2025/"]);
    expect(await mover().restoreUnitAttributes(undo)).toEqual({ idempotencyKey: undo.idempotencyKey, users: 2, replayed: false });
    const refreshed = await tokenRequest(tokenEndpoint, { grant_type: "refresh_token", client_id: "dashboard", refresh_token: session["refresh_token"]! });
    expect(orgPaths(refreshed.body["access_token"]!)).toEqual(["/08/"]);
    const state = JSON.parse(readFileSync(join(dataDir, UNIT_MOVES_FILE), "utf8")) as { orgPaths: Record<string, string[]>; applied: { idempotencyKey: string; undoOf?: string }[] };
    expect(state.orgPaths).toMatchObject({ "6f1b2c10-0801-4c1e-9a01-000000000801": ["/08/"], "6f1b2c10-0201-4c1e-9a01-000000000201": ["/02/"] });
    expect(state.applied.map((a) => [a.idempotencyKey, a.undoOf])).toEqual([[MERGER.idempotencyKey, undefined], [undo.idempotencyKey, MERGER.idempotencyKey]]);
    // A resumed rollback repeats it: the record answers, nobody moves again; the key for another undo is a 409.
    expect(await mover().restoreUnitAttributes(undo)).toEqual({ idempotencyKey: undo.idempotencyKey, users: 2, replayed: true });
    expect((await post(await serviceToken("restructuring"), { ...undo, undoOf: "other" }, UNIT_RESTORES_PATH)).status).toBe(409);
    const port = Number(new URL(identity.url).port);
    await identity.close();
    await start(port);
    expect(orgPaths((await loginTq())["access_token"]!)).toEqual(["/08/"]);
  });
});
