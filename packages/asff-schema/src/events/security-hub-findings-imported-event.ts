import * as z from 'zod';

import { AwsSecurityFindingSchema } from '../finding/aws-security-finding';
import { EventBridgeEventSchema } from './eventbridge-event';

/**
 * The `Security Hub Findings - Imported` event: Security Hub sends one whenever it creates or
 * updates a finding, from any product (its own controls, GuardDuty, Inspector, Macie, partners...).
 * Each event carries one finding in `detail.findings`.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html | EventBridge event formats for Security Hub}
 *
 * @example
 * ```ts
 * const event = SecurityHubFindingsImportedEventSchema.parse({
 *   version: '0',
 *   id: '8e5622f9-d81c-4d81-612a-9319e7ee2506',
 *   'detail-type': 'Security Hub Findings - Imported',
 *   source: 'aws.securityhub',
 *   account: '111122223333',
 *   time: '2024-03-04T08:13:05Z',
 *   region: 'us-east-1',
 *   resources: [
 *     'arn:aws:securityhub:us-east-1::product/aws/securityhub/arn:aws:securityhub:us-east-1:111122223333:security-control/EC2.2/finding/6d5d7a2e-3b48-4c7c-9a1e-0a8e2c0b5f11',
 *   ],
 *   detail: { findings: [finding] }, // an ASFF finding, see AwsSecurityFindingSchema
 * });
 * event.detail.findings[0].Severity.Label; // 'HIGH'
 * ```
 */
export const SecurityHubFindingsImportedEventSchema = EventBridgeEventSchema.extend({
  source: z.literal('aws.securityhub'),
  'detail-type': z.literal('Security Hub Findings - Imported'),
  detail: z.looseObject({
    findings: z
      .array(AwsSecurityFindingSchema)
      .min(1, { message: 'findings must hold at least one finding' }),
  }),
});

/** A `Security Hub Findings - Imported` event; inferred from {@link SecurityHubFindingsImportedEventSchema}. */
export type SecurityHubFindingsImportedEvent = z.infer<typeof SecurityHubFindingsImportedEventSchema>;
