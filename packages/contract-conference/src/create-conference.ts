import { orgPathSchema } from "@orgboard/contracts";
import { z } from "zod";
import { CONFERENCE_MODES } from "./enums.js";
import { agendaItemInputSchema, isoInstant, siteInputSchema } from "./schemas.js";
import { conferenceSummarySchema } from "./views.js";

/** Sites given at creation; more in batches with `conference.sites.add` (16,240 sites do not fit one call). */
export const MAX_SITES_PER_CALL = 2_000;

export const ZCreateConferenceInput = z.object({
  title: z.string().trim().min(1, { message: "is required" }).max(500),
  /** The organizing organization; must be inside the caller's scope. "/" for a central conference. */
  orgPath: orgPathSchema,
  organizerName: z.string().trim().min(1, { message: "is required" }).max(300),
  chairName: z.string().trim().min(1, { message: "is required" }).max(200),
  chairTitle: z.string().trim().max(300).optional(),
  mode: z.enum(CONFERENCE_MODES),
  scheduledStart: isoInstant,
  scheduledEnd: isoInstant,
  agenda: z.array(agendaItemInputSchema).min(1, { message: "needs at least one item" }).max(50),
  sites: z.array(siteInputSchema).max(MAX_SITES_PER_CALL, { message: `at most ${MAX_SITES_PER_CALL} per call; add more with conference.sites.add` }).default([]),
});
export type CreateConferenceInput = z.infer<typeof ZCreateConferenceInput>;

export const ZCreateConferenceOutput = conferenceSummarySchema.extend({
  siteCount: z.number().int(),
  agenda: z.array(z.object({ id: z.string(), position: z.number().int(), title: z.string() })),
});
