import { createTRPCClient, httpBatchLink, type TRPCClientError } from "@trpc/client";
import { initTRPC, tracked } from "@trpc/server";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import type { AddressInfo } from "node:net";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  assertImplements,
  contractProcedures,
  contractSnapshot,
  defineContract,
  implementationProblems,
  mutation,
  query,
  subscription,
  type ContractRouter,
  type ContractsRouter,
} from "../src/index.js";

const item = z.object({ id: z.string(), name: z.string(), bornOn: z.iso.date().nullable() });
const demo = defineContract({
  service: "demo",
  version: "1.0",
  procedures: {
    items: {
      get: query(z.object({ id: z.string() }), item),
      create: mutation(z.object({ name: z.string().min(1), tags: z.array(z.string()).default([]) }), item),
    },
    events: { stream: subscription(z.object({ lastEventId: z.string().nullish() }), z.object({ type: z.string() })) },
  },
  events: { "demo.item.created": z.object({ name: z.string() }) },
});

const t = initTRPC.create();
const c = demo.procedures;
const implementation = t.router({
  demo: {
    items: {
      get: t.procedure.input(c.items.get.input).output(c.items.get.output).query(({ input }) => ({ id: input.id, name: "A", bornOn: null })),
      create: t.procedure.input(c.items.create.input).output(c.items.create.output).mutation(({ input }) => ({ id: "1", name: input.name, bornOn: "2000-01-31" })),
    },
    events: {
      stream: t.procedure.input(c.events.stream.input).subscription(async function* () {
        yield await Promise.resolve(tracked("1", { type: "x" }));
      }),
    },
  },
});

describe("contracts", () => {
  it("lists procedures by full path", () => {
    expect([...contractProcedures(demo).keys()]).toEqual(["demo.events.stream", "demo.items.create", "demo.items.get"]);
  });

  it("accepts a router that implements the contract with its schemas", () => {
    expect(implementationProblems(implementation, demo)).toEqual([]);
    expect(() => assertImplements(implementation, demo)).not.toThrow();
  });

  it("names each difference: a copied schema, a missing and an extra procedure, a wrong kind", () => {
    const drifted = t.router({
      demo: {
        items: {
          get: t.procedure.input(z.object({ id: z.string() })).output(c.items.get.output).query(() => ({ id: "1", name: "A", bornOn: null })),
          create: t.procedure.input(c.items.create.input).output(c.items.create.output).query(() => ({ id: "1", name: "A", bornOn: null })),
          remove: t.procedure.mutation(() => null),
        },
      },
    });
    expect(implementationProblems(drifted, demo)).toEqual([
      { path: "demo.events.stream", problem: "missing from the router" },
      { path: "demo.items.create", problem: "is a query, the contract says mutation" },
      { path: "demo.items.get", problem: "does not use the contract's input schema" },
      { path: "demo.items.remove", problem: "is not in the contract" },
    ]);
    expect(() => assertImplements(drifted, demo)).toThrow(/demo\.items\.remove is not in the contract/);
  });

  it("gives clients a typed router without importing the service, over real HTTP", async () => {
    const server = createHTTPServer({ router: implementation });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = createTRPCClient<ContractRouter<typeof demo>>({ links: [httpBatchLink({ url: `http://127.0.0.1:${port}` })] });
      const created = await client.demo.items.create.mutate({ name: "Nguyễn Văn A" });
      expectTypeOf(created).toEqualTypeOf<{ id: string; name: string; bornOn: string | null }>();
      expect(created).toEqual({ id: "1", name: "Nguyễn Văn A", bornOn: "2000-01-31" });
      // @ts-expect-error: `name` is required by the contract
      const bad = await client.demo.items.create.mutate({}).then(
        () => null,
        (e: TRPCClientError<ContractRouter<typeof demo>>) => e,
      );
      expect(bad?.message).toMatch(/name/);
    } finally {
      server.close();
    }
  });

  it("types several services behind one client", () => {
    const other = defineContract({ service: "other", version: "2.3", procedures: { ping: query(z.void(), z.literal("pong")) }, events: {} });
    expect(contractSnapshot(other).version).toBe("2.3");
    type Both = ContractsRouter<[typeof demo, typeof other]>;
    const client = createTRPCClient<Both>({ links: [httpBatchLink({ url: "http://127.0.0.1:9" })] });
    expectTypeOf(client.other.ping.query).returns.resolves.toEqualTypeOf<"pong">();
    expectTypeOf(client.demo.items.get.query).parameter(0).toEqualTypeOf<{ id: string }>();
  });

  it("snapshots the contract as JSON Schema, inputs as sent and outputs as received", () => {
    const snap = contractSnapshot(demo);
    expect(Object.keys(snap.procedures)).toEqual(["demo.events.stream", "demo.items.create", "demo.items.get"]);
    const createInput = snap.procedures["demo.items.create"]!.input as { required?: string[] };
    expect(createInput.required).toEqual(["name"]); // `tags` has a default: optional to the sender
    expect(snap.events["demo.item.created"]).toMatchObject({ type: "object", required: ["name"] });
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });
});
