import { router } from "../trpc.js";
import { importHistoryRoute } from "./import-history.js";
import { importMembersRoute } from "./import-members.js";
import { importOrgsRoute } from "./import-orgs.js";

export const importRouter = router({ members: importMembersRoute, orgs: importOrgsRoute, history: importHistoryRoute });
