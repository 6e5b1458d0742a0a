import { eventStreamInputSchema } from "@orgboard/contracts";
import { streamEvents } from "@orgboard/events";
import { procedure } from "../procedure.js";

/**
 * `restructuring.events.stream({ lastEventId? })` (contract 1.3): the outbox in id order, as tracked(id,
 * envelope), confined to the reader's scope (an event's orgPath is the plan's scope or the new province's
 * committee); resumes after `lastEventId`. The realtime gateway relays it to the dashboard's progress screen.
 */
export const eventsStreamRoute = procedure("restructuring.events.read")
  .input(eventStreamInputSchema)
  .subscription(async function* ({ ctx, input, signal }) {
    yield* streamEvents({ db: ctx.db, notifier: ctx.notifier, pollIntervalMs: 1000, principal: ctx.principal, lastEventId: input.lastEventId ?? null, signal });
  });
