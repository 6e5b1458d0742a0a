import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { readPlan } from "../../app/plans.js";

/**
 * The plan, if it exists and lies in the caller's scope; otherwise the same NOT_FOUND for both (a caller
 * learns nothing about plans outside its scope, not even that they exist).
 */
export async function planInScope(db: PrismaClient, id: string, can: (r: { orgPath: string }) => boolean) {
  const found = await readPlan(db, id);
  if (!found || !can({ orgPath: found.header.scopeOrgPath })) {
    throw new TRPCError({ code: "NOT_FOUND", message: bilingual("không tìm thấy đề án", "plan not found") });
  }
  return found;
}
