import { truncateChars } from '@soar/common';
import { redact } from '@soar/redaction';

import type { ExecutionSummary, HistoryEvent } from './ports';
import { lambdaFunctionRef, type AlarmLocation, type LambdaFunctionRef } from './services';

/** The statuses of an execution that failed. */
export const FAILED_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/** Why and where an execution failed, from its history. */
export interface FailureDetails {
  /** The state that failed: the last state entered before the failure. */
  readonly failingState?: string | undefined;
  /** The error of the failing task (or of the execution when no task failed). */
  readonly errorType: string;
  readonly errorCause: string;
  /** The history event that carried the failure, such as `LambdaFunctionFailed` or `TaskFailed`. */
  readonly eventType?: string | undefined;
  /** A task's resource: an activity or service-integration ARN, or `invoke` for `lambda:invoke`. */
  readonly taskResource?: string | undefined;
  /** The Lambda function that failed, unqualified: a directly invoked ARN or the `lambda:invoke` `FunctionName`. */
  readonly failedLambda?: LambdaFunctionRef | undefined;
  /** The failure was not in the page of history read (a very long execution). */
  readonly historyTruncated: boolean;
}

const EXECUTION_END = new Set(['ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);
/** Failures of a task or function, the common cause of an execution's failure. */
const TASK_FAILURES = new Set([
  'TaskFailed',
  'TaskTimedOut',
  'TaskStartFailed',
  'TaskSubmitFailed',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'LambdaFunctionStartFailed',
  'LambdaFunctionScheduleFailed',
  'ActivityFailed',
  'ActivityTimedOut',
  'ActivityScheduleFailed',
  'MapRunFailed',
]);

/** Error text from a finding's world is untrusted: secrets replaced, cut to size. */
function clean(text: string, maxChars: number): string {
  return truncateChars(redact(text).value, maxChars);
}

/** The `FunctionName` of a `lambda:invoke` task's parameters (JSON text), if any. */
function invokedFunction(parameters: string | undefined): string | undefined {
  if (parameters === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(parameters);
    if (typeof parsed === 'object' && parsed !== null && 'FunctionName' in parsed) {
      const name = parsed.FunctionName;
      return typeof name === 'string' ? name : undefined;
    }
  } catch {
    // Parameters are not JSON (or were cut by the service): no function to name.
  }
  return undefined;
}

/**
 * Where and why an execution failed, from (a page of) its history, in any order: the terminal
 * `ExecutionFailed` / `TimedOut` / `Aborted` event, the last task failure before it
 * (`TaskFailed`, `LambdaFunctionFailed`, `LambdaFunctionTimedOut`, activity and map-run failures,
 * …), the state entered last before that failure, and the Lambda function involved: the ARN of a
 * directly invoked function (`LambdaFunctionScheduled`), the `FunctionName` of an optimised
 * `lambda:invoke` task (`TaskScheduled` parameters), or a task resource that is a function ARN.
 * Error and cause are redacted and cut to `maxCauseChars`. Pure.
 *
 * @example
 * ```ts
 * failureDetails(events, location, 2_000);
 * // { failingState: 'Charge card', errorType: 'Lambda.Unknown', eventType: 'LambdaFunctionFailed',
 * //   failedLambda: { name: 'charge', arn: 'arn:aws:lambda:…:function:charge' }, … }
 * ```
 */
export function failureDetails(
  history: readonly HistoryEvent[],
  location: AlarmLocation,
  maxCauseChars: number,
): FailureDetails {
  const events = [...history].sort((a, b) => b.id - a.id);
  const end = events.find((event) => EXECUTION_END.has(event.type));
  const failure = events.find(
    (event) => TASK_FAILURES.has(event.type) && (end === undefined || event.id < end.id),
  );
  const failedAt = failure ?? end;
  const before = (event: HistoryEvent) => failedAt === undefined || event.id < failedAt.id;
  const entered = events.find((event) => before(event) && event.type.endsWith('StateEntered'));
  const chosen = failure ?? end;
  const errorType =
    chosen?.error ?? (end?.type === 'ExecutionAborted' ? 'ExecutionAborted' : (chosen?.type ?? 'Unknown'));
  const errorCause = chosen?.cause ?? end?.cause ?? '';

  let failedLambda: LambdaFunctionRef | undefined;
  if (failure?.type.startsWith('LambdaFunction') === true) {
    const scheduled = events.find(
      (event) => event.type === 'LambdaFunctionScheduled' && event.id < failure.id,
    );
    failedLambda =
      scheduled?.resource === undefined ? undefined : lambdaFunctionRef(scheduled.resource, location);
  } else if (failure !== undefined && failure.resourceType === 'lambda') {
    const scheduled = events.find((event) => event.type === 'TaskScheduled' && event.id < failure.id);
    const name = invokedFunction(scheduled?.parameters);
    failedLambda = name === undefined ? undefined : lambdaFunctionRef(name, location);
  }
  if (
    failedLambda === undefined &&
    failure?.resource !== undefined &&
    failure.resource.includes(':function:')
  )
    failedLambda = lambdaFunctionRef(failure.resource, location);

  return {
    failingState: entered?.stateName === undefined ? undefined : clean(entered.stateName, 200),
    errorType: clean(errorType, 200),
    errorCause: clean(errorCause, maxCauseChars),
    eventType: chosen?.type,
    taskResource: failure?.resource === undefined ? undefined : clean(failure.resource, 512),
    failedLambda,
    historyTruncated: end === undefined,
  };
}

/**
 * Whether a failed execution belongs to the window: it stopped inside it (the alarm counted the
 * failure when it happened, however long the execution ran), or, without a stop date, started in it.
 *
 * @example
 * ```ts
 * failedInWindow(execution, { start, end });
 * ```
 */
export function failedInWindow(
  execution: ExecutionSummary,
  window: { readonly start: Date; readonly end: Date },
): boolean {
  const at = (execution.stopDate ?? execution.startDate).getTime();
  return at >= window.start.getTime() && at <= window.end.getTime();
}

/** How a state machine did recently, to tell a degradation from an isolated failure. */
export interface SuccessBaseline {
  /** SUCCEEDED / finished executions, or `null` when none finished. */
  readonly successRate: number | null;
  readonly finishedExecutions: number;
  readonly lastSuccessfulExecution: Date | null;
}

/**
 * The success baseline of a state machine from its recent executions (any status, newest first):
 * the share that succeeded among those that finished, and when the last success stopped. Only
 * executions that started before `before` (the state-change time) count. Pure.
 *
 * @example
 * ```ts
 * successBaseline(recent, alarmTime); // { successRate: 0.95, finishedExecutions: 100, lastSuccessfulExecution: … }
 * ```
 */
export function successBaseline(executions: readonly ExecutionSummary[], before: Date): SuccessBaseline {
  let finished = 0;
  let succeeded = 0;
  let last: Date | null = null;
  for (const execution of executions) {
    if (execution.startDate.getTime() > before.getTime()) continue;
    if (execution.status === 'RUNNING' || execution.status === 'PENDING_REDRIVE') continue;
    finished += 1;
    if (execution.status !== 'SUCCEEDED') continue;
    succeeded += 1;
    const stop = execution.stopDate ?? execution.startDate;
    if (last === null || stop.getTime() > last.getTime()) last = stop;
  }
  return {
    successRate: finished === 0 ? null : succeeded / finished,
    finishedExecutions: finished,
    lastSuccessfulExecution: last,
  };
}
