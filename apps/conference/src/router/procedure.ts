import { wakeStreamsAfterMutation } from "@orgboard/events";
import { badRequest } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import type { AuthedProcedureOptions } from "@orgboard/server-kit";
import { DomainError } from "../domain/index.js";
import type { ConferenceAction } from "../policy.js";
import { authedProcedure } from "../trpc.js";

/** Domain rule violations → tRPC errors; a BAD_REQUEST with a field is shaped like a zod failure. */
export function toTRPCError(e: DomainError): TRPCError {
  if (e.code === "BAD_REQUEST" && e.field) return badRequest(e.field, e.message);
  return new TRPCError({ code: e.code, message: e.message, cause: e });
}

/** authedProcedure(action) for this service's actions, translating DomainError on the way out. */
export function procedure(action: ConferenceAction, opts?: AuthedProcedureOptions) {
  return authedProcedure(action, opts).use(async ({ ctx, next, type }) => {
    const result = await next();
    if (!result.ok && result.error.cause instanceof DomainError) throw toTRPCError(result.error.cause);
    return wakeStreamsAfterMutation(type, result, ctx.notifier);
  });
}

