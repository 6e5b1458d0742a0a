// Bad input never becomes a 500: every procedure, fed malformed values of every shape (wrong types,
// impossible dates, forged cursors, out-of-range numbers, oversized text), answers a 4xx that names the
// field, or (unknown keys are ignored) succeeds.
import { DEFAULT_RATE_LIMITS, listProcedures } from "@orgboard/server-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../../src/router/index.js";
import { Fixture, TREE } from "./fixtures.js";
import { CENTRAL, startHarness, type Harness } from "./harness.js";

let h: Harness;
let token: string;
/** The audit trail's search is the auditor's alone (#9): fed bad input as an auditor of the whole country. */
let auditorToken: string;
/** The restructuring saga's procedures are restructuring's service account's alone (#14). */
let restructuringToken: string;

beforeAll(async () => {
  // ~900 calls in a few seconds as one principal (every procedure × every bad input): more than a
  // person's rate limit allows, so this harness sets its own (docs/security.md, "Limits").
  h = await startHarness({ rateLimits: { ...DEFAULT_RATE_LIMITS, perPrincipal: 10_000 } });
  await new Fixture(h.db).tree();
  token = await h.token(CENTRAL);
  auditorToken = await h.token({ sub: "auditor-1", roles: ["auditor"], orgPaths: ["/"] });
  restructuringToken = await h.token({ sub: "service-account-restructuring", roles: ["service"], orgPaths: ["/"], azp: "restructuring" });
});
afterAll(async () => {
  await h?.close();
});

const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

const BAD_INPUTS: unknown[] = [
  undefined,
  null,
  "text",
  42,
  [],
  { id: "1" },
  { id: 1e12 },
  { id: -5, memberId: 3.5, transferId: "x", badgeId: null, candidateId: [] },
  { orgPath: 5 },
  { orgPath: "/01/../" },
  { orgPath: "/01/", year: 99999, on: "2026-02-30", asOf: "yesterday" },
  { orgPath: "/01/", cursor: cursor(["a", 1e15]) },
  { orgPath: "/01/", cursor: cursor(["not-a-date", 1]) },
  { orgPath: "/01/", cursor: cursor([-1]) },
  { orgPath: "/01/", cursor: "%%%" },
  { orgPath: "/01/", limit: 0 },
  { orgPath: TREE.c1, fullName: "x".repeat(10_000), birthDate: "1990-13-01", gender: "other", nationalId: "0".repeat(12), status: "official", admittedOn: "2000-01-01" },
  { parentPath: "/", code: "../x", name: "", kind: "galaxy", openedOn: "1-1-2020" },
  { subjectKind: "planet", year: 2026, level: "good" },
  { orgPath: "/01/", format: "csv", fileBase64: "@@@" },
  { lastEventId: "1; DROP TABLE member" },
  // A NUL reached PostgreSQL and failed the statement: a 500 (issue #9). Now refused for every procedure.
  { orgPath: "/01/", search: "Nguy\u0000n" },
  { orgPath: TREE.c1, fullName: "Nguyễn Văn\u0000A", nationalId: "001090000001\u0000" },
];

describe("bad input", () => {
  const procedures = listProcedures(appRouter).filter((p) => p.type !== "subscription");
  it.each(procedures.map((p) => [p.path, p.type] as const))("%s never answers 500 to malformed input", async (path, type) => {
    let refused = 0;
    const asCaller = path === "membership.audit.search" ? auditorToken : path.startsWith("membership.restructuring.") ? restructuringToken : token;
    for (const input of BAD_INPUTS) {
      const res =
        type === "query"
          ? await fetch(`${h.url}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { headers: { authorization: `Bearer ${asCaller}` } })
          : await fetch(`${h.url}/trpc/${path}`, { method: "POST", headers: { authorization: `Bearer ${asCaller}`, "content-type": "application/json" }, body: input === undefined ? undefined : JSON.stringify(input) });
      const body = (await res.json()) as { error?: { message: string; data: { code: string; fieldErrors?: { path: string }[] } } };
      const what = `${path} ${JSON.stringify(input)?.slice(0, 120)}: ${body.error?.message}`;
      expect(res.status, what).toBeLessThan(500);
      if (res.status === 400) {
        refused++;
        expect(body.error?.data.fieldErrors?.length, what).toBeGreaterThan(0);
      }
    }
    expect(refused).toBeGreaterThan(BAD_INPUTS.length / 3);
  });
});

describe("control characters (issue #9)", () => {
  it("a NUL in a search is a 400 naming `search`, Vietnamese first (it was a 500)", async () => {
    const res = await fetch(`${h.url}/trpc/membership.members.list?input=${encodeURIComponent(JSON.stringify({ orgPath: "/01/", search: "Nguy\u0000n" }))}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; data: { fieldErrors: { path: string; message: string }[] } } };
    expect(body.error.data.fieldErrors).toEqual([{ path: "search", message: expect.stringMatching(/^chứa ký tự điều khiển/) }]);
  });
});
