import { z } from "zod";
import { bi, idSchema } from "../schemas.js";
import { congressViewSchema } from "./congress-view.js";

const size = (max: number) =>
  z
    .number({ message: bi("phải là số", "must be a number") })
    .int({ message: bi("phải là số nguyên", "must be a whole number") })
    .min(0, { message: bi("không được âm", "must not be negative") })
    .max(max, { message: bi(`không quá ${max}`, `at most ${max}`) });
const percent = z
  .number({ message: bi("phải là số", "must be a number") })
  .min(0, { message: bi("không được âm", "must not be negative") })
  .max(100, { message: bi("không quá 100", "at most 100") });

/** (1.2) The planned size and structure of the new committee (the rules of docs/personnel.md check it). */
export const setCongressStructureInputSchema = z.object({
  congressId: idSchema,
  committeeSize: size(300).min(1, { message: bi("cấp ủy phải có ít nhất 1 ủy viên", "the committee needs at least one member") }),
  standingSize: size(100),
  inspectionSize: size(100),
  womenTargetPercent: percent,
  youngTargetPercent: percent,
  ethnicMinorityTarget: size(300),
});
export const setCongressStructureOutputSchema = congressViewSchema;
