import { agendaItemViewSchema } from "@orgboard/contracts";
import { z } from "zod";
import { conferenceIdInput } from "./schemas.js";

export const ZNextAgendaItemInput = conferenceIdInput;
export const ZNextAgendaItemOutput = z.object({ finished: agendaItemViewSchema.nullable(), current: agendaItemViewSchema.nullable() });
