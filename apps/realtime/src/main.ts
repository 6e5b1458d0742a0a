#!/usr/bin/env node
import { loadRealtimeConfig } from "./config.js";
import { createRealtimeServer } from "./server.js";

const server = createRealtimeServer(loadRealtimeConfig());
server.start().catch((err: unknown) => {
  server.logger.error({ err }, "realtime failed to start");
  process.exit(1);
});
