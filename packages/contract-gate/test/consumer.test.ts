// "A dashboard built against the previous contract still works against the new service": a recorded 1.0
// snapshot validates the answers of a real tRPC server over HTTP implementing 1.1 (compatible) and 2.0
// (breaking), the way the services' integration tests use it.
import { defineContract, query, contractSnapshot, type ServiceContract } from "@orgboard/contracts";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { initTRPC, type AnyRouter } from "@trpc/server";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { formatAnswerErrors, olderCompatibleSnapshots, validateAgainstSnapshot } from "../src/index.js";

const member = z.object({ id: z.uuid(), name: z.string(), joinedOn: z.iso.date(), role: z.enum(["member", "secretary"]) });
const membership = (version: string, item: z.ZodObject) =>
  defineContract({
    service: "membership",
    version,
    procedures: { orgs: { members: query(z.object({ orgPath: z.string() }), z.object({ items: z.array(item), total: z.int() })) } },
    events: { "membership.member.created": item },
  });
const v10 = membership("1.0", member);
const v11 = membership("1.1", member.extend({ phone: z.string().nullable() })); // compatible: a new output field
const v20 = membership("2.0", member.omit({ name: true }).extend({ fullName: z.string() })); // breaking: "name" renamed

const row = { id: "6f1c1d4e-2b1a-4c5e-9d7f-0a1b2c3d4e5f", name: "Nguyễn Văn A", joinedOn: "2020-03-26", role: "member" as const };

/** A real service for `contract` over HTTP, answering `answer` (checked by its own output schema, as services do). */
async function serve(contract: ReturnType<typeof membership>, answer: Record<string, unknown>) {
  const t = initTRPC.create();
  const proc = contract.procedures.orgs.members;
  const router: AnyRouter = t.router({
    membership: { orgs: { members: t.procedure.input(proc.input).output(proc.output).query(() => ({ items: [answer], total: 1 })) } },
  });
  const server = createHTTPServer({ router });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // The consumer: a client typed against nothing newer than what it was built for, reading raw answers.
  const client = createTRPCClient<AnyRouter>({ links: [httpBatchLink({ url: `http://127.0.0.1:${port}` })] }) as unknown as {
    membership: { orgs: { members: { query: (input: { orgPath: string }) => Promise<unknown> } } };
  };
  return { client, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A contract package directory whose snapshots/ holds the given recorded versions. */
function recorded(...contracts: ServiceContract[]): string {
  const dir = mkdtempSync(join(tmpdir(), "contract-consumer-"));
  dirs.push(dir);
  mkdirSync(join(dir, "snapshots"));
  for (const c of contracts) writeFileSync(join(dir, "snapshots", `${c.version}.json`), JSON.stringify(contractSnapshot(c), null, 2));
  return dir;
}

describe("validateAgainstSnapshot over real HTTP", () => {
  it("an old snapshot accepts the answers of a new compatible service (new fields are ignored)", async () => {
    const dir = recorded(v10, v11);
    const older = olderCompatibleSnapshots(dir, v11);
    expect(older.map((s) => s.version)).toEqual(["1.0", "1.1"]);
    const { client, close } = await serve(v11, { ...row, phone: null });
    try {
      const answer = await client.membership.orgs.members.query({ orgPath: "vn" });
      for (const snapshot of older) expect(formatAnswerErrors(validateAgainstSnapshot(snapshot, "membership.orgs.members", answer))).toEqual([]);
    } finally {
      await close();
    }
  });

  it("an old snapshot rejects the answers of a breaking service, naming the field", async () => {
    const dir = recorded(v10, v20);
    expect(olderCompatibleSnapshots(dir, v20).map((s) => s.version)).toEqual(["2.0"]); // 1.0 consumers are not promised 2.0
    const [old] = olderCompatibleSnapshots(dir, v10);
    const { client, close } = await serve(v20, { id: row.id, fullName: row.name, joinedOn: row.joinedOn, role: row.role });
    try {
      const answer = await client.membership.orgs.members.query({ orgPath: "vn" });
      expect(validateAgainstSnapshot(old!, "membership.orgs.members", answer)).toEqual([{ path: "items[0].name", message: "thiếu trường / missing" }]);
    } finally {
      await close();
    }
  });

  it("names wrong types, formats and enum values, and checks event payloads", () => {
    const snap = contractSnapshot(v10);
    const bad = { items: [{ ...row, id: "not-a-uuid", joinedOn: "26/03/2020", role: "chair" }], total: "1" };
    expect(formatAnswerErrors(validateAgainstSnapshot(snap, "membership.orgs.members", bad))).toEqual([
      'items[0].id: must match pattern "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0…"',
      'items[0].id: must match format "uuid"',
      'items[0].joinedOn: must match pattern "^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|…"',
      'items[0].joinedOn: must match format "date"',
      "items[0].role: must be equal to one of the allowed values",
      "total: must be integer",
    ]);
    expect(validateAgainstSnapshot(snap, "membership.member.created", row)).toEqual([]);
    expect(validateAgainstSnapshot(snap, "membership.member.created", { ...row, name: null })).toEqual([{ path: "name", message: "must be string" }]);
    expect(() => validateAgainstSnapshot(snap, "membership.orgs.gone", {})).toThrow(/no procedure or event type "membership.orgs.gone"/);
  });
});
