import type { ConferenceSite, SpeakRequest } from "../generated/prisma/client.js";
import { iso } from "../router/views.js";
import type { Tx } from "./record.js";

export async function queueLength(tx: Tx, conferenceId: string): Promise<number> {
  return tx.speakRequest.count({ where: { conferenceId, status: "queued" } });
}

export function siteRef(site: Pick<ConferenceSite, "id" | "conferenceId" | "code" | "name" | "orgPath">) {
  return { conferenceId: site.conferenceId, siteId: site.id, siteCode: site.code, siteName: site.name, orgPath: site.orgPath };
}

export function speakerRef(r: SpeakRequest, site: ConferenceSite) {
  return {
    requestId: r.id,
    ...siteRef(site),
    speakerName: r.speakerName,
    speakerTitle: r.speakerTitle,
    topic: r.topic,
    startedAt: iso(r.startedAt ?? r.registeredAt),
  };
}
