/**
 * `@soar/alarms/details`: the limits and naming rules behind the conversion of an alarm into a
 * finding (ASFF field limits, bounded string maps, name segments, timestamps).
 *
 * @packageDocumentation
 */
export {
  ASFF_SCHEMA_VERSION,
  MAX_ALARM_NAME_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  PRODUCT_FIELD_PREFIX,
  TICKET_DESTINATION,
} from './alarm-to-finding';
export { MAX_MONITORED_RESOURCES } from './monitored-resources';
export {
  alarmNameSegments,
  type AlarmNameRules,
  type AlarmSuppressionRules,
  type ClassificationSource,
} from './naming';
export {
  boundedJsonArray,
  boundedJsonObject,
  boundedStringMap,
  OTHER_DETAILS_LIMITS,
  PRODUCT_FIELDS_LIMITS,
  truncate,
  type BoundedStringMap,
  type StringMapLimits,
} from './string-map';
export { normalizeTimestamp } from './timestamps';
