import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/**
 * A retry profile: which errors, and how often and how long to wait. Every profile has a
 * `maxDelay`, so no execution waits for hours on an input that keeps failing;
 * {@link worstCaseRetryDelay} gives its total.
 */
export interface RetryProfile {
  readonly errors: readonly string[];
  readonly interval: Duration;
  readonly maxAttempts: number;
  readonly backoffRate: number;
  readonly maxDelay: Duration;
}

/**
 * The Step Functions error name of an error class: the name its instances carry, which every SOAR
 * error class sets to its class name. Taking it from the class (not a string) means a renamed class
 * renames its retry, instead of silently turning a transient error into a fatal one.
 *
 * @example
 * ```ts
 * errorName(TicketSystemError); // 'TicketSystemError'
 * ```
 */
export function errorName(errorClass: abstract new (...args: never[]) => Error): string {
  return errorClass.name;
}

/** Lambda's own transient failures (the invoke, not the function's code). */
export const LAMBDA_TRANSIENT: RetryProfile = {
  errors: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
    'Lambda.ClientExecutionTimeoutException',
  ],
  interval: Duration.seconds(2),
  maxAttempts: 3,
  backoffRate: 2,
  maxDelay: Duration.seconds(10),
};

/**
 * The longest a state can wait between its attempts under a set of profiles, in seconds (every error
 * retried to the end of its profile, jitter at its maximum).
 *
 * @example
 * ```ts
 * worstCaseRetryDelay([LAMBDA_TRANSIENT]); // 2 + 4 + 8 = 14
 * ```
 */
export function worstCaseRetryDelay(profiles: readonly RetryProfile[]): number {
  let seconds = 0;
  for (const profile of profiles) {
    for (let attempt = 0; attempt < profile.maxAttempts; attempt += 1) {
      const wait = profile.interval.toSeconds() * profile.backoffRate ** attempt;
      seconds += Math.min(wait, profile.maxDelay.toSeconds());
    }
  }
  return seconds;
}

/**
 * A Step Functions task that invokes a function and hands on its result (`payloadResponseOnly`),
 * retrying Lambda's own transient failures and the given profiles, with full jitter.
 *
 * @example
 * ```ts
 * const ticket = lambdaTask(this, 'TicketTeam', fn, Duration.seconds(90), [SERVICE_TRANSIENT, TICKET_SYSTEM]);
 * ```
 */
export function lambdaTask(
  scope: Construct,
  name: string,
  fn: lambda.IFunction,
  timeout: Duration,
  profiles: readonly RetryProfile[],
): tasks.LambdaInvoke {
  const task = new tasks.LambdaInvoke(scope, name, {
    lambdaFunction: fn,
    payloadResponseOnly: true,
    retryOnServiceExceptions: false,
    taskTimeout: sfn.Timeout.duration(timeout),
  });
  for (const profile of [LAMBDA_TRANSIENT, ...profiles]) {
    task.addRetry({
      errors: [...profile.errors],
      interval: profile.interval,
      maxAttempts: profile.maxAttempts,
      backoffRate: profile.backoffRate,
      maxDelay: profile.maxDelay,
      jitterStrategy: sfn.JitterType.FULL,
    });
  }
  return task;
}
