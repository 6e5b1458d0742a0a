import { z } from "zod";
import { documentNumberSchema, idSchema, isoDateSchema } from "../schemas.js";
import { badgeViewSchema, circumstanceSchema } from "./badge-view.js";

export const ZAwardBadgeInput = z.object({
  badgeId: idSchema,
  awardedOn: isoDateSchema,
  decisionNumber: documentNumberSchema,
  circumstance: circumstanceSchema,
});
export const ZAwardBadgeOutput = badgeViewSchema;
