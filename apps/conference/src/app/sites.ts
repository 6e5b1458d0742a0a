import { uuidv7 } from "uuidv7";
import { topLevelPath, validateSites } from "../domain/index.js";
import type { SiteInput } from "@orgboard/contract-conference";
import type { Tx } from "./record.js";

/** Inserts validated sites of one conference; returns how many the conference has now. */
export async function insertSites(tx: Tx, conference: { id: string; orgPath: string }, sites: readonly SiteInput[]): Promise<number> {
  const existing = await tx.conferenceSite.findMany({ where: { conferenceId: conference.id }, select: { code: true } });
  validateSites(conference.orgPath, sites, new Set(existing.map((s) => s.code)));
  if (sites.length > 0) {
    // One statement over arrays: a batch of 5,000 sites is one round trip, not 60,000 bound parameters.
    await tx.$executeRaw`
      INSERT INTO conference_site (id, conference_id, code, name, org_path, top_org_path, chair_name, chair_title, expected_attendance, updated_at)
      SELECT id, ${conference.id}::uuid, code, name, org_path, top_org_path, chair_name, chair_title, expected, now()
        FROM unnest(${sites.map(() => uuidv7())}::uuid[], ${sites.map((s) => s.code)}::text[], ${sites.map((s) => s.name)}::text[], ${sites.map((s) => s.orgPath)}::text[],
                    ${sites.map((s) => topLevelPath(s.orgPath))}::text[], ${sites.map((s) => s.chairName)}::text[],
                    ${sites.map((s) => s.chairTitle ?? null)}::text[], ${sites.map((s) => s.expectedAttendance)}::int[])
             WITH ORDINALITY AS v(id, code, name, org_path, top_org_path, chair_name, chair_title, expected, n)
       ORDER BY n`;
  }
  return existing.length + sites.length;
}
