import { router } from "../trpc.js";
import { importMembersRoute } from "./import-members.js";
import { importOrgsRoute } from "./import-orgs.js";

export const importRouter = router({ members: importMembersRoute, orgs: importOrgsRoute });
