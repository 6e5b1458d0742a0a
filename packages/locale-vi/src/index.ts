// Vietnamese locale helpers: name ordering, dd/mm/yyyy dates, national ID (CCCD) checks. No I/O.
export * from "./names.js";
export * from "./dates.js";
export * from "./national-id.js";
