import type { BaseContext } from "@orgboard/server-kit";
import type { TreeSource } from "./app/tree.js";
import type { RestructuringNotifier } from "./db.js";
import type { PrismaClient } from "./generated/prisma/client.js";

/** What the restructuring service adds to the shared context (0001). */
export interface RestructuringDeps {
  db: PrismaClient;
  now: () => Date;
  /** The organization tree previews run on. */
  tree: TreeSource;
  notifier?: RestructuringNotifier;
}

export type RestructuringContext = BaseContext & RestructuringDeps;
