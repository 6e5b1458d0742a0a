/**
 * The two things a migration runner needs from a database, over either engine: parameterised queries
 * (extended protocol) and whole scripts (simple protocol: several statements in one implicit transaction).
 */
export interface SqlSession {
  readonly kind: "postgres" | "pglite";
  /** Where the database is, for messages (a URL without its password, or a data directory). */
  readonly location: string;
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  exec(script: string): Promise<void>;
}

/** The fields of a PostgreSQL error that both `pg` and PGlite expose. */
export interface PgErrorFields {
  code?: string;
  message: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
}

export function asPgError(error: unknown): PgErrorFields | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as Record<string, unknown>;
  if (typeof e.message !== "string" || typeof e.code !== "string" || !/^[0-9A-Z]{5}$/.test(e.code)) return null;
  const field = (name: string): string | undefined => (typeof e[name] === "string" ? e[name] : undefined);
  const fields: PgErrorFields = { code: e.code, message: e.message };
  const detail = field("detail");
  const hint = field("hint");
  const position = field("position");
  const where = field("where");
  if (detail !== undefined) fields.detail = detail;
  if (hint !== undefined) fields.hint = hint;
  if (position !== undefined) fields.position = position;
  if (where !== undefined) fields.where = where;
  return fields;
}

/** 1-based line of a character position (PostgreSQL's `position`, 1-based) in a script. */
export function lineOf(script: string, position: string | undefined): number | null {
  const index = position === undefined ? NaN : Number.parseInt(position, 10);
  if (!Number.isFinite(index) || index < 1) return null;
  let line = 1;
  for (let i = 0; i < Math.min(index - 1, script.length); i++) if (script.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The text recorded in `_prisma_migrations.logs` for a failed script, shaped like Prisma's own
 * ("Database error code: …\n\nDatabase error:\nERROR: …").
 */
export function migrationFailureLog(error: unknown, script: string): string {
  const pg = asPgError(error);
  if (pg === null) return error instanceof Error ? error.message : String(error);
  const parts = [`Database error code: ${pg.code}`, "", "Database error:", `ERROR: ${pg.message}`];
  if (pg.detail) parts.push(`DETAIL: ${pg.detail}`);
  if (pg.hint) parts.push(`HINT: ${pg.hint}`);
  const line = lineOf(script, pg.position);
  if (line !== null) parts.push("", `Position: line ${line} of migration.sql`);
  return parts.join("\n");
}
