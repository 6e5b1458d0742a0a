// inspection.restructuring.conservation: the shared conservation-read schemas (@orgboard/contracts conservation.ts),
// at this router path, as in inspection, personnel and conference: restructuring's verify calls each the same way.
export { conservationInputSchema, conservationOutputSchema } from "@orgboard/contracts";
export type { ConservationInput, ConservationOutput } from "@orgboard/contracts";
