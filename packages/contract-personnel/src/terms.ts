// Party terms as the personnel figures are read by year (the boards' panel, `orgboard report personnel`).

/** Term length in years: congresses open a term in 2025, 2030, … */
export const TERM_YEARS = 5;

/**
 * The term a year's planning work is for: the planning reviewed in year Y is the one for the next term
 * (2026 → 2030–2035; a congress year, which elects one term, plans the one after it).
 */
export function plannedTermOf(year: number): { termStartYear: number; termEndYear: number } {
  const termStartYear = year - (((year % TERM_YEARS) + TERM_YEARS) % TERM_YEARS) + TERM_YEARS;
  return { termStartYear, termEndYear: termStartYear + TERM_YEARS };
}
