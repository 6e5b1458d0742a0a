import { decide, type Principal, type Resource, type TokenError, isKnownAction, scopeFilter } from "@orgboard/auth";
import { isOrgPath } from "@orgboard/contracts";
import { initTRPC, TRPCError, type AnyRouter } from "@trpc/server";
import { badRequest, formatError } from "./errors.js";
import { CONTROL_CHARACTER_MESSAGE, findControlCharacter } from "./input-guard.js";
import type { Logger } from "./logger.js";

/** The context every service's procedures see (ADR 0001); services may extend it. */
export interface BaseContext {
  requestId: string;
  logger: Logger;
  principal: Principal | null;
  /** Set when an Authorization header was sent but refused; authedProcedure reports it as 401. */
  authError: TokenError | null;
}

/** Procedure meta: every procedure records the action it is authorized by (null = public). */
export interface ProcedureMeta {
  action: string | null;
}

/** What authedProcedure adds to the context. */
export interface AuthedContext {
  principal: Principal;
  /** The action this procedure was authorized for. */
  action: string;
  /** Prefixes for list queries (`scopeFilter(principal)`); empty ⇒ return nothing. */
  scope: string[];
  /** true if the principal may perform this procedure's action on `resource`. */
  can(resource: Resource): boolean;
  /** Throws FORBIDDEN unless the principal may perform this procedure's action on `resource`. */
  assertCan(resource: Resource): void;
}

export type ResourceSelector =
  /** Dotted path of the input field holding the org path, e.g. "orgPath" or "member.orgPath". */
  | string
  /** Reads the resource from the raw (not yet validated) input. */
  | ((rawInput: unknown) => Resource | null | undefined);

export interface AuthedProcedureOptions {
  /** Checks scope against the input before the handler runs. */
  resource?: ResourceSelector;
}

function readDotted(value: unknown, path: string): unknown {
  let cur = value;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function forbidden(): TRPCError {
  // One message for every refusal: the caller learns nothing about what exists outside its scope.
  return new TRPCError({ code: "FORBIDDEN", message: "Forbidden: not allowed to perform this action here" });
}

/**
 * One tRPC instance shape for all services: the shared formatter, meta and SSE settings. Call it once
 * per service with the service's context type (which must extend BaseContext).
 */
export interface CreateTRPCOptions {
  /**
   * Subscriptions (SSE) are cut after this long; the client reconnects at once with its last event id,
   * which re-verifies its token: a revoked or expired token cannot keep a stream open. Default 5 min.
   */
  sseMaxDurationMs?: number;
}

export function createTRPC<TContext extends BaseContext = BaseContext>(opts: CreateTRPCOptions = {}) {
  const t = initTRPC
    .context<TContext>()
    .meta<ProcedureMeta>()
    .create({
      isDev: false,
      errorFormatter: ({ shape, error, ctx }) => formatError({ shape, error, ctx }),
      defaultMeta: { action: null },
      sse: {
        // Pings keep proxies from closing idle streams; the client reconnects if they stop.
        ping: { enabled: true, intervalMs: 10_000 },
        client: { reconnectAfterInactivityMs: 25_000 },
        maxDurationMs: opts.sseMaxDurationMs ?? 5 * 60_000,
      },
    });

  // After authorization (an anonymous caller learns 401, not what its input looked like), before the
  // procedure's own schema: one place refuses control characters for every service.
  async function refuseControlCharacters(getRawInput: () => Promise<unknown>): Promise<void> {
    const at = findControlCharacter(await getRawInput());
    if (at !== null) throw badRequest(at, CONTROL_CHARACTER_MESSAGE);
  }
  const publicProcedure = t.procedure.meta({ action: null }).use(async ({ next, getRawInput }) => {
    await refuseControlCharacters(getRawInput);
    return next();
  });

  function authedProcedure(action: string, opts: AuthedProcedureOptions = {}) {
    return t.procedure.meta({ action }).use(async ({ ctx, next, getRawInput }) => {
      if (!ctx.principal) {
        if (ctx.authError?.reason === "jwks_unavailable") {
          throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: ctx.authError.message });
        }
        throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError?.message ?? "Unauthorized: no access token" });
      }
      const principal = ctx.principal;
      let resource: Resource | undefined;
      if (opts.resource !== undefined) {
        const raw = await getRawInput();
        if (typeof opts.resource === "string") {
          const orgPath = readDotted(raw, opts.resource);
          if (!isOrgPath(orgPath)) {
            throw badRequest(opts.resource, "must be an organization path like /01/01-007/ (leading and trailing /)");
          }
          resource = { orgPath };
        } else {
          const selected = opts.resource(raw);
          if (!selected || !isOrgPath(selected.orgPath)) throw badRequest("", "the input does not name an organization");
          resource = selected;
        }
      }
      const decision = decide(principal, action, resource);
      if (!decision.allowed) {
        ctx.logger.info({ action, reason: decision.reason, subject: principal.subject }, "authorization denied");
        throw forbidden();
      }
      const extra: AuthedContext = {
        principal,
        action,
        scope: scopeFilter(principal),
        can: (r) => decide(principal, action, r).allowed,
        assertCan: (r) => {
          const d = decide(principal, action, r);
          if (!d.allowed) {
            ctx.logger.info({ action, reason: d.reason, subject: principal.subject }, "authorization denied");
            throw forbidden();
          }
        },
      };
      await refuseControlCharacters(getRawInput);
      return next({ ctx: extra });
    });
  }

  return {
    t,
    router: t.router,
    mergeRouters: t.mergeRouters,
    middleware: t.middleware,
    createCallerFactory: t.createCallerFactory,
    publicProcedure,
    authedProcedure,
  };
}

// The default instance, for services whose context is exactly BaseContext.
const base = createTRPC<BaseContext>();
export const router = base.router;
export const mergeRouters = base.mergeRouters;
export const middleware = base.middleware;
export const createCallerFactory = base.createCallerFactory;
export const publicProcedure = base.publicProcedure;
export const authedProcedure = base.authedProcedure;

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  action: string | null;
}

/** Every procedure of a router (flattened, dotted paths) with the action its meta records. */
export function listProcedures(router: AnyRouter): ProcedureInfo[] {
  const procedures = router._def.procedures as Record<string, { _def: { type: ProcedureInfo["type"]; meta?: Partial<ProcedureMeta> } }>;
  return Object.entries(procedures)
    .map(([path, p]) => ({ path, type: p._def.type, action: p._def.meta?.action ?? null }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Procedures that would fail a security review: no action and not in `publicPaths`, or an action the
 * policy does not know (which would deny every call). Empty means the router is covered.
 */
export function findUncoveredProcedures(router: AnyRouter, publicPaths: readonly string[] = []): ProcedureInfo[] {
  return listProcedures(router).filter((p) =>
    p.action === null ? !publicPaths.includes(p.path) : !isKnownAction(p.action),
  );
}
