import { orgPathSchema, pageSchema, paginationInputSchema } from "@orgboard/contracts";
import { z } from "zod";
import { LINK_STATES } from "./enums.js";
import { idSchema } from "./schemas.js";
import { siteViewSchema } from "./views.js";

/** `conference.sites.list`. */
export const sitePageSchema = pageSchema(siteViewSchema);

export const ZListSitesInput = paginationInputSchema.extend({
  /** Opaque: the `nextCursor` of the previous page (a site id). */
  cursor: z.uuid({ message: "is not a cursor returned by a previous page" }).nullish(),
  conferenceId: idSchema,
  linkState: z.enum(LINK_STATES).optional(),
  checkedIn: z.boolean().optional(),
  /** Only sites in this subtree (e.g. one province of a national conference). */
  orgPath: orgPathSchema.optional(),
  /** Case-insensitive part of the site's name or code. */
  search: z.string().trim().min(1).max(100).optional(),
});
export const ZListSitesOutput = sitePageSchema;
