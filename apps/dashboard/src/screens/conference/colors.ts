import type { LinkState } from "@orgboard/contracts";

export const LINK_COLOR: Record<LinkState, string> = {
  connected: "green",
  degraded: "yellow",
  disconnected: "red",
};
