// Recorded snapshots are immutable: the content of `snapshots/<v>.json` must stay what it was when first
// committed. Git is asked, never assumed: outside a checkout, with an unknown base or beyond a shallow clone's
// history the check says that it was skipped and why.
import { execFileSync } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { relative, sep } from "node:path";
import { canonical } from "./schema-diff.js";

export interface RecordedFile {
  service: string;
  version: string;
  /** Absolute path of snapshots/<version>.json. */
  file: string;
}

export interface Line {
  /** "note": passes, but says what to do (a compatible change not recorded yet). */
  level: "ok" | "fail" | "skip" | "note";
  text: string;
}

function git(cwd: string, args: string[]): { ok: true; out: string } | { ok: false; err: string } {
  try {
    return { ok: true, out: execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
  } catch (e) {
    const err = e as { stderr?: string; message: string; code?: string };
    return { ok: false, err: err.code === "ENOENT" ? "git is not installed" : (err.stderr?.trim() || err.message) };
  }
}

const sameContent = (a: string, b: string) => {
  try {
    return canonical(JSON.parse(a)) === canonical(JSON.parse(b));
  } catch {
    return a === b;
  }
};

const edited = (f: RecordedFile, against: string): Line => ({
  level: "fail",
  text: `bản ghi ${f.version} của ${f.service} đã bị sửa sau khi ghi nhận (so với ${against}) / snapshot ${f.version} of ${f.service} was edited after it was recorded (compared with ${against}); recorded snapshots never change: record a new version instead`,
});

/**
 * One line per problem, or one "ok"/"skip" line: each recorded file against `base` (a git ref) when given,
 * else against the commit that first added it.
 */
export function checkRecordedUnchanged(root: string, service: string, files: RecordedFile[], snapshotsDir: string, base?: string): Line[] {
  if (files.length === 0 && !base) return [];
  const inside = git(root, ["rev-parse", "--show-toplevel"]);
  if (!inside.ok) {
    return [{ level: "skip", text: `không kiểm tra được bản ghi có bị sửa không: không phải git checkout / immutability of recorded snapshots not checked: not a git checkout (${inside.err.split("\n")[0]})` }];
  }
  const top = inside.out.trim();
  const inRepo = (abs: string) => relative(top, abs).split(sep).join("/");
  const lines: Line[] = [];

  if (base) {
    const ref = git(root, ["rev-parse", "--verify", "--quiet", `${base}^{commit}`]);
    if (!ref.ok) {
      return [{ level: "skip", text: `không kiểm tra được bản ghi có bị sửa không: không tìm thấy "${base}" (clone nông hoặc chưa fetch?) / immutability of recorded snapshots not checked: base "${base}" is not in this clone (shallow clone or not fetched? try git fetch origin ${base})` }];
    }
    const sha = ref.out.trim();
    const dirInRepo = inRepo(snapshotsDir);
    const listed = git(root, ["ls-tree", "--name-only", sha, `${dirInRepo}/`]);
    const atBase = listed.ok ? listed.out.split("\n").filter((p) => /\/\d+\.\d+\.json$/.test(p)) : [];
    for (const path of atBase) {
      const version = path.slice(path.lastIndexOf("/") + 1, -".json".length);
      const f = files.find((x) => x.version === version);
      if (!f) {
        lines.push({ level: "fail", text: `bản ghi ${version} của ${service} đã bị xóa (có trong ${base}) / snapshot ${version} of ${service} was deleted (it is in ${base}); recorded snapshots are never removed` });
        continue;
      }
      const old = git(root, ["show", `${sha}:${path}`]);
      if (old.ok && !sameContent(old.out, readFileSync(f.file, "utf8"))) lines.push(edited(f, base));
    }
    if (lines.length === 0) lines.push({ level: "ok", text: `recorded snapshots unchanged since ${base} (${atBase.length} at the base)` });
    return lines;
  }

  const shallowFile = git(root, ["rev-parse", "--git-path", "shallow"]);
  const shallowPath = shallowFile.ok ? shallowFile.out.trim() : "";
  const absShallow = shallowPath && !shallowPath.startsWith("/") ? `${top}/${shallowPath}` : shallowPath;
  const boundary = new Set(
    absShallow && existsSync(absShallow) ? readFileSync(absShallow, "utf8").split("\n").filter(Boolean) : [],
  );
  let compared = 0;
  for (const f of files) {
    const path = inRepo(f.file);
    const log = git(root, ["log", "--diff-filter=A", "--format=%H", "--", path]);
    if (!log.ok) {
      lines.push({ level: "skip", text: `snapshots/${f.version}.json: git log failed, not checked (${log.err.split("\n")[0]})` });
      continue;
    }
    const added = log.out.split("\n").filter(Boolean);
    const first = added[added.length - 1];
    if (!first) continue; // not committed yet: a new recording
    if (boundary.has(first)) {
      lines.push({ level: "skip", text: `snapshots/${f.version}.json: bỏ qua, clone nông không có commit ghi nhận đầu tiên / skipped: this shallow clone does not reach the commit that first recorded it (git fetch --unshallow, or pass --base <ref>)` });
      continue;
    }
    const old = git(root, ["show", `${first}:${path}`]);
    if (!old.ok) {
      lines.push({ level: "skip", text: `snapshots/${f.version}.json: could not read it at ${first.slice(0, 10)}, not checked (${old.err.split("\n")[0]})` });
      continue;
    }
    compared++;
    if (!sameContent(old.out, readFileSync(f.file, "utf8"))) lines.push(edited(f, `commit ${first.slice(0, 10)}`));
  }
  if (!lines.some((l) => l.level === "fail") && compared > 0) lines.push({ level: "ok", text: `${compared} recorded snapshot(s) unchanged since first committed` });
  return lines;
}
