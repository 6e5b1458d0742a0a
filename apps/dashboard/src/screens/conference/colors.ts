import type { SitePresence } from "@orgboard/contract-conference";

/**
 * One colour per presence state (Mantine palette names). Red only for "lost": a site that has not joined
 * yet is grey, one being connected blue, so a chair does not read "network failure" before the start.
 */
export const PRESENCE_COLOR: Record<SitePresence, string> = {
  not_connected: "gray",
  connecting: "blue",
  connected: "green",
  degraded: "yellow",
  lost: "red",
  left: "violet",
};
