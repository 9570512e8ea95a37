import * as z from 'zod';

import { NonBlankStringSchema } from '../primitives';

/** Builds the schema, on its first use (see {@link RelatedFindingSchema}). */
function relatedFinding() {
  const RelatedFindingSchema = z.looseObject({
    ProductArn: NonBlankStringSchema,
    Id: NonBlankStringSchema,
  });
  return RelatedFindingSchema;
}

/**
 * A `RelatedFindings` entry: another finding, named by its product ARN and id.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_RelatedFinding.html | RelatedFinding (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * RelatedFindingSchema.parse({
 *   ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
 *   Id: 'arn:aws:guardduty:us-east-1:111122223333:detector/12abc34d567e8fa901bc2d34e56789f0/finding/74b1234567a4',
 * });
 * ```
 */
export const RelatedFindingSchema = z.lazy(relatedFinding);

/** A `RelatedFindings` entry; inferred from {@link RelatedFindingSchema}. */
export type RelatedFinding = z.infer<typeof RelatedFindingSchema>;
