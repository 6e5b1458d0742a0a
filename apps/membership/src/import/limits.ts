// Limits of a file read, each refused with a message naming it. Defaults fit a national register
// (a million members) and stay far below what breaks a 1 GB process; MEMBERSHIP_IMPORT_* variables
// (docs/configuration.md) and the options of an import override them.
export interface ReadLimits {
  /** bytes of the file as given */
  maxFileBytes: number;
  /** data rows (the header not counted) */
  maxRows: number;
  /** cells in one row */
  maxCellsPerRow: number;
  /** characters in one cell */
  maxCellChars: number;
  /** bytes of all the parts of an XLSX once inflated */
  maxInflatedBytes: number;
  /** inflated bytes per byte of the XLSX file */
  maxInflationRatio: number;
  /** bytes of an XLSX's shared-string table once inflated (exceljs keeps it in memory) */
  maxSharedStringBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: 512 * 1024 * 1024,
  maxRows: 2_000_000,
  maxCellsPerRow: 200,
  maxCellChars: 2_000,
  maxInflatedBytes: 2 * 1024 * 1024 * 1024,
  maxInflationRatio: 100,
  maxSharedStringBytes: 256 * 1024 * 1024,
};

const ENV: Record<keyof ReadLimits, string> = {
  maxFileBytes: "MEMBERSHIP_IMPORT_MAX_FILE_BYTES",
  maxRows: "MEMBERSHIP_IMPORT_MAX_ROWS",
  maxCellsPerRow: "MEMBERSHIP_IMPORT_MAX_CELLS_PER_ROW",
  maxCellChars: "MEMBERSHIP_IMPORT_MAX_CELL_CHARS",
  maxInflatedBytes: "MEMBERSHIP_IMPORT_MAX_INFLATED_BYTES",
  maxInflationRatio: "MEMBERSHIP_IMPORT_MAX_INFLATION_RATIO",
  maxSharedStringBytes: "MEMBERSHIP_IMPORT_MAX_SHARED_STRING_BYTES",
};

/** Defaults, then the environment, then the caller's values. A bad variable is an error naming it. */
export function readLimits(over: Partial<ReadLimits> = {}, env: NodeJS.ProcessEnv = process.env): ReadLimits {
  const limits = { ...DEFAULT_READ_LIMITS };
  for (const key of Object.keys(ENV) as (keyof ReadLimits)[]) {
    const raw = env[ENV[key]];
    if (raw === undefined || raw === "") continue;
    const v = Number(raw);
    if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`${ENV[key]} must be a positive integer, got "${raw}"`);
    limits[key] = v;
  }
  return { ...limits, ...over };
}
