// Formatting for Vietnamese officials: dates always dd/mm/yyyy in Vietnam time (UTC+7), whatever the
// browser's own zone or language, because the dates are those of the board's documents.
import { VIETNAM_TIME_ZONE, formatDateVi } from "@orgboard/locale-vi";

const dateParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: VIETNAM_TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function parts(value: Date | string | number): Record<string, string> {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  const out: Record<string, string> = {};
  for (const p of dateParts.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** `27/11/2026`: an instant is read in Vietnam time (locale-vi's formatter). */
export function formatDate(value: Date | string | number): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return formatDateVi(date);
}

/** `14:05:09` (24-hour, Vietnam time) */
export function formatTime(value: Date | string | number): string {
  const p = parts(value);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** `27/11/2026 14:05` */
export function formatDateTime(value: Date | string | number): string {
  const p = parts(value);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Elapsed or planned time: `4:05`, `1:02:03`; negative values (clock skew) show as 0:00. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** Thousands grouping in the UI language: `16.240` (vi), `16,240` (en). */
export function formatNumber(value: number, lang: string): string {
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB");
    numberFormats.set(lang, f);
  }
  return f.format(value);
}

/** Share as a whole percent; an empty plan reads as "—" instead of a misleading 0 % or Infinity. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return "—";
  return `${Math.round((part / whole) * 100)}%`;
}
