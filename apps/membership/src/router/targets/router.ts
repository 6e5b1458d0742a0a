import { router } from "../trpc.js";
import { setTargetRoute } from "./set-target.js";

export const targetsRouter = router({ set: setTargetRoute });
