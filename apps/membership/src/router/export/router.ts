import { router } from "../trpc.js";
import { exportMembersRoute } from "./export-members.js";
import { exportOrgsRoute } from "./export-orgs.js";

export const exportRouter = router({ members: exportMembersRoute, orgs: exportOrgsRoute });
