import { reportAttendance, type LinkState } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockSiteFor } from "../app/load.js";
import { recordCallerChange } from "../app/record.js";
import { siteRef } from "../app/speakers.js";
import { procedure } from "./procedure.js";
import { ZReportAttendanceInput, ZReportAttendanceOutput } from "@orgboard/contract-conference";
import { toSiteView } from "./views.js";

/** Site operator: late arrivals or departures after check-in. */
export const reportAttendanceRoute = procedure("conference.sites.operate")
  .input(ZReportAttendanceInput)
  .output(ZReportAttendanceOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const { site, conference } = await lockSiteFor(tx, ctx, input.siteId, "share");
      const next = reportAttendance(conference.status, { ...site, linkState: site.linkState as LinkState }, input.present);
      if (next.presentCount === site.presentCount) return toSiteView(site, conference.status);
      const updated = await tx.conferenceSite.update({ where: { id: site.id }, data: next });
      await recordCallerChange(tx, ctx, {
        entity: "conference_site",
        entityId: site.id,
        orgPath: site.orgPath,
        before: { presentCount: site.presentCount },
        after: { presentCount: updated.presentCount },
        events: [
          conferenceEvent("conference.site.attendance_changed", site.orgPath, {
            ...siteRef(site),
            presentCount: updated.presentCount,
            previousCount: site.presentCount,
            expectedAttendance: updated.expectedAttendance,
          }),
        ],
      });
      return toSiteView(updated, conference.status);
    }),
  );
