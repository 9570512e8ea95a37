import * as z from 'zod';

import { PATTERN_CLASSES } from './patterns';

/** The sources of an enriched context, each of which may fail on its own. */
export const ENRICHMENT_SOURCES = [
  'alarm_configuration',
  'step_functions',
  'success_baseline',
  'lambda_logs',
  'incident_history',
] as const;
/** One source of an enriched context. */
export type EnrichmentSource = (typeof ENRICHMENT_SOURCES)[number];

const Iso = () => z.iso.datetime({ offset: true });
const text = (max: number) => z.string().max(max);

const failureDetails = () =>
  z.strictObject({
    failing_state: text(200).nullable(),
    error_type: text(200),
    error_cause: text(32_768),
    event_type: text(64).nullable(),
    task_resource: text(512).nullable(),
    failed_lambda_arn: text(200).nullable(),
    history_truncated: z.boolean(),
  });

const excerpt = () =>
  z.strictObject({ timestamp: Iso(), log_stream: text(512).nullable(), message: text(16_384) });

/**
 * The context enrichment adds to an alarm incident, for the ticket, the email and the AI prompt.
 * Its keys keep the vocabulary of the original's prompts (`service_type`, `alarm_correlation`,
 * `failed_executions`, `execution_arn`, `logs_summary`, `pattern_analysis`, `function_arn`) and add
 * what the original lacked: the evaluation window's origin, the failing state, log excerpts per log
 * group, counts over 7/30/90 days and the retention, the trend, the success baseline, and
 * `sources`, which says for each source whether it answered and why not.
 *
 * @example
 * ```ts
 * const context = EnrichedContextSchema.parse(await enrichAlarmContext(ports, input));
 * context.pattern_analysis?.pattern_classification; // 'FREQUENT_RECENT'
 * context.sources.find((s) => s.status !== 'ok')?.reason; // 'AccessDeniedException: …'
 * ```
 */
export const EnrichedContextSchema = z.lazy(() =>
  z.strictObject({
    version: z.literal(1),
    enrichment_timestamp: Iso(),
    alarm: z.strictObject({
      name: text(255),
      arn: text(512).nullable(),
      account_id: text(12),
      region: text(30),
      state_change_time: Iso(),
      kind: z.enum(['metric', 'composite', 'unknown']),
      namespaces: z.array(text(255)),
      children: z.array(text(255)),
    }),
    service_type: z.enum(['stepfunctions', 'lambda', 'generic']),
    services: z.strictObject({
      state_machines: z.array(z.strictObject({ arn: text(200), name: text(80) })),
      lambda_functions: z.array(z.strictObject({ function_arn: text(200), name: text(64) })),
      log_groups: z.array(text(512)),
    }),
    alarm_correlation: z.strictObject({
      evaluation_window: z.strictObject({
        start_time: Iso(),
        end_time: Iso(),
        period_seconds: z.int(),
        evaluation_periods: z.int(),
        datapoints_to_alarm: z.int(),
        source: z.enum(['alarm', 'children', 'default']),
        clamped: z.boolean(),
      }),
      /** Failed, timed out and aborted executions that stopped in the window. */
      failed_executions_in_window: z.int().nonnegative(),
      /** More failed executions matched than were read or reported. */
      executions_truncated: z.boolean(),
    }),
    failed_executions: z.array(
      z.strictObject({
        execution_arn: text(512),
        state_machine_arn: text(200),
        execution_status: text(32),
        start_date: Iso(),
        stop_date: Iso().nullable(),
        failure_details: failureDetails().nullable(),
        /** Why the history could not be read, when it could not. */
        history_error: text(500).nullable(),
        /** The latest error line of the failed function's log in the execution's time, or `''`. */
        logs_summary: text(16_384),
      }),
    ),
    log_excerpts: z.array(
      z.strictObject({
        log_group: text(512),
        function_arn: text(200).nullable(),
        start_time: Iso(),
        end_time: Iso(),
        matched: z.int().nonnegative(),
        excerpts: z.array(excerpt()),
        truncated: z.boolean(),
        error: text(500).nullable(),
      }),
    ),
    pattern_analysis: z
      .strictObject({
        retention_period_days: z.int(),
        incident_counts: z.strictObject({
          last_7_days: z.int(),
          last_30_days: z.int(),
          last_90_days: z.int(),
          retention: z.int(),
        }),
        incident_trends: z.strictObject({
          recent_rate: z.number(),
          earlier_rate: z.number(),
          trend_direction: z.enum(['INCREASING', 'STABLE', 'DECREASING']),
        }),
        pattern_classification: z.enum(PATTERN_CLASSES),
        reason: text(500),
        first_seen: Iso().nullable(),
        last_seen: Iso().nullable(),
        baseline_context: z
          .strictObject({
            success_rate: z.number().min(0).max(1).nullable(),
            finished_executions: z.int().nonnegative(),
            last_successful_execution: Iso().nullable(),
          })
          .nullable(),
        history_items_read: z.int().nonnegative(),
        history_truncated: z.boolean(),
      })
      .nullable(),
    sources: z.array(
      z.strictObject({
        source: z.enum(ENRICHMENT_SOURCES),
        status: z.enum(['ok', 'failed', 'timed_out', 'skipped']),
        reason: text(500).nullable(),
      }),
    ),
    /** Some source failed, timed out or was skipped for want of a port. */
    partial: z.boolean(),
    /** Parts were dropped to keep the context within `maxOutputBytes`. */
    truncated: z.boolean(),
  }),
);

/** The enriched context of an alarm incident; inferred from {@link EnrichedContextSchema}. */
export type EnrichedContext = z.infer<typeof EnrichedContextSchema>;
