// @orgboard/inspection: the inspection, supervision and discipline service (docs/inspection.md).
export * from "./domain/index.js";
