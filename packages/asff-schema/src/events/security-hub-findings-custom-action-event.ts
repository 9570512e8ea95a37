import * as z from 'zod';

import { AwsSecurityFindingSchema } from '../finding/aws-security-finding';
import { EventBridgeEventSchema } from './eventbridge-event';

/**
 * The `Security Hub Findings - Custom Action` event: Security Hub sends one when a user picks
 * findings in the console and chooses a custom action. `resources` holds the custom action's ARN.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html | EventBridge event formats for Security Hub}
 * @see {@link https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-custom-actions.html | Custom actions in Security Hub}
 *
 * @example
 * ```ts
 * const event = SecurityHubFindingsCustomActionEventSchema.parse({
 *   version: '0',
 *   id: '1a1111a1-b22b-3c33-444d-5555e5ee5555',
 *   'detail-type': 'Security Hub Findings - Custom Action',
 *   source: 'aws.securityhub',
 *   account: '111122223333',
 *   time: '2024-03-04T09:30:12Z',
 *   region: 'us-east-1',
 *   resources: ['arn:aws:securityhub:us-east-1:111122223333:action/custom/OpenTicket'],
 *   detail: {
 *     actionName: 'OpenTicket',
 *     actionDescription: 'Open a ticket for the account owner',
 *     findings: [finding], // ASFF findings, see AwsSecurityFindingSchema
 *   },
 * });
 * event.detail.actionName; // 'OpenTicket'
 * ```
 */
export const SecurityHubFindingsCustomActionEventSchema = EventBridgeEventSchema.extend({
  source: z.literal('aws.securityhub'),
  'detail-type': z.literal('Security Hub Findings - Custom Action'),
  detail: z.looseObject({
    actionName: z.string(),
    actionDescription: z.string(),
    findings: z
      .array(AwsSecurityFindingSchema)
      .min(1, { message: 'findings must hold at least one finding' }),
  }),
});

/** A `Security Hub Findings - Custom Action` event; inferred from {@link SecurityHubFindingsCustomActionEventSchema}. */
export type SecurityHubFindingsCustomActionEvent = z.infer<typeof SecurityHubFindingsCustomActionEventSchema>;
