import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { errorName, lambdaTask, type RetryProfile } from '@soar/constructs';
import { AccountLookupError } from '@soar/accounts';
import { SecurityHubThrottlingError } from '@soar/security-hub';
import { TicketInProgressError, TicketSystemError } from '@soar/tickets';
import { GateDataError, WatermarkError } from '@soar/workflow';
import { Construct } from 'constructs';

/** The functions the finding processor runs, one per step. */
export interface FindingProcessorFunctions {
  readonly Suppress: lambda.IFunction;
  readonly Remediate: lambda.IFunction;
  readonly Ticket: lambda.IFunction;
  readonly NotifyFixed: lambda.IFunction;
  readonly CloseTicket: lambda.IFunction;
  readonly RecordFailure: lambda.IFunction;
}

/** Throttling and transient errors of the services the steps call, by the classes the libraries throw. */
export const SERVICE_TRANSIENT: RetryProfile = {
  errors: [
    errorName(SecurityHubThrottlingError),
    errorName(GateDataError),
    errorName(AccountLookupError),
    errorName(WatermarkError),
    'States.Timeout',
  ],
  interval: Duration.seconds(5),
  maxAttempts: 4,
  backoffRate: 2,
  maxDelay: Duration.seconds(30),
};

/** The ticket system failed (the claim was released): try again a few times, then record a failure. */
export const TICKET_SYSTEM: RetryProfile = {
  errors: [errorName(TicketSystemError)],
  interval: Duration.seconds(10),
  maxAttempts: 3,
  backoffRate: 2,
  maxDelay: Duration.seconds(60),
};

/** Another execution is opening the same ticket: wait for it (a claim holds for 300 s). */
export const TICKET_BUSY: RetryProfile = {
  errors: [errorName(TicketInProgressError)],
  interval: Duration.seconds(15),
  maxAttempts: 8,
  backoffRate: 1.5,
  maxDelay: Duration.seconds(60),
};

/** State names: what the traces, the CLI and the tests call each step. */
export const STATE_NAMES = {
  route: 'Route',
  suppress: 'Suppress',
  remediate: 'Remediate',
  remediationOutcome: 'RemediationOutcome',
  ticket: 'TicketTeam',
  notifyFixed: 'NotifyFixed',
  closeTicket: 'CloseTicket',
  recordFailure: 'RecordFailure',
  notHandled: 'FindingNotHandled',
  reconsiderLater: 'ReconsiderLater',
  unexpectedRoute: 'UnexpectedRoute',
} as const;

/**
 * The end of every SOAR workflow's failure path: a step that still fails after its retries is caught
 * into the RecordFailure task (which writes the failure row), then a Fail state. Returns that task,
 * and what each task adds its Catch with.
 */
export function failureTail(
  scope: Construct,
  names: { readonly recordFailure: string; readonly notHandled: string },
  recordFailureFunction: lambda.IFunction,
  fail: { readonly error: string; readonly cause: string },
): {
  readonly recordFailure: sfn.IChainable;
  readonly caught: <T extends sfn.TaskStateBase>(task: T) => T;
} {
  const recordFailure = lambdaTask(scope, names.recordFailure, recordFailureFunction, Duration.seconds(30), [
    { ...SERVICE_TRANSIENT, errors: ['States.TaskFailed'] },
  ]).next(new sfn.Fail(scope, names.notHandled, fail));
  const caught = <T extends sfn.TaskStateBase>(task: T): T =>
    task.addCatch(recordFailure, { errors: ['States.ALL'], resultPath: '$.error' }) as T;
  return { recordFailure, caught };
}

/**
 * A SOAR workflow: standard, traced by X-Ray, at most two hours, with a log group of its own that
 * records states and errors, never the execution data (it holds findings and account metadata).
 */
export function soarStateMachine(
  scope: Construct,
  definition: sfn.IChainable,
  props: {
    readonly comment: string;
    readonly logRetentionDays: logs.RetentionDays;
    readonly retainLogs: boolean;
  },
): { readonly stateMachine: sfn.StateMachine; readonly logGroup: logs.LogGroup } {
  const logGroup = new logs.LogGroup(scope, 'Logs', {
    retention: props.logRetentionDays,
    removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const stateMachine = new sfn.StateMachine(scope, 'StateMachine', {
    definitionBody: sfn.DefinitionBody.fromChainable(definition),
    stateMachineType: sfn.StateMachineType.STANDARD,
    comment: props.comment,
    timeout: Duration.hours(2),
    tracingEnabled: true,
    logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
  });
  return { stateMachine, logGroup };
}

/**
 * The finding processor: one execution per finding event that needs work (intake decided it and
 * named the execution after the event). It starts at the decision, so every route is short:
 *
 * ```
 * Route ─ suppress ─────▶ Suppress
 *       ├ ticket ───────▶ TicketTeam
 *       ├ close_ticket ─▶ CloseTicket
 *       └ remediate ────▶ Remediate ─▶ RemediationOutcome ─ remediated ───────▶ NotifyFixed
 *                            │ (Catch)                    ├ resource_gone ────▶ Suppress
 *                            │                            ├ opted_out (suppress) ▶ Suppress
 *                            └──────────▶ TicketTeam ◀────┤ not_done/opted_out (ticket)
 *                                                         └ reconsider_later ─▶ ReconsiderLater
 * every task ─(Catch, after its retries)─▶ RecordFailure ─▶ FindingNotHandled (alarmed)
 * ```
 *
 * JSONPath only (the local runtime does not run JSONata). Every task retries transient errors with a
 * bounded delay and catches everything else: a failed remediation becomes a ticket carrying the
 * error; any other failure is recorded and fails the execution, which raises the alarm.
 */
export class FindingProcessor extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly logGroup: logs.LogGroup;

  public constructor(
    scope: Construct,
    id: string,
    props: {
      readonly functions: FindingProcessorFunctions;
      readonly logRetentionDays: logs.RetentionDays;
      readonly retainLogs: boolean;
    },
  ) {
    super(scope, id);
    const { functions } = props;
    const invoke = (
      name: string,
      fn: lambda.IFunction,
      timeout: Duration,
      profiles: readonly RetryProfile[],
    ) => lambdaTask(this, name, fn, timeout, profiles);

    const { recordFailure, caught: onFailure } = failureTail(this, STATE_NAMES, functions.RecordFailure, {
      error: 'FindingNotHandled',
      cause: 'SOAR could not handle this finding: the failures table and the execution history say why.',
    });

    const suppress = onFailure(
      invoke(STATE_NAMES.suppress, functions.Suppress, Duration.seconds(60), [SERVICE_TRANSIENT]),
    );
    const ticket = onFailure(
      invoke(STATE_NAMES.ticket, functions.Ticket, Duration.seconds(90), [
        SERVICE_TRANSIENT,
        TICKET_SYSTEM,
        TICKET_BUSY,
      ]),
    );
    const notifyFixed = onFailure(
      invoke(STATE_NAMES.notifyFixed, functions.NotifyFixed, Duration.seconds(60), [SERVICE_TRANSIENT]),
    );
    const closeTicket = onFailure(
      invoke(STATE_NAMES.closeTicket, functions.CloseTicket, Duration.seconds(90), [
        SERVICE_TRANSIENT,
        TICKET_SYSTEM,
      ]),
    );
    // A remediation that fails after its retries is a ticket that carries the error (never a suppression).
    const remediate = invoke(STATE_NAMES.remediate, functions.Remediate, Duration.minutes(5), []).addCatch(
      ticket,
      {
        errors: ['States.ALL'],
        resultPath: '$.error',
      },
    );
    const outcome = new sfn.Choice(this, STATE_NAMES.remediationOutcome)
      .when(sfn.Condition.stringEquals('$.remediation.kind', 'remediated'), notifyFixed)
      .when(sfn.Condition.stringEquals('$.remediation.kind', 'resource_gone'), suppress)
      // An opted-out resource's finding is suppressed (the note names the tag) unless configured to ticket.
      .when(
        sfn.Condition.and(
          sfn.Condition.stringEquals('$.remediation.kind', 'opted_out'),
          sfn.Condition.booleanEquals('$.pad.actions.suppress_finding', true),
        ),
        suppress,
      )
      .when(
        sfn.Condition.stringEquals('$.remediation.kind', 'reconsider_later'),
        new sfn.Succeed(this, STATE_NAMES.reconsiderLater, {
          comment: 'Not now: a later import brings the finding back.',
        }),
      )
      .otherwise(ticket);
    const unexpected = new sfn.Pass(this, STATE_NAMES.unexpectedRoute, {
      comment: 'Intake starts executions only for routes that need work; anything else is a bug.',
      result: sfn.Result.fromObject({
        Error: 'UnexpectedRoute',
        Cause: 'The decision route needs no execution.',
      }),
      resultPath: '$.error',
    }).next(recordFailure);

    const route = new sfn.Choice(this, STATE_NAMES.route)
      .when(sfn.Condition.stringEquals('$.decision.route', 'suppress'), suppress)
      .when(sfn.Condition.stringEquals('$.decision.route', 'ticket'), ticket)
      .when(sfn.Condition.stringEquals('$.decision.route', 'close_ticket'), closeTicket)
      .when(sfn.Condition.stringEquals('$.decision.route', 'remediate'), remediate.next(outcome))
      .otherwise(unexpected);

    ({ stateMachine: this.stateMachine, logGroup: this.logGroup } = soarStateMachine(this, route, {
      comment: 'SOAR finding processor: acts on the decision intake made for one finding event.',
      logRetentionDays: props.logRetentionDays,
      retainLogs: props.retainLogs,
    }));
  }
}
