// The other services' scope-key rewrites as the saga reaches them (docs/restructuring.md "Rekey",
// "Identity"): `<svc>.restructuring.rekey` of inspection (contract 1.4), personnel (1.4) and conference
// (1.3) over tRPC, and identity's unit moves (the built-in provider's endpoint, or Keycloak's admin API
// through apps/identity's keycloakUnitMover), all with the restructuring service account's
// client-credentials token (the realm gives its client those audiences and roles). main.ts builds
// one per configured URL; an unset URL leaves its step out of the run, and `runs.get` names it (`notWired`).
import type { ConferenceContract } from "@orgboard/contract-conference";
import type { InspectionContractRouter } from "@orgboard/contract-inspection";
import type { PersonnelContractRouter } from "@orgboard/contract-personnel";
import { createServiceLinks, type ContractRouter } from "@orgboard/contracts";
import { builtInUnitMover, keycloakUnitMover, unitMovesUrlOf, type UnitAttributeMover } from "@orgboard/identity-moves";
import { createTRPCClient } from "@trpc/client";
import type { IdentityTarget } from "../config.js";

type ConferenceContractRouter = ContractRouter<ConferenceContract>;
import { rekeyStep, UNDO, type ConservationClient, type PathMove, type RekeyClient, type SagaStep, type StepContext } from "./steps.js";

export type RekeyService = "inspection" | "personnel" | "conference";

/** Every step beside membership's the saga can hold, in their order: the services', then identity's last. */
export const WIRABLE_STEPS = ["inspection.rekey", "personnel.rekey", "conference.rekey", "identity.unitMoves"] as const;

/** A service's tRPC endpoint from its base URL (the services' `<SERVICE>_URL`), as every client of this service builds it. */
export const trpcUrl = (url: string) => `${url.replace(/\/+$/, "")}/trpc`;

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

/** The identity built-in provider's endpoint for a realm URL: `<realm URL>/orgboard/unit-moves`. */
export { unitMovesUrlOf };

/** What the identity step calls: apps/identity's `UnitAttributeMover` (the built-in provider's endpoint or Keycloak's admin API). */
export type UnitMover = UnitAttributeMover;

/**
 * The mover for the configuration (config.ts `identityTargetOfConfig`): Keycloak's admin API with the
 * service's own client-credentials token (the realm grants restructuring's service account realm-management
 * view-users and manage-users, and nothing else has them: docs/security.md), or the built-in endpoint.
 */
export function identityMover(target: IdentityTarget | null, getToken: () => Promise<string>): UnitMover | null {
  if (!target) return null;
  if (target.kind === "keycloak") return keycloakUnitMover({ baseUrl: target.baseUrl, realm: target.realm, getAdminToken: getToken });
  return builtInUnitMover({ movesUrl: target.url, getToken });
}

const parentPath = (path: string) => path.slice(0, path.slice(0, -1).lastIndexOf("/") + 1);

/**
 * What the identity step moves (docs/restructuring.md "Identity"): membership's reparent moves (an official of a
 * moved organization follows it), plus the boards of committees that closed into a successor — each old
 * province's committee into the new province's (`/02/` → `/08-2025/`: the Hà Giang and Tuyên Quang boards both
 * see the merged province), a merged commune's committee into the new commune's. A district committee gets no
 * move of its own (the level is abolished; its successor, the province, would widen its officials' scope): under
 * a merged province its path follows the province's prefix to a path that names no organization, i.e. its
 * officials see nothing until the board assigns them anew. Paths come from membership's answered moves (a
 * closed commune's path is its moved cells' old parent, the new commune's their new parent).
 */
export function identityMovesOf(c: Pick<StepContext, "orgCode" | "orgPath" | "sourceOrgCodes" | "changes">, reparentMoves: readonly (PathMove & { code: string })[]): PathMove[] {
  const moves: PathMove[] = reparentMoves.map(({ fromPath, toPath }) => ({ fromPath, toPath }));
  const reparentOf = new Map(c.changes.flatMap((x) => (x.kind === "reparent" ? [[x.code, x] as const] : [])));
  const oldPathOf = new Map<string, string>();
  const newPathOf = new Map<string, string>([[c.orgCode, c.orgPath]]);
  for (const m of reparentMoves) {
    const change = reparentOf.get(m.code);
    if (!change) continue;
    if (change.fromParentCode !== null) oldPathOf.set(change.fromParentCode, parentPath(m.fromPath));
    newPathOf.set(change.toParentCode, parentPath(m.toPath));
  }
  for (const code of c.sourceOrgCodes) if (code !== c.orgCode) moves.push({ fromPath: `/${code}/`, toPath: c.orgPath });
  for (const x of c.changes) {
    // Old provinces are above; a successor that is the province's committee is a district's (abolished level).
    if (x.kind !== "close" || x.successorCode === null || x.successorCode === c.orgCode || c.sourceOrgCodes.includes(x.code)) continue;
    const fromPath = oldPathOf.get(x.code);
    const toPath = newPathOf.get(x.successorCode);
    if (fromPath !== undefined && toPath !== undefined) moves.push({ fromPath, toPath });
  }
  return moves;
}

/**
 * Officials' `org_paths` follow the moves (identity; `identityMovesOf`). Run after every service's rekey (the
 * design: a board's next token carries the new path only once its data is there). Its answer's
 * `records.users` is the number of realm users changed. Undone user by user from identity's record of the
 * move (`restoreUnitAttributes`): the two merged provinces' boards each go back to their own province.
 */
export function identityStep(opts: { unitMovesUrl: string; getToken: () => Promise<string> } | { mover: UnitMover }): SagaStep {
  const mover = "mover" in opts ? opts.mover : builtInUnitMover({ movesUrl: opts.unitMovesUrl, getToken: opts.getToken });
  const moves = (c: StepContext): PathMove[] => identityMovesOf(c, c.resultOf("membership.reparent")?.moves ?? []);
  return {
    name: "identity.unitMoves",
    async run(c) {
      const r = await mover.moveUnitAttributes({ idempotencyKey: c.idempotencyKey, effectiveOn: c.effectiveOn, moves: moves(c) });
      return { records: { users: r.users }, replayed: r.replayed };
    },
    async compensate(c) {
      const r = await mover.restoreUnitAttributes({ idempotencyKey: c.idempotencyKey + UNDO, undoOf: c.idempotencyKey });
      return { records: { users: r.users }, replayed: r.replayed };
    },
  };
}

/** The steps for the configured URLs, in WIRABLE_STEPS order (identity last). */
export function wiredSteps(opts: {
  urls: Partial<Record<RekeyService, string>>;
  unitMovesUrl: string | null;
  /** The identity step's mover (wins over unitMovesUrl): `identityMover(identityTargetOfConfig(config), …)`. */
  identity?: UnitMover | null;
  getToken: () => Promise<string>;
}): SagaStep[] {
  const steps: SagaStep[] = [];
  for (const service of ["inspection", "personnel", "conference"] as const) {
    const url = opts.urls[service];
    if (url) steps.push(rekeyStep(service, rekeyClient(service, { url, getToken: opts.getToken })));
  }
  if (opts.identity) steps.push(identityStep({ mover: opts.identity }));
  else if (opts.unitMovesUrl) steps.push(identityStep({ unitMovesUrl: opts.unitMovesUrl, getToken: opts.getToken }));
  return steps;
}
