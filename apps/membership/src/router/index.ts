// The membership service's tRPC surface: one root key, `membership` (0001). It implements the contract
// in packages/contract-membership (0005): one file per procedure here holds the handler, its input and
// output schemas are the contract's (at the same relative path there); every procedure is built by ./procedure.ts
// (authorization by policy action, errors naming the field); a mutation writes through Prisma Client in
// `ctx.prisma.$transaction`, with its audit record and outbox event (recordCallerChange) in the same
// transaction (decision 0004, "Superseded"). Raw SQL on the data layer's handle (src/db/sql.ts) stays for
// the measured bulk paths (import, export, report, seed, list keys).
import { assertImplements } from "@orgboard/contracts";
import { membershipContract } from "@orgboard/contract-membership";
import { admissionsRouter } from "./admissions/router.js";
import { auditRouter } from "./audit/router.js";
import { badgesRouter } from "./badges/router.js";
import { cardsRouter } from "./cards/router.js";
import { eventsRouter } from "./events-stream/router.js";
import { exportRouter } from "./export/router.js";
import { importRouter } from "./import/router.js";
import { kpiRouter } from "./kpi/router.js";
import { membersRouter } from "./members/router.js";
import { orgsRouter } from "./orgs/router.js";
import { ratingsRouter } from "./ratings/router.js";
import { removalsRouter } from "./removals/router.js";
import { restructuringRouter } from "./restructuring/router.js";
import { targetsRouter } from "./targets/router.js";
import { transfersRouter } from "./transfers/router.js";
import { router } from "./trpc.js";
import "../policy.js";

export const membershipRouter = router({
  orgs: orgsRouter,
  members: membersRouter,
  admissions: admissionsRouter,
  cards: cardsRouter,
  transfers: transfersRouter,
  badges: badgesRouter,
  removals: removalsRouter,
  ratings: ratingsRouter,
  targets: targetsRouter,
  kpi: kpiRouter,
  import: importRouter,
  export: exportRouter,
  events: eventsRouter,
  audit: auditRouter,
  restructuring: restructuringRouter,
});

export const appRouter = router({ membership: membershipRouter });
// A procedure added, dropped, of another kind or with a schema that is not the contract's stops the
// service here, at start-up, naming each difference.
assertImplements(appRouter, membershipContract);
export type AppRouter = typeof appRouter;
export type MembershipRouter = AppRouter;

export { membershipPolicy, type MembershipAction } from "../policy.js";
export { membershipContract, membershipEventSchemas, MEMBERSHIP_EVENT_TYPES, type MembershipEventType, type MembershipEventPayload } from "@orgboard/contract-membership";
export type { MembershipContext, MembershipDeps, MembershipLimits } from "./context.js";
