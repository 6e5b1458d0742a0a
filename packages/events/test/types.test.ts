import { describe, expectTypeOf, it } from "vitest";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { createTRPC } from "@orgboard/server-kit";
import type { EventEnvelope } from "@orgboard/contracts";
import { createEventStreamProcedure, type RawSqlClient } from "../src/index.js";

describe("createEventStreamProcedure types", () => {
  it("keeps the input and the tracked envelope output", () => {
    const { router, authedProcedure } = createTRPC();
    const db = {} as RawSqlClient;
    const _r = router({ membership: router({ events: router({ stream: createEventStreamProcedure(authedProcedure("membership.events.read"), { db }) }) }) });
    type In = inferRouterInputs<typeof _r>["membership"]["events"]["stream"];
    type Out = inferRouterOutputs<typeof _r>["membership"]["events"]["stream"];
    expectTypeOf<{ lastEventId?: string | null }>().toExtend<NonNullable<In>>();
    expectTypeOf<Out>().toExtend<AsyncIterable<unknown>>();
    type Item = Out extends AsyncIterable<infer I> ? I : never;
    // (Serialized output: `payload: unknown` becomes optional.)
    expectTypeOf<Item>().toExtend<{ id: string; data: Omit<EventEnvelope, "payload"> }>();
    expectTypeOf<Item>().not.toBeAny();
  });
});
