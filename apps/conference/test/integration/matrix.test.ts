// The authorization matrix over HTTP: every conference procedure × role × target, exactly as
// docs/security.md documents it (the table is read from the docs, so editing a cell fails here). A
// caller holds org_paths ["/01/"] (central_board and service: "/"). One fixture, built once: a live
// conference (in session, one checked-in site with a queued speaker) at each target's org path.
// Each call's request id (the one the service names it by): an allowed mutation that succeeded wrote its audit record, a
// refused or failing call wrote none.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { MintOptions } from "@orgboard/auth/testing";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORGANIZER, beat, conferenceInput, startHarness, type Client, type Harness } from "./harness.js";
import { ROLES, TARGETS, parseDocumentedMatrix, procedures, scopeOf, targetsOf, type Role, type Target } from "./matrix.js";

const docs = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../docs/security.md"), "utf8");
const documented = parseDocumentedMatrix(docs);

/** Own unit, a unit below it, a sibling province, the whole country (seen from "/01/"). */
const PATH_OF: Record<Target, string> = { own: "/01/", below: "/01/01-001/", sibling: "/02/", country: "/" };

let h: Harness;
let organizer: Client;
let n = 0;
const conferenceOf = {} as Record<Target, string>;
const siteOf = {} as Record<Target, string>;
const requestOf = {} as Record<Target, string>;

const claimsOf = (role: Role): MintOptions => ({ sub: `matrix-${role}`, roles: [role], orgPaths: [scopeOf(role)] });
const uniq = () => `${Date.now().toString(36)}${++n}`;
const site = (orgPath: string, code: string) => ({ code, name: `Điểm cầu ${code}`, orgPath, chairName: "Nguyễn Văn An", expectedAttendance: 10 });

/** A conference organized at `orgPath`, with its own site (and, nationally, one per province). */
async function conferenceAt(orgPath: string): Promise<{ id: string; siteId: string }> {
  const sites = orgPath === "/" ? [site("/", "TW"), site("/01/", "01"), site("/02/", "02")] : [site(orgPath, "MAIN")];
  const c = await organizer.conference.create.mutate(conferenceInput({ orgPath, sites, title: `Hội nghị ${uniq()}` }));
  const page = await organizer.conference.sites.list.query({ conferenceId: c.id, orgPath, limit: 10 });
  const own = page.items.find((s) => s.orgPath === orgPath)!;
  return { id: c.id, siteId: own.id };
}

beforeAll(async () => {
  h = await startHarness();
  organizer = h.client(ORGANIZER);
  await Promise.all(
    TARGETS.map(async (t) => {
      const { id, siteId } = await conferenceAt(PATH_OF[t]);
      conferenceOf[t] = id;
      siteOf[t] = siteId;
      await organizer.conference.startConnecting.mutate({ conferenceId: id });
      expect((await beat(h, [{ siteId, quality: 0.95 }])).status).toBe(200);
      await organizer.conference.openSession.mutate({ conferenceId: id });
      await organizer.conference.sites.checkIn.mutate({ siteId, present: 5 });
      requestOf[t] = (await organizer.conference.speakers.register.mutate({ siteId, speakerName: "Trần Văn Bình" })).request.id;
    }),
  );
});
afterAll(async () => {
  await h?.close();
});

type Probe = (c: Client, t: Target) => Promise<unknown>;

/** Thrown by the list probe when the target's conference is not in the page: a refusal by omission. */
const NOT_LISTED = "NOT_LISTED";

/** One call per procedure on the resource at target `t`. */
const PROBES: Record<string, Probe> = {
  create: (c, t) => c.conference.create.mutate(conferenceInput({ orgPath: PATH_OF[t], sites: [], title: `Hội nghị ${uniq()}` })),
  startConnecting: (c, t) => c.conference.startConnecting.mutate({ conferenceId: conferenceOf[t] }),
  openSession: (c, t) => c.conference.openSession.mutate({ conferenceId: conferenceOf[t] }),
  // A fresh conference each time, so that an allowed conclusion does not end the shared fixture.
  conclude: async (c, t) => c.conference.conclude.mutate({ conferenceId: (await conferenceAt(PATH_OF[t])).id }),
  get: (c, t) => c.conference.get.query({ conferenceId: conferenceOf[t] }),
  list: async (c, t) => {
    const page = await c.conference.list.query({ status: "in_session", limit: 200 });
    if (!page.items.some((i) => i.id === conferenceOf[t])) throw new Error(NOT_LISTED);
    return page;
  },
  "sites.add": (c, t) => c.conference.sites.add.mutate({ conferenceId: conferenceOf[t], sites: [site(PATH_OF[t], `A${uniq()}`)] }),
  "sites.list": (c, t) => c.conference.sites.list.query({ conferenceId: conferenceOf[t] }),
  "sites.byProvince": (c, t) => c.conference.sites.byProvince.query({ conferenceId: conferenceOf[t] }),
  "sites.checkIn": (c, t) => c.conference.sites.checkIn.mutate({ siteId: siteOf[t], present: 6 }),
  // A different count each time: reporting the unchanged count is a no-op that writes nothing.
  "sites.reportAttendance": async (c, t) => {
    const { presentCount } = await h.db.prisma.conferenceSite.findUniqueOrThrow({ where: { id: siteOf[t] } });
    return c.conference.sites.reportAttendance.mutate({ siteId: siteOf[t], present: (presentCount % 10) + 1 });
  },
  "agenda.next": (c, t) => c.conference.agenda.next.mutate({ conferenceId: conferenceOf[t] }),
  "documents.disseminate": (c, t) =>
    c.conference.documents.disseminate.mutate({ conferenceId: conferenceOf[t], documents: [{ number: `${++n}-QĐ/TW`, kind: "regulation", title: "Quy định" }] }),
  "speakers.register": (c, t) => c.conference.speakers.register.mutate({ siteId: siteOf[t], speakerName: "Lê Thị Hoa" }),
  "speakers.withdraw": (c, t) => c.conference.speakers.withdraw.mutate({ requestId: requestOf[t] }),
  "floor.give": (c, t) => c.conference.floor.give.mutate({ conferenceId: conferenceOf[t] }),
  "floor.end": (c, t) => c.conference.floor.end.mutate({ conferenceId: conferenceOf[t] }),
  "conclusions.add": (c, t) => c.conference.conclusions.add.mutate({ conferenceId: conferenceOf[t], text: "Kết luận của chủ trì" }),
  // restructuring's account only: refused to every role here (the matrix's service caller is no named client).
  "restructuring.rekey": (c, t) =>
    c.conference.restructuring.rekey.mutate({ idempotencyKey: `matrix-${uniq()}`, effectiveOn: "2025-07-01", moves: [{ fromPath: PATH_OF[t] === "/" ? "/99/" : PATH_OF[t], toPath: "/98/" }] }),
  "restructuring.conservation": (c, t) => c.conference.restructuring.conservation.query({ paths: [PATH_OF[t] === "/" ? "/99/" : PATH_OF[t]] }),
  // Every target has audit records (its conference was created and run); out of scope the page is empty.
  "audit.search": async (c, t) => {
    const page = await c.conference.audit.search.query({ orgPath: PATH_OF[t], limit: 5 });
    if (page.items.length === 0) throw new Error(NOT_LISTED);
    return page;
  },
};

type Outcome = { ok: true } | { ok: false; code: string };

async function attempt(call: Promise<unknown>): Promise<Outcome> {
  try {
    await call;
    return { ok: true };
  } catch (err) {
    if (err instanceof Error && err.message === NOT_LISTED) return { ok: false, code: NOT_LISTED };
    if (!(err instanceof TRPCClientError)) throw err;
    return { ok: false, code: (err.data as { code?: string } | undefined)?.code ?? `no code: ${err.message}` };
  }
}

const audits = (requestIds: string[]) => h.db.prisma.auditRecord.count({ where: { requestId: { in: requestIds } } });

const all = procedures();

describe("docs/security.md documents every conference procedure with its action", () => {
  it("lists exactly the router's procedures, every role, and only known targets", () => {
    expect([...documented.keys()].sort()).toEqual(all.map((p) => p.name).sort());
    for (const p of all) {
      expect(documented.get(p.name)?.action, p.name).toBe(p.action);
      for (const r of ROLES) expect(() => targetsOf(documented.get(p.name)!.cells[r]), `${p.name} ${r}`).not.toThrow();
    }
  });
  it("every procedure answers 401 without a token", async () => {
    for (const p of all.filter((q) => q.type !== "subscription")) {
      expect(await attempt(PROBES[p.name]!(h.client(null), "own")), p.name).toEqual({ ok: false, code: "UNAUTHORIZED" });
    }
  });
});

describe.each(all.filter((p) => p.type !== "subscription").map((p) => [p.name, p] as const))("%s", (name, proc) => {
  it.each(ROLES.map((r) => [r]))("%s: allowed exactly where documented; never across provinces", async (role) => {
    const row = documented.get(name);
    expect(row, `${name} is not in docs/security.md`).toBeDefined();
    const allowed = targetsOf(row!.cells[role]);
    const probe = PROBES[name];
    expect(probe, `no probe for ${name}`).toBeDefined();
    const seen = {} as Record<Target, string>;
    for (const target of TARGETS) {
      const requestId = `matrix-${name}-${role}-${target}-${++n}`;
      // The service names each request itself (#9): the audit records carry the id it answered with.
      const served: string[] = [];
      const outcome = await attempt(probe!(h.client(claimsOf(role), { requestId: () => requestId, onRequestId: (id) => served.push(id) }), target));
      seen[target] = outcome.ok ? "ok" : outcome.code;
      if (seen[target] !== NOT_LISTED) expect(served.length, `${name} ${role} ${target}: the service's request id`).toBeGreaterThan(0);
      const written = await audits(served);
      if (outcome.ok && (proc.type === "mutation" || name === "audit.search")) expect(written, `${name} ${role} ${target}: audit record`).toBeGreaterThan(0);
      else expect(written, `${name} ${role} ${target}: nothing written`).toBe(0);
    }
    // Allowed = anything but a refusal (the call may still fail on the conference's state, e.g. a
    // session opened twice; never with a 500); refused = 403 for a role without the right, 404 for a record
    // outside the caller's scope (answered like a missing one, #9), or, for the list, left out.
    const classify = (code: string) =>
      code === "FORBIDDEN" || code === "NOT_FOUND" || code === NOT_LISTED ? "refused" : ["ok", "BAD_REQUEST", "CONFLICT"].includes(code) ? "allowed" : code;
    const actual = Object.fromEntries(TARGETS.map((t) => [t, classify(seen[t])]));
    expect(actual).toEqual(Object.fromEntries(TARGETS.map((t) => [t, allowed.includes(t) ? "allowed" : "refused"])));
    // Independent of the docs: a provincial caller never reaches a sibling province.
    if (scopeOf(role) !== "/") expect(actual.sibling, `${name} ${role}: cross-province`).toBe("refused");
  });
});

describe("events.stream", () => {
  it.each(ROLES.map((r) => [r]))("%s: receives exactly the events of the documented targets", async (role) => {
    const allowed = targetsOf(documented.get("events.stream")!.cells[role]);
    const last = await h.db.prisma.outboxEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
    const probe = `test.probe.${role}`;
    for (const target of TARGETS) await h.db.prisma.outboxEvent.create({ data: { type: probe, orgPath: PATH_OF[target], aggregateId: target, payload: {} } });
    await h.db.prisma.outboxEvent.create({ data: { type: "test.sentinel", orgPath: "/", aggregateId: "end", payload: {} } });
    const received: { type: string; aggregateId: string }[] = [];
    let error: string | null = null;
    const sub = h.client(claimsOf(role)).conference.events.stream.subscribe(
      { lastEventId: String(last?.id ?? 0) },
      {
        onData: (e) => received.push(e.data as { type: string; aggregateId: string }),
        onError: (err) => (error = (err.data as { code?: string } | undefined)?.code ?? err.message),
      },
    );
    // The sentinel sits at "/", which only whole-country subscribers receive: the others wait for
    // their own probes' last event instead.
    const done = () => received.some((e) => e.type === "test.sentinel") || (allowed.length > 0 && !allowed.includes("country") && received.filter((e) => e.type === probe).length >= allowed.length);
    const end = Date.now() + 10_000;
    while (error === null && !done() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    sub.unsubscribe();
    if (allowed.length === 0) {
      expect(error).toBe("FORBIDDEN");
    } else {
      expect(error).toBeNull();
      expect(received.filter((e) => e.type === probe).map((e) => e.aggregateId)).toEqual(allowed);
    }
  });
});

describe("POST /bridge/heartbeats (outside tRPC)", () => {
  it.each(ROLES.map((r) => [r]))("%s: only the role service may post (401 without a token)", async (role) => {
    const post = async (authorization?: string) =>
      (
        await fetch(`${h.url}/bridge/heartbeats`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ heartbeats: [{ siteId: siteOf.own, quality: 0.9, at: new Date().toISOString() }] }),
        })
      ).status;
    expect(await post()).toBe(401);
    expect(await post(`Bearer ${await h.token(claimsOf(role))}`)).toBe(role === "service" ? 200 : 403);
  });
});
