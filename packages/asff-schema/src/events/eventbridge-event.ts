import * as z from 'zod';

import { AwsAccountIdSchema, AwsTimestampSchema, NonBlankStringSchema } from '../primitives';

/**
 * The envelope of every Amazon EventBridge event. The schemas of specific events extend it
 * (`EventBridgeEventSchema.extend({ source, 'detail-type', detail })`), as Powertools for AWS Lambda does.
 *
 * @see {@link https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html | EventBridge event structure reference}
 *
 * @example
 * ```ts
 * const event = EventBridgeEventSchema.parse({
 *   version: '0',
 *   id: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
 *   'detail-type': 'CloudWatch Alarm State Change',
 *   source: 'aws.cloudwatch',
 *   account: '123456789012',
 *   time: '2019-10-02T17:04:40Z',
 *   region: 'us-east-1',
 *   resources: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh'],
 *   detail: {},
 * });
 * event['detail-type']; // 'CloudWatch Alarm State Change'
 * ```
 */
export const EventBridgeEventSchema = z.looseObject({
  version: z.string(),
  id: NonBlankStringSchema,
  'detail-type': NonBlankStringSchema,
  source: NonBlankStringSchema,
  account: AwsAccountIdSchema,
  time: AwsTimestampSchema,
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.unknown(),
  'replay-name': z.string().optional(),
});

/** An EventBridge event with an untyped `detail`; inferred from {@link EventBridgeEventSchema}. */
export type EventBridgeEvent = z.infer<typeof EventBridgeEventSchema>;
