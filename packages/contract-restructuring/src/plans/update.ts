// `restructuring.plans.update` (1.5): edits a plan before it runs (docs/restructuring.md, "Plans"): where the
// cells of split communes go, renames of organizations (what resolves the preview's `duplicate_name`
// conflicts), and the unit changes' new units (name, sources). Refused (CONFLICT) once the plan is running
// or done; the edited plan must still pass the plan's checks (BAD_REQUEST naming the plan's field).
import { z } from "zod";
import { UNIT_COVERAGES } from "../enums.js";
import { bi, planIdSchema } from "../schemas.js";
import { planViewSchema } from "./plan-view.js";

const orgCodeSchema = z
  .string({ message: bi("phải là mã tổ chức", "must be an organization code") })
  .trim()
  .min(1, { message: bi("phải là mã tổ chức", "must be an organization code") })
  .max(64, { message: bi("mã tổ chức tối đa 64 ký tự", "an organization code has at most 64 characters") });
const unitCodeSchema = z
  .string({ message: bi("phải là mã đơn vị hành chính", "must be an administrative unit code") })
  .regex(/^\d{2,5}$/, { message: bi("phải là mã đơn vị hành chính (2 đến 5 chữ số)", "must be an administrative unit code (2 to 5 digits)") });
const nameSchema = z
  .string({ message: bi("phải là tên", "must be a name") })
  .trim()
  .min(1, { message: bi("tên không được để trống", "the name must not be empty") })
  .max(300, { message: bi("tên tối đa 300 ký tự", "a name has at most 300 characters") });

export const updatePlanInputSchema = z
  .object({
    planId: planIdSchema,
    /** an organization of a split commune → the new unit it goes to; `unitCode: null` clears the assignment */
    assignments: z
      .array(z.object({ orgCode: orgCodeSchema, unitCode: unitCodeSchema.nullable() }).strict())
      .max(20_000, { message: bi("tối đa 20.000 phân chia", "at most 20,000 assignments") })
      .optional(),
    /** an organization's name after the run (resolves duplicate names under one parent); `name: null` clears it */
    renames: z
      .array(z.object({ orgCode: orgCodeSchema, name: nameSchema.nullable() }).strict())
      .max(20_000, { message: bi("tối đa 20.000 đổi tên", "at most 20,000 renames") })
      .optional(),
    /** a new unit of the plan (merge or rename change, by its code): its name, its province (communes), its sources (merge only) */
    units: z
      .array(
        z
          .object({
            code: unitCodeSchema,
            name: nameSchema.optional(),
            /** (1.6) a new commune's new province (moves it, with what it is formed from, to that province) */
            parentCode: unitCodeSchema.optional(),
            sources: z.array(z.object({ code: unitCodeSchema, coverage: z.enum(UNIT_COVERAGES, { message: bi("phải là full hoặc partial", "must be full or partial") }) }).strict()).min(1, { message: bi("cần ít nhất một đơn vị cũ", "at least one old unit") }).max(100).optional(),
          })
          .strict(),
      )
      .max(5_000, { message: bi("tối đa 5.000 đơn vị", "at most 5,000 units") })
      .optional(),
  })
  .strict();
export type UpdatePlanInput = z.input<typeof updatePlanInputSchema>;

export const updatePlanOutputSchema = planViewSchema;
