// The other services' scope-key rewrites as the saga reaches them (docs/restructuring.md "Rekey",
// "Identity"): `<svc>.restructuring.rekey` of inspection (contract 1.4), personnel (1.4) and conference
// (1.3) over tRPC, and the identity built-in provider's unit-moves endpoint, all with the restructuring
// service account's client-credentials token (the realm gives its client those audiences). main.ts builds
// one per configured URL; an unset URL leaves its step out of the run, and `runs.get` names it (`notWired`).
import type { ConferenceContract } from "@orgboard/contract-conference";
import type { InspectionContractRouter } from "@orgboard/contract-inspection";
import type { PersonnelContractRouter } from "@orgboard/contract-personnel";
import { createServiceLinks, type ContractRouter } from "@orgboard/contracts";
import { createTRPCClient } from "@trpc/client";

type ConferenceContractRouter = ContractRouter<ConferenceContract>;
import { rekeyStep, UNDO, type ConservationClient, type PathMove, type RekeyClient, type SagaStep, type StepContext } from "./steps.js";

export type RekeyService = "inspection" | "personnel" | "conference";

/** Every step beside membership's the saga can hold, in their order: the services', then identity's last. */
export const WIRABLE_STEPS = ["inspection.rekey", "personnel.rekey", "conference.rekey", "identity.unitMoves"] as const;

const trpcUrl = (url: string) => `${url.replace(/\/+$/, "")}/trpc`;

/** A service's `restructuring.rekey` over its own contract. */
export function rekeyClient(service: RekeyService, opts: { url: string; getToken: () => Promise<string> }): RekeyClient {
  switch (service) {
    case "inspection": {
      const c = createTRPCClient<InspectionContractRouter>({ links: [createServiceLinks<InspectionContractRouter>({ inspection: trpcUrl(opts.url) }, opts.getToken)] });
      return { rekey: (input) => c.inspection.restructuring.rekey.mutate(input) };
    }
    case "personnel": {
      const c = createTRPCClient<PersonnelContractRouter>({ links: [createServiceLinks<PersonnelContractRouter>({ personnel: trpcUrl(opts.url) }, opts.getToken)] });
      return { rekey: (input) => c.personnel.restructuring.rekey.mutate(input) };
    }
    case "conference": {
      const c = createTRPCClient<ConferenceContractRouter>({ links: [createServiceLinks<ConferenceContractRouter>({ conference: trpcUrl(opts.url) }, opts.getToken)] });
      return { rekey: (input) => c.conference.restructuring.rekey.mutate(input) };
    }
  }
}

/**
 * A service's `restructuring.conservation` over its own contract (inspection 1.5, personnel 1.5,
 * conference 1.4): what the verify step and runs.verify count.
 */
export function conservationClient(service: RekeyService, opts: { url: string; getToken: () => Promise<string> }): ConservationClient {
  switch (service) {
    case "inspection": {
      const c = createTRPCClient<InspectionContractRouter>({ links: [createServiceLinks<InspectionContractRouter>({ inspection: trpcUrl(opts.url) }, opts.getToken)] });
      return { service, conservation: (input) => c.inspection.restructuring.conservation.query(input) };
    }
    case "personnel": {
      const c = createTRPCClient<PersonnelContractRouter>({ links: [createServiceLinks<PersonnelContractRouter>({ personnel: trpcUrl(opts.url) }, opts.getToken)] });
      return { service, conservation: (input) => c.personnel.restructuring.conservation.query(input) };
    }
    case "conference": {
      const c = createTRPCClient<ConferenceContractRouter>({ links: [createServiceLinks<ConferenceContractRouter>({ conference: trpcUrl(opts.url) }, opts.getToken)] });
      return { service, conservation: (input) => c.conference.restructuring.conservation.query(input) };
    }
  }
}

/** The conservation clients for the configured URLs (a service without one is "not checked" by verify). */
export function wiredConservation(opts: { urls: Partial<Record<RekeyService, string>>; getToken: () => Promise<string> }): ConservationClient[] {
  return (["inspection", "personnel", "conference"] as const).flatMap((service) => {
    const url = opts.urls[service];
    return url ? [conservationClient(service, { url, getToken: opts.getToken })] : [];
  });
}

/** The identity built-in provider's endpoint: `<realm URL>/orgboard/unit-moves`. */
export const unitMovesUrlOf = (issuer: string) => `${issuer.replace(/\/+$/, "")}/orgboard/unit-moves`;

/**
 * Officials' `org_paths` follow the moves (identity). Run after every service's rekey (the design: a board's
 * next token carries the new path only once its data is there). Its answer's `records.users` is the number
 * of realm users changed. Undone by the reverse moves, as the rekeys.
 */
export function identityStep(opts: { unitMovesUrl: string; getToken: () => Promise<string> }): SagaStep {
  // The endpoint's client, as apps/identity's `builtInUnitMover` (not imported: that package is the provider).
  const move = async (request: { idempotencyKey: string; effectiveOn: string; moves: PathMove[] }) => {
    const res = await fetch(opts.unitMovesUrl, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${await opts.getToken()}` }, body: JSON.stringify(request) });
    const body = (await res.json().catch(() => ({}))) as { users?: number; replayed?: boolean; error?: string; error_description?: string; fieldErrors?: { path: string; message: string }[] };
    if (!res.ok || typeof body.users !== "number") {
      const detail = body.fieldErrors?.map((e) => `${e.path}: ${e.message}`).join("; ") ?? `${body.error ?? ""} ${body.error_description ?? ""}`.trim();
      throw new Error(`identity unit-moves: HTTP ${res.status} ${detail}`.trim());
    }
    return { users: body.users, replayed: body.replayed === true };
  };
  const moves = (c: StepContext): PathMove[] => (c.resultOf("membership.reparent")?.moves ?? []).map(({ fromPath, toPath }) => ({ fromPath, toPath }));
  return {
    name: "identity.unitMoves",
    async run(c) {
      const r = await move({ idempotencyKey: c.idempotencyKey, effectiveOn: c.effectiveOn, moves: moves(c) });
      return { records: { users: r.users }, replayed: r.replayed };
    },
    async compensate(c) {
      const back = moves(c).reverse().map((m) => ({ fromPath: m.toPath, toPath: m.fromPath }));
      const r = await move({ idempotencyKey: c.idempotencyKey + UNDO, effectiveOn: c.effectiveOn, moves: back });
      return { records: { users: r.users }, replayed: r.replayed };
    },
  };
}

/** The steps for the configured URLs, in WIRABLE_STEPS order (identity last). */
export function wiredSteps(opts: {
  urls: Partial<Record<RekeyService, string>>;
  unitMovesUrl: string | null;
  getToken: () => Promise<string>;
}): SagaStep[] {
  const steps: SagaStep[] = [];
  for (const service of ["inspection", "personnel", "conference"] as const) {
    const url = opts.urls[service];
    if (url) steps.push(rekeyStep(service, rekeyClient(service, { url, getToken: opts.getToken })));
  }
  if (opts.unitMovesUrl) steps.push(identityStep({ unitMovesUrl: opts.unitMovesUrl, getToken: opts.getToken }));
  return steps;
}
