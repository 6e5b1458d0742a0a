// `<service>.restructuring.conservation`: what restructuring's verify reads from every service that stores
// organization paths (issue #14 "every member, case and post accounted for"; docs/restructuring.md
// "Verify"). Same schemas in inspection, personnel and conference (personnel adds its cadres' accounting).
import { z } from "zod";
import { movablePathSchema } from "./rekey.js";

export const CONSERVATION_MAX_PATHS = 5000;

const pathListSchema = (min: number) =>
  z
    .array(movablePathSchema, { message: "phải là danh sách đường dẫn tổ chức / must be a list of organization paths" })
    .min(min, { message: `phải có ít nhất ${min} đường dẫn / must hold at least ${min} paths` })
    .max(CONSERVATION_MAX_PATHS, { message: `không quá ${CONSERVATION_MAX_PATHS} đường dẫn / must hold at most ${CONSERVATION_MAX_PATHS} paths` });

export const conservationInputSchema = z.object({
  /** Subtrees to count under (a new province's path, the old provinces' paths). */
  paths: pathListSchema(1),
  /** Paths of organizations that no longer exist (closed): every record still under one is reported as left. */
  closedPaths: pathListSchema(0).default([]),
});

export const pathCountsSchema = z.object({
  path: z.string(),
  /** Rows per scope-key table (snake_case) with a path column under `path`; a row counts once per table. */
  records: z.record(z.string(), z.number().int()),
  total: z.number().int(),
});

export const conservationOutputSchema = z.object({
  /** Per input path, in its order. */
  under: z.array(pathCountsSchema),
  /** Records still under a closed path (a row under two counts once): must be 0 after a run. */
  left: z.object({
    total: z.number().int(),
    records: z.record(z.string(), z.number().int()),
    /** The closed paths that still hold records (only those), with their counts. */
    paths: z.array(z.object({ path: z.string(), total: z.number().int() })),
  }),
});

export type ConservationInput = z.output<typeof conservationInputSchema>;
export type ConservationOutput = z.output<typeof conservationOutputSchema>;
