import * as z from 'zod';

/**
 * An optional part of a finding (such as one `Resources[].Details` type) whose schema is built only
 * when a finding carries the part: a finding holds one or two of the seventeen resource types, so the
 * others' schemas are never built. The value is checked against `schema` exactly (the same issues, with
 * their codes, messages and paths), and kept as it is: the ASFF schemas transform nothing.
 *
 * A plain `schema.optional()` would not do: zod settles which keys of an object are optional on its
 * first parse by asking each key's schema, which builds a lazy one even when the key is absent.
 *
 * @example
 * ```ts
 * const DetailsSchema = z.looseObject({ AwsS3Bucket: whenPresent(AwsS3BucketDetailsSchema) });
 * ```
 */
export function whenPresent<T extends z.ZodType>(schema: T) {
  return z
    .custom<z.output<T>>()
    .check((payload) => {
      const parsed = schema.safeParse(payload.value);
      if (parsed.success) return;
      // The schema's own issues (code, message, path relative to the part), as they are. A finished
      // issue is a raw one with its message; zod's raw issue type only insists on an `input` field,
      // which finished issues leave out.
      payload.issues.push(...(parsed.error.issues as z.core.$ZodRawIssue[]));
    })
    .optional();
}
