/**
 * `@soar/alarms`: CloudWatch alarm state changes become ASFF findings that SOAR routes as incidents,
 * in the alarm's own account and region.
 *
 * - {@link alarmToFinding}: the pure conversion (naming convention, CIS suppression, deterministic id,
 *   every alarm fact in `ProductFields` and `Resources`), with {@link AlarmEventError} for bad events.
 * - {@link handleAlarmEvent}: convert, then import through {@link createAlarmSecurityHub}.
 *
 * @packageDocumentation
 */
export {
  alarmFindingId,
  alarmToFinding,
  type AlarmToFindingResult,
  type IgnoredReason,
} from './alarm-to-finding';
export {
  alarmFacts,
  type AlarmFacts,
  type AlarmKind,
  type AlarmMetricQuery,
  type EvaluationSettings,
} from './alarm-facts';
export {
  AlarmFindingConfigSchema,
  DEFAULT_ALARM_FINDING_CONFIG,
  parseAlarmFindingConfig,
  type AlarmFindingConfig,
  type AlarmFindingConfigInput,
} from './config';
export {
  AlarmConfigError,
  AlarmEventError,
  AlarmsError,
  type AlarmEventIssue,
  type AlarmsErrorContext,
} from './errors';
export { handleAlarmEvent, type AlarmEventOutcome, type HandleAlarmEventDeps } from './handle-alarm-event';
export {
  createAlarmSecurityHub,
  IMPORT_ALARM_FINDING_SCOPE,
  type AlarmSecurityHub,
  type AlarmSecurityHubOptions,
} from './import';
export { monitoredResources, type AlarmLocation } from './monitored-resources';
export {
  ALARM_SEVERITIES,
  classifyAlarmName,
  INCIDENT_DOMAINS,
  type AlarmNameClassification,
  type IncidentDomain,
} from './naming';
