import { describeError, mapLimited, truncateChars, truncateUtf8 } from '@soar/common';
import { redact } from '@soar/redaction';

import type { EnrichedContext, EnrichmentSource } from './context';
import { BudgetExceededError } from './errors';
import {
  FAILED_STATUSES,
  failedInWindow,
  failureDetails,
  successBaseline,
  type FailureDetails,
  type SuccessBaseline,
} from './executions';
import { alarmHistoryKey } from './history-table';
import { parseEnrichmentInput, type EnrichmentInput } from './input';
import { ERROR_FILTER_PATTERN, ExcerptCollector, type LogExcerpt } from './log-excerpts';
import { parseEnrichmentOptions, type EnrichmentOptions } from './options';
import { analyzePatterns } from './patterns';
import type { AlarmDescription, EnrichmentPorts, ExecutionSource, ExecutionSummary } from './ports';
import {
  compositeChildren,
  detectServices,
  lambdaLogGroup,
  servicesFromArns,
  type AlarmLocation,
  type DetectedServices,
  type LambdaFunctionRef,
  type StateMachineRef,
} from './services';
import { evaluationWindow, type EvaluationWindow } from './window';

type Outcome<T> =
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'failed' | 'timed_out' | 'skipped'; readonly reason: string };

/** Page size of `FilterLogEvents`: error lines are few, a page rarely fills. */
const LOG_PAGE_SIZE = 500;

/** Error text is untrusted (it may quote a finding or a request): secrets replaced, one line, bounded. */
function reasonOf(error: unknown): string {
  return truncateChars(redact(describeError(error)).value.replace(/\s+/g, ' '), 500);
}

/** The time budget shared by every source: one timer, one abort signal for every port call. */
class Budget {
  readonly #controller = new AbortController();
  readonly #expired: Promise<never>;
  readonly #handle: unknown;
  readonly #timers: NonNullable<EnrichmentPorts['timers']>;

  public constructor(
    private readonly budgetMs: number,
    timers: EnrichmentPorts['timers'],
  ) {
    this.#timers = timers ?? {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    const signal = this.#controller.signal;
    this.#expired = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    });
    // Sources that finish in time never await it: no unhandled rejection when it fires later.
    this.#expired.catch(() => undefined);
    this.#handle = this.#timers.setTimeout(
      () => this.#controller.abort(new BudgetExceededError(budgetMs)),
      budgetMs,
    );
  }

  public get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Runs one source; its failure or lateness becomes its outcome, never an exception. */
  public async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<Outcome<T>> {
    if (this.signal.aborted) return this.late();
    try {
      return { status: 'ok', value: await Promise.race([work(this.signal), this.#expired]) };
    } catch (error) {
      return this.signal.aborted ? this.late() : { status: 'failed', reason: reasonOf(error) };
    }
  }

  public stop(): void {
    this.#timers.clearTimeout(this.#handle);
  }

  private late(): Outcome<never> {
    return {
      status: 'timed_out',
      reason: `did not answer within the enrichment's budget of ${this.budgetMs} ms`,
    };
  }
}

const skipped = (reason: string): Outcome<never> => ({ status: 'skipped', reason });

/** The alarm and, for a composite alarm, its children (and theirs), at most `maxChildAlarms`. */
async function readAlarm(
  ports: EnrichmentPorts,
  name: string,
  options: EnrichmentOptions,
  signal: AbortSignal,
): Promise<{ alarm: AlarmDescription; children: AlarmDescription[] }> {
  const source = ports.alarms;
  if (source === undefined) throw new Error('no alarm source');
  const alarm = (await source.describeAlarms([name], signal)).find((found) => found.name === name);
  if (alarm === undefined) throw new Error('DescribeAlarms knows no alarm of this name (deleted since?)');
  const children: AlarmDescription[] = [];
  const seen = new Set([name]);
  let rules = alarm.alarmRule === undefined ? [] : [alarm.alarmRule];
  // Composites may nest; three levels cover what people build, and `seen` stops cycles.
  for (let depth = 0; depth < 3 && rules.length > 0; depth += 1) {
    const room = options.maxChildAlarms - children.length;
    const names = rules
      .flatMap((rule) => compositeChildren(rule, options.maxChildAlarms))
      .filter((child) => !seen.has(child))
      .slice(0, room);
    if (names.length === 0) break;
    for (const child of names) seen.add(child);
    const found = await source.describeAlarms(names, signal);
    children.push(...found);
    rules = found.flatMap((child) => (child.alarmRule === undefined ? [] : [child.alarmRule]));
  }
  return { alarm, children };
}

interface FailedExecution {
  readonly summary: ExecutionSummary;
  readonly details?: FailureDetails | undefined;
  readonly historyError?: string | undefined;
}

/** Failed executions of the state machines that stopped in the window, paged newest first and bounded. */
async function readFailedExecutions(
  source: ExecutionSource,
  stateMachines: readonly StateMachineRef[],
  window: EvaluationWindow,
  location: AlarmLocation,
  options: EnrichmentOptions['executions'],
  signal: AbortSignal,
): Promise<{ executions: FailedExecution[]; matched: number; truncated: boolean }> {
  const oldestStart = window.start.getTime() - options.lookbackSeconds * 1000;
  const matched: ExecutionSummary[] = [];
  let truncated = false;
  for (const machine of stateMachines) {
    for (const status of FAILED_STATUSES) {
      let nextToken: string | undefined;
      for (let page = 0; ; page += 1) {
        if (page >= options.maxPages) {
          truncated = true;
          break;
        }
        const result = await source.listExecutions(
          { stateMachineArn: machine.arn, statusFilter: status, maxResults: options.pageSize, nextToken },
          signal,
        );
        matched.push(...result.executions.filter((execution) => failedInWindow(execution, window)));
        nextToken = result.nextToken;
        // Newest first: once a page starts before the lookback, older pages cannot fail in the window.
        const reachedOld = result.executions.some((execution) => execution.startDate.getTime() < oldestStart);
        if (nextToken === undefined || reachedOld) break;
      }
    }
  }
  const stopOf = (execution: ExecutionSummary) => (execution.stopDate ?? execution.startDate).getTime();
  const chosen = matched.sort((a, b) => stopOf(b) - stopOf(a)).slice(0, options.maxExecutions);
  const executions = await mapLimited(
    chosen,
    options.concurrency,
    async (summary): Promise<FailedExecution> => {
      try {
        const history = await source.executionHistory(
          { executionArn: summary.executionArn, maxResults: options.maxHistoryEvents },
          signal,
        );
        return { summary, details: failureDetails(history, location, options.maxCauseChars) };
      } catch (error) {
        if (signal.aborted) throw error;
        return { summary, historyError: reasonOf(error) };
      }
    },
  );
  return { executions, matched: matched.length, truncated: truncated || matched.length > chosen.length };
}

interface LogTarget {
  readonly logGroup: string;
  readonly functionArn?: string | undefined;
  start: number;
  end: number;
}

interface LogResult {
  readonly target: LogTarget;
  readonly matched: number;
  readonly excerpts: LogExcerpt[];
  readonly truncated: boolean;
  readonly error?: string | undefined;
}

/** The log groups to search: failed functions of failed executions first, then the alarm's own. */
function logTargets(
  failed: readonly FailedExecution[],
  services: DetectedServices,
  window: EvaluationWindow,
  options: EnrichmentOptions['logs'],
): LogTarget[] {
  const targets = new Map<string, LogTarget>();
  const add = (logGroup: string, start: number, end: number, fn?: LambdaFunctionRef) => {
    const known = targets.get(logGroup);
    if (known !== undefined) {
      known.start = Math.min(known.start, start);
      known.end = Math.max(known.end, end);
    } else if (targets.size < options.maxLogGroups) {
      targets.set(logGroup, { logGroup, functionArn: fn?.arn, start, end });
    }
  };
  for (const { summary, details } of failed) {
    const fn = details?.failedLambda;
    if (fn === undefined) continue;
    const stop = (summary.stopDate ?? window.end).getTime();
    add(lambdaLogGroup(fn.name), summary.startDate.getTime(), stop + options.slackSeconds * 1000, fn);
  }
  for (const fn of services.lambdaFunctions)
    add(lambdaLogGroup(fn.name), window.start.getTime(), window.end.getTime(), fn);
  for (const group of services.logGroups) add(group, window.start.getTime(), window.end.getTime());
  return [...targets.values()];
}

async function readLogs(
  ports: EnrichmentPorts,
  targets: readonly LogTarget[],
  options: EnrichmentOptions['logs'],
  signal: AbortSignal,
): Promise<LogResult[]> {
  const source = ports.logs;
  if (source === undefined) throw new Error('no log source');
  const results = await mapLimited(targets, 4, async (target): Promise<LogResult> => {
    const collector = new ExcerptCollector(options.maxEventsPerGroup, options.maxEventBytes);
    let nextToken: string | undefined;
    try {
      for (let page = 0; page < options.maxPages; page += 1) {
        const result = await source.filterLogEvents(
          {
            logGroupName: target.logGroup,
            startTime: target.start,
            endTime: target.end,
            filterPattern: ERROR_FILTER_PATTERN,
            limit: LOG_PAGE_SIZE,
            nextToken,
          },
          signal,
        );
        collector.add(result.events);
        nextToken = result.nextToken;
        if (nextToken === undefined) break;
      }
      return {
        target,
        matched: collector.matched,
        excerpts: collector.excerpts(),
        truncated: nextToken !== undefined,
      };
    } catch (error) {
      if (signal.aborted) throw error;
      return { target, matched: 0, excerpts: [], truncated: false, error: reasonOf(error) };
    }
  });
  // All excerpts together stay within the byte bound: the oldest lines go first.
  let bytes = results.reduce(
    (sum, r) => sum + r.excerpts.reduce((s, e) => s + Buffer.byteLength(e.message), 0),
    0,
  );
  while (bytes > options.maxTotalBytes) {
    const oldest = results
      .filter((r) => r.excerpts.length > 0)
      .sort(
        (a, b) => (a.excerpts[0]?.timestamp.getTime() ?? 0) - (b.excerpts[0]?.timestamp.getTime() ?? 0),
      )[0];
    const dropped = oldest?.excerpts.shift();
    if (oldest === undefined || dropped === undefined) break;
    bytes -= Buffer.byteLength(dropped.message);
    results[results.indexOf(oldest)] = { ...oldest, truncated: true };
  }
  return results;
}

const iso = (date: Date | undefined | null) =>
  date === undefined || date === null ? null : date.toISOString();

/**
 * Enriches a CloudWatch alarm incident with its context, for the ticket, the email and the AI
 * prompt:
 *
 * 1. the alarm's configuration (`DescribeAlarms`, composite children too) gives the services it
 *    watches and the exact evaluation window (`Period × EvaluationPeriods` ending at the state change);
 * 2. then, at once: the failed, timed-out and aborted executions of its state machines that stopped in
 *    the window, each with its failing state, error and cause; the state machine's success baseline;
 *    the alarm's earlier incidents (a Query on the history table);
 * 3. then the error lines of the Lambda functions involved (those that failed in an execution, and
 *    those the alarm watches), redacted and bounded.
 *
 * Every source fails on its own: the context lists each source's status and reason, and
 * `partial: true` when any did not answer. The whole takes at most `budgetMs` (sources still running
 * then are `timed_out` and their calls aborted). The result is cut to `maxOutputBytes`.
 *
 * @throws {EnrichmentInputError} only for an invalid input or options; never for a source.
 *
 * @example
 * ```ts
 * const context = await enrichAlarmContext(awsEnrichmentPorts(clients, { historyTable }), {
 *   alarmName: 'INFRA-Orders-SM-Failure-HIGH',
 *   accountId: '111122223333',
 *   region: 'eu-west-1',
 *   stateChangeTime: '2026-05-01T10:15:00Z',
 * });
 * renderEnrichedContext(context, { format: 'markdown' });
 * ```
 */
export async function enrichAlarmContext(
  ports: EnrichmentPorts,
  input: unknown,
  options: unknown = {},
): Promise<EnrichedContext> {
  const config = parseEnrichmentOptions(options);
  const alarm = parseEnrichmentInput(input);
  const budget = new Budget(config.budgetMs, ports.timers);
  try {
    return boundContext(await enrich(ports, alarm, config, budget), config.maxOutputBytes);
  } finally {
    budget.stop();
  }
}

async function enrich(
  ports: EnrichmentPorts,
  input: EnrichmentInput,
  options: EnrichmentOptions,
  budget: Budget,
): Promise<EnrichedContext> {
  const at = new Date(input.stateChangeTime);
  const location: AlarmLocation = {
    partition: input.partition,
    region: input.region,
    accountId: input.accountId,
  };

  const configuration =
    ports.alarms === undefined
      ? skipped('no alarm source was given')
      : await budget.run((signal) => readAlarm(ports, input.alarmName, options, signal));
  const described = configuration.status === 'ok' ? configuration.value : undefined;
  const window = evaluationWindow(described?.alarm, described?.children ?? [], at, options);
  let services =
    described === undefined
      ? servicesFromArns(input.resourceArns, location)
      : detectServices([described.alarm, ...described.children], location);
  if (services.serviceType === 'generic' && described !== undefined && input.resourceArns.length > 0)
    services = { ...servicesFromArns(input.resourceArns, location), namespaces: services.namespaces };

  const executionSource = ports.executions;
  const noMachines = skipped('the alarm watches no Step Functions state machine');
  const [executions, baseline, history] = await Promise.all([
    executionSource === undefined
      ? skipped('no Step Functions source was given')
      : services.stateMachines.length === 0
        ? noMachines
        : budget.run((signal) =>
            readFailedExecutions(
              executionSource,
              services.stateMachines,
              window,
              location,
              options.executions,
              signal,
            ),
          ),
    executionSource === undefined
      ? skipped('no Step Functions source was given')
      : services.stateMachines[0] === undefined
        ? noMachines
        : readBaseline(executionSource, services.stateMachines[0], at, options, budget),
    ports.history === undefined
      ? skipped('no incident history source was given')
      : budget.run((signal) =>
          (ports.history as NonNullable<EnrichmentPorts['history']>).incidentTimes(
            {
              alarmKey: alarmHistoryKey(input),
              from: new Date(at.getTime() - options.retentionDays * 86_400_000),
              to: at,
              maxItems: options.history.maxItems,
            },
            signal,
          ),
        ),
  ]);

  const failed = executions.status === 'ok' ? executions.value.executions : [];
  const targets = logTargets(failed, services, window, options.logs);
  const logs =
    ports.logs === undefined
      ? skipped('no CloudWatch Logs source was given')
      : targets.length === 0
        ? skipped('no Lambda function or log group is involved')
        : await budget.run((signal) => readLogs(ports, targets, options.logs, signal));
  const logResults = logs.status === 'ok' ? logs.value : [];
  const logStatus: Outcome<unknown> =
    logs.status === 'ok' && logResults.length > 0 && logResults.every((r) => r.error !== undefined)
      ? { status: 'failed', reason: logResults[0]?.error ?? 'every log group failed' }
      : logs;

  const baselineValue = baseline.status === 'ok' ? baseline.value : null;
  const sources: [EnrichmentSource, Outcome<unknown>][] = [
    ['alarm_configuration', configuration],
    ['step_functions', executions],
    ['success_baseline', baseline],
    ['lambda_logs', logStatus],
    ['incident_history', history],
  ];
  const analysis =
    history.status === 'ok'
      ? analyzePatterns({
          incidentTimes: history.value.times,
          at,
          retentionDays: options.retentionDays,
          baseline: baselineValue,
          thresholds: options.patterns,
        })
      : undefined;

  return {
    version: 1,
    enrichment_timestamp: (ports.clock ?? (() => new Date()))().toISOString(),
    alarm: {
      name: input.alarmName,
      arn: described?.alarm.arn ?? input.alarmArn ?? null,
      account_id: input.accountId,
      region: input.region,
      state_change_time: input.stateChangeTime,
      kind: described?.alarm.kind ?? 'unknown',
      namespaces: [...services.namespaces],
      children: (described?.children ?? []).map((child) => child.name),
    },
    service_type: services.serviceType,
    services: {
      state_machines: services.stateMachines.map(({ arn, name }) => ({ arn, name })),
      lambda_functions: services.lambdaFunctions.map(({ arn, name }) => ({ function_arn: arn, name })),
      log_groups: [...services.logGroups],
    },
    alarm_correlation: {
      evaluation_window: {
        start_time: window.start.toISOString(),
        end_time: window.end.toISOString(),
        period_seconds: window.periodSeconds,
        evaluation_periods: window.evaluationPeriods,
        datapoints_to_alarm: window.datapointsToAlarm,
        source: window.source,
        clamped: window.clamped,
      },
      failed_executions_in_window: executions.status === 'ok' ? executions.value.matched : 0,
      executions_truncated: executions.status === 'ok' && executions.value.truncated,
    },
    failed_executions: failed.map(({ summary, details, historyError }) => ({
      execution_arn: summary.executionArn,
      state_machine_arn: summary.stateMachineArn,
      execution_status: summary.status,
      start_date: summary.startDate.toISOString(),
      stop_date: iso(summary.stopDate),
      failure_details:
        details === undefined
          ? null
          : {
              failing_state: details.failingState ?? null,
              error_type: details.errorType,
              error_cause: details.errorCause,
              event_type: details.eventType ?? null,
              task_resource: details.taskResource ?? null,
              failed_lambda_arn: details.failedLambda?.arn ?? null,
              history_truncated: details.historyTruncated,
            },
      history_error: historyError ?? null,
      logs_summary: logsSummary(summary, details, logResults),
    })),
    log_excerpts: logResults.map((result) => ({
      log_group: result.target.logGroup,
      function_arn: result.target.functionArn ?? null,
      start_time: new Date(result.target.start).toISOString(),
      end_time: new Date(result.target.end).toISOString(),
      matched: result.matched,
      excerpts: result.excerpts.map((e) => ({
        timestamp: e.timestamp.toISOString(),
        log_stream: e.logStream ?? null,
        message: e.message,
      })),
      truncated: result.truncated,
      error: result.error ?? null,
    })),
    pattern_analysis:
      analysis === undefined || history.status !== 'ok'
        ? null
        : {
            retention_period_days: analysis.retentionDays,
            incident_counts: {
              last_7_days: analysis.counts.last7Days,
              last_30_days: analysis.counts.last30Days,
              last_90_days: analysis.counts.last90Days,
              retention: analysis.counts.retention,
            },
            incident_trends: {
              recent_rate: analysis.recentRate,
              earlier_rate: analysis.earlierRate,
              trend_direction: analysis.trendDirection,
            },
            pattern_classification: analysis.classification,
            reason: analysis.reason,
            first_seen: iso(analysis.firstSeen),
            last_seen: iso(analysis.lastSeen),
            baseline_context:
              baselineValue === null
                ? null
                : {
                    success_rate: baselineValue.successRate,
                    finished_executions: baselineValue.finishedExecutions,
                    last_successful_execution: iso(baselineValue.lastSuccessfulExecution),
                  },
            history_items_read: history.value.itemsRead,
            history_truncated: history.value.truncated,
          },
    sources: sources.map(([source, outcome]) => ({
      source,
      status: outcome.status,
      reason: outcome.status === 'ok' ? null : outcome.reason,
    })),
    partial: sources.some(([, outcome]) => outcome.status === 'failed' || outcome.status === 'timed_out'),
    truncated: false,
  };
}

async function readBaseline(
  source: ExecutionSource,
  machine: StateMachineRef,
  at: Date,
  options: EnrichmentOptions,
  budget: Budget,
): Promise<Outcome<SuccessBaseline>> {
  return budget.run(async (signal) => {
    const page = await source.listExecutions(
      { stateMachineArn: machine.arn, maxResults: options.executions.baselineExecutions },
      signal,
    );
    return successBaseline(page.executions, at);
  });
}

/** The latest error line of the failed function within the execution's time, or `''`. */
/** The clocks of Step Functions and of a function's log lines may differ by this much. */
const CLOCK_SKEW_MS = 1_000;
/** How long after an execution stopped a line of its function may still be its own. */
const LATE_LINE_MS = 60_000;

function logsSummary(
  summary: ExecutionSummary,
  details: FailureDetails | undefined,
  logs: readonly LogResult[],
): string {
  const fn = details?.failedLambda;
  if (fn === undefined) return '';
  const group = logs.find((result) => result.target.logGroup === lambdaLogGroup(fn.name));
  const from = summary.startDate.getTime() - CLOCK_SKEW_MS;
  const stop = summary.stopDate?.getTime() ?? Number.POSITIVE_INFINITY;
  const until = (to: number) =>
    (group?.excerpts ?? []).filter((e) => e.timestamp.getTime() >= from && e.timestamp.getTime() <= to);
  // A line written while the execution ran is its own; a later one may be another execution's (one
  // function serves many), so it is taken only when the execution's own run left none.
  const during = until(stop + CLOCK_SKEW_MS);
  const lines = during.length > 0 ? during : until(stop + LATE_LINE_MS);
  return truncateUtf8(lines[lines.length - 1]?.message ?? '', 1_024);
}

/**
 * The context cut to at most `maxBytes` of JSON: the oldest log lines go first, then the oldest
 * failed executions, then error causes are shortened; `truncated: true` says so. Pure.
 *
 * @example
 * ```ts
 * boundContext(context, 65_536).truncated; // false when it already fits
 * ```
 */
export function boundContext(context: EnrichedContext, maxBytes: number): EnrichedContext {
  const size = (value: EnrichedContext) => Buffer.byteLength(JSON.stringify(value));
  if (size(context) <= maxBytes) return context;
  let current: EnrichedContext = { ...context, truncated: true };
  const withExcerpts = () => current.log_excerpts.findIndex((group) => group.excerpts.length > 0);
  while (size(current) > maxBytes && withExcerpts() >= 0) {
    const index = withExcerpts();
    current = {
      ...current,
      log_excerpts: current.log_excerpts.map((group, i) =>
        i === index ? { ...group, excerpts: group.excerpts.slice(1), truncated: true } : group,
      ),
    };
  }
  while (size(current) > maxBytes && current.failed_executions.length > 1)
    current = { ...current, failed_executions: current.failed_executions.slice(0, -1) };
  if (size(current) > maxBytes)
    current = {
      ...current,
      failed_executions: current.failed_executions.map((execution) => ({
        ...execution,
        logs_summary: truncateUtf8(execution.logs_summary, 200),
        failure_details:
          execution.failure_details === null
            ? null
            : {
                ...execution.failure_details,
                error_cause: truncateChars(execution.failure_details.error_cause, 200),
              },
      })),
    };
  return current;
}
