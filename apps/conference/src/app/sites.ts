import { topLevelPath, validateSites } from "../domain/index.js";
import type { SiteInput } from "../router/schemas.js";
import type { Tx } from "./record.js";

/** Inserts validated sites of one conference; returns how many the conference has now. */
export async function insertSites(tx: Tx, conference: { id: string; orgPath: string }, sites: readonly SiteInput[]): Promise<number> {
  const existing = await tx.conferenceSite.findMany({ where: { conferenceId: conference.id }, select: { code: true } });
  validateSites(conference.orgPath, sites, new Set(existing.map((s) => s.code)));
  if (sites.length > 0) {
    await tx.conferenceSite.createMany({
      data: sites.map((s) => ({
        conferenceId: conference.id,
        code: s.code,
        name: s.name,
        orgPath: s.orgPath,
        topOrgPath: topLevelPath(s.orgPath),
        chairName: s.chairName,
        chairTitle: s.chairTitle ?? null,
        expectedAttendance: s.expectedAttendance,
      })),
    });
  }
  return existing.length + sites.length;
}
