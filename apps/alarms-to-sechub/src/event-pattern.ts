/** The `source` of CloudWatch alarm events. */
export const ALARM_EVENT_SOURCE = 'aws.cloudwatch';
/** The `detail-type` of an alarm state change. */
export const ALARM_EVENT_DETAIL_TYPE = 'CloudWatch Alarm State Change';

/**
 * The alarm events both stacks route: CloudWatch alarms entering ALARM. The security stack's rule
 * invokes the function with them; the forwarder's rule sends them to the security account's bus.
 * Transitions to OK and INSUFFICIENT_DATA match neither (the function ignores them anyway).
 * Written as CDK's `EventPattern` (`detailType`).
 */
export const ALARM_EVENT_PATTERN: {
  readonly source: string[];
  readonly detailType: string[];
  readonly detail: { readonly state: { readonly value: string[] } };
} = {
  source: [ALARM_EVENT_SOURCE],
  detailType: [ALARM_EVENT_DETAIL_TYPE],
  detail: { state: { value: ['ALARM'] } },
};

/** {@link ALARM_EVENT_PATTERN} as EventBridge (and CloudFormation) write it (`detail-type`). */
export const ALARM_EVENT_PATTERN_JSON: {
  readonly source: string[];
  readonly 'detail-type': string[];
  readonly detail: { readonly state: { readonly value: string[] } };
} = {
  source: [ALARM_EVENT_SOURCE],
  'detail-type': [ALARM_EVENT_DETAIL_TYPE],
  detail: { state: { value: ['ALARM'] } },
};
