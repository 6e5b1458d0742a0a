// membership.restructuring.*: the reads and idempotent steps of restructuring's saga (docs/restructuring.md);
// restructuring's service account only (policy rows membership.restructuring.read / .execute).
import { router } from "../trpc.js";
import { closeOrgsRoute } from "./close-orgs.js";
import { conservationRoute } from "./conservation.js";
import { createOrgsRoute } from "./create-orgs.js";
import { markRoute } from "./mark.js";
import { reopenOrgsRoute } from "./reopen-orgs.js";
import { reparentRoute } from "./reparent.js";
import { restoreOrgsRoute } from "./restore-orgs.js";
import { restructuringTreeRoute } from "./tree.js";

export const restructuringRouter = router({
  tree: restructuringTreeRoute,
  mark: markRoute,
  createOrgs: createOrgsRoute,
  reparent: reparentRoute,
  closeOrgs: closeOrgsRoute,
  reopenOrgs: reopenOrgsRoute,
  restoreOrgs: restoreOrgsRoute,
  conservation: conservationRoute,
});
