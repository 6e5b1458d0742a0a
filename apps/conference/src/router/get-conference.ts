import { readablePrefixes } from "../app/access.js";
import { liveSiteCounters, notFound } from "../app/load.js";
import type { ConferenceStatus } from "../domain/index.js";
import { procedure } from "./procedure.js";
import { SNAPSHOT_QUEUE_LIMIT, ZGetConferenceInput, ZGetConferenceOutput } from "@orgboard/contract-conference";
import { iso, toAgendaItemView, toConclusionView, toConferenceSummary, toDocumentView, toSpeakRequestView } from "./views.js";

const withSite = { site: { select: { code: true, name: true, orgPath: true } } } as const;

/** The dashboard's snapshot of one conference. */
export const getConferenceRoute = procedure("conference.conferences.read")
  .input(ZGetConferenceInput)
  .output(ZGetConferenceOutput)
  .query(({ ctx, input }) =>
    // One repeatable-read transaction: the counters, lists and lastEventId describe the same instant.
    ctx.db.$transaction(
      async (tx) => {
        const conference = await tx.conference.findUnique({ where: { id: input.conferenceId } });
        if (!conference) throw notFound("Conference");
        const prefixes = await readablePrefixes(tx, ctx, conference);
        const now = ctx.now();
        const [counters, myCounters, agenda, speaker, queue, queueLength, speeches, documents, conclusions, last] = await Promise.all([
          liveSiteCounters(tx, conference.id, conference.status as ConferenceStatus),
          prefixes ? liveSiteCounters(tx, conference.id, conference.status as ConferenceStatus, prefixes) : Promise.resolve(null),
          tx.agendaItem.findMany({ where: { conferenceId: conference.id }, orderBy: { position: "asc" } }),
          tx.speakRequest.findFirst({ where: { conferenceId: conference.id, status: "speaking" }, include: withSite }),
          tx.speakRequest.findMany({ where: { conferenceId: conference.id, status: "queued" }, orderBy: { sequence: "asc" }, take: SNAPSHOT_QUEUE_LIMIT, include: withSite }),
          tx.speakRequest.count({ where: { conferenceId: conference.id, status: "queued" } }),
          tx.speakRequest.count({ where: { conferenceId: conference.id, status: "done" } }),
          tx.disseminatedDocument.findMany({ where: { conferenceId: conference.id }, orderBy: [{ disseminatedAt: "asc" }, { number: "asc" }] }),
          tx.conclusion.findMany({ where: { conferenceId: conference.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
          tx.outboxEvent.aggregate({ _max: { id: true } }),
        ]);
        const agendaViews = agenda.map((i) => toAgendaItemView(i, now));
        return {
          conference: toConferenceSummary(conference),
          counters,
          myCounters,
          agenda: agendaViews,
          currentItemId: agendaViews.find((i) => i.status === "in_progress")?.id ?? null,
          speaker: speaker ? toSpeakRequestView(speaker, speaker.site) : null,
          queue: queue.map((r) => toSpeakRequestView(r, r.site)),
          queueLength,
          speeches,
          documents: documents.map(toDocumentView),
          conclusions: conclusions.map(toConclusionView),
          lastEventId: String(last._max.id ?? 0n),
          at: iso(now),
        };
      },
      { isolationLevel: "RepeatableRead" },
    ),
  );
