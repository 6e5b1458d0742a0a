import { z } from "zod";
import { memberViewSchema } from "../records.js";
import { idSchema, isoDateSchema } from "../schemas.js";

export const ZRecordDeathInput = z.object({ memberId: idSchema, diedOn: isoDateSchema });
export const ZRecordDeathOutput = memberViewSchema;
