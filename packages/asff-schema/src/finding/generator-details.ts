import * as z from 'zod';

/** Builds the schema, on its first use (see {@link GeneratorDetailsSchema}). */
function generatorDetails() {
  const GeneratorDetailsSchema = z.looseObject({
    Name: z.string().optional(),
    Description: z.string().optional(),
    Labels: z.array(z.string()).optional(),
  });
  return GeneratorDetailsSchema;
}

/**
 * The `GeneratorDetails` object: the detector or rule that produced the finding, as the provider
 * describes it.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_GeneratorDetails.html | GeneratorDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * GeneratorDetailsSchema.parse({
 *   Name: 'CodeGuru Security: Insecure hashing',
 *   Description: 'The code uses MD5 to hash passwords.',
 *   Labels: ['cwe-327'],
 * });
 * ```
 */
export const GeneratorDetailsSchema = z.lazy(generatorDetails);

/** A finding's `GeneratorDetails`; inferred from {@link GeneratorDetailsSchema}. */
export type GeneratorDetails = z.infer<typeof GeneratorDetailsSchema>;
