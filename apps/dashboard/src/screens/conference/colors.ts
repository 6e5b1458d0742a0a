import type { LinkState } from "../../api/conference-schemas.js";

export const LINK_COLOR: Record<LinkState, string> = {
  connected: "green",
  degraded: "yellow",
  disconnected: "red",
};
