import { createTRPC } from "@orgboard/server-kit";
import type { RestructuringContext } from "./context.js";

// One tRPC instance for the service, with the shared formatter and meta (server-kit).
export const { router, authedProcedure, publicProcedure, createCallerFactory } = createTRPC<RestructuringContext>();
