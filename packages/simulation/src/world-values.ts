import * as z from 'zod';

/** An account id as YAML gives it (a number when unquoted) or as text: always 12 digits. */
export const AccountIdSchema = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'));

/** A date as YAML gives it (a `Date`) or as text (ISO 8601). */
export const DateSchema = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value : new Date(value)))
  .refine((date) => !Number.isNaN(date.getTime()), 'must be an ISO 8601 date');
