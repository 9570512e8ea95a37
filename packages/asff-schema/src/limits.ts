import * as z from 'zod';

/**
 * The size limits Security Hub documents for a finding (`BatchImportFindings` refuses a finding that
 * breaks one). Every finding Security Hub sends went through them, so a finding that breaks one did not
 * come from Security Hub as imported: it is refused here, with the field named, before anything acts
 * on it or copies it into a workflow state.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/latest/userguide/asff-required-attributes.html | Required top-level ASFF attributes}
 * @see {@link https://docs.aws.amazon.com/securityhub/latest/userguide/asff-top-level-attributes.html | Optional top-level ASFF attributes}
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchImportFindings.html | BatchImportFindings (a finding is at most 240 KB)}
 *
 * @example
 * ```ts
 * if (Buffer.byteLength(JSON.stringify(candidate)) > ASFF_LIMITS.findingBytes) reject('too large');
 * ```
 */
export const ASFF_LIMITS = {
  /** A whole finding, as JSON, in bytes (240 KB). */
  findingBytes: 240 * 1024,
  /** `Id`, in characters. */
  idLength: 512,
  /** `GeneratorId`, in characters. */
  generatorIdLength: 512,
  /** `Title`, in characters. */
  titleLength: 256,
  /** `Description`, in characters. */
  descriptionLength: 1024,
  /** How many `Types` a finding has. */
  types: 50,
  /** How many `Resources` a finding has. */
  resources: 32,
  /**
   * `ProductFields`: how many pairs the provider sets, and the length of each key and value. Security
   * Hub adds its own `aws/securityhub/…` pairs on top, which do not count.
   */
  productFields: { pairs: 50, keyLength: 128, valueLength: 2048 },
  /** `UserDefinedFields`: how many pairs, and the length of each key and value. */
  userDefinedFields: { pairs: 50, keyLength: 128, valueLength: 1024 },
  /** `Resources[].Details.Other`: keys *fewer than* 128 and values *fewer than* 1,024 characters. */
  otherDetails: { pairs: 50, keyLength: 127, valueLength: 1023 },
  /** `Note.Text`, in characters. */
  noteTextLength: 512,
  /** `Resources[].Tags`: how many tags a resource carries, and the length of each key and value (AWS tag limits). */
  resourceTags: { pairs: 50, keyLength: 128, valueLength: 256 },
} as const;

/** The key prefix of the `ProductFields` pairs Security Hub itself adds to every finding. */
export const SECURITY_HUB_PRODUCT_FIELD_PREFIX = 'aws/securityhub/';

/** A string of at most `max` characters; the message gives the limit and the length found. */
export function maxLength(schema: z.ZodString, max: number): z.ZodString {
  return schema.max(max, {
    error: (issue) => `Too long: at most ${max} characters, got ${lengthOf(issue.input)}`,
  });
}

/** A string-to-string map of at most `pairs` entries (keys starting with `uncounted` aside), keys and values bounded. */
export function stringMapWithin(limits: {
  readonly pairs: number;
  readonly keyLength: number;
  readonly valueLength: number;
  readonly uncounted?: string;
}): z.ZodType<Record<string, string>> {
  return z.record(z.string(), z.string()).superRefine((map, context) => {
    let counted = 0;
    for (const [key, value] of Object.entries(map)) {
      if (limits.uncounted === undefined || !key.startsWith(limits.uncounted)) counted += 1;
      if (key.length > limits.keyLength) {
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `Key too long: at most ${limits.keyLength} characters, got ${key.length}`,
        });
      }
      if (value.length > limits.valueLength) {
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `Too long: at most ${limits.valueLength} characters, got ${value.length}`,
        });
      }
    }
    if (counted > limits.pairs) {
      context.addIssue({
        code: 'custom',
        message: `Too many pairs: at most ${limits.pairs}, got ${counted}`,
      });
    }
  });
}

function lengthOf(input: unknown): string {
  return typeof input === 'string' ? String(input.length) : 'more';
}
