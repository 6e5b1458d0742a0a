import { z } from "zod";
import { orgPathSchema, yearSchema } from "../schemas.js";
import { postViewSchema } from "./post-view.js";

/** The posts of a subtree, optionally of the term starting in `termStartYear` (at most 500). */
export const listPostsInputSchema = z.object({ orgPath: orgPathSchema, termStartYear: yearSchema.optional() });
export const listPostsOutputSchema = z.object({ items: z.array(postViewSchema) });
