import { z } from "zod";
import { conferenceIdInput } from "./schemas.js";
import { agendaItemViewSchema } from "./views.js";

export const ZNextAgendaItemInput = conferenceIdInput;
export const ZNextAgendaItemOutput = z.object({ finished: agendaItemViewSchema.nullable(), current: agendaItemViewSchema.nullable() });
