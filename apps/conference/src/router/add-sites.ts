import { assertCanAddSites } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockConference } from "../app/load.js";
import { recordChange } from "../app/record.js";
import { insertSites } from "../app/sites.js";
import { procedure } from "./procedure.js";
import { ZAddSitesInput, ZAddSitesOutput } from "./add-sites.types.js";

export const addSitesRoute = procedure("conference.conferences.run")
  .input(ZAddSitesInput)
  .output(ZAddSitesOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const conference = await lockConference(tx, input.conferenceId);
      ctx.assertCan({ orgPath: conference.orgPath });
      assertCanAddSites(conference.status);
      const siteCount = await insertSites(tx, conference, input.sites);
      await recordChange(tx, {
        actor: ctx.principal.subject,
        requestId: ctx.requestId,
        action: ctx.action,
        entity: "conference",
        entityId: conference.id,
        orgPath: conference.orgPath,
        after: { added: input.sites.map((s) => ({ code: s.code, orgPath: s.orgPath })) },
        events: [conferenceEvent("conference.sites.added", conference.orgPath, { conferenceId: conference.id, added: input.sites.length, siteCount })],
      });
      return { added: input.sites.length, siteCount };
    }, { timeout: 60_000 }),
  );
