/**
 * The foundation-log-processing app: the CDK stack (archive bucket, workflows, functions, alarms,
 * dashboard), its configuration, the functions' entries and the history arithmetic of the workflows.
 *
 * @packageDocumentation
 */
export { createLogProcessingApp, type LogProcessingAppOptions } from './app';
export {
  AppConfigSchema,
  configFromContext,
  loadAppConfigFile,
  parseAppConfig,
  MAX_ROUNDS_PER_DAY,
  type AppConfig,
  type AppConfigInput,
} from './config';
export { batchesOf, dateRange, nightlyDates } from './dates';
export {
  DateRangeError,
  LogProcessingConfigError,
  LogProcessingError,
  LogProcessingInputError,
} from './errors';
export {
  childHistoryEvents,
  historicalHistoryEvents,
  parentHistoryEvents,
  HISTORY_EVENT_LIMIT,
  type BatchShape,
  type NightShape,
} from './history';
export { LOG_MESSAGES } from './messages';
export { LogProcessingStack, type LogProcessingStackProps } from './stack/log-processing-stack';
export { ALARM_NAMES, STATE_NAMES } from './stack/names';
