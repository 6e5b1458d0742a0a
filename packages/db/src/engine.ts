import { existsSync, statSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

import type { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type * as SchemaEngineModule from "@prisma/schema-engine-wasm";
import { PrismaPGlite } from "pglite-prisma-adapter";

import { DbError } from "./errors.js";
import { lockfileContent, MIGRATION_FILE, MIGRATION_LOCK_FILE } from "./migrations/files.js";
import { createMemoryPGlite } from "./pglite.js";

type Wasm = typeof SchemaEngineModule;
type MigrationList = SchemaEngineModule.MigrationList;
type SchemaEngine = SchemaEngineModule.SchemaEngine;

let loaded: Promise<Wasm> | undefined;

// The WebAssembly global exists in Node but is typed only by the DOM lib, which a Node package should not pull in.
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const WebAssemblyApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/**
 * Loads Prisma's wasm schema engine. Its package entry imports the `.wasm` file as an ES module, which
 * Node 20 only allows behind --experimental-wasm-modules; instantiating the bytes by hand needs no flag.
 */
export function loadSchemaEngine(): Promise<Wasm> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = (await import(pathToFileURL(bgPath).href)) as Wasm & {
      __wbg_set_wasm(exports: Record<string, unknown>): void;
    };
    const bytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    // The engine arms timers of up to 60 s (pool idle checks) that it never clears: unref them, or every
    // process that created a migration would wait a minute before it could exit.
    const imports: Record<string, unknown> = { ...bg };
    for (const [name, fn] of Object.entries(bg)) {
      if (name.startsWith("__wbg_setTimeout_") && typeof fn === "function") {
        imports[name] = (...args: unknown[]) => {
          const timer = (fn as (...a: unknown[]) => unknown)(...args);
          (timer as { unref?: () => void } | null)?.unref?.();
          return timer;
        };
      }
    }
    const { instance } = await WebAssemblyApi.instantiate(bytes, {
      "./schema_engine_bg.js": imports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return bg;
  })();
  return loaded;
}

/**
 * pglite-prisma-adapter 0.7.2 does not await `exec` in executeScript (a failing script becomes an unhandled
 * rejection instead of an engine error) and never closes the PGlite it creates for the shadow database.
 * This factory fixes both; everything else is the adapter's own.
 */
class EnginePGliteFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@orgboard/db:pglite";
  private readonly shadows: PGlite[] = [];

  constructor(private readonly main: PGlite) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.wrap(this.main, false);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = await createMemoryPGlite();
    this.shadows.push(shadow);
    return this.wrap(shadow, true);
  }

  async closeShadows(): Promise<void> {
    await Promise.all(
      this.shadows.splice(0).map(async (s) => {
        if (!s.closed) await s.close();
      }),
    );
  }

  private async wrap(pglite: PGlite, owned: boolean): Promise<SqlDriverAdapter> {
    const adapter = await new PrismaPGlite(pglite).connect();
    const withOnError = adapter as SqlDriverAdapter & { onError(error: unknown): never };
    adapter.executeScript = async (script: string) => {
      try {
        await pglite.exec(script);
      } catch (error) {
        withOnError.onError(error); // maps PostgreSQL errors to the engine's error kinds
      }
    };
    if (owned) {
      adapter.dispose = async () => {
        if (!pglite.closed) await pglite.close();
      };
    }
    return adapter;
  }
}

export interface SchemaFiles {
  files: { path: string; content: string }[];
}

/** Reads a schema file, or every .prisma file of a schema folder (Prisma's multi-file schemas). */
export async function readSchema(schemaPath: string): Promise<SchemaFiles> {
  if (!existsSync(schemaPath)) {
    throw new DbError("ORG_DB_NO_SCHEMA", `Prisma schema not found at ${schemaPath}`);
  }
  if (!statSync(schemaPath).isDirectory()) {
    return { files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }] };
  }
  const entries = await readdir(schemaPath, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((e) => e.isFile() && e.name.endsWith(".prisma"))
      .map(async (e) => {
        const file = path.join(e.parentPath, e.name);
        return { path: file, content: await readFile(file, "utf8") };
      }),
  );
  if (files.length === 0) throw new DbError("ORG_DB_NO_SCHEMA", `no .prisma files in ${schemaPath}`);
  return { files: files.sort((a, b) => a.path.localeCompare(b.path)) };
}

/** The engine's view of a migrations folder, built the way Prisma's CLI builds it. */
export async function engineMigrationList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lock = await readFile(path.join(baseDir, MIGRATION_LOCK_FILE), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const dirs: MigrationList["migrationDirectories"] = [];
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const content = await readFile(path.join(baseDir, entry.name, MIGRATION_FILE), "utf8").then(
      (value) => ({ tag: "ok" as const, value }),
      (error: Error) => ({ tag: "error" as const, value: error.message }),
    );
    dirs.push({ path: entry.name, migrationFile: { path: MIGRATION_FILE, content } });
  }
  dirs.sort((a, b) => a.path.localeCompare(b.path));
  return {
    baseDir,
    lockfile: { path: MIGRATION_LOCK_FILE, content: lock },
    shadowDbInitScript: "",
    migrationDirectories: dirs,
  };
}

/**
 * The data-loss warnings Prisma writes at the top of a generated script. evaluateDataLoss only reports
 * losses for rows that exist, and our dev database is always empty, so the script is where they show.
 */
export function scriptWarnings(sql: string): string[] {
  const block = /^\/\*\s*\n\s*Warnings:\s*\n([\s\S]*?)\*\//m.exec(sql);
  if (!block?.[1]) return [];
  return block[1]
    .split(/\n\s*-\s+/)
    .map((w) => w.replace(/^\s*-\s+/, "").replace(/\s+/g, " ").trim())
    .filter((w) => w.length > 0);
}

const FILTERS = { externalTables: [], externalEnums: [] };

export type CreateMigrationResult =
  | {
      status: "created";
      /** Folder name, e.g. 20261127060536_add_member_phone. */
      name: string;
      dir: string;
      sql: string;
      warnings: string[];
      unexecutable: string[];
    }
  | { status: "in-sync" };

export interface CreateMigrationOptions {
  schemaPath: string;
  migrationsDir: string;
  name: string;
  /** Write a migration even when the schema has not changed (an empty file to fill in by hand). */
  empty?: boolean;
  log?: (line: string) => void;
}

/** Turns the engine's JSON error payloads into one readable line. */
function engineError(error: unknown): DbError {
  const raw = error instanceof Error ? error.message : String(error);
  let message = raw;
  let code = "ORG_DB_ENGINE";
  try {
    const parsed = JSON.parse(raw) as { message?: string; error_code?: string; meta?: { full_error?: string } };
    if (parsed.message) message = parsed.message;
    if (parsed.error_code) code = parsed.error_code;
  } catch {
    // not JSON: keep the text
  }
  return new DbError(code, message.trim().replace(/\n+/g, " "), { cause: error });
}

/**
 * `prisma migrate dev --create-only` without a server or the native engine: the wasm schema engine over an
 * in-memory PGlite: apply the existing migrations to the (empty) dev database, diagnose, evaluate data loss,
 * create the migration. Nothing is applied to any real database.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreateMigrationResult> {
  const log = options.log ?? (() => undefined);
  const schema = await readSchema(options.schemaPath);
  const migrationsList = await engineMigrationList(options.migrationsDir);
  const wasm = await loadSchemaEngine();
  const main = await createMemoryPGlite();
  const factory = new EnginePGliteFactory(main);
  let engine: SchemaEngine | undefined;
  try {
    engine = await wasm.SchemaEngine.new(
      { datamodels: schema.files.map((f) => [f.path, f.content] as [string, string]) },
      (line: string) => {
        if (process.env.ORGBOARD_DB_DEBUG) log(`[engine] ${line}`);
      },
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    // Order matters for the wasm engine: with the dev database up to date, devDiagnostic replays the history
    // on the shadow database and caches the result; evaluateDataLoss and createMigration need that cache
    // (without it they fail with "PostgreSQL shadow DB must be provided through an external factory").
    await engine.applyMigrations({ migrationsList, filters: FILTERS });
    const diagnostic = await engine.devDiagnostic({ migrationsList, filters: FILTERS });
    if (diagnostic.action.tag === "reset") {
      throw new DbError("ORG_DB_HISTORY", `the migration history does not replay cleanly: ${diagnostic.action.reason}`);
    }
    const schemaContainer = { files: schema.files };
    const loss = await engine.evaluateDataLoss({ migrationsList, schema: schemaContainer, filters: FILTERS });
    const created = await engine.createMigration({
      draft: options.empty === true,
      migrationName: options.name,
      migrationsList,
      schema: schemaContainer,
      filters: FILTERS,
    });
    if (created.migrationScript === null) return { status: "in-sync" };

    const dir = path.join(migrationsList.baseDir, created.generatedMigrationName);
    if (existsSync(dir)) throw new DbError("ORG_DB_EXISTS", `the migration directory already exists at ${dir}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `migration.${created.extension}`), created.migrationScript, "utf8");
    await writeFile(path.join(migrationsList.baseDir, MIGRATION_LOCK_FILE), lockfileContent(created.connectorType), "utf8");
    return {
      status: "created",
      name: created.generatedMigrationName,
      dir,
      sql: created.migrationScript,
      warnings: [...new Set([...loss.warnings.map((w) => w.message), ...scriptWarnings(created.migrationScript)])],
      unexecutable: loss.unexecutableSteps.map((w) => w.message),
    };
  } catch (error) {
    throw error instanceof DbError ? error : engineError(error);
  } finally {
    engine?.free();
    await factory.closeShadows();
    await main.close();
  }
}
