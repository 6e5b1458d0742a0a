import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileCheckpointStore } from "../../src/checkpoint.js";
import { compareIds } from "../../src/consumer.js";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "rt-ckpt-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("FileCheckpointStore", () => {
  it("starts empty, keeps one id per service, survives a new instance", async () => {
    const file = join(tmp(), "nested", "checkpoints.json");
    const a = new FileCheckpointStore(file);
    expect(await a.load("membership")).toBeNull();
    await Promise.all([a.save("membership", "5"), a.save("conference", "9"), a.save("membership", "7")]);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ membership: "7", conference: "9" });
    const b = new FileCheckpointStore(file);
    expect(await b.load("membership")).toBe("7");
    expect(await b.load("conference")).toBe("9");
  });

  it("refuses a corrupt file with a message naming it", async () => {
    const file = join(tmp(), "checkpoints.json");
    writeFileSync(file, '{"membership": 12}');
    await expect(new FileCheckpointStore(file).load("membership")).rejects.toThrow(/checkpoints\.json is unreadable \(membership: not an event id\)/);
    writeFileSync(file, "{");
    await expect(new FileCheckpointStore(file).load("membership")).rejects.toThrow(/unreadable/);
  });
});

describe("compareIds", () => {
  it("orders decimal ids beyond 2^53 without Number", () => {
    expect(compareIds("9", "10")).toBe(-1);
    expect(compareIds("9007199254740993", "9007199254740992")).toBe(1);
    expect(compareIds("007", "7")).toBe(0);
  });
});
