import type { AuthedProcedureOptions } from "@orgboard/server-kit";
import type { RestructuringAction } from "../policy.js";
import { authedProcedure } from "../trpc.js";

/** authedProcedure(action) for this service's actions; a committed mutation wakes the event streams. */
export function procedure(action: RestructuringAction, opts?: AuthedProcedureOptions) {
  return authedProcedure(action, opts).use(async ({ ctx, next, type }) => {
    const result = await next();
    if (result.ok && type === "mutation") ctx.notifier?.notify();
    return result;
  });
}
