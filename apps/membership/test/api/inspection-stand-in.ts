// A stand-in for the inspection service until tests can run the real one: a real tRPC server (server-kit,
// token verification) serving `inspection.events.stream` from the contract over a real outbox in PGlite
// (@orgboard/events streamEvents + recordChange), and a `decide` that commits a discipline decision's
// `inspection.discipline.effective` event exactly as the service's transaction would.
import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { createTokenVerifier, definePolicy } from "@orgboard/auth";
import { startTokenEndpoint, type TestIssuer } from "@orgboard/auth/testing";
import { inspectionContract, type InspectionEventPayload, type InspectionEventType } from "@orgboard/contract-inspection";
import { openServiceNotifier, recordChange, streamEvents } from "@orgboard/events";
import { createOutboxTables, pgliteClient } from "@orgboard/events/testing";
import { createLogger, createService, createTRPC } from "@orgboard/server-kit";

const c = inspectionContract.procedures;

export interface InspectionStandIn {
  /** Base URL (what INSPECTION_URL holds). */
  url: string;
  /** Membership's client-credentials login (client `membership`) at the token endpoint. */
  tokenUrl: string;
  clientSecret: string;
  /** Commits one event; returns its id. */
  emit<T extends InspectionEventType>(type: T, orgPath: string, payload: InspectionEventPayload<T>): Promise<string>;
  /** Commits a decision taking effect (defaults filled in); returns its payload and event id. */
  decide(d: DecisionInput, orgPath: string): Promise<{ decision: Decision; eventId: string }>;
  /** Commits several decisions in one transaction (a burst: consecutive event ids). */
  decideMany(ds: DecisionInput[], orgPath: string): Promise<{ decision: Decision; eventId: string }[]>;
  close(): Promise<void>;
}

type Decision = InspectionEventPayload<"inspection.discipline.effective">;
export type DecisionInput = Partial<Decision> & Pick<Decision, "form">;

let n = 0;

function decisionOf(d: DecisionInput): Decision {
  n += 1;
  return {
    decisionId: randomUUID(),
    subjectKind: d.form === "dissolution" ? "organization" : "member",
    memberId: null,
    orgId: null,
    decisionNumber: `${n}-QĐ/UBKT`,
    decidedOn: "2026-10-02",
    effectiveOn: "2026-10-05",
    decidedByOrgPath: "/01/",
    ...d,
  };
}

export async function startInspectionStandIn(issuer: TestIssuer): Promise<InspectionStandIn> {
  definePolicy({ "inspection.events.read": { roles: ["service"], scoped: true } });
  const pglite = new PGlite();
  await createOutboxTables(pglite);
  const db = pgliteClient(pglite);
  const notifier = await openServiceNotifier({ pglite });
  const { router, authedProcedure } = createTRPC();
  const appRouter = router({
    inspection: router({
      events: router({
        stream: authedProcedure("inspection.events.read")
          .input(c.events.stream.input)
          .subscription(async function* ({ ctx, input, signal }) {
            yield* streamEvents({ db, notifier, pollIntervalMs: 500, principal: ctx.principal, lastEventId: input.lastEventId ?? null, signal });
          }),
      }),
    }),
  });
  const service = createService({
    name: "inspection",
    router: appRouter,
    verifier: createTokenVerifier(issuer.verifierOptions("inspection")),
    readiness: async () => {
      await pglite.query("SELECT 1");
    },
    logger: createLogger({ name: "inspection-stand-in", level: "silent" }),
    onClose: async () => {
      await notifier.close();
      await pglite.close();
    },
  });
  const { url } = await service.start({ handleSignals: false });
  const clientSecret = `test-membership-secret-${randomUUID()}`;
  const tokens = await startTokenEndpoint(issuer, { clientId: "membership", clientSecret, audiences: ["inspection"] });

  const emit: InspectionStandIn["emit"] = async (type, orgPath, payload) => {
    const r = await db.$transaction((tx) =>
      recordChange(tx, { actor: "inspector-1", action: "inspection.test.emit", entity: "Test", entityId: randomUUID(), orgPath }, { type, payload }),
    );
    notifier.notify();
    return r.eventId!;
  };

  return {
    url,
    tokenUrl: tokens.url,
    clientSecret,
    emit,
    async decide(d, orgPath) {
      const decision = decisionOf(d);
      const eventId = await emit("inspection.discipline.effective", orgPath, decision);
      return { decision, eventId };
    },
    async decideMany(ds, orgPath) {
      const decisions = ds.map(decisionOf);
      const r = await db.$transaction((tx) =>
        recordChange(
          tx,
          { actor: "inspector-1", action: "inspection.test.emit", entity: "Test", entityId: randomUUID(), orgPath },
          decisions.map((payload) => ({ type: "inspection.discipline.effective", payload, aggregateId: payload.decisionId })),
        ),
      );
      notifier.notify();
      return decisions.map((decision, i) => ({ decision, eventId: r.eventIds[i]! }));
    },
    async close() {
      await tokens.close();
      await service.stop();
    },
  };
}
