// Officials' unit attributes follow a restructuring (issue #14, docs/restructuring.md "Rekey" → identity):
// the `org_paths` attribute of every realm user under a moved subtree is rewritten by the same moves the
// services' `restructuring.rekey` take, so a board's next token (a refresh, at most 5 min later) carries the
// merged unit's path — the new one only, never both, never neither.
//
// One interface, two implementations: the built-in provider's endpoint (embedded default; this file's
// `builtInUnitMover` calls it, apps/identity's `realm/unit-moves-endpoint.ts` is its server side, on the pure
// rules below) and Keycloak's admin REST API (production, `keycloakUnitMover`). Restructuring's saga holds a
// `UnitAttributeMover` and does not know which; its verify reads the same provider through `census` (read-only).
// A package, not a file of apps/identity, so that restructuring depends on the interface and its clients and not
// on the identity provider (apps → packages only).
import { createHash } from "node:crypto";
import { z } from "zod";
import { movablePathSchema, rekeyIdempotencyKeySchema, rekeyInputSchema, type RekeyInput, type RekeyMove } from "@orgboard/contracts";

export type UnitMoveRequest = RekeyInput;

/**
 * A rollback's request: put back every user that the move under `undoOf` changed, to the paths it found —
 * per user, so two boards merged onto one path each go back to their own (moves alone cannot tell them apart).
 */
export const unitRestoreRequestSchema = z.object({
  idempotencyKey: rekeyIdempotencyKeySchema,
  /** The key of the move to undo. */
  undoOf: rekeyIdempotencyKeySchema,
});
export type UnitRestoreRequest = z.output<typeof unitRestoreRequestSchema>;

export interface UnitMoveResult {
  idempotencyKey: string;
  /** Realm users whose `org_paths` changed (by this call; for a replay, by the first). */
  users: number;
  replayed: boolean;
}

export interface UnitAttributeMover {
  moveUnitAttributes(request: UnitMoveRequest): Promise<UnitMoveResult>;
  /**
   * Undoes the move `undoOf` user by user: a user it changed whose `org_paths` are still what it left gets the
   * paths it found back; one changed since (a board reassigned them) is left as it is. Idempotent: a repeat
   * restores nobody more (`replayed`).
   */
  restoreUnitAttributes(request: UnitRestoreRequest): Promise<UnitMoveResult>;
  /**
   * Read-only: per path prefix, the realm users with an `org_paths` entry at or under it — what restructuring's
   * verify counts (officials left on a closed organization's path, or on a path that names no organization).
   */
  census(request: UnitCensusRequest): Promise<UnitCensusResult>;
}

/** At most this many prefixes per census (restructuring asks for a province's closed paths and its own). */
export const UNIT_CENSUS_MAX_PATHS = 5000;
/** Usernames listed per prefix (the count is exact; the names are for restructuring's log, not a listing). */
export const UNIT_CENSUS_MAX_USERNAMES = 20;

export const unitCensusRequestSchema = z.object({
  paths: z
    .array(movablePathSchema, { message: "phải là danh sách đường dẫn / must be a list of paths" })
    .min(1, { message: "cần ít nhất một đường dẫn / must hold at least one path" })
    .max(UNIT_CENSUS_MAX_PATHS, { message: `không quá ${UNIT_CENSUS_MAX_PATHS} đường dẫn / must hold at most ${UNIT_CENSUS_MAX_PATHS} paths` }),
});
export type UnitCensusRequest = z.output<typeof unitCensusRequestSchema>;

export interface UnitCensusEntry {
  /** The prefix asked for. */
  path: string;
  /** Realm users with at least one `org_paths` entry at or under it (each counted once). */
  users: number;
  /** Some of them (at most UNIT_CENSUS_MAX_USERNAMES), sorted. */
  usernames: string[];
  /** The distinct `org_paths` entries at or under it, with their users (and some usernames): what the caller checks against its organizations. */
  found: { path: string; users: number; usernames: string[] }[];
}

export interface UnitCensusResult {
  paths: UnitCensusEntry[];
}

/** Validates a census request (the field named, Vietnamese first). */
export function parseUnitCensusRequest(input: unknown): UnitCensusRequest {
  return parseWith(unitCensusRequestSchema, input);
}

/** The census over a list of users (each with its username and paths): pure, both providers use it. */
export function unitCensus(users: Iterable<{ username: string; orgPaths: readonly string[] }>, request: UnitCensusRequest): UnitCensusResult {
  const list = [...users];
  return {
    paths: request.paths.map((prefix) => {
      const names: string[] = [];
      const found = new Map<string, string[]>();
      for (const u of list) {
        const under = u.orgPaths.filter((p) => p.startsWith(prefix));
        if (under.length === 0) continue;
        names.push(u.username);
        for (const p of new Set(under)) {
          const those = found.get(p);
          if (those) those.push(u.username);
          else found.set(p, [u.username]);
        }
      }
      names.sort();
      return {
        path: prefix,
        users: names.length,
        usernames: names.slice(0, UNIT_CENSUS_MAX_USERNAMES),
        found: [...found.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([path, users]) => ({ path, users: users.length, usernames: users.sort().slice(0, UNIT_CENSUS_MAX_USERNAMES) })),
      };
    }),
  };
}

/** A refusal naming the field, as the services' BAD_REQUEST does (Vietnamese first). */
export class UnitMoveInputError extends Error {
  constructor(readonly fieldErrors: { path: string; message: string }[]) {
    super(fieldErrors.map((e) => `${e.path}: ${e.message}`).join("; "));
    this.name = "UnitMoveInputError";
  }
}

/** A request parsed by `schema`, or a UnitMoveInputError naming each field (the schemas' messages, Vietnamese first). */
function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UnitMoveInputError(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  return parsed.data;
}

/**
 * Validates a request with the services' schema, plus one rule of its own: no move may land in another
 * move's old subtree or take a subtree that another move lands in ("chaining"). Keycloak keeps no
 * idempotency record per user, so a resumed half-done run re-applies the moves to users already moved;
 * without chains, applying the moves twice equals applying them once.
 */
export function parseUnitMoveRequest(input: unknown): UnitMoveRequest {
  const request = parseWith(rekeyInputSchema, input);
  const { moves } = request;
  const errors: { path: string; message: string }[] = [];
  moves.forEach((m, i) => {
    const chained = moves.find((o) => m.toPath.startsWith(o.fromPath) || o.fromPath.startsWith(m.toPath));
    if (chained) {
      errors.push({
        path: `moves.${i}.toPath`,
        message: `đường dẫn mới nằm chồng lên đường dẫn cũ ${chained.fromPath} / toPath overlaps the old path ${chained.fromPath} (moves must not chain)`,
      });
    }
  });
  if (errors.length > 0) throw new UnitMoveInputError(errors);
  return request;
}

/** One path moved by the longest fromPath it starts with; unchanged if none. */
export function movePath(path: string, moves: readonly RekeyMove[]): string {
  let best: RekeyMove | undefined;
  for (const m of moves) if (path.startsWith(m.fromPath) && (!best || m.fromPath.length > best.fromPath.length)) best = m;
  return best ? best.toPath + path.slice(best.fromPath.length) : path;
}

/** A user's paths after the moves, duplicates dropped (two merged provinces' boards become one path), order kept. */
export function moveOrgPaths(paths: readonly string[], moves: readonly RekeyMove[]): string[] {
  return [...new Set(paths.map((p) => movePath(p, moves)))];
}

/** Validates a restore request as the moves' are (the fields named, Vietnamese first). */
export function parseUnitRestoreRequest(input: unknown): UnitRestoreRequest {
  const request = parseWith(unitRestoreRequestSchema, input);
  if (request.undoOf === request.idempotencyKey) {
    throw new UnitMoveInputError([{ path: "undoOf", message: "phải khác idempotencyKey / must differ from idempotencyKey" }]);
  }
  return request;
}

export function unitMoveHash(request: UnitMoveRequest | UnitRestoreRequest): string {
  const body = "undoOf" in request ? ["restore", request.undoOf] : [request.effectiveOn, request.moves.map((m) => [m.fromPath, m.toPath])];
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

// ---- built-in provider: the client side of its endpoint ----

/** Path of the built-in provider's endpoint, under the realm (`/realms/orgboard` + this). */
export const UNIT_MOVES_PATH = "/orgboard/unit-moves";

/** Path of the built-in provider's restore endpoint (a rollback's compensation), beside the moves'. */
export const UNIT_RESTORES_PATH = `${UNIT_MOVES_PATH}/restore`;

/** Path of the built-in provider's census (read-only; verify's count of officials), beside the moves'. */
export const UNIT_CENSUS_PATH = `${UNIT_MOVES_PATH}/census`;

/**
 * The built-in provider's endpoints, called with restructuring's service token: `movesUrl` is
 * `<realm URL>/orgboard/unit-moves` (restores at `<movesUrl>/restore`).
 */
export function builtInUnitMover(opts: { movesUrl: string; getToken: () => Promise<string> }): UnitAttributeMover {
  const movesUrl = opts.movesUrl.replace(/\/+$/, "");
  const call = async (url: string, request: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${await opts.getToken()}` }, body: JSON.stringify(request) });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown> & { error?: string; error_description?: string; fieldErrors?: { path: string; message: string }[] };
    if (res.status === 400 && body.fieldErrors) throw new UnitMoveInputError(body.fieldErrors);
    if (!res.ok) throw new Error(`identity ${new URL(url).pathname}: HTTP ${res.status} ${body.error ?? ""} ${body.error_description ?? ""}`.trim());
    return body;
  };
  const post = async (url: string, request: unknown): Promise<UnitMoveResult> => {
    const body = (await call(url, request)) as Partial<UnitMoveResult>;
    if (typeof body.users !== "number") throw new Error(`identity ${new URL(url).pathname}: no user count in the answer`);
    return { idempotencyKey: body.idempotencyKey ?? "", users: body.users, replayed: body.replayed === true };
  };
  return {
    moveUnitAttributes: (request) => post(movesUrl, request),
    restoreUnitAttributes: (request) => post(`${movesUrl}/restore`, request),
    async census(request) {
      const body = (await call(`${movesUrl}/census`, request)) as Partial<UnitCensusResult>;
      if (!Array.isArray(body.paths)) throw new Error(`identity ${new URL(movesUrl).pathname}/census: no paths in the answer`);
      return { paths: body.paths };
    },
  };
}

/** `builtInUnitMover`'s URL for a realm URL (the issuer). */
export const unitMovesUrlOf = (realmUrl: string) => `${realmUrl.replace(/\/+$/, "")}${UNIT_MOVES_PATH}`;

// ---- Keycloak (production): the admin REST API ----

interface KeycloakUser {
  id: string;
  username: string;
  enabled?: boolean;
  emailVerified?: boolean;
  firstName?: string;
  lastName?: string;
  email?: string;
  attributes?: Record<string, string[]>;
}

/**
 * The user attribute where Keycloak keeps each move a user underwent (admin-only in the realm's user profile,
 * in no token): one value per move, `{"key","before","after"}` as JSON. Written in the same PUT as the new
 * `org_paths`, so a user is never moved without its record; read by a rollback's restore.
 */
export const MOVE_HISTORY_ATTRIBUTE = "org_paths_moves";

const historyEntrySchema = z.object({ key: z.string(), before: z.array(z.string()), after: z.array(z.string()) });
type HistoryEntry = z.output<typeof historyEntrySchema>;

/** The user's recorded moves (values that are not one are kept as they are and ignored). */
function historyOf(user: KeycloakUser): { raw: string; entry: HistoryEntry | null }[] {
  return (user.attributes?.[MOVE_HISTORY_ATTRIBUTE] ?? []).map((raw) => {
    try {
      const parsed = historyEntrySchema.safeParse(JSON.parse(raw));
      return { raw, entry: parsed.success ? parsed.data : null };
    } catch {
      return { raw, entry: null };
    }
  });
}

/**
 * The same moves through Keycloak's admin REST API (Keycloak 26): page through the realm's users with their
 * attributes (`GET /admin/realms/{realm}/users?briefRepresentation=false`; Keycloak's `q=org_paths:…`
 * search matches whole values only, so a prefix needs the scan — officials are thousands, not millions),
 * and for each user with a path under a move, `PUT /admin/realms/{realm}/users/{id}` with its
 * representation, the new `org_paths` and the move added to `org_paths_moves` (one atomic write per user: a
 * token never sees half of a user's paths, and no user moves without its record). `getAdminToken`: a token
 * allowed `view-users` and `manage-users` of the realm (client `realm-management`). Idempotent by state,
 * since moves do not chain (parseUnitMoveRequest): a repeat finds nobody left to move and answers
 * `replayed: true`. A restore undoes one move from the users' records. Keycloak records each user update in
 * its admin events (when enabled in the realm) — its audit trail.
 */
export function keycloakUnitMover(opts: { baseUrl: string; realm: string; getAdminToken: () => Promise<string>; pageSize?: number }): UnitAttributeMover {
  const admin = `${opts.baseUrl.replace(/\/$/, "")}/admin/realms/${encodeURIComponent(opts.realm)}`;
  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${admin}${path}`, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${await opts.getAdminToken()}`, ...(init.body ? { "content-type": "application/json" } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    if (!res.ok) throw new Error(`Keycloak ${init.method ?? "GET"} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : ((await res.json()));
  };
  /** Every user's new attributes (null: unchanged), all pages read before the first write (a write cannot shift them). */
  const rewrite = async (change: (user: KeycloakUser) => Record<string, string[]> | null): Promise<number> => {
    const max = opts.pageSize ?? 200;
    const changes: { user: KeycloakUser; attributes: Record<string, string[]> }[] = [];
    for (let first = 0; ; first += max) {
      const page = (await call(`/users?briefRepresentation=false&first=${first}&max=${max}`)) as KeycloakUser[];
      for (const user of page) {
        const attributes = change(user);
        if (attributes) changes.push({ user, attributes });
      }
      if (page.length < max) break;
    }
    for (const { user, attributes } of changes) {
      const { id, username, enabled, emailVerified, firstName, lastName, email } = user;
      await call(`/users/${encodeURIComponent(id)}`, { method: "PUT", body: { username, enabled, emailVerified, firstName, lastName, email, attributes } });
    }
    return changes.length;
  };
  /**
   * The realm's user profile must declare `org_paths_moves`: under its unmanaged-attribute policy Keycloak would
   * drop an undeclared one from the PUT without a word, and a rollback could then not restore anyone. A realm
   * imported before the attribute existed is refused here, naming the fix (docs/runbooks/deploy.md).
   */
  const assertHistoryDeclared = async () => {
    const profile = (await call("/users/profile")) as { attributes?: { name: string }[] };
    if (!profile.attributes?.some((a) => a.name === MOVE_HISTORY_ATTRIBUTE)) {
      throw new Error(
        `Keycloak realm ${opts.realm}: hồ sơ người dùng chưa khai báo thuộc tính ${MOVE_HISTORY_ATTRIBUTE}, việc chuyển không ghi lại được để hoàn tác (xem docs/runbooks/deploy.md) / ` +
          `the user profile does not declare ${MOVE_HISTORY_ATTRIBUTE}: the move could not be recorded for a rollback (see docs/runbooks/deploy.md)`,
      );
    }
  };
  return {
    async moveUnitAttributes(input) {
      const request = parseUnitMoveRequest(input);
      await assertHistoryDeclared();
      const users = await rewrite((user) => {
        const before = user.attributes?.["org_paths"] ?? [];
        const after = moveOrgPaths(before, request.moves);
        if (sameList(before, after)) return null;
        const record = JSON.stringify({ key: request.idempotencyKey, before, after } satisfies HistoryEntry);
        return { ...user.attributes, org_paths: after, [MOVE_HISTORY_ATTRIBUTE]: [...(user.attributes?.[MOVE_HISTORY_ATTRIBUTE] ?? []), record] };
      });
      return { idempotencyKey: request.idempotencyKey, users, replayed: users === 0 };
    },
    async restoreUnitAttributes(input) {
      const request = parseUnitRestoreRequest(input);
      const users = await rewrite((user) => {
        const history = historyOf(user);
        const found = history.find((h) => h.entry?.key === request.undoOf)?.entry;
        // Changed since the move (a board reassigned them): theirs now, not the rollback's to undo.
        if (!found || !sameList(user.attributes?.["org_paths"] ?? [], found.after)) return null;
        return { ...user.attributes, org_paths: found.before, [MOVE_HISTORY_ATTRIBUTE]: history.filter((h) => h.entry?.key !== request.undoOf).map((h) => h.raw) };
      });
      return { idempotencyKey: request.idempotencyKey, users, replayed: users === 0 };
    },
    // Read-only: the same paged scan (needs view-users only), filtered here — `q=org_paths:` is exact-match.
    async census(input) {
      const request = parseUnitCensusRequest(input);
      const max = opts.pageSize ?? 200;
      const users: { username: string; orgPaths: string[] }[] = [];
      for (let first = 0; ; first += max) {
        const page = (await call(`/users?briefRepresentation=false&first=${first}&max=${max}`)) as KeycloakUser[];
        for (const u of page) users.push({ username: u.username, orgPaths: u.attributes?.["org_paths"] ?? [] });
        if (page.length < max) break;
      }
      return unitCensus(users, request);
    },
  };
}

// ---- built-in provider: the server side ----

export interface UnitMoveRecord {
  idempotencyKey: string;
  requestHash: string;
  /** A move's date (a restore has none: ""). */
  effectiveOn: string;
  /** A move's moves (a restore has none). */
  moves: RekeyMove[];
  /** A restore: the key of the move it undid. */
  undoOf?: string;
  /** Who asked (the token's `sub`: restructuring's service account). */
  actor: string;
  at: string;
  /** Each user changed: before and after (the identity provider's audit of the move). */
  users: { id: string; username: string; before: string[]; after: string[] }[];
}

export interface UnitMoveState {
  version: 1;
  /** org_paths per user id, overriding the realm file's after a move. */
  orgPaths: Record<string, string[]>;
  /** Applied requests by key, in order: the idempotency record and the audit trail in one. */
  applied: UnitMoveRecord[];
}

export const emptyUnitMoveState = (): UnitMoveState => ({ version: 1, orgPaths: {}, applied: [] });

/** The record for this key: a replay (same request), a reuse (other moves: refused) or nothing. */
export function findApplied(state: UnitMoveState, request: UnitMoveRequest | UnitRestoreRequest): { kind: "none" } | { kind: "same"; record: UnitMoveRecord } | { kind: "different" } {
  const record = state.applied.find((r) => r.idempotencyKey === request.idempotencyKey);
  if (!record) return { kind: "none" };
  return record.requestHash === unitMoveHash(request) ? { kind: "same", record } : { kind: "different" };
}

/**
 * Applies the moves to the users (mutating each user's `orgPaths` in place: the provider reads them at the
 * next token) and returns the state to persist and the record. Pure but for the users it is given.
 */
export function applyUnitMoves(
  users: readonly { id: string; username: string; orgPaths: string[] }[],
  state: UnitMoveState,
  request: UnitMoveRequest,
  actor: string,
  now: Date,
): { state: UnitMoveState; record: UnitMoveRecord } {
  const changed: UnitMoveRecord["users"] = [];
  const orgPaths = { ...state.orgPaths };
  for (const u of users) {
    const after = moveOrgPaths(u.orgPaths, request.moves);
    if (sameList(u.orgPaths, after)) continue;
    changed.push({ id: u.id, username: u.username, before: [...u.orgPaths], after });
    orgPaths[u.id] = after;
  }
  const record: UnitMoveRecord = {
    idempotencyKey: request.idempotencyKey,
    requestHash: unitMoveHash(request),
    effectiveOn: request.effectiveOn,
    moves: request.moves.map((m) => ({ fromPath: m.fromPath, toPath: m.toPath })),
    actor,
    at: now.toISOString(),
    users: changed,
  };
  return { state: { version: 1, orgPaths, applied: [...state.applied, record] }, record };
}

/**
 * Undoes the move recorded under `request.undoOf`: each user it changed whose paths are still what it left
 * gets back what it found (two boards merged onto one path each go back to their own); a user changed since is
 * left alone. Recorded like a move (its users' before and after), under its own key.
 */
export function applyUnitRestore(
  users: readonly { id: string; username: string; orgPaths: string[] }[],
  state: UnitMoveState,
  request: UnitRestoreRequest,
  actor: string,
  now: Date,
): { state: UnitMoveState; record: UnitMoveRecord } {
  const forward = state.applied.find((r) => r.idempotencyKey === request.undoOf && r.undoOf === undefined);
  const current = new Map(users.map((u) => [u.id, u.orgPaths]));
  const changed: UnitMoveRecord["users"] = [];
  const orgPaths = { ...state.orgPaths };
  for (const u of forward?.users ?? []) {
    const paths = current.get(u.id);
    if (!paths || !sameList(paths, u.after)) continue;
    changed.push({ id: u.id, username: u.username, before: u.after, after: u.before });
    orgPaths[u.id] = [...u.before];
  }
  const record: UnitMoveRecord = { idempotencyKey: request.idempotencyKey, requestHash: unitMoveHash(request), effectiveOn: "", moves: [], undoOf: request.undoOf, actor, at: now.toISOString(), users: changed };
  return { state: { version: 1, orgPaths, applied: [...state.applied, record] }, record };
}
