import { afterEach, describe, expect, it, vi } from "vitest";
import { ContractError, createApi } from "../src/api/client.js";
import type { AuthSession } from "../src/auth/session.js";
import type { RuntimeConfig } from "../src/config/runtime-config.js";

// The typed client against stubbed HTTP: routing by service, answers checked against the contracts, 401 retry.
const config = { services: { conference: "http://conference.test", membership: "http://membership.test" } } as unknown as RuntimeConfig;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const data = (d: unknown) => json([{ result: { data: d } }]);
const unauthorized = () => json([{ error: { message: "expired", code: -32001, data: { code: "UNAUTHORIZED", httpStatus: 401 } } }], 401);

function setup(...answers: Response[]) {
  const fetch = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) => Promise.resolve(answers.shift() ?? data(null)));
  vi.stubGlobal("fetch", fetch);
  const handleUnauthorized = vi.fn(() => Promise.resolve());
  const session = { token: () => Promise.resolve("token"), handleUnauthorized } as unknown as AuthSession;
  return { api: createApi(config, session), fetch, handleUnauthorized };
}

afterEach(() => vi.unstubAllGlobals());

describe("the dashboard's typed client", () => {
  it("sends each call to its service and returns an answer that fits the contract", async () => {
    const { api, fetch } = setup(data({ items: [], nextCursor: null }), data({ orgPath: "/", year: 2026, rows: [], ratings: [], lastEventId: null }));
    await expect(api.query("conference.list", (c) => c.conference.list.query({ limit: 50 }))).resolves.toEqual({ items: [], nextCursor: null });
    const kpi = await api.query("membership.kpi.summary", (c) => c.membership.kpi.summary.query({ orgPath: "/", year: 2026 }));
    expect(kpi.year).toBe(2026);
    expect(fetch.mock.calls[0]![0] as string).toMatch(/^http:\/\/conference\.test\/trpc\/conference\.list\?/);
    expect(fetch.mock.calls[1]![0] as string).toMatch(/^http:\/\/membership\.test\/trpc\/membership\.kpi\.summary\?/);
  });

  it("refuses an answer outside the contract (the panel shows the service as unavailable)", async () => {
    const { api } = setup(data({ items: [{ id: "c1" }], nextCursor: null }));
    const err = await api.query("conference.list", (c) => c.conference.list.query({ limit: 50 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect((err as Error).message).toMatch(/^conference\.list: unexpected answer \(items\.0\.title: /);
  });

  it("refreshes the session once on 401 and retries", async () => {
    const { api, handleUnauthorized, fetch } = setup(unauthorized(), data({ items: [], nextCursor: null }));
    await expect(api.query("conference.list", (c) => c.conference.list.query({ limit: 50 }))).resolves.toEqual({ items: [], nextCursor: null });
    expect(handleUnauthorized).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
