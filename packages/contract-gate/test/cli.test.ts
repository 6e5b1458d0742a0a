// The bin as a real process over a temporary git repository holding a fake packages/contract-demo (built JS,
// snapshots, changelog), through the scenarios of docs/decisions/0006-contract-compatibility.md.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PKG = resolve(import.meta.dirname, "..");
const BIN = join(PKG, "bin", "orgboard-contract-gate.js");
const temps: string[] = [];

beforeAll(() => {
  if (!existsSync(join(PKG, "dist", "main.js"))) throw new Error("build @orgboard/contract-gate first (pnpm --filter @orgboard/contract-gate build)");
});
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const ITEM_V1 = "z.object({ id: z.string(), name: z.string() })";

/** The built dist/index.js of a contract package: one query and one event. */
const contractJs = (version: string, item = ITEM_V1, input = "z.object({ id: z.string() })", service = "demo") => `
import { defineContract, query } from "@orgboard/contracts";
import { z } from "zod";
const item = ${item};
export const contract = defineContract({
  service: "${service}",
  version: "${version}",
  procedures: { orgs: { get: query(${input}, z.object({ items: z.array(item), total: z.int() })) } },
  events: { "${service}.org.created": z.object({ id: z.string() }) },
});
`;

function git(cwd: string, ...args: string[]) {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function gate(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A repository with contract-demo 1.0 recorded and committed on main. */
function repoAt10(): { root: string; demo: string } {
  const root = mkdtempSync(join(tmpdir(), "contract-gate-"));
  temps.push(root);
  // The fake package imports @orgboard/contracts and zod as a real contract package does: from this package's node_modules.
  symlinkSync(join(PKG, "node_modules"), join(root, "node_modules"), "dir");
  writeFileSync(join(root, ".gitignore"), "node_modules\n");
  const demo = join(root, "packages", "contract-demo");
  mkdirSync(join(demo, "dist"), { recursive: true });
  writeFileSync(join(demo, "package.json"), JSON.stringify({ name: "@orgboard/contract-demo", type: "module" }));
  writeFileSync(join(demo, "dist", "index.js"), contractJs("1.0"));
  writeFileSync(join(demo, "CHANGELOG.md"), "# contract-demo\n\n## 1.0 — 2026-12-01\n\nFirst contract.\n");
  const recorded = gate(root, "record");
  expect(recorded.out).toContain("recorded packages/contract-demo/snapshots/1.0.json");
  expect(recorded.code).toBe(0);
  git(root, "init", "-q", "-b", "main");
  git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".");
  git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "demo 1.0");
  return { root, demo };
}

const commit = (root: string, message: string) => {
  git(root, "add", ".");
  git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message);
};
const addChangelog = (demo: string, version: string, text: string) =>
  writeFileSync(join(demo, "CHANGELOG.md"), `${readFileSync(join(demo, "CHANGELOG.md"), "utf8")}\n## ${version} — 2026-12-05\n\n${text}\n`);

describe("orgboard-contract-gate", () => {
  it("unchanged: exit 0 with a summary per service", () => {
    const { root } = repoAt10();
    const r = gate(root);
    expect(r.out).toContain("demo 1.0 (packages/contract-demo)");
    expect(r.out).toContain("the code matches snapshots/1.0.json");
    expect(r.out).toContain("1 recorded snapshot(s) unchanged since first committed");
    expect(r.out).toContain("contracts: 1 đạt / passed, 0 lỗi / failed");
    expect(r.code).toBe(0);
    expect(gate(root, "check", "--base", "main").code).toBe(0);
  });

  it("a compatible change that is not recorded passes, naming it and how to record it as 1.1", () => {
    const { root, demo } = repoAt10();
    writeFileSync(join(demo, "dist", "index.js"), contractJs("1.0", "z.object({ id: z.string(), name: z.string(), code: z.string() })"));
    const r = gate(root);
    expect(r.out).toContain("compatible changes since snapshots/1.0.json, not recorded yet: record them as 1.1 when releasing");
    expect(r.out).toContain('demo.orgs.get: đầu ra đổi tương thích ở "items[].code" / output changed compatibly at "items[].code"');
    expect(r.out).toContain("contracts: 1 đạt / passed, 0 lỗi / failed");
    expect(r.code).toBe(0);
  });

  it("a compatible change recorded as 1.1 with its changelog passes", () => {
    const { root, demo } = repoAt10();
    writeFileSync(join(demo, "dist", "index.js"), contractJs("1.1", "z.object({ id: z.string(), name: z.string(), code: z.string() })", "z.object({ id: z.string(), q: z.string().optional() })"));
    expect(gate(root, "record").code).toBe(0);
    let r = gate(root);
    expect(r.out).toContain('CHANGELOG.md has no "## <version>" section for 1.1');
    expect(r.code).toBe(1);
    addChangelog(demo, "1.1", "Org items carry their code; orgs.get takes an optional q.");
    r = gate(root);
    expect(r.out).toContain("1.0 → 1.1: 0 breaking, 2 compatible");
    expect(r.code).toBe(0);
    commit(root, "demo 1.1");
    expect(gate(root, "--base", "HEAD~1").code).toBe(0);
  });

  it("a breaking change recorded as 1.1 fails naming the procedure and the field", () => {
    const { root, demo } = repoAt10();
    writeFileSync(join(demo, "dist", "index.js"), contractJs("1.1", "z.object({ id: z.string() })"));
    expect(gate(root, "record").code).toBe(0);
    addChangelog(demo, "1.1", "Items lose their name.");
    const r = gate(root);
    expect(r.out).toContain("1.0 → 1.1: thay đổi phá vỡ cần phiên bản chính mới (2.0) / breaking changes need a new major version (2.0), not 1.1");
    expect(r.out).toContain(
      'demo.orgs.get: đầu ra bỏ trường "items[].name" / output field "items[].name" removed (breaking: raise the major version and note it in CHANGELOG.md)',
    );
    expect(r.out).toContain("→ FAILED");
    expect(r.code).toBe(1);
  });

  it("a breaking change that is not recorded asks for 2.0", () => {
    const { root, demo } = repoAt10();
    writeFileSync(join(demo, "dist", "index.js"), contractJs("1.0", ITEM_V1, "z.object({ id: z.string(), year: z.int() })"));
    const r = gate(root);
    expect(r.out).toContain("record it as a new version (2.0, breaking)");
    expect(r.out).toContain('demo.orgs.get: đầu vào thêm trường bắt buộc "year" / new required input field "year"');
    expect(r.code).toBe(1);
  });

  it("a breaking change recorded as 2.0 with its changelog passes", () => {
    const { root, demo } = repoAt10();
    writeFileSync(join(demo, "dist", "index.js"), contractJs("2.0", "z.object({ id: z.string() })"));
    expect(gate(root, "record").code).toBe(0);
    addChangelog(demo, "2.0", "Breaking: items lose their name.");
    const r = gate(root);
    expect(r.out).toContain("1.0 → 2.0: 1 breaking, 0 compatible");
    expect(r.code).toBe(0);
  });

  it("record refuses to overwrite a recorded version", () => {
    const { root, demo } = repoAt10();
    expect(gate(root, "record").out).toContain("already recorded");
    writeFileSync(join(demo, "dist", "index.js"), contractJs("1.0", "z.object({ id: z.string() })"));
    const before = readFileSync(join(demo, "snapshots", "1.0.json"), "utf8");
    const r = gate(root, "record");
    expect(r.out).toContain("refusing to overwrite packages/contract-demo/snapshots/1.0.json");
    expect(r.code).toBe(1);
    expect(readFileSync(join(demo, "snapshots", "1.0.json"), "utf8")).toBe(before);
  });

  it("an old snapshot edited after it was recorded fails, committed or not, and against --base", () => {
    const { root, demo } = repoAt10();
    // Edit 1.0 to drop `name` (and the code with it, so the code still matches 1.0): only history can tell.
    writeFileSync(join(demo, "dist", "index.js"), contractJs("1.0", "z.object({ id: z.string() })"));
    const file = join(demo, "snapshots", "1.0.json");
    rmSync(file);
    expect(gate(root, "record").code).toBe(0);
    let r = gate(root);
    expect(r.out).toContain("snapshot 1.0 of demo was edited after it was recorded");
    expect(r.code).toBe(1);
    commit(root, "rewrite history of the contract");
    r = gate(root);
    expect(r.out).toContain("bản ghi 1.0 của demo đã bị sửa sau khi ghi nhận");
    expect(r.out).toContain("snapshot 1.0 of demo was edited after it was recorded (compared with commit ");
    expect(r.code).toBe(1);
    r = gate(root, "--base", "HEAD~1");
    expect(r.out).toContain("snapshot 1.0 of demo was edited after it was recorded (compared with HEAD~1)");
    expect(r.code).toBe(1);
    rmSync(file);
    r = gate(root, "--base", "HEAD~1");
    expect(r.out).toContain("snapshot 1.0 of demo was deleted (it is in HEAD~1)");
    expect(r.code).toBe(1);
  });

  it("says why the history check was skipped: no git, an unknown base, a shallow clone", () => {
    const { root, demo } = repoAt10();
    const bare = mkdtempSync(join(tmpdir(), "contract-gate-nogit-"));
    temps.push(bare);
    execFileSync("cp", ["-r", join(root, "packages"), join(root, "node_modules"), bare]);
    let r = gate(bare);
    expect(r.out).toContain("immutability of recorded snapshots not checked: not a git checkout");
    expect(r.code).toBe(0);

    r = gate(root, "--base", "origin/main");
    expect(r.out).toContain('immutability of recorded snapshots not checked: base "origin/main" is not in this clone');
    expect(r.code).toBe(0);

    writeFileSync(join(demo, "dist", "index.js"), contractJs("1.1", "z.object({ id: z.string(), name: z.string(), code: z.string() })"));
    gate(root, "record");
    addChangelog(demo, "1.1", "Org items carry their code.");
    commit(root, "demo 1.1");
    const shallow = mkdtempSync(join(tmpdir(), "contract-gate-shallow-"));
    temps.push(shallow);
    git(tmpdir(), "clone", "-q", "--depth", "1", `file://${root}`, shallow);
    symlinkSync(join(PKG, "node_modules"), join(shallow, "node_modules"), "dir");
    r = gate(shallow);
    expect(r.out).toContain("snapshots/1.0.json: bỏ qua, clone nông không có commit ghi nhận đầu tiên / skipped: this shallow clone does not reach the commit that first recorded it");
    expect(r.code).toBe(0);
  });

  it("several services: each has its summary; a breaking membership change fails the run, naming membership.orgs.get and items[].name", () => {
    const { root } = repoAt10();
    const membership = join(root, "packages", "contract-membership");
    mkdirSync(join(membership, "dist"), { recursive: true });
    writeFileSync(join(membership, "package.json"), JSON.stringify({ name: "@orgboard/contract-membership", type: "module" }));
    writeFileSync(join(membership, "dist", "index.js"), contractJs("1.0", ITEM_V1, undefined, "membership"));
    writeFileSync(join(membership, "CHANGELOG.md"), "## 1.0 — 2026-12-01\n");
    expect(gate(root, "record", "membership").code).toBe(0);
    commit(root, "membership 1.0");
    expect(gate(root).out).toContain("contracts: 2 đạt / passed, 0 lỗi / failed");
    writeFileSync(join(membership, "dist", "index.js"), contractJs("1.0", "z.object({ id: z.string(), name: z.string().nullable() })", undefined, "membership"));
    const r = gate(root);
    expect(r.out).toContain("demo 1.0 (packages/contract-demo)");
    expect(r.out).toContain("membership 1.0 (packages/contract-membership)");
    expect(r.out).toContain('membership.orgs.get: trường đầu ra "items[].name" có thể là null / output field "items[].name" became nullable (breaking: raise the major version and note it in CHANGELOG.md)');
    expect(r.out).toContain("contracts: 1 đạt / passed, 1 lỗi / failed");
    expect(r.code).toBe(1);
    expect(gate(root, "check", "demo").code).toBe(0);
  });

  it("a package that is not built, and one without the contract export, fail by name", () => {
    const { root, demo } = repoAt10();
    rmSync(join(demo, "dist"), { recursive: true });
    let r = gate(root);
    expect(r.out).toContain("packages/contract-demo is not built (no dist/index.js)");
    expect(r.code).toBe(1);
    mkdirSync(join(demo, "dist"));
    writeFileSync(join(demo, "dist", "index.js"), "export const other = 1;\n");
    r = gate(root);
    expect(r.out).toContain("packages/contract-demo/dist/index.js exports no `contract`");
    expect(r.code).toBe(1);
  });
});
