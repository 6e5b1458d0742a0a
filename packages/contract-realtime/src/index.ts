// @orgboard/contract-realtime: the socket protocol of apps/realtime, shared by the gateway and the dashboard.
export * from "./protocol.js";
export * from "./contract.js";
