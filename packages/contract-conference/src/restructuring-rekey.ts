// conference.restructuring.rekey: the shared scope-key rewrite schemas (@orgboard/contracts rekey.ts), at this
// router path, as in inspection, personnel and conference: restructuring's saga calls each the same way.
export { rekeyInputSchema, rekeyOutputSchema, rekeyedEventSchema } from "@orgboard/contracts";
export type { RekeyInput, RekeyOutput, RekeyMove } from "@orgboard/contracts";
