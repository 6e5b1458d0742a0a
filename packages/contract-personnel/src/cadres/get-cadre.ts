import { z } from "zod";
import { idSchema } from "../schemas.js";
import { cadreViewSchema } from "./cadre-view.js";

/** One cadre file (audited read). */
export const getCadreInputSchema = z.object({ cadreId: idSchema });
export const getCadreOutputSchema = cadreViewSchema;
