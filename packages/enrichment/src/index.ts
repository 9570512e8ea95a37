/**
 * `@soar/enrichment`: the context of a CloudWatch alarm incident. From the alarm's configuration it
 * finds the services the alarm watches and the exact evaluation window; in that window it reads the
 * failed Step Functions executions (failing state, error, cause, the Lambda function involved) and the
 * Lambda error log lines; from the incident history it tells the pattern (counts, trend, class,
 * success baseline). Every source fails on its own, the whole is time-bounded, and the result is a
 * zod-typed {@link EnrichedContext} with a Markdown or text rendering.
 *
 * The AWS adapters are in `@soar/enrichment/aws`; the port types in `@soar/enrichment/ports`.
 *
 * @packageDocumentation
 */
export { boundContext, enrichAlarmContext } from './enrich';
export {
  ENRICHMENT_SOURCES,
  EnrichedContextSchema,
  type EnrichedContext,
  type EnrichmentSource,
} from './context';
export {
  ALARM_FINDING_TYPE_PREFIX,
  EnrichmentInputSchema,
  enrichmentInputFromFinding,
  parseEnrichmentInput,
  type EnrichmentInput,
  type EnrichmentInputData,
} from './input';
export {
  EnrichmentOptionsSchema,
  parseEnrichmentOptions,
  PatternThresholdsSchema,
  type EnrichmentOptions,
  type EnrichmentOptionsInput,
  type PatternThresholds,
} from './options';
export {
  analyzePatterns,
  PATTERN_CLASSES,
  type PatternAnalysis,
  type PatternClass,
  type TrendDirection,
} from './patterns';
export { detectServices, type DetectedServices } from './services';
export { evaluationWindow, type EvaluationWindow } from './window';
export { failureDetails } from './executions';
export { renderEnrichedContext, type RenderOptions } from './render';
export { alarmHistoryKey, INCIDENT_HISTORY_KEY, incidentHistoryTableDefinition } from './history-table';
export { BudgetExceededError, EnrichmentError, EnrichmentInputError, IncidentHistoryError } from './errors';
export type { EnrichmentPorts, IncidentRecord } from './ports';
