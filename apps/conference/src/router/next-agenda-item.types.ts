import { z } from "zod";
import { agendaItemViewSchema, conferenceIdInput } from "./schemas.js";

export const ZNextAgendaItemInput = conferenceIdInput;
export const ZNextAgendaItemOutput = z.object({ finished: agendaItemViewSchema.nullable(), current: agendaItemViewSchema.nullable() });
