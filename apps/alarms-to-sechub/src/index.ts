/**
 * The alarms-to-sechub app: the CDK stacks (security account per region, member forwarder), their
 * configuration, and the Lambda handler.
 *
 * @packageDocumentation
 */
export { createAlarmsApp, type AlarmsApp, type AlarmsAppOptions } from './app';
export {
  AlarmsAppConfigError,
  AlarmsAppConfigSchema,
  configFromContext,
  loadAppConfigFile,
  parseAppConfig,
  type AlarmsAppConfig,
  type AlarmsAppConfigInput,
} from './config';
export {
  ALARM_EVENT_DETAIL_TYPE,
  ALARM_EVENT_PATTERN,
  ALARM_EVENT_PATTERN_JSON,
  ALARM_EVENT_SOURCE,
} from './event-pattern';
export { awsDeps, handler, run, type AlarmHandlerDeps } from './functions/alarm-to-sechub';
export {
  AlarmsRuntimeConfigSchema,
  RUNTIME_CONFIG_VARIABLE,
  runtimeConfigFromEnv,
  type AlarmsRuntimeConfig,
  type AlarmsRuntimeConfigInput,
} from './functions/runtime-config';
export { AlarmForwarderStack, type AlarmForwarderStackProps } from './stack/forwarder-stack';
export {
  AlarmsToSecHubStack,
  FAILURE_ALARM_NAMES,
  type AlarmsToSecHubStackProps,
} from './stack/security-stack';
