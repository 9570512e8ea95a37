import { LocalRuntimeError } from '../errors';
import { type CloudFormationResource, type CloudFormationTemplate } from './template';
import { isRecord } from '@soar/common';

/** Account, region and name choices for resolving a template locally; every field has a default. */
export interface ResolveOptions {
  /** Default `123456789012`. */
  readonly accountId?: string;
  /** Default `us-east-1`. */
  readonly region?: string;
  /** Default `aws`. */
  readonly partition?: string;
  /** Value of `AWS::StackName`; default `LocalStack`. */
  readonly stackName?: string;
  /** Physical name per logical id, for resources without a name of their own in the template. */
  readonly names?: Readonly<Record<string, string>>;
  /** Parameter values; parameters not listed resolve to their `Default`. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Values of `Fn::ImportValue` per export name; others resolve to `imported:<name>`. */
  readonly imports?: Readonly<Record<string, string>>;
}

/** A template plus the {@link ResolveOptions} to resolve its intrinsic functions with. */
export interface ResolveContext extends ResolveOptions {
  readonly template: CloudFormationTemplate;
}

/** The account id used when none is given. */
export const DEFAULT_ACCOUNT_ID = '123456789012';
/** The region used when none is given. */
export const DEFAULT_REGION = 'us-east-1';
/** The stack name used when none is given. */
export const DEFAULT_STACK_NAME = 'LocalStack';

const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
type Resolved = unknown;

interface Environment {
  readonly template: CloudFormationTemplate;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly stackName: string;
  readonly urlSuffix: string;
  readonly names: Readonly<Record<string, string>>;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly imports: Readonly<Record<string, string>>;
  /** Logical ids whose name property is being resolved (guards against cycles). */
  readonly resolvingNames: Set<string>;
  readonly conditions: Map<string, boolean>;
}

const environments = new WeakMap<ResolveContext, Environment>();

function environmentOf(context: ResolveContext): Environment {
  const cached = environments.get(context);
  if (cached) return cached;
  const partition = context.partition ?? 'aws';
  const environment: Environment = {
    template: context.template,
    accountId: context.accountId ?? DEFAULT_ACCOUNT_ID,
    region: context.region ?? DEFAULT_REGION,
    partition,
    stackName: context.stackName ?? DEFAULT_STACK_NAME,
    urlSuffix: partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
    names: context.names ?? {},
    parameters: context.parameters ?? {},
    imports: context.imports ?? {},
    resolvingNames: new Set(),
    conditions: new Map(),
  };
  environments.set(context, environment);
  return environment;
}

function child(at: string, key: string | number): string {
  if (typeof key === 'number') return `${at}[${key}]`;
  return at === '' ? key : `${at}.${key}`;
}

function fail(message: string, at: string, logicalId?: string): never {
  throw new LocalRuntimeError(`${message} (at ${at === '' ? 'the template root' : at})`, {
    context: { path: at, ...(logicalId === undefined ? {} : { logicalId }) },
  });
}

/**
 * Resolves the CloudFormation intrinsic functions in `value` the way CloudFormation would at deploy
 * time, with local stand-ins for what only a deployment knows (account, region, physical names).
 *
 * - `Ref`: pseudo parameters (`AWS::Region`, `AWS::AccountId`, `AWS::Partition`, `AWS::URLSuffix`,
 *   `AWS::StackName`, `AWS::StackId`, `AWS::NoValue`), parameters (their value in
 *   `context.parameters`, else their `Default`) and resources. A resource's physical name is
 *   `context.names[logicalId]`, else its own name property (`TableName`, `FunctionName`, ...),
 *   else its logical id. `Ref` returns what CloudFormation returns: the name for most types, the
 *   queue URL for SQS queues, and the ARN for Step Functions state machines, SNS topics and
 *   Secrets Manager secrets.
 * - `Fn::GetAtt`: ARNs and names of Lambda, DynamoDB (`Arn`, `StreamArn`), Step Functions, SQS, SNS,
 *   IAM, CloudWatch Logs, EventBridge, Secrets Manager, S3 and KMS resources. Any other type or
 *   attribute gives a deterministic placeholder `arn:<partition>:<service>:<region>:<account>:<logicalId>`.
 * - `Fn::Join`, `Fn::Sub` (both forms, `${!Literal}` escapes), `Fn::Select`, `Fn::Split`, `Fn::If`
 *   (template `Conditions` with `Fn::Equals`/`Fn::Not`/`Fn::And`/`Fn::Or`/`Condition`),
 *   `Fn::FindInMap`, `Fn::GetAZs`, `Fn::Base64`, `Fn::Length`, `Fn::ToJsonString`, and
 *   `Fn::ImportValue` (a placeholder `imported:<name>` unless `context.imports` has it).
 *
 * Values that resolve to `AWS::NoValue` are dropped from objects and arrays.
 *
 * @param at - where `value` sits in the template, used in error messages.
 * @throws {LocalRuntimeError} for an unknown intrinsic function, a `Ref` to nothing, or malformed
 *   arguments, naming the path in the template.
 * @example
 * ```ts
 * resolveIntrinsics(
 *   { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:::lambda:invoke']] },
 *   { template },
 * );
 * // => 'arn:aws:states:::lambda:invoke'
 * resolveIntrinsics({ 'Fn::GetAtt': ['EnrichFunction38C02156', 'Arn'] }, { template, region: 'eu-west-1' });
 * // => 'arn:aws:lambda:eu-west-1:123456789012:function:EnrichFunction38C02156'
 * ```
 */
export function resolveIntrinsics(value: unknown, context: ResolveContext, at = ''): unknown {
  const resolved = resolveValue(value, environmentOf(context), at);
  return resolved === NO_VALUE ? undefined : resolved;
}

function resolveValue(value: unknown, env: Environment, at: string): Resolved {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((item, index) => {
      const resolved = resolveValue(item, env, child(at, index));
      if (resolved !== NO_VALUE) out.push(resolved);
    });
    return out;
  }
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const [only] = keys;
  if (keys.length === 1 && only !== undefined && (only === 'Ref' || only.startsWith('Fn::'))) {
    return resolveIntrinsic(only, value[only], env, child(at, only));
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const resolved = resolveValue(item, env, child(at, key));
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function resolveString(value: unknown, env: Environment, at: string, what: string): string {
  const resolved = resolveValue(value, env, at);
  if (typeof resolved === 'string') return resolved;
  if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
  return fail(`${what} must resolve to a string, got ${describe(resolved)}`, at);
}

function resolveList(value: unknown, env: Environment, at: string, what: string): unknown[] {
  const resolved = resolveValue(value, env, at);
  if (Array.isArray(resolved)) return resolved;
  return fail(`${what} must resolve to a list, got ${describe(resolved)}`, at);
}

function describe(value: unknown): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function args(value: unknown, count: number, name: string, at: string): unknown[] {
  if (!Array.isArray(value) || value.length < count) {
    return fail(`${name} takes a list of ${count} arguments`, at);
  }
  return value;
}

function resolveIntrinsic(name: string, arg: unknown, env: Environment, at: string): Resolved {
  switch (name) {
    case 'Ref':
      if (typeof arg !== 'string') return fail('Ref takes a logical id or a parameter name', at);
      return ref(arg, env, at);
    case 'Fn::GetAtt':
      return getAttIntrinsic(arg, env, at);
    case 'Fn::Join': {
      const [delimiter, list] = args(arg, 2, name, at);
      if (typeof delimiter !== 'string') return fail('Fn::Join takes a string delimiter', at);
      return resolveList(list, env, child(at, 1), 'Fn::Join list')
        .map((item, index) => {
          if (typeof item === 'string') return item;
          if (typeof item === 'number' || typeof item === 'boolean') return String(item);
          return fail(`Fn::Join items must be strings, got ${describe(item)}`, child(child(at, 1), index));
        })
        .join(delimiter);
    }
    case 'Fn::Sub':
      return sub(arg, env, at);
    case 'Fn::Select': {
      const [index, list] = args(arg, 2, name, at);
      const position = Number(resolveValue(index, env, child(at, 0)));
      const items = resolveList(list, env, child(at, 1), 'Fn::Select list');
      if (!Number.isInteger(position) || position < 0 || position >= items.length) {
        return fail(`Fn::Select index ${String(index)} is out of range for ${items.length} item(s)`, at);
      }
      return items[position];
    }
    case 'Fn::Split': {
      const [delimiter, source] = args(arg, 2, name, at);
      if (typeof delimiter !== 'string') return fail('Fn::Split takes a string delimiter', at);
      return resolveString(source, env, child(at, 1), 'Fn::Split source').split(delimiter);
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = args(arg, 3, name, at);
      if (typeof condition !== 'string') return fail('Fn::If takes a condition name first', at);
      return evaluateCondition(condition, env, child(at, 0))
        ? resolveValue(whenTrue, env, child(at, 1))
        : resolveValue(whenFalse, env, child(at, 2));
    }
    case 'Fn::Equals':
    case 'Fn::Not':
    case 'Fn::And':
    case 'Fn::Or':
      return evaluateConditionExpression({ [name]: arg }, env, at);
    case 'Fn::ImportValue': {
      const exportName = resolveString(arg, env, at, 'Fn::ImportValue');
      return env.imports[exportName] ?? `imported:${exportName}`;
    }
    case 'Fn::GetAZs': {
      const region = resolveValue(arg, env, at);
      const base = typeof region === 'string' && region !== '' ? region : env.region;
      return [`${base}a`, `${base}b`, `${base}c`];
    }
    case 'Fn::Base64':
      return Buffer.from(resolveString(arg, env, at, 'Fn::Base64'), 'utf8').toString('base64');
    case 'Fn::FindInMap':
      return findInMap(arg, env, at);
    case 'Fn::Length':
      return resolveList(arg, env, at, 'Fn::Length').length;
    case 'Fn::ToJsonString':
      return JSON.stringify(resolveValue(arg, env, at));
    default:
      return fail(`Unsupported intrinsic function ${name}`, at);
  }
}

function ref(name: string, env: Environment, at: string): Resolved {
  switch (name) {
    case 'AWS::Region':
      return env.region;
    case 'AWS::AccountId':
      return env.accountId;
    case 'AWS::Partition':
      return env.partition;
    case 'AWS::URLSuffix':
      return env.urlSuffix;
    case 'AWS::StackName':
      return env.stackName;
    case 'AWS::StackId':
      return `arn:${env.partition}:cloudformation:${env.region}:${env.accountId}:stack/${env.stackName}/00000000-0000-0000-0000-000000000000`;
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      break;
  }
  const parameter = env.template.Parameters?.[name];
  if (parameter !== undefined) {
    const value = name in env.parameters ? env.parameters[name] : parameter.Default;
    if (value === undefined) return fail(`Parameter ${name} has no value and no Default`, at);
    const isList = parameter.Type === 'CommaDelimitedList' || parameter.Type.startsWith('List<');
    return isList && typeof value === 'string' ? value.split(',') : value;
  }
  const resource = env.template.Resources[name];
  if (resource === undefined) return fail(`Ref to ${name}, which is neither a resource nor a parameter`, at);
  return refOfResource(name, resource, env);
}

function getAttIntrinsic(arg: unknown, env: Environment, at: string): Resolved {
  let logicalId: unknown;
  let attribute: unknown;
  if (typeof arg === 'string') {
    const dot = arg.indexOf('.');
    if (dot < 0) return fail('Fn::GetAtt takes [logicalId, attribute] or "logicalId.attribute"', at);
    logicalId = arg.slice(0, dot);
    attribute = arg.slice(dot + 1);
  } else {
    [logicalId, attribute] = args(arg, 2, 'Fn::GetAtt', at);
    attribute = resolveValue(attribute, env, child(at, 1));
  }
  if (typeof logicalId !== 'string' || typeof attribute !== 'string') {
    return fail('Fn::GetAtt takes [logicalId, attribute] as strings', at);
  }
  return getAtt(logicalId, attribute, env, at);
}

function sub(arg: unknown, env: Environment, at: string): string {
  let text: unknown = arg;
  let variables: Record<string, unknown> = {};
  if (Array.isArray(arg)) {
    [text] = arg;
    const raw: unknown = arg[1];
    if (raw !== undefined) {
      if (!isRecord(raw)) return fail('Fn::Sub variables must be an object', child(at, 1));
      variables = raw;
    }
  }
  if (typeof text !== 'string') return fail('Fn::Sub takes a string or [string, variables]', at);
  return text.replace(/\$\{([^}]*)\}/g, (_match, expression: string) => {
    if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
    const name = expression.trim();
    if (name in variables) {
      return resolveString(variables[name], env, child(child(at, 1), name), `Fn::Sub variable ${name}`);
    }
    const dot = name.indexOf('.');
    const value =
      dot > 0 && !name.startsWith('AWS::')
        ? getAtt(name.slice(0, dot), name.slice(dot + 1), env, at)
        : ref(name, env, at);
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return fail(`Fn::Sub \${${name}} must resolve to a string, got ${describe(value)}`, at);
  });
}

function findInMap(arg: unknown, env: Environment, at: string): Resolved {
  const [mapName, topKey, secondKey, options] = args(arg, 3, 'Fn::FindInMap', at);
  const names = [mapName, topKey, secondKey].map((part, index) =>
    resolveString(part, env, child(at, index), 'Fn::FindInMap key'),
  );
  const value = env.template.Mappings?.[names[0] ?? '']?.[names[1] ?? '']?.[names[2] ?? ''];
  if (value !== undefined) return value;
  if (isRecord(options) && 'DefaultValue' in options) return resolveValue(options['DefaultValue'], env, at);
  return fail(`Fn::FindInMap found nothing at ${names.join('.')}`, at);
}

function evaluateCondition(name: string, env: Environment, at: string): boolean {
  const cached = env.conditions.get(name);
  if (cached !== undefined) return cached;
  const expression = env.template.Conditions?.[name];
  if (expression === undefined) return fail(`Condition ${name} is not defined in Conditions`, at);
  const value = evaluateConditionExpression(expression, env, `Conditions.${name}`);
  env.conditions.set(name, value);
  return value;
}

function evaluateConditionExpression(expression: unknown, env: Environment, at: string): boolean {
  if (typeof expression === 'boolean') return expression;
  if (expression === 'true' || expression === 'false') return expression === 'true';
  if (!isRecord(expression))
    return fail('A condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition', at);
  const [key, ...others] = Object.keys(expression);
  if (key === undefined || others.length > 0) return fail('A condition must have exactly one function', at);
  const arg = expression[key];
  const where = child(at, key);
  switch (key) {
    case 'Condition':
      if (typeof arg !== 'string') return fail('Condition takes a condition name', where);
      return evaluateCondition(arg, env, where);
    case 'Fn::Equals': {
      const [left, right] = args(arg, 2, key, where).map((item, index) =>
        resolveValue(item, env, child(where, index)),
      );
      return sameValue(left, right);
    }
    case 'Fn::Not': {
      const [inner] = args(arg, 1, key, where);
      return !evaluateConditionExpression(inner, env, child(where, 0));
    }
    case 'Fn::And':
      return args(arg, 1, key, where).every((inner, index) =>
        evaluateConditionExpression(inner, env, child(where, index)),
      );
    case 'Fn::Or':
      return args(arg, 1, key, where).some((inner, index) =>
        evaluateConditionExpression(inner, env, child(where, index)),
      );
    default: {
      const value = resolveValue(expression, env, at);
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fail(`${key} does not give a boolean condition`, at);
    }
  }
}

function sameValue(left: unknown, right: unknown): boolean {
  const primitive = (v: unknown): v is string | number | boolean =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  // CloudFormation compares the string forms: Fn::Equals [1, "1"] is true.
  if (primitive(left) && primitive(right)) return String(left) === String(right);
  return JSON.stringify(left) === JSON.stringify(right);
}

/** The property that holds a resource's own physical name, per resource type. */
const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::SSM::Parameter': 'Name',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::S3::Bucket': 'BucketName',
};

function resourceOf(logicalId: string, env: Environment, at: string): CloudFormationResource {
  const resource = env.template.Resources[logicalId];
  if (resource === undefined) return fail(`No resource ${logicalId} in the template`, at, logicalId);
  return resource;
}

function physicalName(logicalId: string, resource: CloudFormationResource, env: Environment): string {
  const given = env.names[logicalId];
  if (given !== undefined) return given;
  const property = NAME_PROPERTIES[resource.Type];
  const own = property === undefined ? undefined : resource.Properties?.[property];
  if (typeof own === 'string') return own;
  if (own !== undefined && !env.resolvingNames.has(logicalId)) {
    env.resolvingNames.add(logicalId);
    try {
      const resolved = resolveValue(own, env, `Resources.${logicalId}.Properties.${property ?? ''}`);
      if (typeof resolved === 'string') return resolved;
    } finally {
      env.resolvingNames.delete(logicalId);
    }
  }
  if (resource.Type === 'AWS::SQS::Queue' && resource.Properties?.['FifoQueue'] === true)
    return `${logicalId}.fifo`;
  return logicalId;
}

function serviceOf(type: string): string {
  const [vendor, service] = type.split('::');
  if (vendor !== 'AWS' || service === undefined || type === 'AWS::CloudFormation::CustomResource') {
    return 'cloudformation';
  }
  return service.toLowerCase();
}

function placeholderArn(logicalId: string, type: string, env: Environment): string {
  return `arn:${env.partition}:${serviceOf(type)}:${env.region}:${env.accountId}:${logicalId}`;
}

function arnOf(logicalId: string, resource: CloudFormationResource, env: Environment): string {
  const { partition: p, region: r, accountId: a } = env;
  const name = physicalName(logicalId, resource, env);
  switch (resource.Type) {
    case 'AWS::Lambda::Function':
      return `arn:${p}:lambda:${r}:${a}:function:${name}`;
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable':
      return `arn:${p}:dynamodb:${r}:${a}:table/${name}`;
    case 'AWS::StepFunctions::StateMachine':
      return `arn:${p}:states:${r}:${a}:stateMachine:${name}`;
    case 'AWS::SQS::Queue':
      return `arn:${p}:sqs:${r}:${a}:${name}`;
    case 'AWS::SNS::Topic':
      return `arn:${p}:sns:${r}:${a}:${name}`;
    case 'AWS::IAM::Role':
      return `arn:${p}:iam::${a}:role/${name}`;
    case 'AWS::IAM::ManagedPolicy':
      return `arn:${p}:iam::${a}:policy/${name}`;
    case 'AWS::Logs::LogGroup':
      return `arn:${p}:logs:${r}:${a}:log-group:${name}:*`;
    case 'AWS::Events::EventBus':
      return `arn:${p}:events:${r}:${a}:event-bus/${name}`;
    case 'AWS::Events::Rule':
      return `arn:${p}:events:${r}:${a}:rule/${name}`;
    case 'AWS::SecretsManager::Secret':
      return `arn:${p}:secretsmanager:${r}:${a}:secret:${name}`;
    case 'AWS::S3::Bucket':
      return `arn:${p}:s3:::${name}`;
    case 'AWS::KMS::Key':
      return `arn:${p}:kms:${r}:${a}:key/${logicalId}`;
    case 'AWS::SSM::Parameter':
      return `arn:${p}:ssm:${r}:${a}:parameter/${name.replace(/^\//, '')}`;
    default:
      return placeholderArn(logicalId, resource.Type, env);
  }
}

function queueUrl(name: string, env: Environment): string {
  return `https://sqs.${env.region}.${env.urlSuffix}/${env.accountId}/${name}`;
}

function refOfResource(logicalId: string, resource: CloudFormationResource, env: Environment): string {
  switch (resource.Type) {
    case 'AWS::SQS::Queue':
      return queueUrl(physicalName(logicalId, resource, env), env);
    case 'AWS::StepFunctions::StateMachine':
    case 'AWS::SNS::Topic':
    case 'AWS::SecretsManager::Secret':
    case 'AWS::IAM::ManagedPolicy':
      return arnOf(logicalId, resource, env);
    case 'AWS::KMS::Key':
      return logicalId;
    default:
      return physicalName(logicalId, resource, env);
  }
}

function getAtt(logicalId: string, attribute: string, env: Environment, at: string): string {
  const resource = resourceOf(logicalId, env, at);
  const name = (): string => physicalName(logicalId, resource, env);
  const arn = (): string => arnOf(logicalId, resource, env);
  const known: Readonly<Record<string, Readonly<Record<string, () => string>>>> = {
    'AWS::Lambda::Function': { Arn: arn },
    'AWS::DynamoDB::Table': { Arn: arn, StreamArn: () => `${arn()}/stream/1970-01-01T00:00:00.000` },
    'AWS::DynamoDB::GlobalTable': {
      Arn: arn,
      StreamArn: () => `${arn()}/stream/1970-01-01T00:00:00.000`,
      TableId: () => `${logicalId}-table-id`,
    },
    'AWS::StepFunctions::StateMachine': { Arn: arn, Name: name },
    'AWS::SQS::Queue': { Arn: arn, QueueUrl: () => queueUrl(name(), env), QueueName: name },
    'AWS::SNS::Topic': { TopicArn: arn, TopicName: name },
    'AWS::IAM::Role': { Arn: arn, RoleId: () => `AROA${logicalId.toUpperCase()}` },
    'AWS::Logs::LogGroup': { Arn: arn },
    'AWS::Events::EventBus': { Arn: arn, Name: name },
    'AWS::Events::Rule': { Arn: arn },
    'AWS::SecretsManager::Secret': { Id: arn },
    'AWS::S3::Bucket': {
      Arn: arn,
      DomainName: () => `${name()}.s3.${env.urlSuffix}`,
      RegionalDomainName: () => `${name()}.s3.${env.region}.${env.urlSuffix}`,
    },
    'AWS::KMS::Key': { Arn: arn, KeyId: () => logicalId },
  };
  const getter = known[resource.Type]?.[attribute];
  return getter ? getter() : placeholderArn(logicalId, resource.Type, env);
}

/**
 * Whether a resource exists under the context: it has no `Condition`, or its condition is true.
 *
 * @example
 * ```ts
 * isResourceEnabled('DebugQueue71AF084C', { template, parameters: { Stage: 'dev' } }); // => true
 * ```
 */
export function isResourceEnabled(logicalId: string, context: ResolveContext): boolean {
  const resource = context.template.Resources[logicalId];
  if (resource === undefined) return false;
  if (resource.Condition === undefined) return true;
  return evaluateCondition(resource.Condition, environmentOf(context), `Resources.${logicalId}.Condition`);
}

/**
 * The physical name of a resource, as {@link resolveIntrinsics} uses it.
 *
 * @example
 * ```ts
 * physicalNameOf('TicketsTableB76A19AF', { template }); // => 'TicketsTableB76A19AF'
 * physicalNameOf('TicketsTableB76A19AF', { template, names: { TicketsTableB76A19AF: 'soar-tickets' } });
 * // => 'soar-tickets'
 * ```
 */
export function physicalNameOf(logicalId: string, context: ResolveContext): string {
  const env = environmentOf(context);
  return physicalName(logicalId, resourceOf(logicalId, env, `Resources.${logicalId}`), env);
}

/**
 * The main ARN of a resource (`Fn::GetAtt [id, Arn]`, or the topic/secret ARN), or the placeholder
 * ARN for types the resolver does not know.
 *
 * @example
 * ```ts
 * resourceArnOf('TriageWorkflowDC10C799', { template });
 * // => 'arn:aws:states:us-east-1:123456789012:stateMachine:TriageWorkflowDC10C799'
 * ```
 */
export function resourceArnOf(logicalId: string, context: ResolveContext): string {
  const env = environmentOf(context);
  return arnOf(logicalId, resourceOf(logicalId, env, `Resources.${logicalId}`), env);
}
