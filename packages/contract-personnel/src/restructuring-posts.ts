// personnel.restructuring.posts (1.6, issue #14): the party committee posts held at given organization paths
// (secretary, deputy secretaries), what restructuring's preview counts as surplus when committees close.
// Restructuring's service account only.
import { orgPathSchema } from "@orgboard/contracts";
import { z } from "zod";

const count = z.number().int().nonnegative();

export const restructuringPostsInputSchema = z
  .object({
    /** committee paths (exact, not subtrees) */
    orgPaths: z.array(orgPathSchema).min(1, { message: "cần ít nhất một đường dẫn / at least one path" }).max(20_000, { message: "tối đa 20.000 đường dẫn / at most 20,000 paths" }),
    /** posts whose term covers this year */
    year: z.number({ message: "phải là năm / must be a year" }).int({ message: "phải là năm / must be a year" }).min(1930, { message: "năm từ 1930 / a year from 1930" }).max(2100, { message: "năm đến 2100 / a year up to 2100" }),
  })
  .strict();
export type RestructuringPostsInput = z.infer<typeof restructuringPostsInputSchema>;

export const restructuringPostsOutputSchema = z.object({
  /** one row per asked path that holds at least one such post; paths without any are absent */
  posts: z.array(z.object({ orgPath: z.string(), secretary: count, deputySecretary: count })),
});
export type RestructuringPostsOutput = z.infer<typeof restructuringPostsOutputSchema>;
