// Contract-first tRPC: a service's whole wire surface (procedures with their input/output schemas, event
// payloads) is a plain value in a contract package under packages/. The service implements it (its router
// uses these very schema objects; `assertImplements` checks that), clients type themselves from it
// (`ContractRouter<typeof contract>` is a tRPC router type, so `createTRPCClient<…>` works without importing
// the service), and the compatibility gate compares its snapshots across versions (`contractSnapshot`).
import type {
  AnyRouter,
  TRPCBuiltRouter,
  TRPCMutationProcedure,
  TRPCQueryProcedure,
  TRPCRouterRecord,
  TRPCSubscriptionProcedure,
  TrackedEnvelope,
} from "@trpc/server";
import { z } from "zod";
import type { ErrorData } from "./common.js";

export type ProcedureKind = "query" | "mutation" | "subscription";

/** One procedure: its kind and the schemas of what it takes and answers (for a subscription, each event). */
export interface ProcedureContract<K extends ProcedureKind = ProcedureKind, I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: K;
  readonly input: I;
  readonly output: O;
}

export const query = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ProcedureContract<"query", I, O> => ({ kind: "query", input, output });
export const mutation = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ProcedureContract<"mutation", I, O> => ({ kind: "mutation", input, output });
/** `output` is the schema of each value the subscription yields (as `tracked(id, value)`). */
export const subscription = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ProcedureContract<"subscription", I, O> => ({ kind: "subscription", input, output });

export interface ContractTree {
  readonly [key: string]: ProcedureContract | ContractTree;
}

export interface ServiceContract<N extends string = string, T extends ContractTree = ContractTree, E extends Record<string, z.ZodType> = Record<string, z.ZodType>> {
  /** The service, and the first segment of every procedure path (`membership.orgs.get`). */
  readonly service: N;
  /** major.minor: a breaking change raises major, any other change raises minor (packages' CHANGELOG.md). */
  readonly version: string;
  readonly procedures: T;
  /** Event type (`membership.member.created`) → payload schema, as carried in the envelope's `payload`. */
  readonly events: E;
}

export function defineContract<const N extends string, const T extends ContractTree, const E extends Record<string, z.ZodType>>(
  contract: ServiceContract<N, T, E>,
): ServiceContract<N, T, E> {
  if (!/^\d+\.\d+$/.test(contract.version)) throw new Error(`contract ${contract.service}: version must be major.minor, got ${contract.version}`);
  return contract;
}

function isProcedure(node: ProcedureContract | ContractTree): node is ProcedureContract {
  return typeof (node as ProcedureContract).kind === "string" && (node as ProcedureContract).input instanceof z.ZodType;
}

/** Every procedure of a contract by its full dotted path (`membership.orgs.get`), in path order. */
export function contractProcedures(contract: ServiceContract): Map<string, ProcedureContract> {
  const out = new Map<string, ProcedureContract>();
  const walk = (tree: ContractTree, prefix: string) => {
    for (const key of Object.keys(tree).sort()) {
      const node = tree[key]!;
      if (isProcedure(node)) out.set(`${prefix}.${key}`, node);
      else walk(node, `${prefix}.${key}`);
    }
  };
  walk(contract.procedures, contract.service);
  return out;
}

// --- The router type clients use --------------------------------------------------------------------------

/** What every service's error formatter (server-kit) answers; `TRPCClientError#data` has this type. */
export interface ContractErrorShape {
  message: string;
  code: number;
  data: ErrorData;
}

type ProcedureOf<P> =
  P extends ProcedureContract<"query", infer I, infer O>
    ? TRPCQueryProcedure<{ input: z.input<I>; output: z.output<O>; meta: object }>
    : P extends ProcedureContract<"mutation", infer I, infer O>
      ? TRPCMutationProcedure<{ input: z.input<I>; output: z.output<O>; meta: object }>
      : P extends ProcedureContract<"subscription", infer I, infer O>
        ? TRPCSubscriptionProcedure<{ input: z.input<I>; output: AsyncIterable<TrackedEnvelope<z.output<O>>, void, unknown>; meta: object }>
        : never;

type RecordOf<T extends ContractTree> = {
  [K in keyof T]: T[K] extends ProcedureContract ? ProcedureOf<T[K]> : T[K] extends ContractTree ? RecordOf<T[K]> : never;
};

/**
 * The tRPC router type of a contract: `createTRPCClient<ContractRouter<typeof membershipContract>>`.
 * Several services behind one client (routed by first path segment): intersect them, or use `ContractsRouter`.
 */
export type ContractRouter<C extends ServiceContract> = TRPCBuiltRouter<
  { ctx: object; meta: object; errorShape: ContractErrorShape; transformer: false },
  { [K in C["service"]]: RecordOf<C["procedures"]> }
>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** One router type over several contracts: `createTRPCClient<ContractsRouter<[typeof a, typeof b]>>`. */
export type ContractsRouter<Cs extends readonly ServiceContract[]> = TRPCBuiltRouter<
  { ctx: object; meta: object; errorShape: ContractErrorShape; transformer: false },
  Extract<
    UnionToIntersection<{ [I in keyof Cs]: Cs[I] extends ServiceContract ? { [K in Cs[I]["service"]]: RecordOf<Cs[I]["procedures"]> } : never }[number]>,
    TRPCRouterRecord
  >
>;

// --- The server side: does a router implement its contract? ---------------------------------------------------

export interface ImplementationProblem {
  path: string;
  problem: string;
}

interface ProcedureDefLike {
  _def: { type: ProcedureKind; inputs?: unknown[]; output?: unknown };
}

/**
 * The differences between a built tRPC router and a contract: every contract procedure must exist with the
 * same kind and use the contract's own input and output schema objects (not copies), and the router may have
 * no procedure the contract lacks. Empty means the router implements the contract exactly.
 */
export function implementationProblems(router: AnyRouter, contract: ServiceContract): ImplementationProblem[] {
  const problems: ImplementationProblem[] = [];
  const routed = router._def.procedures as Record<string, ProcedureDefLike>;
  const expected = contractProcedures(contract);
  for (const [path, c] of expected) {
    const p = routed[path];
    if (!p) {
      problems.push({ path, problem: "missing from the router" });
      continue;
    }
    if (p._def.type !== c.kind) problems.push({ path, problem: `is a ${p._def.type}, the contract says ${c.kind}` });
    const inputs = p._def.inputs ?? [];
    if (inputs.length !== 1 || inputs[0] !== c.input) problems.push({ path, problem: "does not use the contract's input schema" });
    if (c.kind !== "subscription" && p._def.output !== c.output) problems.push({ path, problem: "does not use the contract's output schema" });
  }
  for (const path of Object.keys(routed)) {
    if (!expected.has(path)) problems.push({ path, problem: "is not in the contract" });
  }
  return problems;
}

/** Throws, naming every difference, unless `router` implements `contract` exactly. Call it where the router is built. */
export function assertImplements(router: AnyRouter, contract: ServiceContract): void {
  const problems = implementationProblems(router, contract);
  if (problems.length > 0) {
    throw new Error(
      `the ${contract.service} router does not implement its contract ${contract.version}:\n` +
        problems.map((p) => `  - ${p.path} ${p.problem}`).join("\n"),
    );
  }
}

// --- Snapshots: what the compatibility gate compares ---------------------------------------------------------

export interface ContractSnapshot {
  service: string;
  version: string;
  /** path → kind and JSON Schemas (input as the client sends it, output as the client receives it). */
  procedures: Record<string, { kind: ProcedureKind; input: unknown; output: unknown }>;
  /** event type → JSON Schema of the payload as consumers receive it. */
  events: Record<string, unknown>;
}

const jsonSchema = (schema: z.ZodType, io: "input" | "output"): unknown =>
  // Unrepresentable parts (transforms' functions, dates) become `{}`: the gate then treats them as "anything".
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });

/** The contract as plain JSON, stable across runs (keys in path order). */
export function contractSnapshot(contract: ServiceContract): ContractSnapshot {
  const procedures: ContractSnapshot["procedures"] = {};
  for (const [path, c] of contractProcedures(contract)) {
    procedures[path] = { kind: c.kind, input: jsonSchema(c.input, "input"), output: jsonSchema(c.output, "output") };
  }
  const events: ContractSnapshot["events"] = {};
  for (const type of Object.keys(contract.events).sort()) events[type] = jsonSchema(contract.events[type]!, "output");
  return { service: contract.service, version: contract.version, procedures, events };
}
