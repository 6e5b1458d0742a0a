// Every membership procedure is built here: server-kit's authedProcedure (401 without a token, 403
// for a role outside the policy row, the action in meta), then the translation of rule violations and
// known database conflicts into field-naming errors, and, after a committed mutation, the wake-up of the
// event streams (packages/events' wakeStreamsAfterMutation, as in conference and inspection).
import { wakeStreamsAfterMutation } from "@orgboard/events";
import type { AuthedProcedureOptions } from "@orgboard/server-kit";
import type { MembershipAction } from "../policy.js";
import { toTRPCError } from "./errors.js";
import { authedProcedure } from "./trpc.js";
import "../policy.js";

export function procedure(action: MembershipAction, opts?: AuthedProcedureOptions) {
  return authedProcedure(action, opts).use(async ({ ctx, next, type }) => {
    const result = await next();
    if (!result.ok) {
      const mapped = toTRPCError(result.error.cause);
      if (mapped) throw mapped;
    }
    return wakeStreamsAfterMutation(type, result, ctx);
  });
}
