import { assertCanStartConnecting } from "../domain/index.js";
import { transitionConference } from "../app/transition.js";
import { procedure } from "./procedure.js";
import { ZTransitionInput, ZTransitionOutput } from "@orgboard/contract-conference";

/** scheduled → connecting_sites: the bridge starts calling the sites. */
export const startConnectingRoute = procedure("conference.conferences.run")
  .input(ZTransitionInput)
  .output(ZTransitionOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction((tx) =>
      transitionConference(tx, ctx, input.conferenceId, {
        to: "connecting_sites",
        check: async (tx, before) => assertCanStartConnecting(before.status, await tx.conferenceSite.count({ where: { conferenceId: before.id } })),
      }),
    ),
  );
