import { createServiceLinks } from "@orgboard/contracts";
import { createTRPCUntypedClient, TRPCClientError } from "@trpc/client";
import type { z } from "zod";
import type { AuthSession } from "../auth/session.js";
import type { RuntimeConfig } from "../config/runtime-config.js";

/** Where a service's tRPC endpoint and readiness probe live, from its base URL (ADR 0001). */
export const trpcUrl = (base: string): string => `${base.replace(/\/+$/, "")}/trpc`;
export const readyUrl = (base: string): string => `${base.replace(/\/+$/, "")}/readyz`;

/** A service answered with data this build does not understand (contract drift): shown as unavailable. */
export class ContractError extends Error {
  constructor(path: string, issues: z.core.$ZodIssue[]) {
    super(`${path}: unexpected answer (${issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")})`);
    this.name = "ContractError";
  }
}

export interface Api {
  query<T>(path: string, input: unknown, schema: z.ZodType<T>): Promise<T>;
  mutate<T>(path: string, input: unknown, schema: z.ZodType<T>): Promise<T>;
}

function httpStatusOf(err: unknown): number | undefined {
  if (!(err instanceof TRPCClientError)) return undefined;
  const data = (err as TRPCClientError<never>).data as { httpStatus?: number } | undefined;
  return data?.httpStatus;
}

/**
 * One client for every service: calls are routed by their first path segment (`membership.*`) to that
 * service's URL (the contracts link) and carry the official's bearer token, refreshed before each call.
 * A 401 forces one refresh and one retry; if that fails the session sends the official to login.
 */
export function createApi(config: RuntimeConfig, session: AuthSession): Api {
  const urls = Object.fromEntries(Object.entries(config.services).map(([k, v]) => [k, trpcUrl(v)]));
  const client = createTRPCUntypedClient({ links: [createServiceLinks(urls, () => session.token())] });

  async function call<T>(kind: "query" | "mutation", path: string, input: unknown, schema: z.ZodType<T>): Promise<T> {
    const run = () => (kind === "query" ? client.query(path, input) : client.mutation(path, input));
    let raw: unknown;
    try {
      raw = await run();
    } catch (err) {
      if (httpStatusOf(err) !== 401) throw err;
      await session.handleUnauthorized();
      raw = await run();
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new ContractError(path, parsed.error.issues);
    return parsed.data;
  }

  return {
    query: (path, input, schema) => call("query", path, input, schema),
    mutate: (path, input, schema) => call("mutation", path, input, schema),
  };
}

/** The message to show for a failed call: the field named by the service's error formatter, if any. */
export function errorMessage(err: unknown): string {
  if (err instanceof TRPCClientError) {
    const data = (err as TRPCClientError<never>).data as { fieldErrors?: { path: string; message: string }[] } | undefined;
    if (data?.fieldErrors?.length) return data.fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; ");
  }
  return err instanceof Error ? err.message : String(err);
}
