import { assertCanAddSites } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockConferenceFor } from "../app/load.js";
import { recordCallerChange } from "../app/record.js";
import { insertSites } from "../app/sites.js";
import { procedure } from "./procedure.js";
import { ZAddSitesInput, ZAddSitesOutput } from "@orgboard/contract-conference";

export const addSitesRoute = procedure("conference.conferences.run")
  .input(ZAddSitesInput)
  .output(ZAddSitesOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const conference = await lockConferenceFor(tx, ctx, input.conferenceId);
      assertCanAddSites(conference.status);
      const siteCount = await insertSites(tx, conference, input.sites);
      await recordCallerChange(tx, ctx, {
        entity: "conference",
        entityId: conference.id,
        orgPath: conference.orgPath,
        after: { added: input.sites.map((s) => ({ code: s.code, orgPath: s.orgPath })) },
        events: [conferenceEvent("conference.sites.added", conference.orgPath, { conferenceId: conference.id, added: input.sites.length, siteCount })],
      });
      return { added: input.sites.length, siteCount };
    }, { timeout: 60_000 }),
  );
