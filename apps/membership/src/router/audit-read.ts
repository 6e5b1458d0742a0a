// Reads of personal data leave an audit record of kind "read" on the same chain as changes (issue 9):
// one record per call, never per row, written in a short transaction of its own after the read succeeded
// (a refused or not-found read is not a read of anyone's data).
import type { Principal } from "@orgboard/auth";
import { recordCallerRead, type CallerRead } from "@orgboard/events";
import type { Database } from "../db/sql.js";

export interface ReadContext {
  db: Database;
  principal: Principal;
  requestId: string;
  action: string;
}

export async function auditRead(ctx: ReadContext, read: CallerRead): Promise<void> {
  await ctx.db.transaction((tx) => recordCallerRead(tx, ctx, read));
}
