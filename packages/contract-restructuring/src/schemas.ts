// Input and output pieces of the restructuring contract. Dates "yyyy-mm-dd"; ids UUIDv7; unit codes are
// packages/admin-units' official codes. A failed check answers BAD_REQUEST naming the field; every message is
// Vietnamese first, then English.
import { z } from "zod";

/** "<vi> / <en>" (the same form as server-kit's `bilingual`; a contract depends on no server package). */
export const bi = (vi: string, en: string) => `${vi} / ${en}`;

export const planIdSchema = z.uuid({ message: bi("phải là mã đề án (UUID)", "must be a plan id (UUID)") });

/** A 2-digit province code (2025 edition for new provinces). */
export const provinceCodeSchema = z
  .string({ message: bi("phải là mã tỉnh gồm 2 chữ số", "must be a 2-digit province code") })
  .regex(/^\d{2}$/, { message: bi("phải là mã tỉnh gồm 2 chữ số", "must be a 2-digit province code") });
