// The gate over every packages/contract-* package: the code's snapshot equals the one recorded for its
// version, consecutive recorded versions differ only as their version numbers allow, every recorded version
// has a CHANGELOG.md section, and recorded snapshots are never edited. Rules: docs/decisions/0006-contract-compatibility.md.
import { contractSnapshot, type ContractSnapshot, type ServiceContract } from "@orgboard/contracts";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { diffSnapshots, formatChange, type ContractChange } from "./contract-diff.js";
import { checkRecordedUnchanged, type Line } from "./git.js";
import { canonical } from "./schema-diff.js";

export type { Line } from "./git.js";

export interface ContractPackage {
  /** Absolute directory. */
  dir: string;
  /** Directory relative to the root, for messages (`packages/contract-membership`). */
  rel: string;
  name: string;
}

const SELF = "@orgboard/contract-gate";

/** Every packages/contract-* directory with a package.json (this tool's own package excepted). */
export function discoverContractPackages(root: string): ContractPackage[] {
  const packages = join(root, "packages");
  if (!existsSync(packages)) return [];
  return readdirSync(packages, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith("contract-") && existsSync(join(packages, d.name, "package.json")))
    .map((d) => {
      const dir = join(packages, d.name);
      const { name } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string };
      return { dir, rel: relative(root, dir), name: name ?? d.name };
    })
    .filter((p) => p.name !== SELF)
    .sort((a, b) => a.rel.localeCompare(b.rel));
}

/** Imports the package's built dist/index.js and returns its `contract` export. */
export async function loadContract(pkg: ContractPackage): Promise<ServiceContract> {
  const entry = join(pkg.dir, "dist", "index.js");
  if (!existsSync(entry)) throw new Error(`${pkg.rel} is not built (no dist/index.js): run the build first (pnpm turbo run build)`);
  const mod = (await import(pathToFileURL(entry).href)) as { contract?: ServiceContract };
  const c = mod.contract;
  if (!c || typeof c.service !== "string" || typeof c.version !== "string" || typeof c.procedures !== "object" || typeof c.events !== "object") {
    throw new Error(`${pkg.rel}/dist/index.js exports no \`contract\` (a defineContract(...) value)`);
  }
  return c;
}

export type Version = readonly [major: number, minor: number];

export function parseVersion(v: string): Version {
  const m = /^(\d+)\.(\d+)$/.exec(v);
  if (!m) throw new Error(`not a major.minor version: ${v}`);
  return [Number(m[1]), Number(m[2])];
}
export const compareVersions = (a: string, b: string): number => {
  const [am, an] = parseVersion(a);
  const [bm, bn] = parseVersion(b);
  return am - bm || an - bn;
};

/** The version to record next after `v`: a new major for breaking changes, else a new minor. */
export function nextVersion(v: string, breaking: boolean): string {
  const [major, minor] = parseVersion(v);
  return breaking ? `${major + 1}.0` : `${major}.${minor + 1}`;
}

export interface Recorded {
  version: string;
  file: string;
  snapshot: ContractSnapshot;
}

/** snapshots/<major>.<minor>.json, oldest first; a file that is not such a snapshot is an error. */
export function readRecorded(dir: string): { recorded: Recorded[]; errors: string[] } {
  const snapDir = join(dir, "snapshots");
  const recorded: Recorded[] = [];
  const errors: string[] = [];
  if (!existsSync(snapDir)) return { recorded, errors };
  for (const f of readdirSync(snapDir)) {
    if (!f.endsWith(".json")) continue;
    const m = /^(\d+\.\d+)\.json$/.exec(f);
    if (!m) {
      errors.push(`snapshots/${f}: the name must be <major>.<minor>.json`);
      continue;
    }
    const file = join(snapDir, f);
    try {
      const snapshot = JSON.parse(readFileSync(file, "utf8")) as ContractSnapshot;
      if (snapshot.version !== m[1]) errors.push(`snapshots/${f} says version ${snapshot.version}`);
      recorded.push({ version: m[1]!, file, snapshot });
    } catch (e) {
      errors.push(`snapshots/${f} is not JSON: ${(e as Error).message}`);
    }
  }
  recorded.sort((a, b) => compareVersions(a.version, b.version));
  return { recorded, errors };
}

/** The versions with a `## <version>` heading in CHANGELOG.md (`## 1.1 — …`, `## [1.1]`, `## v1.1`); undefined when there is no file. */
export function changelogVersions(dir: string): Set<string> | undefined {
  const file = join(dir, "CHANGELOG.md");
  if (!existsSync(file)) return undefined;
  const versions = new Set<string>();
  for (const m of readFileSync(file, "utf8").matchAll(/^##\s+\[?v?(\d+\.\d+)(?![\d.]*\d)/gm)) versions.add(m[1]!);
  return versions;
}

const BREAKING_HINT = "(breaking: raise the major version and note it in CHANGELOG.md)";
const bullet = (c: ContractChange) => `    ${c.breaking ? "✗" : "·"} ${formatChange(c)}${c.breaking ? ` ${BREAKING_HINT}` : ""}`;

export interface ServiceReport {
  pkg: ContractPackage;
  service?: string;
  version?: string;
  lines: Line[];
  failed: boolean;
}

/** The generated snapshot as it is written to and read back from a file. */
export const generatedSnapshot = (contract: ServiceContract): ContractSnapshot =>
  JSON.parse(JSON.stringify(contractSnapshot(contract))) as ContractSnapshot;

export async function checkPackage(root: string, pkg: ContractPackage, opts: { base?: string } = {}): Promise<ServiceReport> {
  const lines: Line[] = [];
  const fail = (text: string) => lines.push({ level: "fail", text });
  const ok = (text: string) => lines.push({ level: "ok", text });
  const done = (service?: string, version?: string): ServiceReport => ({ pkg, service, version, lines, failed: lines.some((l) => l.level === "fail") });

  let contract: ServiceContract;
  try {
    contract = await loadContract(pkg);
    parseVersion(contract.version);
  } catch (e) {
    fail((e as Error).message);
    return done();
  }
  const { service, version } = contract;
  const generated = generatedSnapshot(contract);
  const { recorded, errors } = readRecorded(pkg.dir);
  errors.forEach(fail);
  for (const r of recorded) {
    if (r.snapshot.service !== service) fail(`snapshots/${r.version}.json is a snapshot of "${r.snapshot.service}", not of "${service}"`);
  }

  // 1. The code against the snapshot recorded for its version.
  const own = recorded.find((r) => r.version === version);
  const latest = recorded[recorded.length - 1];
  if (own) {
    if (canonical(own.snapshot) === canonical(generated)) ok(`mã khớp snapshots/${version}.json / the code matches snapshots/${version}.json`);
    else {
      const changes = diffSnapshots(own.snapshot, generated);
      const breaking = changes.some((c) => c.breaking);
      const next = nextVersion(latest!.version, breaking);
      // A compatible change passes (no deployed client can break on it); it is named, with the way to record
      // it, so that the next recorded version holds it and a later removal of what it added is caught.
      if (!breaking) {
        lines.push({
          level: "note",
          text:
            `${service}: thay đổi tương thích, chưa ghi nhận; ghi nhận thành ${next} khi phát hành / compatible changes since snapshots/${version}.json, not recorded yet: ` +
            `record them as ${next} when releasing (set version "${next}", build, \`pnpm contracts:record\`, "## ${next} — …" in CHANGELOG.md)\n` +
            changes.map(bullet).join("\n"),
        });
      } else fail(
        `${service}: hợp đồng đã thay đổi so với snapshots/${version}.json, hãy ghi nhận thành phiên bản mới ${next} / the contract changed: record it as a new version (${next}, breaking): ` +
          `set version "${next}" in the contract, build, run \`pnpm contracts:record\`, add "## ${next} — …" to CHANGELOG.md\n` +
          changes.map(bullet).join("\n"),
      );
    }
  } else {
    const prev = [...recorded].reverse().find((r) => compareVersions(r.version, version) < 0);
    let detail = "";
    if (prev) {
      const changes = diffSnapshots(prev.snapshot, generated);
      const needed = changes.some((c) => c.breaking) && parseVersion(version)[0] <= parseVersion(prev.version)[0];
      detail = `\n    changes since ${prev.version}:` + (changes.length ? `\n${changes.map(bullet).join("\n")}` : " none") + (needed ? `\n    and ${version} is not enough: breaking changes need ${nextVersion(prev.version, true)}` : "");
    }
    fail(`${service} ${version}: phiên bản chưa được ghi nhận / version ${version} has no recorded snapshot (snapshots/${version}.json): run \`pnpm contracts:record\` and add "## ${version} — …" to CHANGELOG.md${detail}`);
  }
  if (latest && compareVersions(version, latest.version) < 0) {
    fail(`${service}: phiên bản trong mã ${version} thấp hơn bản đã ghi nhận ${latest.version} / the code's version ${version} is lower than the recorded ${latest.version}`);
  }

  // 2. Each recorded version against the previous one.
  for (let i = 1; i < recorded.length; i++) {
    const prev = recorded[i - 1]!;
    const cur = recorded[i]!;
    const changes = diffSnapshots(prev.snapshot, cur.snapshot);
    const breaking = changes.filter((c) => c.breaking);
    if (breaking.length > 0 && parseVersion(cur.version)[0] <= parseVersion(prev.version)[0]) {
      fail(
        `${prev.version} → ${cur.version}: thay đổi phá vỡ cần phiên bản chính mới (${nextVersion(prev.version, true)}) / breaking changes need a new major version (${nextVersion(prev.version, true)}), not ${cur.version}:\n` +
          breaking.map(bullet).join("\n"),
      );
    } else {
      ok(`${prev.version} → ${cur.version}: ${changes.length === 0 ? "no changes" : `${breaking.length} breaking, ${changes.length - breaking.length} compatible`}`);
    }
  }

  // 3. The changelog.
  const logged = changelogVersions(pkg.dir);
  if (!logged && recorded.length > 0) fail(`${pkg.rel}/CHANGELOG.md is missing: each recorded version needs a "## <version> — …" section`);
  else if (logged) {
    const missing = recorded.filter((r) => !logged.has(r.version)).map((r) => r.version);
    if (missing.length > 0) fail(`CHANGELOG.md thiếu mục cho ${missing.join(", ")} / CHANGELOG.md has no "## <version>" section for ${missing.join(", ")}`);
    else if (recorded.length > 0) ok(`CHANGELOG.md notes every recorded version (${recorded.map((r) => r.version).join(", ")})`);
  }

  // 4. Recorded snapshots never change.
  lines.push(
    ...checkRecordedUnchanged(
      root,
      service,
      recorded.map((r) => ({ service, version: r.version, file: r.file })),
      join(pkg.dir, "snapshots"),
      opts.base,
    ),
  );
  return done(service, version);
}

export interface RecordResult {
  pkg: ContractPackage;
  ok: boolean;
  text: string;
}

/** Writes snapshots/<version>.json for the contract's version; never overwrites a different recording. */
export async function recordPackage(pkg: ContractPackage): Promise<RecordResult> {
  let contract: ServiceContract;
  try {
    contract = await loadContract(pkg);
    parseVersion(contract.version);
  } catch (e) {
    return { pkg, ok: false, text: (e as Error).message };
  }
  const snapshot = generatedSnapshot(contract);
  const file = join(pkg.dir, "snapshots", `${contract.version}.json`);
  const rel = `${pkg.rel}/snapshots/${contract.version}.json`;
  if (existsSync(file)) {
    const same = canonical(JSON.parse(readFileSync(file, "utf8"))) === canonical(snapshot);
    return same
      ? { pkg, ok: true, text: `${contract.service} ${contract.version}: đã ghi nhận / already recorded (${rel})` }
      : {
          pkg,
          ok: false,
          text: `${contract.service} ${contract.version}: không ghi đè ${rel} / refusing to overwrite ${rel}: a recorded version never changes; raise the contract's version and record that`,
        };
  }
  mkdirSync(join(pkg.dir, "snapshots"), { recursive: true });
  writeFileSync(file, `${JSON.stringify(snapshot, null, 2)}\n`);
  const logged = changelogVersions(pkg.dir);
  const hint = logged?.has(contract.version) ? "" : `; now add "## ${contract.version} — …" to ${pkg.rel}/CHANGELOG.md`;
  return { pkg, ok: true, text: `${contract.service} ${contract.version}: đã ghi / recorded ${rel}${hint}` };
}
