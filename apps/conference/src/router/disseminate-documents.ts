import { TRPCError } from "@trpc/server";
import { assertInSession, badRequest as domainBadRequest, currentItem, validateDocumentNumber, type AgendaItemState, type DocumentKind } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockConferenceFor } from "../app/load.js";
import { recordCallerChange } from "../app/record.js";
import { procedure } from "./procedure.js";
import { ZDisseminateDocumentsInput, ZDisseminateDocumentsOutput } from "@orgboard/contract-conference";
import { toDocumentView } from "./views.js";

/** Records the documents presented (quán triệt, triển khai) at the conference, with their official numbers. */
export const disseminateDocumentsRoute = procedure("conference.conferences.run")
  .input(ZDisseminateDocumentsInput)
  .output(ZDisseminateDocumentsOutput)
  .mutation(({ ctx, input }) => {
    // Numbers are checked before any I/O: a typo ("137-QD/TW") is the caller's to fix.
    const parsed = input.documents.map((d, i) => ({ ...d, parsed: validateDocumentNumber(d.number, d.kind, `documents.${i}.number`) }));
    const seen = new Set<string>();
    parsed.forEach((d, i) => {
      if (seen.has(d.parsed.text)) throw domainBadRequest("duplicate_document", `documents.${i}.number "${d.parsed.text}" appears twice`, `documents.${i}.number`);
      seen.add(d.parsed.text);
    });
    return ctx.db.$transaction(async (tx) => {
      const conference = await lockConferenceFor(tx, ctx, input.conferenceId);
      assertInSession(conference.status, "Disseminating documents");
      const items = (await tx.agendaItem.findMany({ where: { conferenceId: conference.id } })) as AgendaItemState[];
      const agendaItemId = input.agendaItemId ?? currentItem(items)?.id ?? null;
      if (input.agendaItemId && !items.some((i) => i.id === input.agendaItemId)) {
        throw domainBadRequest("unknown_agenda_item", "agendaItemId is not an item of this conference", "agendaItemId");
      }
      const already = await tx.disseminatedDocument.findMany({ where: { conferenceId: conference.id, number: { in: [...seen] } }, select: { number: true } });
      if (already.length > 0) {
        throw new TRPCError({ code: "CONFLICT", message: `Already disseminated at this conference: ${already.map((d) => d.number).join(", ")}` });
      }
      const now = ctx.now();
      const created = [];
      for (const d of parsed) {
        created.push(
          await tx.disseminatedDocument.create({
            data: {
              conferenceId: conference.id,
              agendaItemId,
              number: d.parsed.text,
              system: d.parsed.system,
              kind: d.kind,
              title: d.title,
              issuer: d.issuer ?? null,
              issuedOn: d.issuedOn ? new Date(`${d.issuedOn}T00:00:00Z`) : null,
              disseminatedAt: now,
              disseminatedBy: ctx.principal.subject,
            },
          }),
        );
      }
      await recordCallerChange(tx, ctx, {
        entity: "conference",
        entityId: conference.id,
        orgPath: conference.orgPath,
        after: { documents: created.map((d) => d.number) },
        events: created.map((d) =>
          conferenceEvent("conference.document.disseminated", conference.orgPath, {
            conferenceId: conference.id,
            documentId: d.id,
            number: d.number,
            kind: d.kind as DocumentKind,
            title: d.title,
            agendaItemId: d.agendaItemId,
          }),
        ),
      });
      return { documents: created.map(toDocumentView) };
    });
  });
