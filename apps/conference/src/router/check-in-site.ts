import { checkIn, type LinkState } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockSiteFor } from "../app/load.js";
import { recordCallerChange } from "../app/record.js";
import { siteRef } from "../app/speakers.js";
import { procedure } from "./procedure.js";
import { ZCheckInSiteInput, ZCheckInSiteOutput } from "@orgboard/contract-conference";
import { iso, toSiteView } from "./views.js";

/** Site operator: the site is in the room and on the bridge, with this many present. */
export const checkInSiteRoute = procedure("conference.sites.operate")
  .input(ZCheckInSiteInput)
  .output(ZCheckInSiteOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const { site, conference } = await lockSiteFor(tx, ctx, input.siteId, "share");
      const now = ctx.now();
      const next = checkIn(conference.status, { ...site, linkState: site.linkState as LinkState }, input.present, now);
      const updated = await tx.conferenceSite.update({ where: { id: site.id }, data: next });
      await recordCallerChange(tx, ctx, {
        entity: "conference_site",
        entityId: site.id,
        orgPath: site.orgPath,
        before: { checkedInAt: null, presentCount: site.presentCount },
        after: { checkedInAt: iso(now), presentCount: updated.presentCount },
        events: [
          conferenceEvent("conference.site.checked_in", site.orgPath, {
            ...siteRef(site),
            presentCount: updated.presentCount,
            expectedAttendance: updated.expectedAttendance,
            checkedInAt: iso(now),
          }),
        ],
      });
      return toSiteView(updated, conference.status);
    }),
  );
