// The write path every service's procedures share (0001, docs/architecture.md "Writing data"):
//
//   const out = await ctx.prisma.$transaction(async (tx) => {
//     …Prisma writes on tx…
//     await recordCallerChange(tx, ctx, { entity, entityId, orgPath, before, after, events });
//     return out;
//   });
//
// and, once the transaction committed, the service's procedure middleware wakes this process's event
// streams with wakeStreamsAfterMutation (polling stays the safety net; other instances wake by NOTIFY).
// Conference, inspection and membership build their `procedure()` with it, so the step is written once.

/** Whatever wakes a service's open event streams (a LocalNotifier, a service notifier, or nothing in tests). */
export interface StreamWaker {
  notify(): void;
}

/** The part of a tRPC middleware result this step looks at. */
export interface MiddlewareOutcome {
  ok: boolean;
}

/**
 * The last step of a service's procedure middleware: a mutation that returned normally has committed its
 * transaction (and with it its outbox rows), so the streams are woken now rather than at the next poll.
 * A failed call wrote nothing (its transaction rolled back) and wakes nobody. Returns the result as is.
 */
export function wakeStreamsAfterMutation<R extends MiddlewareOutcome>(type: string, result: R, waker: StreamWaker | undefined | null): R {
  if (result.ok && type === "mutation") waker?.notify();
  return result;
}
