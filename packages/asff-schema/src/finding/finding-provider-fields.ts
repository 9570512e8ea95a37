import * as z from 'zod';

import { RelatedFindingSchema } from './related-finding';
import { SeverityLabelSchema } from './severity';

/**
 * The `FindingProviderFields` object: the values the finding provider set, kept apart from the
 * top-level fields that users and automation may overwrite with `BatchUpdateFindings`.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_FindingProviderFields.html | FindingProviderFields (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const fields = FindingProviderFieldsSchema.parse({
 *   Severity: { Label: 'HIGH', Original: 'HIGH' },
 *   Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
 * });
 * fields.Severity?.Label; // 'HIGH'
 * ```
 */
export const FindingProviderFieldsSchema = z.looseObject({
  Confidence: z.int().min(0).max(100).optional(),
  Criticality: z.int().min(0).max(100).optional(),
  RelatedFindings: z.array(RelatedFindingSchema).optional(),
  Severity: z
    .looseObject({
      Label: SeverityLabelSchema.optional(),
      Original: z.string().optional(),
    })
    .optional(),
  Types: z.array(z.string()).optional(),
});

/** A finding's `FindingProviderFields`; inferred from {@link FindingProviderFieldsSchema}. */
export type FindingProviderFields = z.infer<typeof FindingProviderFieldsSchema>;
