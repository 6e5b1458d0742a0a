// What the membership service adds to the shared tRPC context (0001).
import type { OutboxNotifier } from "@orgboard/events";
import type { BaseContext } from "@orgboard/server-kit";
import type { Database } from "../db/sql.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import type { IsoDate } from "@orgboard/locale-vi";

export interface MembershipLimits {
  /** Largest decoded import file, bytes. */
  importMaxBytes: number;
  /** Most rows one export call may return. */
  exportMaxRows: number;
}

export interface MembershipDeps {
  /** The data layer's SQL handle (PostgreSQL pool or embedded PGlite). */
  db: Database;
  /**
   * Prisma Client over the same pool / PGlite (db/open.ts): how procedures read and write (0004, 0010).
   * A write: `ctx.prisma.$transaction(async (tx) => { …; await recordCallerChange(tx, ctx, change) })`;
   * the procedure middleware wakes the streams after commit. `db` stays for the measured raw-SQL paths.
   */
  prisma: PrismaClient;
  /** Wakes event streams; `notify()` is called after every commit that wrote outbox rows. */
  notifier: OutboxNotifier;
  notify: () => void;
  /** Today's date in Vietnam ("no future dates", rating years); tests pass a fixed one. */
  today: () => IsoDate;
  limits: MembershipLimits;
}

export type MembershipContext = BaseContext & MembershipDeps;
