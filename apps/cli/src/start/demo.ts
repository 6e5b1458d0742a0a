// Demo data on a first start: the membership seed at demo scale when the membership database is empty,
// inspection's seed about the same people and organizations when inspection's is empty, and a scheduled
// quarterly conference (the simulator's plan, not played) when conference has none.
import { planConference } from "@orgboard/conference";
import type { conferenceContract } from "@orgboard/contract-conference";
import { createServiceLinks, type ContractRouter } from "@orgboard/contracts";
import { InspectionSeedError, openDatabase as openInspectionDatabase, seedInspection } from "@orgboard/inspection";
import { openMembershipDatabase, seedDatabase, seedSubjects } from "@orgboard/membership";
import { openDatabase as openPersonnelDatabase, PersonnelSeedError, seedPersonnel } from "@orgboard/personnel";
import { createTRPCClient } from "@trpc/client";

export type Say = (line: string) => void;

/** Seeds `<dataDir>` (membership's embedded PGlite) unless it already holds data. Runs before the service opens it. */
export async function seedMembershipIfEmpty(dataDir: string, say: Say, units: "2024" | "2025" = "2025"): Promise<void> {
  const db = await openMembershipDatabase({ dataDir, databaseUrl: undefined });
  try {
    let lastPhase = "";
    let lastReport = 0;
    const result = await seedDatabase(db, {
      scale: DEMO_SEED.scale,
      seed: DEMO_SEED.seed,
      units,
      onProgress: (p) => {
        const now = Date.now();
        if (p.phase === lastPhase && now - lastReport < 2_000) return;
        lastPhase = p.phase;
        lastReport = now;
        say(`seeding demo data: ${p.phase} ${p.done}/${p.total}`);
      },
    });
    const rows = Object.entries(result.rows).map(([t, n]) => `${t} ${n.toLocaleString("vi-VN")}`).join(", ");
    say(`demo data loaded in ${(result.milliseconds / 1000).toFixed(1)} s: ${rows}`);
  } catch (e) {
    if ((e as Error).name !== "SeedError") throw e;
    say("membership database already holds data: not seeding");
  } finally {
    await db.close();
  }
}

/** The scale and seed membership's demo data is made with here (and so inspection's, about the same people). */
export const DEMO_SEED = { scale: "demo", seed: 1 } as const;

/**
 * Seeds `<dataDir>` (inspection's embedded PGlite) unless it already holds data. Runs before the service
 * opens it, after membership's seed: the cases are about the people and organizations of membership's demo
 * seed (same scale and seed: ids, names and paths derived by membership's own generator).
 */
export async function seedInspectionIfEmpty(dataDir: string, say: Say): Promise<void> {
  const db = await openInspectionDatabase({ dataDir });
  try {
    const result = await seedInspection(db.shared, seedSubjects(DEMO_SEED.scale, DEMO_SEED.seed));
    const rows = Object.entries(result.rows).map(([t, n]) => `${t} ${n.toLocaleString("vi-VN")}`).join(", ");
    say(`demo data loaded in ${(result.milliseconds / 1000).toFixed(1)} s (${result.fromYear}–${result.asOf}): ${rows}`);
  } catch (e) {
    if (!(e instanceof InspectionSeedError)) throw e;
    say("inspection database already holds data: not seeding");
  } finally {
    await db.close();
  }
}

/**
 * Seeds `<dataDir>` (personnel's embedded PGlite) unless it already holds data: cadre files about the
 * people of membership's demo seed, each province's posts, holders and planning pools (docs/personnel.md).
 */
export async function seedPersonnelIfEmpty(dataDir: string, say: Say): Promise<void> {
  const db = await openPersonnelDatabase({ dataDir });
  try {
    const result = await seedPersonnel(db.prisma, seedSubjects(DEMO_SEED.scale, DEMO_SEED.seed));
    const rows = Object.entries(result.rows).map(([t, n]) => `${t} ${n.toLocaleString("vi-VN")}`).join(", ");
    say(`demo data loaded in ${(result.milliseconds / 1000).toFixed(1)} s: ${rows}`);
  } catch (e) {
    if (!(e instanceof PersonnelSeedError)) throw e;
    say("personnel database already holds data: not seeding");
  } finally {
    await db.close();
  }
}

/** Next day at 08:00 Vietnam time (UTC+7, no daylight saving). */
function tomorrowMorningInVietnam(now = new Date()): Date {
  const vn = new Date(now.getTime() + 7 * 3_600_000);
  return new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate() + 1, 8 - 7, 0, 0));
}

/** Schedules the demo conference unless the organizer already sees one. */
export async function scheduleDemoConference(conferenceUrl: string, getToken: () => Promise<string>, say: Say): Promise<void> {
  type ConferenceRouter = ContractRouter<typeof conferenceContract>;
  const client = createTRPCClient<ConferenceRouter>({ links: [createServiceLinks<ConferenceRouter>({ conference: `${conferenceUrl}/trpc` }, getToken)] });
  const existing = await client.conference.list.query({ limit: 1 });
  if (existing.items.length > 0) {
    say("conference already has conferences: not scheduling the demo one");
    return;
  }
  const plan = planConference({ sites: 67, seed: 1 });
  const start = tomorrowMorningInVietnam();
  const minutes = plan.agenda.reduce((s, a) => s + a.plannedMinutes, 0);
  const created = await client.conference.create.mutate({
    title: plan.title,
    orgPath: plan.orgPath,
    organizerName: plan.organizerName,
    chairName: plan.chairName,
    chairTitle: plan.chairTitle,
    mode: plan.mode,
    scheduledStart: start.toISOString(),
    scheduledEnd: new Date(start.getTime() + Math.max(180, minutes + 30) * 60_000).toISOString(),
    agenda: plan.agenda,
    sites: plan.sites,
  });
  say(`demo conference scheduled: "${plan.title}" (${plan.sites.length} sites, ${start.toISOString()}), id ${created.id}`);
}
