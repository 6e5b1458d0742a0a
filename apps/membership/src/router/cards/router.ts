import { router } from "../trpc.js";
import { issueCardRoute } from "./issue-card.js";

export const cardsRouter = router({ issue: issueCardRoute });
