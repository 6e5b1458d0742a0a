import type { BaseContext } from "@orgboard/server-kit";
import type { Consultations } from "./app/consultations.js";
import type { PersonnelNotifier } from "./db.js";
import type { PrismaClient } from "./generated/prisma/client.js";

/** What the personnel service adds to the shared context (0001). */
export interface PersonnelDeps {
  db: PrismaClient;
  /** The clock; tests pass a fixed one. "Today" is Vietnam's calendar day of it. */
  now: () => Date;
  /** Membership and inspection, read through their contracts with personnel's service token. */
  consult: Consultations;
  notifier?: PersonnelNotifier;
}

export type PersonnelContext = BaseContext & PersonnelDeps;
