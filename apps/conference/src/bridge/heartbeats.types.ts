import { z } from "zod";
import { idSchema, isoInstant } from "@orgboard/contract-conference";

/**
 * One batch covers every endpoint a bridge sees in one beat (every 5 s); 20,000 leaves room above the
 * 16,240 sites of the largest national conference so far.
 */
export const MAX_HEARTBEATS_PER_BATCH = 20_000;
/** About 100 bytes per item in JSON. */
export const BRIDGE_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

export const ZHeartbeatBatch = z.object({
  heartbeats: z
    .array(
      z.object({
        siteId: idSchema,
        /** When the bridge measured the link (its clock). */
        at: isoInstant,
        /** Link quality, 0 (no media) … 1 (perfect), as the bridge scores it. */
        quality: z.number().min(0).max(1),
      }),
    )
    .max(MAX_HEARTBEATS_PER_BATCH, { message: `at most ${MAX_HEARTBEATS_PER_BATCH} heartbeats per batch` }),
});
export type HeartbeatBatch = z.infer<typeof ZHeartbeatBatch>;

export const ZHeartbeatResult = z.object({
  received: z.number().int(),
  applied: z.number().int(),
  stale: z.number().int(),
  unknownSiteIds: z.array(z.string()),
  closed: z.number().int(),
  stateChanges: z.number().int(),
});
