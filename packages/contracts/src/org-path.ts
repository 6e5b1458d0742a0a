import { z } from "zod";

/**
 * An organization path: ancestors' codes and its own, with a leading and a trailing `/` (ADR 0001).
 * The central level is `/`. Segments are codes: letters, digits, `-` and `.` are allowed, but not a
 * segment made only of dots, so a path can never climb (`/01/../`).
 */
export const ORG_PATH_PATTERN = /^\/(?:(?!\.+\/)[A-Za-z0-9.-]{1,64}\/){0,16}$/;

export const ROOT_ORG_PATH = "/";

export function isOrgPath(value: unknown): value is string {
  return typeof value === "string" && value.length <= 1024 && ORG_PATH_PATTERN.test(value);
}

/**
 * Is `path` inside the subtree of `prefix` (or equal to it)? Because both end with `/`, this is a plain
 * prefix test; malformed input is never "inside" anything (default deny).
 */
export function isWithin(path: string, prefix: string): boolean {
  return isOrgPath(path) && isOrgPath(prefix) && path.startsWith(prefix);
}

/** Drops malformed paths, duplicates and paths already covered by a shorter one; sorted. */
export function minimizeOrgPaths(paths: readonly string[]): string[] {
  const valid = [...new Set(paths.filter(isOrgPath))].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const out: string[] = [];
  for (const p of valid) if (!out.some((q) => p.startsWith(q))) out.push(p);
  return out.sort();
}

/** The parent path of an organization (`/01/01-007/` → `/01/`); the root has no parent. */
export function parentOrgPath(path: string): string | null {
  if (!isOrgPath(path) || path === ROOT_ORG_PATH) return null;
  return path.slice(0, path.lastIndexOf("/", path.length - 2) + 1);
}

export const orgPathSchema = z
  .string()
  .max(1024)
  .regex(ORG_PATH_PATTERN, { message: "must be an organization path like /01/01-007/ (leading and trailing /)" });

export type OrgPath = z.infer<typeof orgPathSchema>;
