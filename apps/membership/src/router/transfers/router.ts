import { router } from "../trpc.js";
import { cancelTransferRoute } from "./cancel-transfer.js";
import { completeTransferRoute } from "./complete-transfer.js";
import { listTransfersRoute } from "./list-transfers.js";
import { requestTransferRoute } from "./request-transfer.js";
import { returnTransferRoute } from "./return-transfer.js";

export const transfersRouter = router({
  request: requestTransferRoute,
  complete: completeTransferRoute,
  cancel: cancelTransferRoute,
  return: returnTransferRoute,
  list: listTransfersRoute,
});
