export * from "./sql.js";
export * from "./outbox.js";
export * from "./notifier.js";
export * from "./stream.js";
export * from "./consumer.js";
export * from "./audit-chain.js";
export * from "./audit-anchor.js";
export * from "./audit-search.js";
