// Shared by the benchmarks: the PostgreSQL server (BENCH_DATABASE_URL, else DATABASE_URL), databases on it,
// and a fixed-width table printer.
import pg from "pg";
import { openMembershipDatabase } from "../src/db/open.js";
import type { Database } from "../src/db/sql.js";
import { dropDatabase } from "@orgboard/db/testing";

export function serverUrl(): string {
  const url = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "the benchmarks need PostgreSQL: set BENCH_DATABASE_URL or DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres); see docs/membership-data.md#benchmarks",
    );
  }
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Opens (creating it if needed) a database on the bench server, migrated. `fresh` drops it first. */
export async function benchDatabase(name: string, fresh: boolean): Promise<Database> {
  if (fresh) await dropDatabase(serverUrl(), name);
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rows.length === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return openMembershipDatabase({ databaseUrl: databaseUrl(name), poolSize: 4 });
}

export function table(title: string, header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return `\n${title}\n${rule}\n${line(header)}\n${rule}\n${cells.slice(1).map(line).join("\n")}\n${rule}\n`;
}

export const seconds = (ms: number) => (ms / 1000).toFixed(2);
