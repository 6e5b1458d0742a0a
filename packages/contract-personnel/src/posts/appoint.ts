import { z } from "zod";
import { idSchema, isoDateSchema } from "../schemas.js";
import { postViewSchema } from "./post-view.js";

/** A cadre takes up a post (bổ nhiệm, bầu): refused while a discipline bars appointment or when the post is for members and the cadre is not one. */
export const appointInputSchema = z.object({ postId: idSchema, cadreId: idSchema, startedOn: isoDateSchema });
export const appointOutputSchema = postViewSchema;
