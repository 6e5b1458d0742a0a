export * from "./sql.js";
export * from "./outbox.js";
export * from "./notifier.js";
export * from "./stream.js";
export * from "./consumer.js";
