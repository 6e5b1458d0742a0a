import { router } from "../trpc.js";
import { createMemberRoute } from "./create-member.js";
import { getMemberRoute } from "./get-member.js";
import { listMembersRoute } from "./list-members.js";
import { memberHistoryRoute } from "./member-history.js";
import { updateMemberRoute } from "./update-member.js";

export const membersRouter = router({
  get: getMemberRoute,
  list: listMembersRoute,
  history: memberHistoryRoute,
  create: createMemberRoute,
  update: updateMemberRoute,
});
