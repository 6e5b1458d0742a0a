import { eventStreamInputSchema } from "@orgboard/contracts";
import { streamEvents } from "@orgboard/events";
import { procedure } from "../procedure.js";

/**
 * `membership.events.stream({ lastEventId? })`: every change in outbox id order as tracked(id, envelope),
 * only inside the caller's scope; resumes after `lastEventId` (tRPC resends it on reconnect). It is the
 * body of packages/events' createEventStreamProcedure, fed the database from the context (the router is
 * built once, before any database exists). Payloads: ../events.ts.
 */
export const streamEventsRoute = procedure("membership.events.read")
  .input(eventStreamInputSchema)
  .subscription(async function* ({ ctx, input, signal }) {
    yield* streamEvents({ db: ctx.db, notifier: ctx.notifier, pollIntervalMs: 1000, principal: ctx.principal, lastEventId: input.lastEventId ?? null, signal });
  });
