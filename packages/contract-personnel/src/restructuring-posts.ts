// personnel.restructuring.posts (1.6, issue #14): the party committee posts (secretary, deputy secretaries) per
// organization path in the given subtrees (the old provinces a preview covers: few paths in, so the query fits
// a GET), what restructuring's preview counts as surplus when committees close. Restructuring's service
// account only.
import { orgPathSchema } from "@orgboard/contracts";
import { z } from "zod";

const count = z.number().int().nonnegative();

export const restructuringPostsInputSchema = z
  .object({
    /** subtrees (e.g. the old provinces' committees); `/` for all */
    under: z.array(orgPathSchema).min(1, { message: "cần ít nhất một đường dẫn / at least one path" }).max(100, { message: "tối đa 100 đường dẫn / at most 100 paths" }),
    /** posts whose term covers this year */
    year: z.number({ message: "phải là năm / must be a year" }).int({ message: "phải là năm / must be a year" }).min(1930, { message: "năm từ 1930 / a year from 1930" }).max(2100, { message: "năm đến 2100 / a year up to 2100" }),
  })
  .strict();
export type RestructuringPostsInput = z.infer<typeof restructuringPostsInputSchema>;

export const restructuringPostsOutputSchema = z.object({
  /** one row per organization path in the subtrees holding at least one such post, by path */
  posts: z.array(z.object({ orgPath: z.string(), secretary: count, deputySecretary: count })),
});
export type RestructuringPostsOutput = z.infer<typeof restructuringPostsOutputSchema>;
