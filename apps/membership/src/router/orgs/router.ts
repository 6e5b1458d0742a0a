import { router } from "../trpc.js";
import { closeOrgRoute } from "./close-org.js";
import { createOrgRoute } from "./create-org.js";
import { getOrgRoute } from "./get-org.js";
import { listOrgChildrenRoute } from "./list-org-children.js";
import { listOrgsRoute } from "./list-orgs.js";
import { orgStructureRoute } from "./org-structure.js";
import { updateOrgRoute } from "./update-org.js";

export const orgsRouter = router({
  get: getOrgRoute,
  children: listOrgChildrenRoute,
  list: listOrgsRoute,
  structure: orgStructureRoute,
  create: createOrgRoute,
  update: updateOrgRoute,
  close: closeOrgRoute,
});
