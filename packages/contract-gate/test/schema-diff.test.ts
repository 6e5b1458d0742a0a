import { describe, expect, it } from "vitest";
import * as conferenceWire from "@orgboard/contract-conference";
import * as wire from "@orgboard/contracts";
import { z } from "zod";
import { breakingChanges, type Side } from "../src/index.js";

const js = (schema: z.ZodType, io: "input" | "output") => z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
/** The breaking problems of a change from `before` to `after`, as "path: english" lines. */
const out = (before: z.ZodType, after: z.ZodType) => breakingChanges(js(before, "output"), js(after, "output"), "output").map((p) => `${p.path}: ${p.en}`);
const inp = (before: z.ZodType, after: z.ZodType) => breakingChanges(js(before, "input"), js(after, "input"), "input").map((p) => `${p.path}: ${p.en}`);
const raw = (before: unknown, after: unknown, side: Side) => breakingChanges(before, after, side).map((p) => `${p.path}: ${p.en}`);

const item = z.object({ id: z.string(), name: z.string(), note: z.string().optional(), status: z.enum(["active", "left"]) });
const page = z.object({ items: z.array(item), total: z.int() });

describe("outputs (what consumers receive)", () => {
  it("unchanged and compatible changes: nothing", () => {
    expect(out(page, page)).toEqual([]);
    expect(out(page, page.extend({ nextCursor: z.string().nullable() }))).toEqual([]); // new output field
    expect(out(item, item.extend({ note: z.string() }))).toEqual([]); // optional → required: narrower
    expect(out(item, item.extend({ status: z.enum(["active"]) }))).toEqual([]); // fewer enum values
    expect(out(z.object({ a: z.string().nullable() }), z.object({ a: z.string() }))).toEqual([]); // no longer null
    expect(out(z.object({ n: z.number() }), z.object({ n: z.int() }))).toEqual([]); // integer ⊂ number
    expect(out(item, item.describe("a member"))).toEqual([]); // annotations only
  });

  it("a removed field, even an optional one, and in nested arrays", () => {
    expect(out(page, z.object({ items: z.array(item.omit({ name: true })), total: z.int() }))).toEqual(['items[].name: output field "items[].name" removed']);
    expect(out(item, item.omit({ note: true }))).toEqual(['note: output field "note" removed']);
  });

  it("a field that became optional or nullable", () => {
    expect(out(item, item.extend({ name: z.string().optional() }))).toEqual(['name: output field "name" became optional']);
    expect(out(page, z.object({ items: z.array(item.extend({ name: z.string().nullable() })), total: z.int() }))).toEqual([
      'items[].name: output field "items[].name" became nullable',
    ]);
    expect(out(item, item.extend({ name: z.string().nullish() }))).toEqual([
      'name: output field "name" became optional',
      'name: output field "name" became nullable',
    ]);
  });

  it("a changed or widened type", () => {
    expect(out(page, page.extend({ total: z.string() }))).toEqual(['total: output field "total" changed type integer → string']);
    expect(out(page, page.extend({ total: z.number() }))).toEqual(['total: output field "total" changed type integer → number']);
    expect(out(page, page.extend({ total: z.union([z.int(), z.string()]) }))).toEqual(['total: output field "total" changed type integer → integer | string']);
    expect(out(page, page.extend({ items: z.record(z.string(), item) }))).toEqual(['items: output field "items" changed type array → object']);
    expect(out(page, z.array(item))).toEqual(['$: output field "$" changed type object → array']);
  });

  it("an enum that gained values (consumers that switch exhaustively break)", () => {
    expect(out(item, item.extend({ status: z.enum(["active", "left", "suspended"]) }))).toEqual(['status: output field "status" gained enum values "suspended"']);
    expect(out(z.object({ k: z.literal("a") }), z.object({ k: z.enum(["a", "b"]) }))).toEqual(['k: output field "k" gained enum values "b"']);
    expect(out(z.object({ k: z.enum(["a"]) }), z.object({ k: z.string() }))).toEqual(['k: output field "k" is no longer limited to the values "a"']);
  });

  it("looser bounds and a changed format (long patterns shortened)", () => {
    expect(out(z.object({ code: z.string().max(10) }), z.object({ code: z.string().max(20) }))).toEqual(['code: output field "code" loosened maxLength 10 → 20']);
    const [pattern, format] = out(z.object({ on: z.iso.date() }), z.object({ on: z.iso.datetime() }));
    expect(pattern).toMatch(/^on: output field "on" changed pattern "\^.{50,60}… → "/);
    expect(format).toBe('on: output field "on" changed format "date" → "date-time"');
  });

  it("records (additionalProperties schemas) and nested objects", () => {
    const counts = z.object({ byStatus: z.record(z.string(), z.object({ n: z.int() })) });
    expect(out(counts, z.object({ byStatus: z.record(z.string(), z.object({ n: z.int().nullable() })) }))).toEqual([
      'byStatus.*.n: output field "byStatus.*.n" became nullable',
    ]);
    expect(out(z.object({ a: z.object({ b: z.object({ c: z.string() }) }) }), z.object({ a: z.object({ b: z.object({}) }) }))).toEqual([
      'a.b.c: output field "a.b.c" removed',
    ]);
    // a record keyed by an enum (its keys required, no `properties`) beside a new field: nothing (not "integer → any")
    const byKind = z.object({ changes: z.record(z.enum(["create", "close"]), z.int().nonnegative()) });
    expect(out(byKind, byKind.extend({ source: z.enum(["a", "b"]) }))).toEqual([]);
    expect(out(byKind, z.object({ changes: z.record(z.enum(["create", "close"]), z.string()) }))).toEqual(['changes.*: output field "changes.*" changed type integer → string']);
  });

  it("follows $ref/$defs, recursive schemas included", () => {
    const Node: z.ZodType<{ name: string; children: unknown[] }> = z.object({ name: z.string(), get children() { return z.array(Node); } });
    const NodeB: z.ZodType<{ name: string | null; children: unknown[] }> = z.object({ name: z.string().nullable(), get children() { return z.array(NodeB); } });
    expect(out(z.object({ root: Node }), z.object({ root: Node }))).toEqual([]);
    expect(out(z.object({ root: Node }), z.object({ root: NodeB }))).toEqual(['root.name: output field "root.name" became nullable']);
    const withRef = { type: "object", properties: { a: { $ref: "#/$defs/A" } }, required: ["a"], $defs: { A: { type: "object", properties: { x: { type: "string" } }, required: ["x"] } } };
    const inlined = { type: "object", properties: { a: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } }, required: ["a"] };
    expect(raw(withRef, inlined, "output")).toEqual(['a.x: output field "a.x" changed type string → number']);
  });

  it("oneOf unions of objects: each new variant must match an old one", () => {
    const a = z.object({ kind: z.literal("a"), x: z.string() });
    const b = z.object({ kind: z.literal("b"), y: z.int() });
    expect(out(z.discriminatedUnion("kind", [a, b]), z.discriminatedUnion("kind", [a, b]))).toEqual([]);
    expect(out(z.discriminatedUnion("kind", [a, b]), z.discriminatedUnion("kind", [a, b.extend({ y: z.string() })]))).toEqual(['y: output field "y" changed type integer → string']);
    expect(out(z.discriminatedUnion("kind", [a, b]), z.discriminatedUnion("kind", [a, b, z.object({ kind: z.literal("c") })]))).toEqual(['$: output field "$" gained the variant kind="c"']);
    expect(inp(z.discriminatedUnion("kind", [a, b]), z.discriminatedUnion("kind", [a]))).toEqual(['$: input field "$" lost the variant kind="b"']);
  });

  it("event payloads speak of the payload", () => {
    expect(raw(js(item, "output"), js(item.omit({ id: true }), "output"), "event")).toEqual(['id: event payload field "id" removed']);
  });

  it("keywords it cannot analyse are breaking when they differ", () => {
    expect(raw({ allOf: [{ type: "string" }] }, { allOf: [{ type: "number" }] }, "output")).toEqual(['$: output field "$" changed "allOf" (not analysed by the gate: treated as breaking)']);
  });
});

describe("inputs (what consumers send)", () => {
  const filter = z.object({ orgPath: z.string(), q: z.string().optional(), status: z.enum(["active", "left"]).optional(), limit: z.int().min(1).max(100).default(20) });

  it("unchanged and compatible changes: nothing", () => {
    expect(inp(filter, filter)).toEqual([]);
    expect(inp(filter, filter.extend({ sort: z.enum(["name", "date"]).optional() }))).toEqual([]); // new optional input
    expect(inp(filter, filter.extend({ status: z.enum(["active", "left", "all"]).optional() }))).toEqual([]); // more values accepted
    expect(inp(filter, filter.extend({ limit: z.int().min(1).max(500).default(20) }))).toEqual([]); // looser bound
    expect(inp(filter, filter.extend({ orgPath: z.string().nullable() }))).toEqual([]); // widened
    expect(inp(filter, filter.extend({ orgPath: z.string().optional() }))).toEqual([]); // no longer required
    expect(inp(filter, filter.omit({ q: true }))).toEqual([]); // removed, unknown keys are stripped
    expect(inp(z.object({ n: z.int() }), z.object({ n: z.number() }))).toEqual([]);
  });

  it("a new required field, or one that became required", () => {
    expect(inp(filter, filter.extend({ year: z.int() }))).toEqual(['year: new required input field "year"']);
    expect(inp(filter, filter.extend({ q: z.string() }))).toEqual(['q: input field "q" became required']);
    expect(inp(z.object({ items: z.array(z.object({ a: z.string() })) }), z.object({ items: z.array(z.object({ a: z.string(), b: z.string() })) }))).toEqual([
      'items[].b: new required input field "items[].b"',
    ]);
  });

  it("a field removed while unknown fields are rejected", () => {
    expect(inp(z.strictObject({ a: z.string(), b: z.string().optional() }), z.strictObject({ a: z.string() }))).toEqual([
      'b: input field "b" removed while unknown fields are rejected (additionalProperties: false)',
    ]);
    expect(inp(z.object({ a: z.string() }), z.strictObject({ a: z.string() }))).toEqual(['$: input "$" no longer accepts unknown fields (additionalProperties: false)']);
  });

  it("a narrowed type, null no longer accepted", () => {
    expect(inp(z.object({ id: z.union([z.string(), z.int()]) }), z.object({ id: z.string() }))).toEqual(['id: input field "id" narrowed type string | integer → string']);
    expect(inp(z.object({ n: z.number() }), z.object({ n: z.int() }))).toEqual(['n: input field "n" narrowed type number → integer']);
    expect(inp(z.object({ s: z.string().nullable() }), z.object({ s: z.string() }))).toEqual(['s: input field "s" no longer accepts null']);
    expect(inp(z.object({ s: z.any() }), z.object({ s: z.string() }))).toEqual(['s: input field "s" narrowed type any → string']);
  });

  it("enum values removed", () => {
    expect(inp(filter, filter.extend({ status: z.enum(["active"]).optional() }))).toEqual(['status: input field "status" lost enum values "left"']);
    expect(inp(z.object({ s: z.string() }), z.object({ s: z.enum(["a"]) }))).toEqual(['s: input field "s" now only accepts the values "a"']);
  });

  it("tighter bounds and a changed pattern", () => {
    expect(inp(filter, filter.extend({ limit: z.int().min(1).max(50).default(20) }))).toEqual(['limit: input field "limit" tightened maximum 100 → 50']);
    expect(inp(z.object({ name: z.string() }), z.object({ name: z.string().min(1) }))).toEqual(['name: input field "name" tightened minLength (không có / none) → 1']);
    expect(inp(z.object({ code: z.string().regex(/^[a-z]+$/) }), z.object({ code: z.string().regex(/^[a-z0-9]+$/) }))).toEqual([
      'code: input field "code" changed pattern "^[a-z]+$" → "^[a-z0-9]+$"',
    ]);
    expect(inp(z.object({ tags: z.array(z.string()) }), z.object({ tags: z.array(z.string()).max(5) }))).toEqual(['tags: input field "tags" tightened maxItems (không có / none) → 5']);
    expect(inp(z.object({ tags: z.array(z.string()) }), z.object({ tags: z.array(z.string().max(3)) }))).toEqual(['tags[]: input field "tags[]" tightened maxLength (không có / none) → 3']);
  });

  it("records: narrower keys or values", () => {
    expect(inp(z.object({ m: z.record(z.string(), z.number()) }), z.object({ m: z.record(z.string(), z.int()) }))).toEqual(['m.*: input field "m.*" narrowed type number → integer']);
  });

  it("messages are Vietnamese first", () => {
    const [p] = breakingChanges(js(filter, "input"), js(filter.extend({ year: z.int() }), "input"), "input");
    expect(p!.vi).toBe('đầu vào thêm trường bắt buộc "year"');
  });
});

describe("the real wire schemas of @orgboard/contracts and @orgboard/contract-conference", () => {
  it("each compared with itself, both sides: no change", () => {
    const schemas = Object.entries({ ...wire, ...conferenceWire } as Record<string, unknown>).filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType);
    expect(schemas.length).toBeGreaterThan(10);
    for (const [name, schema] of schemas) {
      expect(inp(schema, schema), name).toEqual([]);
      expect(out(schema, schema), name).toEqual([]);
    }
  });

  it("conference.get's snapshot: a field removed inside an array and inside a nullable object is named", () => {
    const { conferenceSnapshotSchema: snap, agendaItemViewSchema: agendaItem, speakRequestViewSchema: speakRequest } = conferenceWire;
    const changed = snap.extend({ agenda: z.array(agendaItem.omit({ position: true })), speaker: speakRequest.omit({ siteCode: true }).nullable() });
    expect(out(snap, changed)).toEqual(['agenda[].position: output field "agenda[].position" removed', 'speaker.siteCode: output field "speaker.siteCode" removed']);
  });
});
