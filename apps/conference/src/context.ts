import type { BaseContext } from "@orgboard/server-kit";
import type { ConferenceNotifier } from "./db.js";
import type { LinkThresholds } from "./domain/index.js";
import type { PrismaClient } from "./generated/prisma/client.js";

/** What the conference service adds to the shared context (0001). */
export interface ConferenceDeps {
  db: PrismaClient;
  /** The clock; tests pass a fixed or stepping one. */
  now: () => Date;
  links: LinkThresholds;
  /** Wakes event streams when the outbox may have grown (polling is the safety net). */
  notifier?: ConferenceNotifier;
}

export type ConferenceContext = BaseContext & ConferenceDeps;
