import { badRequest } from "@orgboard/server-kit";
import type { AuthedProcedureOptions } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { DomainError } from "../domain/index.js";
import type { InspectionAction } from "../policy.js";
import { authedProcedure } from "../trpc.js";

/** A domain refusal → a tRPC error; a BAD_REQUEST with a field is shaped like a zod failure (fieldErrors). */
export function toTRPCError(e: DomainError): TRPCError {
  if (e.code === "BAD_REQUEST" && e.field) return badRequest(e.field, e.message);
  return new TRPCError({ code: e.code, message: e.message, cause: e });
}

/** authedProcedure(action) for this service's actions, translating domain refusals on the way out. */
export function procedure(action: InspectionAction, opts?: AuthedProcedureOptions) {
  return authedProcedure(action, opts).use(async ({ ctx, next, type }) => {
    const result = await next();
    if (!result.ok && result.error.cause instanceof DomainError) throw toTRPCError(result.error.cause);
    // A committed mutation wrote outbox rows: wake this process's event streams now, not at the next poll.
    if (result.ok && type === "mutation") ctx.notifier?.notify();
    return result;
  });
}
