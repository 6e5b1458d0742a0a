// An organization's administrative unit, resolved in the edition in force on the organization's opening
// date (issue #10 finding 5): code 52 of a cell opened in 2020 is Bình Định (2024 edition), not the merged
// Gia Lai; a district (3 digits) is a valid unit for bodies opened up to 30/06/2025; a unit that existed
// only before the 1 July 2025 reform is refused for a body opened after it. A body opened before the
// reform may also name its present (2025) unit. The create/update API and the organization import use it.
import { resolveUnit, type Edition } from "@orgboard/admin-units";
import type { IsoDate } from "@orgboard/locale-vi";
import { fail, ok, violation, type Result } from "./result.js";

export function adminUnitOf(code: string, openedOn: IsoDate, field = "adminUnitCode"): Result<{ code: string; edition: Edition }> {
  const r = resolveUnit(code, openedOn, { laterEdition: true });
  return r.ok ? ok({ code, edition: r.unit.edition }) : fail([violation(field, r.reason, r.message)]);
}
