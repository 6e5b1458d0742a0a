import { z } from "zod";

/** Cursor pagination shared by list procedures: `cursor` is opaque to the client. */
export const paginationInputSchema = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).nullish(),
});
export type PaginationInput = z.infer<typeof paginationInputSchema>;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type Page<T> = { items: T[]; nextCursor: string | null };

/** One field problem in a BAD_REQUEST answer: `path` is dotted (`members.0.nationalId`), "" for the whole input. */
export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** The `data` every service's error formatter produces (server-kit); clients can rely on it. */
export const errorDataSchema = z.object({
  code: z.string(),
  httpStatus: z.number().int(),
  path: z.string().optional(),
  requestId: z.string().optional(),
  fieldErrors: z.array(fieldErrorSchema).optional(),
});
export type ErrorData = z.infer<typeof errorDataSchema>;
