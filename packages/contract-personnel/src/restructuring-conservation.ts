// personnel.restructuring.conservation: the shared conservation-read schemas (@orgboard/contracts
// conservation.ts) plus the cadres' accounting (issue #14: "every cadre's post or surplus status accounted for").
import { conservationOutputSchema as shared } from "@orgboard/contracts";
import { z } from "zod";

export { conservationInputSchema } from "@orgboard/contracts";
export type { ConservationInput } from "@orgboard/contracts";

export const personnelConservationOutputSchema = shared.extend({
  /** Cadres whose file lies under any of the input paths. */
  cadres: z.object({
    total: z.number().int(),
    /** holding a post (holding not ended) of an organization whose path is not under a closed path */
    holdingOpenPost: z.number().int(),
    /** not holding such a post, with a surplus case (open: marked surplus; policy applied or closed: placed) */
    surplus: z.number().int(),
    /** holding no post and no surplus case: a cadre file without a post (a pool candidate), not a loss */
    withoutPost: z.number().int(),
    /** holding a post only under a closed path and no surplus case: not accounted for (must be 0) */
    unaccounted: z.number().int(),
  }),
});
export type PersonnelConservationOutput = z.output<typeof personnelConservationOutputSchema>;
