import type { BaseContext } from "@orgboard/server-kit";
import type { PlanLocker } from "./app/plan-lock.js";
import type { CrashPoint } from "./app/saga.js";
import type { ConservationClient, IdentityCensus, MembershipSteps, SagaStep } from "./app/steps.js";
import type { TreeSource } from "./app/tree.js";
import type { PostsSource } from "./app/posts.js";
import type { RestructuringNotifier } from "./db.js";
import type { PrismaClient } from "./generated/prisma/client.js";

/** What the restructuring service adds to the shared context (0001). */
export interface RestructuringDeps {
  db: PrismaClient;
  now: () => Date;
  /** The organization tree, read fresh (runs.start derives what a run executes from it). */
  tree: TreeSource;
  /** The same tree for reads (plans.get / preview, runs.get): one load shared by concurrent callers, kept a few seconds (cachedTree). */
  readTree: TreeSource;
  notifier?: RestructuringNotifier;
  /** Personnel's real committee posts (surplus in the preview); absent: DEFAULT_POSTS. */
  posts?: PostsSource;
  /** The saga: its ordered steps (none until membership is connected), membership's procedures, the test crash hook. */
  saga: { steps: readonly SagaStep[]; /** steps left out because their URL is unset (runs.get says so) */ notWired: readonly string[]; conservation: readonly ConservationClient[]; notChecked: readonly string[]; /** identity's census (verify counts officials); absent: not checked */ identity?: IdentityCensus; membership?: MembershipSteps; crashPoint?: CrashPoint; /** one runner per plan across instances (plan-lock.ts); absent: in this process only */ lockPlan?: PlanLocker; /** provinces run at once by runs.resume (RESTRUCTURING_PROVINCE_CONCURRENCY); absent: 1 */ concurrency?: number; /** the embedded database: one province at a time whatever is asked */ singleConnection?: boolean };
}

export type RestructuringContext = BaseContext & RestructuringDeps;
