import type { LinkState } from "@orgboard/contract-conference";

export const LINK_COLOR: Record<LinkState, string> = {
  connected: "green",
  degraded: "yellow",
  disconnected: "red",
};
