import { conferenceContract } from "@orgboard/contract-conference";
import type { inspectionContract } from "@orgboard/contract-inspection";
import { membershipContract } from "@orgboard/contract-membership";
import type { personnelContract } from "@orgboard/contract-personnel";
import type { restructuringContract } from "@orgboard/contract-restructuring";
import { contractProcedures, createServiceLinks, type ContractsRouter, type ProcedureContract, type ProcedureKind, type ServiceContract } from "@orgboard/contracts";
import { createTRPCClient, TRPCClientError, type TRPCClient } from "@trpc/client";
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

/** The services the dashboard calls, by their contracts (packages/contract-*): no hand-written copies. */
const CONTRACTS = [membershipContract, conferenceContract] as const;
// Inspection's and personnel's contracts type the client here; their schemas (for validating answers) come
// with their screens' chunks, which register them (registerContract), so the first screen does not carry them.
type Contracts = readonly [...typeof CONTRACTS, typeof inspectionContract, typeof personnelContract, typeof restructuringContract];
export type ServicesRouter = ContractsRouter<Contracts>;
export type ServicesClient = TRPCClient<ServicesRouter>;

type PathsOf<T, P extends string, K extends ProcedureKind> = {
  [N in keyof T & string]: T[N] extends ProcedureContract<infer PK> ? (PK extends K ? `${P}.${N}` : never) : PathsOf<T[N], `${P}.${N}`, K>;
}[keyof T & string];
type ContractPaths<K extends ProcedureKind> = Contracts[number] extends infer C ? (C extends ServiceContract ? PathsOf<C["procedures"], C["service"], K> : never) : never;
/** `conference.get`, `conference.sites.list`, … */
export type QueryPath = ContractPaths<"query">;

/** Every contract procedure by its full path: where a query's output schema is looked up. */
const PROCEDURES = new Map(CONTRACTS.flatMap((c) => [...contractProcedures(c)]));

/** Adds a contract loaded with a screen's chunk to the procedures whose answers are validated. */
export function registerContract(contract: ServiceContract): void {
  for (const [path, p] of contractProcedures(contract)) PROCEDURES.set(path, p);
}

export interface Api {
  /** The typed client: `client.conference.get.query({ conferenceId })`, types from the contracts. */
  readonly client: ServicesClient;
  /**
   * A query through the typed client, its answer validated with the contract's output schema for `path`
   * (a service answering outside its contract is a ContractError: the panel shows it as unavailable).
   */
  query<T>(path: QueryPath, run: (client: ServicesClient) => Promise<T>): Promise<T>;
  /** A mutation through the typed client; its acknowledgement is not re-validated (the screens only need success). */
  mutate<T>(run: (client: ServicesClient) => Promise<T>): Promise<T>;
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
  // A service missing from the configuration (inspection and personnel are optional) has no URL: its panels do not call it.
  const urls = Object.fromEntries(Object.entries(config.services).map(([k, v]) => [k, trpcUrl(v)]));
  const client = createTRPCClient<ServicesRouter>({ links: [createServiceLinks(urls, () => session.token())] });

  async function withRetry<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (httpStatusOf(err) !== 401) throw err;
      await session.handleUnauthorized();
      return await run();
    }
  }

  function validated<T>(path: string, raw: unknown, schema: z.ZodType<T>): T {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new ContractError(path, parsed.error.issues);
    return parsed.data;
  }

  return {
    client,
    async query(path, run) {
      const procedure = PROCEDURES.get(path);
      // Never an unvalidated answer: a contract not registered yet is a bug of this build, shown as an error.
      if (!procedure) throw new Error(`${path}: no contract registered for this procedure`);
      const raw = await withRetry(() => run(client));
      return validated(path, raw, procedure.output as z.ZodType<typeof raw>);
    },
    mutate: (run) => withRetry(() => run(client)),
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
