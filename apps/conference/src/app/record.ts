// Audit + outbox in the caller's transaction (0001): packages/events' recordCallerChange (one change,
// any number of events, in one statement under the outbox lock). Re-exported here so the procedures
// keep one import next to the transaction type they use.
import type { Prisma } from "../generated/prisma/client.js";

export type Tx = Prisma.TransactionClient;

export { recordCallerChange, type Caller } from "@orgboard/events";
