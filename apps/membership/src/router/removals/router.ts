import { router } from "../trpc.js";
import { recordDeathRoute } from "./record-death.js";
import { removeMemberRoute } from "./remove-member.js";

export const removalsRouter = router({
  remove: removeMemberRoute,
  recordDeath: recordDeathRoute,
});
