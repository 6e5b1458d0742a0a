// `inspection.report.annual`: the year's inspection figures of a subtree, every figure of the year-end
// reports (seeds 000_ and 002_). Each figure's definition: docs/inspection.md. Counts only: a provincial
// board may read this without seeing a single case.
import { z } from "zod";
import { CONDUCTOR_KINDS, INSPECTION_KINDS, MEMBER_DISCIPLINE_FORMS, ORG_DISCIPLINE_FORMS, type SUPERVISION_KINDS } from "../enums.js";
import { orgPathSchema, yearSchema } from "../schemas.js";

const count = z.number().int().nonnegative();
/** Organizations and members concerned (an organization inspected twice counts twice: each is a case). */
export const subjectCountsSchema = z.object({ organizations: count, members: count });
export type SubjectCounts = z.infer<typeof subjectCountsSchema>;

export const annualReportInputSchema = z.object({
  orgPath: orgPathSchema,
  year: yearSchema,
});
export type AnnualReportInput = z.infer<typeof annualReportInputSchema>;

const petitionFigures = z.object({
  received: count,
  /** not handled by rule (anonymous, repeated without new content, out of competence) */
  notHandled: count,
  settled: count,
  /** settled after its deadline, or still open past it at the end of the year (or today) */
  late: count,
});

export const annualReportOutputSchema = z.object({
  orgPath: orgPathSchema,
  year: z.number().int(),
  /** Planned items of the year's programs owned by bodies in the subtree, and how many were completed. */
  program: z.object({ items: count, completed: count, percent: z.number().nullable() }),
  inspections: z.object({
    total: subjectCountsSchema,
    byKind: z.record(z.enum(INSPECTION_KINDS), subjectCountsSchema),
    byConductor: z.record(z.enum(CONDUCTOR_KINDS), subjectCountsSchema),
    concluded: count,
    withViolation: count,
  }),
  supervisions: z.object({
    total: subjectCountsSchema,
    byKind: z.record(z.enum(["regular", "thematic"] as const satisfies typeof SUPERVISION_KINDS), subjectCountsSchema),
    byConductor: z.record(z.enum(CONDUCTOR_KINDS), subjectCountsSchema),
    /** supervisions that found signs of violation and became inspections */
    becameInspections: count,
  }),
  discipline: z.object({
    organizations: z.object({ total: count, byForm: z.record(z.enum(ORG_DISCIPLINE_FORMS), count) }),
    members: z.object({ total: count, byForm: z.record(z.enum(MEMBER_DISCIPLINE_FORMS), count) }),
    /** effects another service refused and no officer has resolved yet */
    effectsRefused: count,
  }),
  petitions: z.object({ complaints: petitionFigures, denunciations: petitionFigures }),
  watchList: z.object({ added: count, closed: count, stillWatched: count }),
  /** Open deadlines (petitions, appeals, inspections' planned end) as of the report's day. */
  deadlines: z.object({ dueWithin5WorkingDays: count, overdue: count }),
});
export type AnnualReport = z.infer<typeof annualReportOutputSchema>;
