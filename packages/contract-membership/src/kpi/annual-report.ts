import { z } from "zod";
import { orgPathSchema, yearSchema } from "../schemas.js";

export const annualReportInputSchema = z.object({ orgPath: orgPathSchema, year: yearSchema });

const int = z.number().int();
const pct = z.number().nullable();
const distribution = z.object({ excellent: int, good: int, completed: int, notCompleted: int, total: int, goodOrBetter: int, goodOrBetterPercent: pct });

/** The data layer's AnnualReport (src/report/annual.ts); definitions in docs/kpis.md. */
export const annualReportOutputSchema = z.object({
  orgPath: z.string(),
  orgName: z.string(),
  year: int,
  asOf: z.string(),
  members: z.object({ atStartOfYear: int, atEndOfYear: int, joined: int, left: int }),
  admissions: z.object({ count: int, plan: int.nullable(), planPercent: pct, ratePercent: pct }),
  madeOfficial: int,
  notRecognized: int,
  cardsIssued: int,
  transfers: z.object({ officialIn: int, officialOut: int, temporaryIn: int, temporaryOut: int }),
  badges: z.object({ proposed: int, awarded: int }),
  removals: z.object({ expelled: int, struckOff: int, allowedToLeave: int, total: int }),
  deaths: int,
  ratings: z.object({ members: distribution, organizations: distribution }),
  structure: z.object({
    grassrootsTotal: int,
    upperGrassrootsCommittees: int,
    grassrootsCommittees: int,
    grassrootsCells: int,
    partialCommittees: int,
    cellsUnderPartialCommittees: int,
    cellsUnderGrassrootsCommittees: int,
    subordinateCells: int,
  }),
  totalMembers: int,
});

export type AnnualReportInput = z.input<typeof annualReportInputSchema>;
export type AnnualReportOutput = z.output<typeof annualReportOutputSchema>;
