import { truncateChars } from '@soar/common';

import type { EnrichedContext } from './context';

/** Options of {@link renderEnrichedContext}. */
export interface RenderOptions {
  /** `markdown` (tickets, AI prompts) or `text` (plain emails). Default `markdown`. */
  readonly format?: 'markdown' | 'text' | undefined;
  /** The longest result, in characters. Default 6,000. */
  readonly maxChars?: number | undefined;
  /**
   * Start with the `Alarm context: <name>` heading. Default `true`; `false` where the message that
   * carries the context gives it a title of its own.
   */
  readonly heading?: boolean | undefined;
}

const SOURCE_NAMES: Readonly<Record<EnrichedContext['sources'][number]['source'], string>> = {
  alarm_configuration: "the alarm's configuration",
  step_functions: 'the failed executions',
  success_baseline: 'the success baseline',
  lambda_logs: 'the Lambda logs',
  incident_history: 'the incident history',
};

/** Text from the monitored world on one line, control characters and Markdown markers neutralised. */
function inline(text: string, max: number, markdown: boolean): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  const safe = markdown ? flat.replace(/[`*_[\]<>|#]/g, (c) => `\\${c}`) : flat;
  return truncateChars(safe, max);
}

const time = (iso: string) => iso.replace('T', ' ').replace(/\.\d{3}Z$|Z$/, ' UTC');
const percent = (rate: number) => `${Math.round(rate * 100)}%`;

function ago(fromIso: string, toIso: string): string {
  const minutes = Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000);
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

/**
 * The enriched context as a short report a person (or a model) reads: the window, what failed, the
 * error lines, the incident pattern and what could not be read. Text from the monitored world is put
 * on one line, and in Markdown its markers are escaped, so it cannot forge structure; the whole is at
 * most `maxChars` characters. Pure.
 *
 * @example
 * ```ts
 * ticket.description += '\n\n' + renderEnrichedContext(context, { format: 'markdown', maxChars: 4_000 });
 * ```
 */
export function renderEnrichedContext(context: EnrichedContext, options: RenderOptions = {}): string {
  const markdown = (options.format ?? 'markdown') === 'markdown';
  const maxChars = options.maxChars ?? 6_000;
  const heading = (text: string) => (markdown ? `### ${text}` : `${text}\n${'-'.repeat(text.length)}`);
  const item = (text: string) => `- ${text}`;
  const say = (text: string, max = 300) => inline(text, max, markdown);
  const lines: string[] = [];
  const window = context.alarm_correlation.evaluation_window;
  const end = context.alarm.state_change_time;

  if (options.heading !== false) lines.push(heading(`Alarm context: ${say(context.alarm.name, 255)}`));
  const windowFrom =
    window.source === 'default'
      ? `the last ${Math.round((Date.parse(window.end_time) - Date.parse(window.start_time)) / 60_000)} minutes (the alarm's configuration was not available)`
      : `${window.evaluation_periods} × ${window.period_seconds} s periods, ${window.datapoints_to_alarm} breaching to alarm${window.clamped ? ', cut to the longest window looked at' : ''}`;
  lines.push(`Evaluation window: ${time(window.start_time)} to ${time(window.end_time)} (${windowFrom}).`);
  const watched = [
    ...context.services.state_machines.map((sm) => `state machine ${say(sm.name, 80)}`),
    ...context.services.lambda_functions.map((fn) => `Lambda function ${say(fn.name, 64)}`),
  ];
  lines.push(
    `Watches: ${watched.length === 0 ? `no state machine or function (${context.alarm.namespaces.map((n) => say(n, 60)).join(', ') || 'metrics unknown'})` : watched.join(', ')}.`,
  );

  if (context.failed_executions.length > 0) {
    const count = context.alarm_correlation.failed_executions_in_window;
    lines.push(
      '',
      heading(
        `Failed executions in the window (${count}${context.alarm_correlation.executions_truncated ? ' or more' : ''})`,
      ),
    );
    for (const execution of context.failed_executions) {
      const name = execution.execution_arn.split(':').slice(-1)[0] ?? execution.execution_arn;
      const details = execution.failure_details;
      const where =
        details?.failing_state === null || details === null
          ? ''
          : ` in state "${say(details.failing_state, 100)}"`;
      const what =
        details === null
          ? `history not readable: ${say(execution.history_error ?? 'unknown', 200)}`
          : `${say(details.error_type, 100)}: ${say(details.error_cause, 300)}`;
      lines.push(
        item(
          `${say(name, 80)}: ${execution.execution_status} at ${time(execution.stop_date ?? execution.start_date)}${where}. ${what}`,
        ),
      );
      if (execution.logs_summary !== '') lines.push(`  Log: ${say(execution.logs_summary, 300)}`);
    }
  } else if (
    context.service_type === 'stepfunctions' &&
    context.sources.some((s) => s.source === 'step_functions' && s.status === 'ok')
  ) {
    lines.push('', 'No execution failed, timed out or was aborted in the window.');
  }

  const groups = context.log_excerpts.filter((group) => group.excerpts.length > 0);
  if (groups.length > 0) {
    lines.push('', heading('Error log lines'));
    for (const group of groups) {
      lines.push(
        item(
          `${say(group.log_group, 200)} (${group.matched} error line${group.matched === 1 ? '' : 's'}${group.truncated ? ', latest shown' : ''}):`,
        ),
      );
      for (const excerpt of group.excerpts.slice(-3))
        lines.push(`  ${time(excerpt.timestamp)}: ${say(excerpt.message, 300)}`);
    }
  }

  const pattern = context.pattern_analysis;
  if (pattern !== null) {
    const c = pattern.incident_counts;
    lines.push('', heading('Incident history'));
    lines.push(
      `${pattern.pattern_classification}: ${say(pattern.reason, 300)} Earlier incidents: ${c.last_7_days} in 7 days, ${c.last_30_days} in 30, ${c.last_90_days} in 90, ${c.retention} in ${pattern.retention_period_days}${pattern.history_truncated ? ' (at least)' : ''}. Trend ${pattern.incident_trends.trend_direction} (${pattern.incident_trends.recent_rate}/day in the last week, ${pattern.incident_trends.earlier_rate}/day before).`,
    );
    const base = pattern.baseline_context;
    if (base !== null && base.success_rate !== null) {
      const last = base.last_successful_execution;
      lines.push(
        `Success baseline: ${percent(base.success_rate)} of the last ${base.finished_executions} finished executions succeeded; ${last === null ? 'none of them succeeded' : `the last success was ${ago(last, end)} before the alarm`}.`,
      );
    }
  }

  const missing = context.sources.filter((s) => s.status === 'failed' || s.status === 'timed_out');
  if (missing.length > 0) {
    lines.push('', heading('Not available'));
    for (const source of missing)
      lines.push(item(`${SOURCE_NAMES[source.source]}: ${say(source.reason ?? source.status, 200)}`));
  }
  if (context.truncated) lines.push('', 'Some details were left out to keep the context small.');

  const text = lines.join('\n');
  return text.length <= maxChars
    ? text
    : `${truncateChars(text, maxChars - 40)}\n(cut to ${maxChars} characters)`;
}
