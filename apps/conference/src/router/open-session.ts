import { assertCanOpenSession } from "../domain/index.js";
import { transitionConference } from "../app/transition.js";
import { procedure } from "./procedure.js";
import { ZTransitionInput, ZTransitionOutput } from "@orgboard/contract-conference";

/** connecting_sites → in_session: the chair opens the conference (khai mạc). */
export const openSessionRoute = procedure("conference.conferences.run")
  .input(ZTransitionInput)
  .output(ZTransitionOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction((tx) =>
      transitionConference(tx, ctx, input.conferenceId, {
        to: "in_session",
        check: async (tx, before) => {
          const linked = await tx.conferenceSite.count({ where: { conferenceId: before.id, linkState: { not: "disconnected" } } });
          assertCanOpenSession(before.status, linked);
        },
      }),
    ),
  );
