import { z } from "zod";
import { orgPathSchema } from "./org-path.js";

/**
 * What every service's event stream yields (ADR 0001). `id` is the outbox row id as a decimal string
 * (a BIGSERIAL may exceed 2^53), `occurredAt` an ISO-8601 instant.
 */
export const eventEnvelopeSchema = z.object({
  id: z.string().regex(/^\d+$/),
  type: z.string().min(1),
  orgPath: orgPathSchema,
  aggregateId: z.string(),
  occurredAt: z.string(),
  payload: z.unknown(),
});
export type EventEnvelope<TPayload = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, "payload"> & {
  payload: TPayload;
};

/** Input of `<service>.events.stream`; tRPC fills `lastEventId` itself when it reconnects. */
export const eventStreamInputSchema = z
  .object({ lastEventId: z.string().regex(/^\d{1,19}$/, { message: "must be an event id (digits)" }).nullish() })
  .default({});
export type EventStreamInput = z.infer<typeof eventStreamInputSchema>;
