import { router } from "../trpc.js";
import { streamEventsRoute } from "./stream-events.js";

export const eventsRouter = router({ stream: streamEventsRoute });
