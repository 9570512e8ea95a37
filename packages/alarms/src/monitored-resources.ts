import { parseArn, type Resource } from '@soar/asff-schema';

import type { AlarmMetricQuery } from './alarm-facts';

/** Where the alarm lives: the partition, region and account of its ARN. */
export interface AlarmLocation {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** At most this many monitored resources per finding (ASFF allows 32 resources, the alarm is one). */
export const MAX_MONITORED_RESOURCES = 10;

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const STATE_MACHINE_RESOURCE = /^stateMachine:([A-Za-z0-9_-]{1,80})$/;
const FUNCTION_RESOURCE = /^function:([A-Za-z0-9_-]{1,64})$/;

function stateMachine(arn: string): Resource | undefined {
  const parsed = parseArn(arn);
  const name = parsed === undefined ? undefined : STATE_MACHINE_RESOURCE.exec(parsed.resource)?.[1];
  if (parsed === undefined || parsed.service !== 'states' || name === undefined) return undefined;
  return {
    Type: 'AwsStepFunctionStateMachine',
    Id: arn,
    Partition: parsed.partition,
    Region: parsed.region,
    Details: { AwsStepFunctionStateMachine: { StateMachineArn: arn, Name: name } },
  };
}

function lambdaFunction(
  functionName: string,
  location: AlarmLocation,
  metricAccountId: string | undefined,
): Resource | undefined {
  // The FunctionName dimension holds a name; accept a function ARN too, as some tools write one.
  const parsed = parseArn(functionName);
  const fromArn = parsed === undefined ? undefined : FUNCTION_RESOURCE.exec(parsed.resource)?.[1];
  if (parsed !== undefined) {
    if (parsed.service !== 'lambda' || fromArn === undefined) return undefined;
    const arn = `arn:${parsed.partition}:lambda:${parsed.region}:${parsed.accountId}:function:${fromArn}`;
    return lambdaResource(arn, fromArn, parsed.partition, parsed.region);
  }
  if (!FUNCTION_NAME.test(functionName)) return undefined;
  // A cross-account alarm reads the metric from `accountId`: the function lives there, not in the alarm's account.
  const accountId =
    metricAccountId !== undefined && /^\d{12}$/.test(metricAccountId) ? metricAccountId : location.accountId;
  const arn = `arn:${location.partition}:lambda:${location.region}:${accountId}:function:${functionName}`;
  return lambdaResource(arn, functionName, location.partition, location.region);
}

function lambdaResource(arn: string, name: string, partition: string, region: string): Resource {
  return {
    Type: 'AwsLambdaFunction',
    Id: arn,
    Partition: partition,
    Region: region,
    Details: { AwsLambdaFunction: { FunctionName: name } },
  };
}

/**
 * The resources an alarm watches, when its metrics name them: an `AwsStepFunctionStateMachine` for an
 * `AWS/States` metric with a `StateMachineArn` dimension, an `AwsLambdaFunction` for an `AWS/Lambda`
 * metric with a `FunctionName` dimension (its ARN built in the metric's account, which is the alarm's
 * unless the query names another). Every query of the alarm is looked at, not only the first; each
 * resource appears once; at most {@link MAX_MONITORED_RESOURCES}. Values that are not a valid ARN or
 * function name are skipped, never guessed.
 *
 * @example
 * ```ts
 * monitoredResources(alarmFacts(detail).queries, { partition: 'aws', region: 'eu-west-1', accountId: '111122223333' });
 * // [{ Type: 'AwsLambdaFunction', Id: 'arn:aws:lambda:eu-west-1:111122223333:function:payments', ... }]
 * ```
 */
export function monitoredResources(
  queries: readonly AlarmMetricQuery[],
  location: AlarmLocation,
): Resource[] {
  const found = new Map<string, Resource>();
  for (const query of queries) {
    const dimensions = query.dimensions ?? {};
    let resource: Resource | undefined;
    if (query.namespace === 'AWS/States' && dimensions['StateMachineArn'] !== undefined) {
      resource = stateMachine(dimensions['StateMachineArn']);
    } else if (query.namespace === 'AWS/Lambda' && dimensions['FunctionName'] !== undefined) {
      resource = lambdaFunction(dimensions['FunctionName'], location, query.accountId);
    }
    if (resource !== undefined && !found.has(resource.Id)) found.set(resource.Id, resource);
    if (found.size >= MAX_MONITORED_RESOURCES) break;
  }
  return [...found.values()];
}
