import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { findingDigest, truncateChars } from '@soar/common';
import { redact } from '@soar/redaction';
import type { ForensicsRequest, ForensicsResult } from '../containment/contain';
import type { ForensicsTarget } from '../containment/guard';
import { ContainmentError } from '../errors';

/** Longest error text kept from the forensics function or execution. */
const MAX_DETAIL = 500;

/** Options of {@link createForensicsHandOff}. */
export interface ForensicsHandOffOptions {
  /** Lambda client in the function's account and region. Default: one for the function ARN's region. */
  readonly lambda?: Pick<LambdaClient, 'send'> | undefined;
  /** Step Functions client. Default: one for the state machine ARN's region. */
  readonly sfn?: Pick<SFNClient, 'send'> | undefined;
  /** Waits between two status reads. Default `setTimeout`. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Clock in epoch milliseconds, for the wait's bound. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

function regionOf(arn: string): string | undefined {
  return arn.split(':')[3];
}

/** What the collection is given: the finding (redacted, as everything SOAR sends) and the instance. */
function payloadOf(request: ForensicsRequest): string {
  return JSON.stringify({ finding: redact(request.finding).value, instance: request.instance });
}

/** A Step Functions execution name (1-80 of `[A-Za-z0-9-_]`), the same for the same finding and instance. */
export function forensicsExecutionName(request: Pick<ForensicsRequest, 'finding' | 'instance'>): string {
  return `soar-forensics-${findingDigest(request.finding.Id, request.instance.instanceId).slice(0, 48)}`;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function invokeFunction(
  forensics: Extract<ForensicsTarget, { kind: 'lambda' }>,
  request: ForensicsRequest,
  options: ForensicsHandOffOptions,
): Promise<ForensicsResult> {
  const lambda = options.lambda ?? new LambdaClient({ region: regionOf(forensics.functionArn) });
  let out;
  try {
    out = await lambda.send(
      new InvokeCommand({
        FunctionName: forensics.functionArn,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(payloadOf(request)),
      }),
    );
  } catch (error) {
    return { ok: false, failure: 'start_failed', detail: truncateChars(errorText(error), MAX_DETAIL) };
  }
  const body = out.Payload === undefined ? '' : new TextDecoder().decode(out.Payload);
  if (out.FunctionError !== undefined) {
    return {
      ok: false,
      failure: 'function_error',
      detail: truncateChars(`${out.FunctionError}: ${body}`, MAX_DETAIL),
    };
  }
  if (out.StatusCode !== 200) {
    return {
      ok: false,
      failure: 'start_failed',
      detail: `the function answered with status ${String(out.StatusCode)}`,
    };
  }
  return { ok: true, detail: `the forensics function ${forensics.functionArn} completed` };
}

async function runStateMachine(
  forensics: Extract<ForensicsTarget, { kind: 'state_machine' }>,
  request: ForensicsRequest,
  options: ForensicsHandOffOptions,
): Promise<ForensicsResult> {
  const sfn = options.sfn ?? new SFNClient({ region: regionOf(forensics.stateMachineArn) });
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const name = forensicsExecutionName(request);
  let executionArn: string;
  try {
    const started = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: forensics.stateMachineArn,
        name,
        input: payloadOf(request),
      }),
    );
    executionArn = started.executionArn ?? '';
  } catch (error) {
    // The same finding and instance were handed off before: wait for that execution instead.
    if (errorName(error) !== 'ExecutionAlreadyExists') {
      return { ok: false, failure: 'start_failed', detail: truncateChars(errorText(error), MAX_DETAIL) };
    }
    executionArn = `${forensics.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  const deadline = now() + forensics.timeoutSeconds * 1000;
  // Bounded by reads as well as by the clock, so a stopped clock cannot make the wait endless.
  const maxReads = Math.ceil(forensics.timeoutSeconds / forensics.pollSeconds) + 1;
  for (let read = 0; read < maxReads; read += 1) {
    let status: string | undefined;
    let described;
    try {
      described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      status = described.status;
    } catch (error) {
      throw new ContainmentError(`Could not read the forensics execution ${executionArn}.`, { cause: error });
    }
    if (status === 'SUCCEEDED') {
      return { ok: true, detail: `the forensics execution ${name} succeeded`, reference: executionArn };
    }
    if (status !== 'RUNNING' && status !== 'PENDING_REDRIVE') {
      const why = [described.error, described.cause].filter((part) => part !== undefined).join(': ');
      return {
        ok: false,
        failure: 'execution_failed',
        detail: truncateChars(
          `the execution ended ${String(status)}${why === '' ? '' : ` (${why})`}`,
          MAX_DETAIL,
        ),
        reference: executionArn,
      };
    }
    if (now() >= deadline) break;
    await sleep(forensics.pollSeconds * 1000);
  }
  return {
    ok: false,
    failure: 'timed_out',
    detail: `the execution did not finish within ${forensics.timeoutSeconds} s; it may still be running`,
    reference: executionArn,
  };
}

/**
 * The forensic disk collection hand-off: invokes the configured function synchronously
 * (`RequestResponse`), or starts the configured state machine and waits for it by polling
 * `DescribeExecution` (an injected sleep and clock, bounded by `timeoutSeconds`). The collection gets
 * `{ finding, instance }`, the finding redacted. The execution name is derived from the finding id and
 * the instance, so a retry waits for the same execution. A function error, a failed or timed-out
 * execution, or a refused start is a result with `ok: false` that says why.
 *
 * @throws {ContainmentError} only when the status of a started execution cannot be read.
 *
 * @example
 * ```ts
 * const collectForensics = createForensicsHandOff({ sleep: (ms) => setTimeout(ms) });
 * const result = await collectForensics({ finding, instance, forensics: config.containment.forensics });
 * ```
 */
export function createForensicsHandOff(
  options: ForensicsHandOffOptions = {},
): (request: ForensicsRequest) => Promise<ForensicsResult> {
  return (request) =>
    request.forensics.kind === 'lambda'
      ? invokeFunction(request.forensics, request, options)
      : runStateMachine(request.forensics, request, options);
}
