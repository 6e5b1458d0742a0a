// CSV injection (#11): a spreadsheet opening an exported CSV runs a cell starting with = + - @ (or a tab
// or CR before one) as a formula: `=HYPERLINK(…)`, `=cmd|' /C calc'!A0`. The export prefixes such cells
// with a single quote, as OWASP advises (spreadsheets show the quote-prefixed cell as text); the import
// removes that one quote again, so an exported file imports back to the same values.
// A value already starting with quotes before such a character gets one more, so the mapping is
// reversible for every value ("'=x" → "''=x" → "'=x").

const TRIGGERS = new Set([0x3d /* = */, 0x2b /* + */, 0x2d /* - */, 0x40 /* @ */, 0x09 /* tab */, 0x0d /* CR */]);
const QUOTE = 0x27;

/** The first character after leading single quotes is a formula trigger. */
function triggers(cell: string, from: number): boolean {
  let i = from;
  while (i < cell.length && cell.charCodeAt(i) === QUOTE) i++;
  return i < cell.length && TRIGGERS.has(cell.charCodeAt(i));
}

/** The cell as written to a CSV export: quote-prefixed when a spreadsheet would read a formula. */
export function neutralizeFormula(cell: string): string {
  return cell.length > 0 && triggers(cell, 0) ? `'${cell}` : cell;
}

/** The value of an imported cell: one leading quote off when the export (or a user) put it before a trigger. */
export function restoreFormula(cell: string): string {
  return cell.length > 1 && cell.charCodeAt(0) === QUOTE && triggers(cell, 1) ? cell.slice(1) : cell;
}

/** restoreFormula on every value of an imported record. */
export function restoreFormulas<K extends string>(values: Partial<Record<K, string>>): Partial<Record<K, string>> {
  for (const k in values) {
    const v = values[k];
    if (v !== undefined && v.charCodeAt(0) === QUOTE) values[k] = restoreFormula(v);
  }
  return values;
}
