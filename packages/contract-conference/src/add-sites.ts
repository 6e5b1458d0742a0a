import { z } from "zod";
import { idSchema, siteInputSchema } from "./schemas.js";

/** One batch; a 16,240-site national conference is added in 4 calls. */
export const MAX_SITES_PER_BATCH = 5_000;

export const ZAddSitesInput = z.object({
  conferenceId: idSchema,
  sites: z.array(siteInputSchema).min(1, { message: "needs at least one site" }).max(MAX_SITES_PER_BATCH, { message: `at most ${MAX_SITES_PER_BATCH} per call` }),
});

export const ZAddSitesOutput = z.object({ added: z.number().int(), siteCount: z.number().int() });
