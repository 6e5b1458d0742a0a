import { createContext, useContext } from "react";
import type { Api } from "./api/client.js";
import type { HealthMonitor } from "./api/health.js";
import type { AuthSession } from "./auth/session.js";
import type { RuntimeConfig } from "./config/runtime-config.js";
import type { Drafts } from "./drafts/drafts.js";
import type { RealtimeConnection } from "./realtime/realtime.js";

export interface AppServices {
  config: RuntimeConfig;
  session: AuthSession;
  api: Api;
  health: HealthMonitor;
  realtime: RealtimeConnection;
  drafts: Drafts;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error("useApp outside <AppContext.Provider>");
  return ctx;
}
