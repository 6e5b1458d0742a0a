// Limits of a file read, each refused with a message naming it. Defaults fit a national register
// (a million members) and stay far below what breaks a 1 GB process; a caller overrides them through
// FileSource.limits (`orgboard import … --limit maxRows=5000000`). The API's uploads are bounded
// before by MEMBERSHIP_IMPORT_MAX_BYTES (docs/configuration.md).
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

/** The defaults with the caller's values over them (the CLI's --limit, an API's own bounds). */
export function readLimits(over: Partial<ReadLimits> = {}): ReadLimits {
  return { ...DEFAULT_READ_LIMITS, ...over };
}
