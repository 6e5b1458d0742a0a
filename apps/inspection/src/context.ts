import type { BaseContext } from "@orgboard/server-kit";
import type { SubjectDirectory } from "./app/subjects.js";
import type { DenouncerKeyring } from "./crypto/denouncer.js";
import type { InspectionNotifier } from "./db.js";
import type { PrismaClient } from "./generated/prisma/client.js";

/** What the inspection service adds to the shared context (0001). */
export interface InspectionDeps {
  db: PrismaClient;
  /** The clock; tests pass a fixed one. Dates of record ("today") are Vietnam's calendar day of it. */
  now: () => Date;
  /** Members and organizations, read from membership on demand (decision 0008). */
  subjects: SubjectDirectory;
  /** Seals and opens petitioners' identities (INSPECTION_DENOUNCER_KEYS); absent ⇒ petitions with a petitioner are refused (503). */
  denouncerKeys?: DenouncerKeyring;
  /** Wakes event streams when the outbox may have grown (polling is the safety net). */
  notifier?: InspectionNotifier;
}

export type InspectionContext = BaseContext & InspectionDeps;
