// The built-in provider's side of the unit-attribute move (src/unit-moves.ts): POST
// /realms/<realm>/orgboard/unit-moves (and `/restore`, a rollback's undo of one move), callable only with restructuring's service token (azp
// `restructuring`, role `service`: the same grant as the services' `restructuring.rekey`). It moves the
// users' `org_paths` in memory (the next token reads them) and keeps, in <dataDir>/unit-moves.json, the
// paths that override the realm file's and every applied request with each user's before and after — the
// idempotency record and the identity provider's audit of the move. `/census` (same token) is read-only: per
// path prefix, the users with an `org_paths` entry at or under it (restructuring's verify); each call is logged
// with who asked and what, and writes nothing.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { jwtVerify, type JWTVerifyGetKey } from "jose";
import writeFileAtomic from "write-file-atomic";
import { z } from "zod";
import { bilingual } from "@orgboard/server-kit";
import { readBody } from "../http.js";
import type { RealmUser } from "../realm.js";
import { applyUnitMoves, applyUnitRestore, emptyUnitMoveState, findApplied, parseUnitCensusRequest, parseUnitMoveRequest, parseUnitRestoreRequest, unitCensus, UnitMoveInputError, type UnitMoveState } from "@orgboard/identity-moves";

export const UNIT_MOVES_FILE = "unit-moves.json";

/** The only client whose service account may move unit attributes. */
export const UNIT_MOVER_CLIENT = "restructuring";

const stateSchema = z.object({
  version: z.literal(1),
  orgPaths: z.record(z.string(), z.array(z.string())),
  applied: z.array(z.looseObject({ idempotencyKey: z.string(), requestHash: z.string() })),
});

/** The saved state, or an empty one when the file does not exist yet; a damaged file stops the start, naming it. */
export async function loadUnitMoveState(file: string): Promise<UnitMoveState> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return emptyUnitMoveState();
    throw e;
  }
  const parsed = stateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file}: not a unit-moves state file (${parsed.error.issues[0]?.message ?? "invalid"})`);
  return parsed.data as unknown as UnitMoveState;
}

/** The realm file's users with the moved paths laid over them (at start, before any token is issued). */
export function overlayUnitMoves(users: RealmUser[], state: UnitMoveState): void {
  for (const u of users) {
    const moved = state.orgPaths[u.id];
    if (moved) u.orgPaths = [...moved];
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

export interface UnitMovesEndpointOptions {
  issuer: string;
  jwks: JWTVerifyGetKey;
  users: RealmUser[];
  state: UnitMoveState;
  /** Where the state is kept (atomically, mode 0600); none: in memory only (tests, no data directory). */
  file?: string;
  now?: () => Date;
}

export function createUnitMovesEndpoint(opts: UnitMovesEndpointOptions): (req: IncomingMessage, res: ServerResponse, kind?: "move" | "restore" | "census") => Promise<void> {
  let state = opts.state;
  // One move at a time: each reads the users and the record as the previous one left them.
  let queue: Promise<unknown> = Promise.resolve();

  return async (req, res, kind = "move") => {
    if (req.method !== "POST") return send(res, 405, { error: "method_not_allowed" });
    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith("Bearer ")) return send(res, 401, { error: "invalid_token", error_description: bilingual("thiếu mã truy cập", "missing bearer token") });
    let claims: Record<string, unknown>;
    try {
      claims = (await jwtVerify(auth.slice(7), opts.jwks, { issuer: opts.issuer, algorithms: ["RS256"] })).payload;
    } catch {
      return send(res, 401, { error: "invalid_token", error_description: bilingual("mã truy cập không hợp lệ", "invalid token") });
    }
    const roles = (claims["realm_access"] as { roles?: unknown } | undefined)?.roles;
    if (claims["typ"] !== "Bearer" || claims["azp"] !== UNIT_MOVER_CLIENT || !Array.isArray(roles) || !roles.includes("service")) {
      return send(res, 403, {
        error: "forbidden",
        error_description: kind === "census" ? bilingual("không được phép xem phạm vi tổ chức của người dùng", "not allowed to read users' unit attributes") : bilingual("không được phép chuyển phạm vi tổ chức của người dùng", "not allowed to move users' unit attributes"),
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, 1024 * 1024));
    } catch {
      return send(res, 400, { error: "invalid_request", fieldErrors: [{ path: "", message: bilingual("nội dung phải là JSON", "the body must be JSON") }] });
    }
    const actor = typeof claims["sub"] === "string" ? claims["sub"] : UNIT_MOVER_CLIENT;
    if (kind === "census") {
      let census;
      try {
        census = parseUnitCensusRequest(body);
      } catch (e) {
        if (e instanceof UnitMoveInputError) return send(res, 400, { error: "invalid_request", fieldErrors: e.fieldErrors });
        throw e;
      }
      // Read-only, outside the moves' queue: it sees the users as the last finished move left them.
      const out = unitCensus(opts.users, census);
      console.info(`[identity] unit census by ${actor}: ${census.paths.length} path(s), ${out.paths.reduce((a, p) => a + p.users, 0)} user match(es)`);
      return send(res, 200, out);
    }
    let request;
    try {
      request = kind === "restore" ? parseUnitRestoreRequest(body) : parseUnitMoveRequest(body);
    } catch (e) {
      if (e instanceof UnitMoveInputError) return send(res, 400, { error: "invalid_request", fieldErrors: e.fieldErrors });
      throw e;
    }
    const run = queue.then(async () => {
      const found = findApplied(state, request);
      if (found.kind === "same") return { status: 200, body: { idempotencyKey: request.idempotencyKey, users: found.record.users.length, replayed: true } };
      if (found.kind === "different") {
        return { status: 409, body: { error: "conflict", error_description: bilingual("khóa idempotencyKey đã dùng cho một yêu cầu khác", "this idempotencyKey was used for a different request") } };
      }
      const users = opts.users.map((u) => ({ id: u.id, username: u.username, orgPaths: u.orgPaths }));
      const at = (opts.now ?? (() => new Date()))();
      const next = "undoOf" in request ? applyUnitRestore(users, state, request, actor, at) : applyUnitMoves(users, state, request, actor, at);
      // Saved before the users change: a crash in between leaves the move recorded and re-applied at start.
      if (opts.file) await writeFileAtomic(opts.file, `${JSON.stringify(next.state, null, 2)}\n`, { mode: 0o600 });
      state = next.state;
      for (const u of opts.users) {
        const moved = state.orgPaths[u.id];
        if (moved) u.orgPaths = [...moved];
      }
      console.info(`[identity] unit attributes ${"undoOf" in request ? `restored (undo of ${request.undoOf})` : "moved"} (${request.idempotencyKey}): ${next.record.users.length} user(s), by ${next.record.actor}`);
      return { status: 200, body: { idempotencyKey: request.idempotencyKey, users: next.record.users.length, replayed: false } };
    });
    queue = run.catch(() => undefined);
    const out = await run;
    send(res, out.status, out.body);
  };
}
