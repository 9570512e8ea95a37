/**
 * `@soar/asff-schema/events`: the EventBridge envelopes that carry findings and CloudWatch alarm state
 * changes, and their parts.
 *
 * @packageDocumentation
 */
export { type EventBridgeEvent, EventBridgeEventSchema } from './events/eventbridge-event';
export {
  type SecurityHubFindingsImportedEvent,
  SecurityHubFindingsImportedEventSchema,
} from './events/security-hub-findings-imported-event';
export {
  type SecurityHubFindingsCustomActionEvent,
  SecurityHubFindingsCustomActionEventSchema,
} from './events/security-hub-findings-custom-action-event';
export { type SecurityHubEvent, SecurityHubEventSchema } from './events/security-hub-event';
export {
  type CloudWatchAlarmConfiguration,
  CloudWatchAlarmConfigurationSchema,
  type CloudWatchAlarmMetricDataQuery,
  CloudWatchAlarmMetricDataQuerySchema,
  type CloudWatchAlarmState,
  type CloudWatchAlarmStateChangeEvent,
  CloudWatchAlarmStateChangeEventSchema,
  CloudWatchAlarmStateSchema,
  type CloudWatchAlarmStateValue,
  CloudWatchAlarmStateValueSchema,
  type CloudWatchCompositeAlarmConfiguration,
  CloudWatchCompositeAlarmConfigurationSchema,
  type CloudWatchMetricAlarmConfiguration,
  CloudWatchMetricAlarmConfigurationSchema,
  isCompositeAlarmConfiguration,
} from './events/cloudwatch-alarm-state-change-event';
export {
  type AlarmReasonData,
  type CloudWatchCompositeAlarmReasonData,
  CloudWatchCompositeAlarmReasonDataSchema,
  type CloudWatchMetricAlarmReasonData,
  CloudWatchMetricAlarmReasonDataSchema,
  parseAlarmReasonData,
} from './events/cloudwatch-alarm-reason-data';
