import type { AlarmDescription, AlarmMetric } from './ports';

/** Where the alarm lives: the partition, region and account of its ARN. */
export interface AlarmLocation {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** A state machine an alarm watches. */
export interface StateMachineRef {
  readonly arn: string;
  readonly name: string;
}

/** A Lambda function an alarm watches: its unqualified ARN, name and default log group. */
export interface LambdaFunctionRef {
  readonly arn: string;
  readonly name: string;
}

/** What an alarm's configuration says it watches. */
export interface DetectedServices {
  readonly serviceType: 'stepfunctions' | 'lambda' | 'generic';
  readonly stateMachines: readonly StateMachineRef[];
  readonly lambdaFunctions: readonly LambdaFunctionRef[];
  /** Log groups named by the alarm's metrics (`AWS/Logs`), and each function's `/aws/lambda/<name>`. */
  readonly logGroups: readonly string[];
  /** The namespaces of the metrics looked at, for a generic alarm's context. */
  readonly namespaces: readonly string[];
}

/** At most this many services of each kind per alarm: enrichment reads each one. */
export const MAX_SERVICES = 10;

const STATE_MACHINE_ARN =
  /^arn:(aws[a-z-]*):states:([a-z0-9-]+):(\d{12}):stateMachine:([A-Za-z0-9_-]{1,80})$/;
const FUNCTION_ARN =
  /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]{1,64})(?::[A-Za-z0-9$_-]+)?$/;
const FUNCTION_NAME = /^([A-Za-z0-9_-]{1,64})(?::[A-Za-z0-9$_-]+)?$/;
const LOG_GROUP = /^[\w./#-]{1,512}$/;
/** `FunctionName = 'x'` (or `StateMachineArn = "…"`) in a Metrics Insights `WHERE` clause. */
const INSIGHTS_EQUALS = /\b(FunctionName|StateMachineArn|LogGroupName)\s*=\s*'([^']{1,512})'/g;

/**
 * A Lambda function from a `FunctionName` or `Resource` dimension (a name, `name:alias`, or an ARN),
 * in the metric's account: the alarm's own unless the query names another.
 *
 * @example
 * ```ts
 * lambdaFunctionRef('payments:live', { partition: 'aws', region: 'eu-west-1', accountId: '111122223333' });
 * // { arn: 'arn:aws:lambda:eu-west-1:111122223333:function:payments', name: 'payments' }
 * ```
 */
export function lambdaFunctionRef(
  value: string,
  location: AlarmLocation,
  metricAccountId?: string,
): LambdaFunctionRef | undefined {
  const arn = FUNCTION_ARN.exec(value);
  if (arn !== null) {
    const [, partition, region, accountId, name] = arn;
    if (name === undefined) return undefined;
    return { arn: `arn:${partition}:lambda:${region}:${accountId}:function:${name}`, name };
  }
  const name = FUNCTION_NAME.exec(value)?.[1];
  if (name === undefined) return undefined;
  const accountId =
    metricAccountId !== undefined && /^\d{12}$/.test(metricAccountId) ? metricAccountId : location.accountId;
  return { arn: `arn:${location.partition}:lambda:${location.region}:${accountId}:function:${name}`, name };
}

/**
 * A state machine from its ARN; `undefined` for anything else (an execution or alias ARN, a name).
 *
 * @example
 * ```ts
 * stateMachineRef('arn:aws:states:eu-west-1:111122223333:stateMachine:orders')?.name; // 'orders'
 * ```
 */
export function stateMachineRef(arn: string): StateMachineRef | undefined {
  const name = STATE_MACHINE_ARN.exec(arn)?.[4];
  return name === undefined ? undefined : { arn, name };
}

/** The function's default log group. */
export function lambdaLogGroup(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

class Found {
  readonly stateMachines = new Map<string, StateMachineRef>();
  readonly lambdaFunctions = new Map<string, LambdaFunctionRef>();
  readonly logGroups = new Set<string>();
  readonly namespaces = new Set<string>();

  add(
    kind: 'StateMachineArn' | 'FunctionName' | 'LogGroupName',
    value: string,
    metric: AlarmMetric,
    at: AlarmLocation,
  ) {
    if (kind === 'StateMachineArn') {
      const ref = stateMachineRef(value);
      if (ref !== undefined && this.stateMachines.size < MAX_SERVICES) this.stateMachines.set(ref.arn, ref);
    } else if (kind === 'FunctionName') {
      const ref = lambdaFunctionRef(value, at, metric.accountId);
      if (ref !== undefined && this.lambdaFunctions.size < MAX_SERVICES)
        this.lambdaFunctions.set(ref.arn, ref);
    } else if (LOG_GROUP.test(value) && this.logGroups.size < MAX_SERVICES) {
      this.logGroups.add(value);
    }
  }
}

function lookAt(metric: AlarmMetric, location: AlarmLocation, found: Found): void {
  const { namespace, dimensions } = metric;
  if (namespace !== undefined && namespace !== '') found.namespaces.add(namespace);
  if (namespace === 'AWS/States') {
    if (dimensions['StateMachineArn'] !== undefined)
      found.add('StateMachineArn', dimensions['StateMachineArn'], metric, location);
    // Service-integration metrics of Step Functions name the Lambda function a task invokes.
    if (dimensions['LambdaFunctionArn'] !== undefined)
      found.add('FunctionName', dimensions['LambdaFunctionArn'], metric, location);
  } else if (namespace === 'AWS/Lambda') {
    const fn = dimensions['FunctionName'] ?? dimensions['Resource'];
    if (fn !== undefined) found.add('FunctionName', fn, metric, location);
  } else if (namespace === 'AWS/Logs' && dimensions['LogGroupName'] !== undefined) {
    found.add('LogGroupName', dimensions['LogGroupName'], metric, location);
  }
  // A Metrics Insights query names its resources in its WHERE clause.
  for (const match of metric.expression?.matchAll(INSIGHTS_EQUALS) ?? []) {
    const [, kind, value] = match;
    if (kind === 'StateMachineArn' || kind === 'FunctionName' || kind === 'LogGroupName')
      found.add(kind, value ?? '', metric, location);
  }
}

/**
 * The state machines, Lambda functions and log groups an alarm watches, from its configuration:
 * its own metric, every `Metrics[]` entry (metric math, anomaly detection, Metrics Insights queries)
 * and, for a composite alarm, the configurations of its children (pass them in `children`). Values
 * that are not a valid ARN or name are skipped, never guessed; each service appears once, at most
 * {@link MAX_SERVICES} of each kind. Pure.
 *
 * @example
 * ```ts
 * const services = detectServices([alarm], { partition: 'aws', region: 'eu-west-1', accountId: '111122223333' });
 * services.serviceType; // 'stepfunctions'
 * ```
 */
export function detectServices(
  alarms: readonly AlarmDescription[],
  location: AlarmLocation,
): DetectedServices {
  const found = new Found();
  for (const alarm of alarms) {
    if (alarm.metric !== undefined) lookAt(alarm.metric, location, found);
    for (const metric of alarm.metrics) lookAt(metric, location, found);
  }
  return servicesOf(found);
}

/**
 * Services from what the finding itself names (the `Resources` that `@soar/alarms` adds), used when
 * the alarm's configuration cannot be read.
 *
 * @example
 * ```ts
 * servicesFromArns(['arn:aws:lambda:eu-west-1:111122223333:function:payments'], location).serviceType; // 'lambda'
 * ```
 */
export function servicesFromArns(arns: readonly string[], location: AlarmLocation): DetectedServices {
  const found = new Found();
  const none: AlarmMetric = { dimensions: {} };
  for (const arn of arns) {
    if (stateMachineRef(arn) !== undefined) found.add('StateMachineArn', arn, none, location);
    else if (FUNCTION_ARN.test(arn)) found.add('FunctionName', arn, none, location);
  }
  return servicesOf(found);
}

function servicesOf(found: Found): DetectedServices {
  const lambdaFunctions = [...found.lambdaFunctions.values()];
  const logGroups = new Set(found.logGroups);
  for (const fn of lambdaFunctions) logGroups.add(lambdaLogGroup(fn.name));
  return {
    serviceType:
      found.stateMachines.size > 0 ? 'stepfunctions' : lambdaFunctions.length > 0 ? 'lambda' : 'generic',
    stateMachines: [...found.stateMachines.values()],
    lambdaFunctions,
    logGroups: [...logGroups],
    namespaces: [...found.namespaces],
  };
}

const RULE_CALL =
  /\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^()"'\s][^()]*?)\s*\)/g;

/**
 * The names of the alarms a composite alarm's rule refers to (`ALARM(name)`, `OK("name")`,
 * `INSUFFICIENT_DATA(arn)`), each once, in order, at most `max`. ARNs become names.
 *
 * @example
 * ```ts
 * compositeChildren('ALARM("db-cpu") OR (ALARM(api-5xx) AND NOT OK(arn:aws:cloudwatch:eu-west-1:111122223333:alarm:q))', 10);
 * // ['db-cpu', 'api-5xx', 'q']
 * ```
 */
export function compositeChildren(rule: string, max: number): string[] {
  const names = new Set<string>();
  for (const match of rule.matchAll(RULE_CALL)) {
    let name = (match[1] ?? '').trim();
    if (/^["'].*["']$/s.test(name)) name = name.slice(1, -1).replace(/\\(.)/g, '$1');
    const fromArn = /^arn:[^:]+:cloudwatch:[^:]*:\d{12}:alarm:(.+)$/.exec(name)?.[1];
    if (fromArn !== undefined) name = fromArn;
    if (name !== '' && name.length <= 255) names.add(name);
    if (names.size >= max) break;
  }
  return [...names];
}
