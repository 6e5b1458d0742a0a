import { router } from "../trpc.js";
import { searchAuditRoute } from "./search-audit.js";

export const auditRouter = router({
  search: searchAuditRoute,
});
