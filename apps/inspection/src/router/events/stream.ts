import { eventStreamInputSchema } from "@orgboard/contracts";
import { streamEvents } from "@orgboard/events";
import { procedure } from "../procedure.js";

/**
 * `inspection.events.stream({ lastEventId? })`: every change, in id order, as tracked(id, envelope),
 * confined to the reader's scope (the envelope's orgPath is the subject's organization); resumes after
 * `lastEventId`. Payloads: @orgboard/contract-inspection's events.ts (ids, kinds, forms, dates; no names).
 */
export const eventsStreamRoute = procedure("inspection.events.read")
  .input(eventStreamInputSchema)
  .subscription(async function* ({ ctx, input, signal }) {
    yield* streamEvents({ db: ctx.db, notifier: ctx.notifier, pollIntervalMs: 1000, principal: ctx.principal, lastEventId: input.lastEventId ?? null, signal });
  });
