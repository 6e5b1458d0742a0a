// "Đang sắp xếp" (2.7): membership's everyday reads (orgs.get, orgs.list, kpi.summary, kpi.report) say when
// what they show is being restructured (restructuring's saga marked it; docs/restructuring.md), so a figure
// read mid-run is not taken for a final one.
import { z } from "zod";

export const restructuringNoticeSchema = z.object({
  /** when the earliest overlapping mark was set (ISO timestamp) */
  since: z.string(),
  /** the marked committees' paths overlapping the organization or scope read (ancestors or inside it) */
  paths: z.array(z.string()),
  /** Vietnamese first, then English: "Đang sắp xếp … / Being restructured …" */
  message: z.string(),
});
export type RestructuringNotice = z.output<typeof restructuringNoticeSchema>;
