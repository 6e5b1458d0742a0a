import { eventStreamInputSchema } from "@orgboard/contracts";
import { streamEvents } from "@orgboard/events";
import { procedure } from "../procedure.js";

/**
 * `personnel.events.stream({ lastEventId? })`: every change in id order, as tracked(id, envelope), confined
 * to the reader's scope; resumes after `lastEventId`. Payloads: @orgboard/contract-personnel's events.ts.
 */
export const eventsStreamRoute = procedure("personnel.events.read")
  .input(eventStreamInputSchema)
  .subscription(async function* ({ ctx, input, signal }) {
    yield* streamEvents({ db: ctx.db, notifier: ctx.notifier, pollIntervalMs: 1000, principal: ctx.principal, lastEventId: input.lastEventId ?? null, signal });
  });
