import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type pg from "pg";
import { createTableOnce } from "./pg-util.js";

/** The last event id the gateway has pushed, per service: where its stream resumes after a restart. */
export interface CheckpointStore {
  load(service: string): Promise<string | null>;
  save(service: string, lastEventId: string): Promise<void>;
  close?(): Promise<void>;
}

/**
 * Embedded default: one small JSON file, replaced atomically (write + rename), so a crash leaves either
 * the old or the new content, never half of one.
 */
export class FileCheckpointStore implements CheckpointStore {
  private cache: Record<string, string> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  private async read(): Promise<Record<string, string>> {
    if (this.cache) return this.cache;
    try {
      const raw = JSON.parse(await readFile(this.file, "utf8")) as unknown;
      if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error("not an object");
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== "string" || !/^\d+$/.test(v)) throw new Error(`${k}: not an event id`);
        out[k] = v;
      }
      this.cache = out;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
        throw new Error(`checkpoint file ${this.file} is unreadable (${(err as Error).message}); fix or delete it`);
      }
      this.cache = {};
    }
    return this.cache;
  }

  async load(service: string): Promise<string | null> {
    return (await this.read())[service] ?? null;
  }

  save(service: string, lastEventId: string): Promise<void> {
    // Chained so two saves never interleave their write/rename.
    this.writing = this.writing.then(async () => {
      const data = { ...(await this.read()), [service]: lastEventId };
      this.cache = data;
      await mkdir(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`);
      await rename(tmp, this.file);
    });
    return this.writing;
  }
}

/** Shared by every gateway instance when they run against PostgreSQL. */
export class PgCheckpointStore implements CheckpointStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly table = "realtime_checkpoint",
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error("PgCheckpointStore: table must be a plain identifier");
  }

  async init(): Promise<void> {
    await createTableOnce(
      this.pool,
      this.table,
      `CREATE TABLE IF NOT EXISTS ${this.table} (service text PRIMARY KEY, last_event_id numeric(20) NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
    );
  }

  async load(service: string): Promise<string | null> {
    const r = await this.pool.query<{ id: string }>(`SELECT last_event_id::text AS id FROM ${this.table} WHERE service = $1`, [service]);
    return r.rows[0]?.id ?? null;
  }

  async save(service: string, lastEventId: string): Promise<void> {
    // GREATEST: a deposed leader finishing a late write can never move the checkpoint backwards.
    await this.pool.query(
      `INSERT INTO ${this.table} (service, last_event_id) VALUES ($1, $2::numeric)
       ON CONFLICT (service) DO UPDATE SET last_event_id = GREATEST(${this.table}.last_event_id, EXCLUDED.last_event_id), updated_at = now()`,
      [service, lastEventId],
    );
  }
}
