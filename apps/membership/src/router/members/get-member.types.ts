import { z } from "zod";
import { memberViewSchema } from "../records.js";
import { idSchema } from "../schemas.js";

export const ZGetMemberInput = z.object({ id: idSchema });
export const ZGetMemberOutput = memberViewSchema;
