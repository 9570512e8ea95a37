import * as z from 'zod';

/**
 * The `Remediation` object of a finding: a recommendation in text and a link.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Remediation.html | Remediation (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * RemediationSchema.parse({
 *   Recommendation: {
 *     Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.',
 *     Url: 'https://docs.aws.amazon.com/console/securityhub/EC2.2/remediation',
 *   },
 * });
 * ```
 */
export const RemediationSchema = z.looseObject({
  Recommendation: z
    .looseObject({
      Text: z.string().optional(),
      Url: z.string().optional(),
    })
    .optional(),
});

/** A finding's `Remediation`; inferred from {@link RemediationSchema}. */
export type Remediation = z.infer<typeof RemediationSchema>;
