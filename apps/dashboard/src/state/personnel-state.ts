import type { congressSeasonOutputSchema, coverageOutputSchema } from "@orgboard/contract-personnel";
import type { z } from "zod";

/** `personnel.planning.coverage` as the contract defines it (@orgboard/contract-personnel). */
export type Coverage = z.infer<typeof coverageOutputSchema>;

/** The structure rows in a fixed order (targets from docs/personnel.md: women ≥ 25 %, young ≥ 15 %, minorities counted). */
export const STRUCTURE_GROUPS = ["women", "young", "ethnicMinority"] as const satisfies readonly (keyof Coverage["structure"])[];

// ---- Congress season (issue #13, pers-congress) ----

/** `personnel.congress.season` as the contract defines it: held / to hold per level. */
export type CongressSeason = z.infer<typeof congressSeasonOutputSchema>;
