import { contextFor } from '../cloudformation/context';
import {
  isResourceEnabled,
  resolveIntrinsics,
  resourceArnOf,
  type ResolveContext,
  type ResolveOptions,
} from '../cloudformation/resolve';
import { constructPathOf, type CloudFormationTemplate } from '../cloudformation/template';
import { LocalRuntimeError } from '../errors';
import { isRecord } from '@soar/common';

/** One target of an EventBridge rule, resolved. */
export interface LocalEventTarget {
  readonly id: string;
  readonly arn: string;
  /** Logical id of the template resource the ARN points to, when it is one. */
  readonly targetLogicalId?: string;
  /** `Input`: the constant JSON sent instead of the event (parsed; the raw text if it is not JSON). */
  readonly input?: unknown;
  /** `InputPath`: the JSONPath of the part of the event that is sent. */
  readonly inputPath?: string;
  /** `InputTransformer`. */
  readonly inputTransformer?: {
    readonly inputPathsMap?: Readonly<Record<string, string>>;
    readonly inputTemplate: string;
  };
  readonly roleArn?: string;
  /** `DeadLetterConfig.Arn`: the SQS queue that gets events the target could not take. */
  readonly deadLetterArn?: string;
  readonly retryPolicy?: {
    readonly maximumRetryAttempts?: number;
    readonly maximumEventAgeInSeconds?: number;
  };
}

/** An `AWS::Events::Rule` with an event pattern, resolved. */
export interface LocalEventRule {
  readonly logicalId: string;
  readonly constructPath?: string;
  /** The bus name (`default` when the rule names none; a bus ARN is reduced to its name). */
  readonly eventBusName: string;
  /** The event pattern object; match events with {@link matchesEventPattern}. */
  readonly eventPattern: unknown;
  /** `State` is `ENABLED` (or absent, or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`). */
  readonly enabled: boolean;
  readonly targets: readonly LocalEventTarget[];
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The logical id an ARN expression refers to: `{Ref: X}`, `{Fn::GetAtt: [X, ...]}`, or a known ARN. */
function targetLogicalIdOf(raw: unknown, arn: string, arns: ReadonlyMap<string, string>): string | undefined {
  if (isRecord(raw)) {
    const reference = raw['Ref'];
    if (typeof reference === 'string' && !reference.startsWith('AWS::')) return reference;
    const getAtt = raw['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
    if (typeof getAtt === 'string') return getAtt.split('.')[0];
  }
  return arns.get(arn) ?? arns.get(arn.replace(/:(\$LATEST|[A-Za-z0-9_-]+)$/, ''));
}

function busNameOf(value: unknown): string {
  if (typeof value !== 'string' || value === '') return 'default';
  const match = /:event-bus\/(.+)$/.exec(value);
  return match?.[1] ?? value;
}

function targetOf(
  raw: unknown,
  at: string,
  context: ResolveContext,
  arns: ReadonlyMap<string, string>,
): LocalEventTarget {
  if (!isRecord(raw))
    throw new LocalRuntimeError(`A rule target must be an object (at ${at})`, { context: { path: at } });
  const target = resolveIntrinsics(raw, context, at);
  if (!isRecord(target) || typeof target['Arn'] !== 'string' || typeof target['Id'] !== 'string') {
    throw new LocalRuntimeError(`A rule target needs an Id and an Arn (at ${at})`, { context: { path: at } });
  }
  const arn = target['Arn'];
  const logicalId = targetLogicalIdOf(raw['Arn'], arn, arns);
  const input = optionalString(target['Input']);
  const inputPath = optionalString(target['InputPath']);
  const transformer = isRecord(target['InputTransformer']) ? target['InputTransformer'] : undefined;
  const roleArn = optionalString(target['RoleArn']);
  const deadLetterArn = isRecord(target['DeadLetterConfig'])
    ? optionalString(target['DeadLetterConfig']['Arn'])
    : undefined;
  const retry = isRecord(target['RetryPolicy']) ? target['RetryPolicy'] : undefined;
  const parseInput = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  return {
    id: target['Id'],
    arn,
    ...(logicalId === undefined ? {} : { targetLogicalId: logicalId }),
    ...(input === undefined ? {} : { input: parseInput(input) }),
    ...(inputPath === undefined ? {} : { inputPath }),
    ...(transformer === undefined
      ? {}
      : {
          inputTransformer: {
            ...(isRecord(transformer['InputPathsMap'])
              ? {
                  inputPathsMap: Object.fromEntries(
                    Object.entries(transformer['InputPathsMap']).filter(
                      (entry): entry is [string, string] => typeof entry[1] === 'string',
                    ),
                  ),
                }
              : {}),
            inputTemplate: String(transformer['InputTemplate'] ?? ''),
          },
        }),
    ...(roleArn === undefined ? {} : { roleArn }),
    ...(deadLetterArn === undefined ? {} : { deadLetterArn }),
    ...(retry === undefined
      ? {}
      : {
          retryPolicy: {
            ...(retry['MaximumRetryAttempts'] === undefined
              ? {}
              : { maximumRetryAttempts: Number(retry['MaximumRetryAttempts']) }),
            ...(retry['MaximumEventAgeInSeconds'] === undefined
              ? {}
              : { maximumEventAgeInSeconds: Number(retry['MaximumEventAgeInSeconds']) }),
          },
        }),
  };
}

/**
 * Every `AWS::Events::Rule` of a template that has an `EventPattern` (scheduled rules are skipped),
 * with its bus, pattern and targets resolved, and each target tied to the template resource its ARN
 * points to. Resources whose `Condition` is false are skipped.
 *
 * @example
 * ```ts
 * const event = findingsImportedEvent;
 * for (const rule of extractEventRules(template)) {
 *   if (rule.enabled && matchesEventPattern(rule.eventPattern, event)) {
 *     for (const target of rule.targets) console.log(rule.logicalId, '->', target.targetLogicalId);
 *   }
 * }
 * ```
 */
export function extractEventRules(
  template: CloudFormationTemplate,
  options: ResolveOptions = {},
): LocalEventRule[] {
  const context = contextFor(template, options);
  const arns = new Map<string, string>();
  for (const logicalId of Object.keys(template.Resources))
    arns.set(resourceArnOf(logicalId, context), logicalId);
  const rules: LocalEventRule[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Events::Rule' || !isResourceEnabled(logicalId, context)) continue;
    const at = `Resources.${logicalId}.Properties`;
    const properties = resource.Properties ?? {};
    if (properties['EventPattern'] === undefined) continue;
    const rawPattern = resolveIntrinsics(properties['EventPattern'], context, `${at}.EventPattern`);
    let eventPattern: unknown = rawPattern;
    if (typeof rawPattern === 'string') {
      try {
        eventPattern = JSON.parse(rawPattern);
      } catch (error) {
        throw new LocalRuntimeError(`EventPattern of ${logicalId} is not JSON (at ${at}.EventPattern)`, {
          cause: error,
          context: { logicalId, path: `${at}.EventPattern` },
        });
      }
    }
    const state = resolveIntrinsics(properties['State'], context, `${at}.State`);
    const rawTargets = Array.isArray(properties['Targets']) ? properties['Targets'] : [];
    const constructPath = constructPathOf(resource);
    rules.push({
      logicalId,
      ...(constructPath === undefined ? {} : { constructPath }),
      eventBusName: busNameOf(resolveIntrinsics(properties['EventBusName'], context, `${at}.EventBusName`)),
      eventPattern,
      enabled: state === undefined || (typeof state === 'string' && state.startsWith('ENABLED')),
      targets: rawTargets.map((raw: unknown, index) =>
        targetOf(raw, `${at}.Targets[${index}]`, context, arns),
      ),
    });
  }
  return rules;
}
