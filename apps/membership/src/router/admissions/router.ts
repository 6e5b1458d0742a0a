import { router } from "../trpc.js";
import { admitCandidateRoute } from "./admit-candidate.js";
import { listOverdueProbationsRoute } from "./list-overdue-probations.js";
import { recognizeMemberRoute } from "./recognize-member.js";
import { registerCandidateRoute } from "./register-candidate.js";

export const admissionsRouter = router({
  registerCandidate: registerCandidateRoute,
  admit: admitCandidateRoute,
  recognize: recognizeMemberRoute,
  overdue: listOverdueProbationsRoute,
});
