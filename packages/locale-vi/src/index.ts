// Vietnamese locale helpers: name ordering, dd/mm/yyyy dates, calendar-date arithmetic and "today" in
// Vietnam, national ID (CCCD) checks, accent folding for search (JS and SQL). No I/O.
export * from "./names.js";
export * from "./dates.js";
export * from "./calendar.js";
export * from "./national-id.js";
export * from "./fold.js";
