import { createTRPC } from "@orgboard/server-kit";
import type { MembershipContext } from "./context.js";
import { notFoundOrg, toTRPCError } from "./errors.js";

// One tRPC instance for the service, with the shared formatter and meta (server-kit). A path outside the
// caller's scope gets the answer of a path that does not exist (#9 finding 5; errors.ts).
export const { router, authedProcedure, createCallerFactory } = createTRPC<MembershipContext>({
  outOfScope: (field) => toTRPCError(notFoundOrg(field ?? "orgPath"))!,
});
