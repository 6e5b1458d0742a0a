import { contractSnapshot, defineContract, mutation, query, subscription } from "@orgboard/contracts";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  changelogVersions,
  compareVersions,
  diffSnapshots,
  discoverContractPackages,
  formatChange,
  nextVersion,
  olderCompatibleSnapshots,
  readRecorded,
} from "../src/index.js";

const item = z.object({ id: z.string(), name: z.string() });
const base = {
  service: "demo",
  procedures: {
    orgs: { get: query(z.object({ id: z.string() }), item), rename: mutation(z.object({ id: z.string(), name: z.string() }), item) },
    events: { stream: subscription(z.object({ lastEventId: z.string().nullish() }), z.object({ type: z.string() })) },
  },
  events: { "demo.org.created": item },
} as const;
const v10 = contractSnapshot(defineContract({ ...base, version: "1.0" }));
const lines = (older: typeof v10, newer: typeof v10) => diffSnapshots(older, newer).map((c) => `${c.breaking ? "✗" : "·"} ${formatChange(c)}`);

describe("diffSnapshots", () => {
  it("nothing between equal snapshots", () => {
    expect(diffSnapshots(v10, v10)).toEqual([]);
  });

  it("removed and added procedures and event types, a changed kind; breaking ones first", () => {
    const next = contractSnapshot(
      defineContract({
        service: "demo",
        version: "1.1",
        procedures: { orgs: { get: mutation(z.object({ id: z.string() }), item), list: query(z.void(), z.array(item)) }, events: base.procedures.events },
        events: { "demo.org.renamed": item },
      }),
    );
    expect(lines(v10, next)).toEqual([
      "✗ demo.orgs.get: đổi loại query → mutation / kind changed query → mutation",
      "✗ demo.orgs.rename: bỏ thủ tục / procedure removed",
      "✗ demo.org.created: bỏ loại sự kiện / event type removed",
      "· demo.orgs.list: thêm thủ tục (query) / procedure added (query)",
      "· demo.org.renamed: thêm loại sự kiện / event type added",
    ]);
  });

  it("inputs, outputs, subscription values and event payloads each on their side", () => {
    const next = contractSnapshot(
      defineContract({
        service: "demo",
        version: "2.0",
        procedures: {
          orgs: { get: query(z.object({ id: z.string(), year: z.int() }), item), rename: mutation(z.object({ id: z.string(), name: z.string() }), item.extend({ code: z.string() })) },
          events: { stream: subscription(z.object({ lastEventId: z.string().nullish() }), z.object({ type: z.enum(["a"]) })) },
        },
        events: { "demo.org.created": item.partial({ name: true }) },
      }),
    );
    expect(lines(v10, next)).toEqual([
      '✗ demo.orgs.get: đầu vào thêm trường bắt buộc "year" / new required input field "year"',
      '✗ demo.org.created: trường nội dung sự kiện "name" thành không bắt buộc / event payload field "name" became optional',
      '· demo.events.stream: đầu ra đổi tương thích ở "type" / output changed compatibly at "type"',
      '· demo.orgs.rename: đầu ra đổi tương thích ở "code" / output changed compatibly at "code"',
    ]);
  });

  it("reordered fields are no difference", () => {
    const reordered = contractSnapshot(defineContract({ ...base, version: "1.0", events: { "demo.org.created": z.object({ name: z.string(), id: z.string() }) } }));
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(v10));
    expect(diffSnapshots(v10, reordered)).toEqual([]);
  });

  it("annotations only: a compatible difference", () => {
    const next = contractSnapshot(defineContract({ ...base, version: "1.1", events: { "demo.org.created": item.describe("an org") } }));
    expect(lines(v10, next)).toEqual(["· demo.org.created: nội dung sự kiện chỉ đổi chú thích (description, default…) / event payload annotations changed (description, default…)"]);
  });
});

describe("versions, snapshots and changelog", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const pkg = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), "contract-gate-unit-"));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, ".."), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };
  const snap = (version: string) => JSON.stringify({ ...v10, version });

  it("sorts versions numerically and proposes the next one", () => {
    expect(["1.10", "1.2", "2.0", "1.9"].sort(compareVersions)).toEqual(["1.2", "1.9", "1.10", "2.0"]);
    expect(nextVersion("1.9", false)).toBe("1.10");
    expect(nextVersion("1.9", true)).toBe("2.0");
    expect(() => compareVersions("1", "1.0")).toThrow(/major\.minor/);
  });

  it("reads snapshots/<major>.<minor>.json oldest first, naming misnamed or mislabelled files", () => {
    const dir = pkg({ "snapshots/1.10.json": snap("1.10"), "snapshots/1.2.json": snap("1.2"), "snapshots/latest.json": "{}", "snapshots/1.3.json": snap("1.4"), "snapshots/notes.txt": "" });
    const { recorded, errors } = readRecorded(dir);
    expect(recorded.map((r) => r.version)).toEqual(["1.2", "1.3", "1.10"]);
    expect([...errors].sort()).toEqual(["snapshots/1.3.json says version 1.4", "snapshots/latest.json: the name must be <major>.<minor>.json"]);
  });

  it("reads the changelog's version headings", () => {
    const dir = pkg({ "CHANGELOG.md": "# demo\n\n## 1.10 — 2026-12-05\n\n## [1.2] - x\n\n## v1.1\n\n### 1.0 is not a section\n\nSee ## 3.0 inline.\n## 2.0.1 is not major.minor\n" });
    expect([...changelogVersions(dir)!].sort(compareVersions)).toEqual(["1.1", "1.2", "1.10"]);
    expect(changelogVersions(pkg({}))).toBeUndefined();
  });

  it("olderCompatibleSnapshots: same major, up to the contract's version, oldest first", () => {
    const dir = pkg({ "snapshots/1.0.json": snap("1.0"), "snapshots/1.1.json": snap("1.1"), "snapshots/1.2.json": snap("1.2"), "snapshots/2.0.json": snap("2.0"), "snapshots/1.10.json": snap("1.10") });
    expect(olderCompatibleSnapshots(dir, { service: "demo", version: "1.10" }).map((s) => s.version)).toEqual(["1.0", "1.1", "1.2", "1.10"]);
    expect(olderCompatibleSnapshots(join(dir, "snapshots"), { service: "demo", version: "1.1" }).map((s) => s.version)).toEqual(["1.0", "1.1"]);
    expect(olderCompatibleSnapshots(dir, { service: "demo", version: "2.0" }).map((s) => s.version)).toEqual(["2.0"]);
  });

  it("discovers packages/contract-* with a package.json, not itself", () => {
    const root = pkg({
      "packages/contract-b/package.json": '{"name":"@orgboard/contract-b"}',
      "packages/contract-a/package.json": '{"name":"@orgboard/contract-a"}',
      "packages/contract-gate/package.json": '{"name":"@orgboard/contract-gate"}',
      "packages/contract-empty/README.md": "",
      "packages/contracts/package.json": '{"name":"@orgboard/contracts"}',
    });
    expect(discoverContractPackages(root).map((p) => [p.rel, p.name])).toEqual([
      ["packages/contract-a", "@orgboard/contract-a"],
      ["packages/contract-b", "@orgboard/contract-b"],
    ]);
  });
});
