import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { alarmHistoryKey, type EnrichmentPorts, type IncidentRecord } from '@soar/enrichment';
import { DynamoIncidentHistory } from '@soar/enrichment/aws';
import {
  isErrorLine,
  type AlarmDescription,
  type AlarmMetric,
  type ExecutionSummary,
  type HistoryEvent,
} from '@soar/enrichment/ports';
import type { ContainmentPorts } from '@soar/incidents';
import * as z from 'zod';
import { AccountIdSchema, DateSchema } from './world-values';

/*
 * The parts of the world that incidents read: the EC2 instances a GuardDuty finding names (for
 * containment) and what an alarm's context is gathered from (the alarm's configuration, the failed
 * Step Functions executions, the Lambda error logs and the alarm's earlier incidents). Each maps to
 * what the AWS API would answer, so that `soar simulate` shows what the deployed stack would do with
 * the same state in AWS.
 */

const RegionSchema = z
  .string()
  .regex(/^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/, 'must be a region name such as eu-west-1');

/** An EC2 instance as `DescribeInstances` would find it when SOAR re-reads it before containment. */
export const WorldInstanceSchema = z.strictObject({
  instanceId: z.string().regex(/^i-[0-9a-f]{8,17}$/, 'must be an instance id such as i-0abc1234def567890'),
  accountId: AccountIdSchema,
  region: RegionSchema,
  /** The EC2 state name: `pending`, `running`, `stopping`, `stopped`, `shutting-down`, `terminated`. */
  state: z
    .enum(['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'])
    .default('running'),
  tags: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  /** `DisableApiTermination`. */
  terminationProtection: z.boolean().default(false),
  /**
   * What the configured forensic collection (`incidents.containment.forensics`) does for this
   * instance: `collected` (default) or `failed`, in which case the instance must be left running.
   */
  forensics: z.enum(['collected', 'failed']).default('collected'),
});
export type WorldInstance = z.infer<typeof WorldInstanceSchema>;

const WorldMetricSchema = z.strictObject({
  /** The `Metrics[].Id` of a metric math entry. */
  id: z.string().min(1).optional(),
  namespace: z.string().min(1).optional(),
  metricName: z.string().min(1).optional(),
  dimensions: z.record(z.string(), z.string()).default({}),
  period: z.number().int().positive().optional(),
  expression: z.string().min(1).optional(),
});

/** An alarm as `DescribeAlarms` would describe it in its account and region. */
export const WorldAlarmSchema = z.strictObject({
  name: z.string().min(1),
  accountId: AccountIdSchema,
  region: RegionSchema,
  kind: z.enum(['metric', 'composite']).default('metric'),
  /** The alarm's single metric (leave out for metric math and composite alarms). */
  namespace: z.string().min(1).optional(),
  metricName: z.string().min(1).optional(),
  dimensions: z.record(z.string(), z.string()).default({}),
  /** Seconds. */
  period: z.number().int().positive().optional(),
  evaluationPeriods: z.number().int().positive().optional(),
  datapointsToAlarm: z.number().int().positive().optional(),
  /** The `Metrics[]` entries of a metric math alarm. */
  metrics: z.array(WorldMetricSchema).default([]),
  /** The rule of a composite alarm, such as `ALARM(a) OR ALARM("b")`. */
  alarmRule: z.string().min(1).optional(),
});
export type WorldAlarm = z.infer<typeof WorldAlarmSchema>;

/**
 * A Step Functions execution; a failed one says where and why it failed, and its history is made
 * from that (the state entered, the Lambda task that failed, the failure, the execution's end).
 */
export const WorldExecutionSchema = z.strictObject({
  stateMachineArn: z
    .string()
    .regex(/^arn:[^:]+:states:[^:]+:\d{12}:stateMachine:.+$/, 'must be a state machine ARN'),
  name: z.string().min(1),
  status: z.enum(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'RUNNING']).default('FAILED'),
  startDate: DateSchema,
  stopDate: DateSchema.optional(),
  /** The state that failed. */
  failedState: z.string().min(1).optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
  /** The Lambda function (ARN) the failed state invoked: its error logs are then read. */
  lambdaFunctionArn: z
    .string()
    .regex(/^arn:[^:]+:lambda:[^:]+:\d{12}:function:[^:]+$/, 'must be a Lambda function ARN')
    .optional(),
});
export type WorldExecution = z.infer<typeof WorldExecutionSchema>;

/** One line of a CloudWatch Logs log group, in the alarm's account and region. */
export const WorldLogEventSchema = z.strictObject({
  logGroupName: z.string().min(1),
  timestamp: DateSchema,
  message: z.string(),
  logStreamName: z.string().min(1).optional(),
});
export type WorldLogEvent = z.infer<typeof WorldLogEventSchema>;

/** Earlier incidents of one alarm, as SOAR's incident history would hold them. */
export const WorldIncidentHistorySchema = z.strictObject({
  alarmName: z.string().min(1),
  accountId: AccountIdSchema,
  region: RegionSchema,
  severity: z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).optional(),
  /** When each earlier incident occurred. */
  times: z.array(DateSchema).min(1),
});
export type WorldIncidentHistory = z.infer<typeof WorldIncidentHistorySchema>;

/** What an alarm's context is gathered from. Executions and log events are in the alarm's account. */
export const WorldAlarmContextSchema = z.strictObject({
  alarms: z.array(WorldAlarmSchema).default([]),
  executions: z.array(WorldExecutionSchema).default([]),
  logEvents: z.array(WorldLogEventSchema).default([]),
  history: z.array(WorldIncidentHistorySchema).default([]),
});
export type WorldAlarmContext = z.infer<typeof WorldAlarmContextSchema>;

/**
 * Containment over the world's instances: the instance is read as the world lists it (an instance
 * it does not list does not exist), forensic collection does what the instance's `forensics` says,
 * and a termination moves it to `shutting-down`, so a second finding about it finds it no longer
 * running. `terminated` lists what was terminated, in order.
 *
 * @example
 * ```ts
 * const containment = worldContainment(world.instances);
 * await containIncident(finding, context, config, containment);
 * containment.terminated; // ['i-0abc1234def567890']
 * ```
 */
export function worldContainment(
  instances: readonly WorldInstance[],
): ContainmentPorts & { readonly terminated: readonly string[] } {
  const states = new Map(instances.map((instance) => [key(instance), { ...instance }]));
  const terminated: string[] = [];
  function key(ref: { instanceId: string; accountId: string; region: string }) {
    return `${ref.accountId}/${ref.region}/${ref.instanceId}`;
  }
  return {
    terminated,
    readInstance(ref) {
      const instance = states.get(key(ref));
      return Promise.resolve(
        instance === undefined
          ? { found: false, instanceId: ref.instanceId }
          : {
              found: true,
              instanceId: instance.instanceId,
              state: instance.state,
              tags: { ...instance.tags },
              terminationProtection: instance.terminationProtection,
            },
      );
    },
    collectForensics({ instance: ref, forensics }) {
      const instance = states.get(key(ref));
      const where = forensics.kind === 'lambda' ? forensics.functionArn : forensics.stateMachineArn;
      return Promise.resolve(
        instance?.forensics === 'failed'
          ? {
              ok: false,
              failure: forensics.kind === 'lambda' ? 'function_error' : 'execution_failed',
              detail: `${where} reported a failure (the world says so)`,
            }
          : { ok: true, detail: `${where} collected the disks of ${ref.instanceId}` },
      );
    },
    terminateInstance(ref) {
      const instance = states.get(key(ref));
      // As EC2 answers for an instance that does not exist.
      if (instance === undefined)
        return Promise.reject(new Error(`InvalidInstanceID.NotFound: ${ref.instanceId} does not exist`));
      const previousState = instance.state;
      instance.state = 'shutting-down';
      terminated.push(ref.instanceId);
      return Promise.resolve({ previousState, currentState: instance.state });
    },
  };
}

/**
 * The sources of an alarm's context over the world: its alarms, executions and log events, in the
 * alarm's own account and region, answered as the AWS APIs page them; the history is SOAR's own
 * table (seed it with {@link seedIncidentHistory}).
 *
 * @example
 * ```ts
 * const enrichment = { portsFor: worldAlarmContext(world.alarmContext, { dynamodb, historyTableName, clock }) };
 * ```
 */
export function worldAlarmContext(
  context: WorldAlarmContext,
  options: {
    readonly dynamodb: Pick<DynamoDBClient, 'send'>;
    readonly historyTableName: string;
    readonly clock: () => Date;
  },
): (alarm: { readonly accountId: string; readonly region: string }) => EnrichmentPorts {
  const history = new DynamoIncidentHistory({
    dynamodb: options.dynamodb,
    tableName: options.historyTableName,
  });
  return (alarm) => {
    const here = (arn: string) => arnPart(arn, 4) === alarm.accountId && arnPart(arn, 3) === alarm.region;
    const executions = context.executions.filter((execution) => here(execution.stateMachineArn));
    const alarms = context.alarms.filter(
      (candidate) => candidate.accountId === alarm.accountId && candidate.region === alarm.region,
    );
    return {
      alarms: {
        describeAlarms: (names) =>
          Promise.resolve(alarms.filter((a) => names.includes(a.name)).map(alarmDescription)),
      },
      executions: {
        listExecutions(request) {
          const matching = executions
            .filter(
              (execution) =>
                execution.stateMachineArn === request.stateMachineArn &&
                (request.statusFilter === undefined || execution.status === request.statusFilter),
            )
            .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
          const { items, nextToken } = pageOf(matching, request.nextToken, request.maxResults);
          return Promise.resolve({ executions: items.map(executionSummary), ...nextToken });
        },
        executionHistory(request) {
          const execution = executions.find((e) => executionArn(e) === request.executionArn);
          const events = execution === undefined ? [] : executionHistory(execution);
          return Promise.resolve(events.reverse().slice(0, request.maxResults));
        },
      },
      logs: {
        filterLogEvents(request) {
          const matching = context.logEvents
            .filter(
              (event) =>
                event.logGroupName === request.logGroupName &&
                event.timestamp.getTime() >= request.startTime &&
                event.timestamp.getTime() <= request.endTime &&
                // The world answers the error pattern as CloudWatch Logs would: error lines only.
                isErrorLine(event.message),
            )
            .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
          const { items, nextToken } = pageOf(matching, request.nextToken, request.limit);
          return Promise.resolve({
            events: items.map((event) => ({
              timestamp: event.timestamp.getTime(),
              message: event.message,
              ...(event.logStreamName === undefined ? {} : { logStreamName: event.logStreamName }),
            })),
            ...nextToken,
          });
        },
      },
      history,
      clock: options.clock,
    };
  };
}

/**
 * Writes the world's earlier incidents into SOAR's incident history table, as the incidents
 * workflow would have recorded them.
 *
 * @example
 * ```ts
 * await seedIncidentHistory(world.alarmContext.history, { dynamodb, historyTableName });
 * ```
 */
export async function seedIncidentHistory(
  history: readonly WorldIncidentHistory[],
  options: { readonly dynamodb: Pick<DynamoDBClient, 'send'>; readonly historyTableName: string },
): Promise<void> {
  const table = new DynamoIncidentHistory({
    dynamodb: options.dynamodb,
    tableName: options.historyTableName,
  });
  for (const alarm of history) {
    for (const occurredAt of alarm.times) {
      const record: IncidentRecord = {
        alarmKey: alarmHistoryKey(alarm),
        occurredAt,
        incidentId: `world:${alarm.alarmName}:${occurredAt.toISOString()}`,
        alarmName: alarm.alarmName,
        accountId: alarm.accountId,
        region: alarm.region,
        severity: alarm.severity,
      };
      await table.record(record);
    }
  }
}

/** One page of `all` as the AWS APIs page: from the `nextToken` offset, with the next one if more remain. */
function pageOf<T>(
  all: readonly T[],
  token: string | undefined,
  size: number,
): { items: readonly T[]; nextToken: { nextToken?: string } } {
  const from = Number(token ?? '0');
  const items = all.slice(from, from + size);
  const next = from + items.length;
  return { items, nextToken: next < all.length ? { nextToken: String(next) } : {} };
}

function arnPart(arn: string, index: number): string | undefined {
  return arn.split(':')[index];
}

function alarmDescription(alarm: WorldAlarm): AlarmDescription {
  const metric = (m: z.infer<typeof WorldMetricSchema>): AlarmMetric => ({
    id: m.id,
    namespace: m.namespace,
    metricName: m.metricName,
    dimensions: m.dimensions,
    period: m.period,
    expression: m.expression,
  });
  return {
    kind: alarm.kind,
    name: alarm.name,
    arn: `arn:aws:cloudwatch:${alarm.region}:${alarm.accountId}:alarm:${alarm.name}`,
    metric:
      alarm.metricName === undefined
        ? undefined
        : {
            namespace: alarm.namespace,
            metricName: alarm.metricName,
            dimensions: alarm.dimensions,
            period: alarm.period,
          },
    metrics: alarm.metrics.map(metric),
    period: alarm.period,
    evaluationPeriods: alarm.evaluationPeriods,
    datapointsToAlarm: alarm.datapointsToAlarm,
    alarmRule: alarm.alarmRule,
  };
}

function executionArn(execution: WorldExecution): string {
  return `${execution.stateMachineArn.replace(':stateMachine:', ':execution:')}:${execution.name}`;
}

function executionSummary(execution: WorldExecution): ExecutionSummary {
  return {
    executionArn: executionArn(execution),
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: execution.startDate,
    stopDate: execution.stopDate,
  };
}

/** The history Step Functions would keep of the execution, oldest first. */
function executionHistory(execution: WorldExecution): HistoryEvent[] {
  const at = execution.stopDate ?? execution.startDate;
  const events: Omit<HistoryEvent, 'id'>[] = [{ type: 'ExecutionStarted', timestamp: execution.startDate }];
  if (execution.failedState !== undefined)
    events.push({ type: 'TaskStateEntered', stateName: execution.failedState, timestamp: at });
  if (execution.status === 'FAILED') {
    if (execution.lambdaFunctionArn !== undefined) {
      events.push({
        type: 'TaskScheduled',
        resourceType: 'lambda',
        resource: 'invoke',
        parameters: JSON.stringify({ FunctionName: execution.lambdaFunctionArn }),
        timestamp: at,
      });
      events.push({
        type: 'TaskFailed',
        resourceType: 'lambda',
        resource: 'invoke',
        error: execution.error,
        cause: execution.cause,
        timestamp: at,
      });
    }
    events.push({ type: 'ExecutionFailed', error: execution.error, cause: execution.cause, timestamp: at });
  } else if (execution.status === 'TIMED_OUT') {
    events.push({ type: 'ExecutionTimedOut', error: execution.error, cause: execution.cause, timestamp: at });
  } else if (execution.status === 'ABORTED') {
    events.push({ type: 'ExecutionAborted', timestamp: at });
  }
  return events.map((event, index) => ({ ...event, id: index + 1 }));
}
