import { describeZodIssues } from '@soar/asff-schema';
import { contextFor } from '../cloudformation/context';
import { listFunctions, type LocalFunction } from '../cloudformation/functions';
import {
  isResourceEnabled,
  physicalNameOf,
  resolveIntrinsics,
  resourceArnOf,
  type ResolveContext,
  type ResolveOptions,
} from '../cloudformation/resolve';
import {
  constructPathOf,
  type CloudFormationResource,
  type CloudFormationTemplate,
} from '../cloudformation/template';
import { InvalidDefinitionError, LocalRuntimeError, UnsupportedDefinitionError } from '../errors';
import { AslDefinitionSchema, walkStates, type AslDefinition, type AslState } from './asl';
import { findUnsupportedFeatures } from './supported';
import { isRecord } from '@soar/common';

/**
 * How a Task state calls out:
 * - `lambda-invoke`: the optimized integration `arn:aws:states:::lambda:invoke` (CDK `LambdaInvoke`);
 *   the state result is the Invoke response `{ StatusCode, ExecutedVersion, Payload }`.
 * - `lambda-direct`: `Resource` is the function ARN (CDK `LambdaInvoke` with `payloadResponseOnly`);
 *   the state result is the function's return value.
 * - `sdk`: an AWS SDK integration `arn:aws:states:::aws-sdk:<service>:<action>`.
 * - `service`: any other integration (`dynamodb:getItem`, `states:startExecution.sync:2`, `sqs:sendMessage`,
 *   activities, ...).
 */
export type TaskKind = 'lambda-invoke' | 'lambda-direct' | 'sdk' | 'service';

/** One Task state of a state machine and what it calls, for binding a local handler to it. */
export interface TaskBinding {
  readonly stateName: string;
  /** Enclosing states, outermost first, e.g. `['Respond', 'Branch 0']`; see {@link WalkedState.path}. */
  readonly path: readonly string[];
  /** The resolved `Resource`. */
  readonly resource: string;
  readonly kind: TaskKind;
  /** Logical id of the Lambda function the task invokes, when it is in the template. */
  readonly functionLogicalId?: string;
  /** CDK construct path of that function, e.g. `SoarStack/EnrichFunction`. */
  readonly functionConstructPath?: string;
  /** Name of the invoked function (also when it is not in the template); absent for `FunctionName.$`. */
  readonly functionName?: string;
  /**
   * The integration after `arn:<partition>:states:::`, e.g. `lambda:invoke`, `dynamodb:getItem`,
   * `aws-sdk:securityhub:batchUpdateFindings`, `states:startExecution.sync:2`; `activity` for activities.
   */
  readonly integration?: string;
}

/** A state machine of a template, ready for {@link LocalStateMachine}. */
export interface ExtractedStateMachine {
  readonly logicalId: string;
  readonly constructPath?: string;
  /** Physical name (see {@link resolveIntrinsics}). */
  readonly name: string;
  /** `arn:<partition>:states:<region>:<account>:stateMachine:<name>`. */
  readonly arn: string;
  /** `StateMachineType`; `STANDARD` when absent. */
  readonly type: 'STANDARD' | 'EXPRESS';
  /** The parsed, resolved ASL definition. */
  readonly definition: AslDefinition;
  /** Every Task state, nested ones included, in definition order. */
  readonly tasks: readonly TaskBinding[];
}

/**
 * The function name in a Lambda reference: a name, `name:qualifier`, a partial or a full ARN (with or
 * without a version or alias qualifier); `undefined` for an ARN that is not a function's.
 *
 * @example
 * ```ts
 * functionNameOf('arn:aws:lambda:us-east-1:123456789012:function:soar-enrich:$LATEST'); // => 'soar-enrich'
 * functionNameOf('123456789012:function:soar-enrich'); // => 'soar-enrich'
 * ```
 */
export function functionNameOf(reference: string): string | undefined {
  const parts = reference.split(':');
  if (reference.startsWith('arn:')) return parts[5] === 'function' ? parts[6] : undefined;
  if (parts[1] === 'function') return parts[2];
  return parts[0] === '' ? undefined : parts[0];
}

function bindingOf(
  stateName: string,
  path: readonly string[],
  state: AslState,
  functionsByName: ReadonlyMap<string, LocalFunction>,
): TaskBinding {
  const resource = typeof state['Resource'] === 'string' ? state['Resource'] : String(state['Resource']);
  const integrationMatch = /^arn:[^:]+:states:::(.+)$/.exec(resource);
  const withFunction = (
    kind: TaskKind,
    functionName: string | undefined,
    integration?: string,
  ): TaskBinding => {
    const fn = functionName === undefined ? undefined : functionsByName.get(functionName);
    return {
      stateName,
      path,
      resource,
      kind,
      ...(fn === undefined ? {} : { functionLogicalId: fn.logicalId }),
      ...(fn?.constructPath === undefined ? {} : { functionConstructPath: fn.constructPath }),
      ...(functionName === undefined ? {} : { functionName }),
      ...(integration === undefined ? {} : { integration }),
    };
  };
  if (integrationMatch?.[1] !== undefined) {
    const integration = integrationMatch[1];
    if (integration === 'lambda:invoke') {
      const parameters = isRecord(state['Parameters']) ? state['Parameters'] : {};
      const reference = parameters['FunctionName'];
      return withFunction(
        'lambda-invoke',
        typeof reference === 'string' ? functionNameOf(reference) : undefined,
        integration,
      );
    }
    return withFunction(integration.startsWith('aws-sdk:') ? 'sdk' : 'service', undefined, integration);
  }
  if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(resource)) {
    return withFunction('lambda-direct', functionNameOf(resource));
  }
  if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource))
    return withFunction('service', undefined, 'activity');
  return withFunction('service', undefined);
}

/**
 * The Task states of a definition with what each one calls, mapping Lambda ARNs (also with a
 * `:$LATEST` or alias qualifier) back to the functions of the template.
 *
 * @example
 * ```ts
 * taskBindingsOf(definition, listFunctions(template)).map((t) => [t.stateName, t.kind, t.functionLogicalId]);
 * // => [['Enrich', 'lambda-invoke', 'EnrichFunction38C02156'], ['LookupTicket', 'service', undefined], ...]
 * ```
 */
export function taskBindingsOf(
  definition: AslDefinition,
  functions: readonly LocalFunction[],
): TaskBinding[] {
  const functionsByName = new Map(functions.map((fn) => [fn.name, fn]));
  return walkStates(definition)
    .filter((walked) => walked.state.Type === 'Task')
    .map((walked) => bindingOf(walked.name, walked.path, walked.state, functionsByName));
}

function substitute(text: string, substitutions: Record<string, unknown>): string {
  return text.replace(/\$\{([^}]+)\}/g, (match, key: string) => {
    if (!(key in substitutions)) return match;
    const value = substitutions[key];
    const raw = typeof value === 'string' ? value : JSON.stringify(value);
    // The text is JSON: keep a substituted value inside its string literal.
    return JSON.stringify(raw).slice(1, -1);
  });
}

function definitionTextOf(
  logicalId: string,
  resource: CloudFormationResource,
  context: ResolveContext,
): string {
  const properties = resource.Properties ?? {};
  const at = `Resources.${logicalId}.Properties`;
  if (properties['DefinitionString'] !== undefined) {
    const text = resolveIntrinsics(properties['DefinitionString'], context, `${at}.DefinitionString`);
    if (typeof text !== 'string') {
      throw new LocalRuntimeError(`DefinitionString of ${logicalId} does not resolve to a string`, {
        context: { logicalId, path: `${at}.DefinitionString` },
      });
    }
    return text;
  }
  if (properties['Definition'] !== undefined) {
    return JSON.stringify(resolveIntrinsics(properties['Definition'], context, `${at}.Definition`));
  }
  if (properties['DefinitionS3Location'] !== undefined) {
    throw new UnsupportedDefinitionError(
      logicalId,
      ['The definition is in S3 (DefinitionS3Location), which the local runtime cannot read; inline it.'],
      { context: { logicalId, path: `${at}.DefinitionS3Location` } },
    );
  }
  throw new LocalRuntimeError(`State machine ${logicalId} has no DefinitionString or Definition`, {
    context: { logicalId, path: at },
  });
}

/**
 * Parses and resolves the definition of one `AWS::StepFunctions::StateMachine` resource:
 * `DefinitionString` (a string or a `Fn::Join`) or `Definition`, then `DefinitionSubstitutions`.
 *
 * @throws {UnsupportedDefinitionError} for features the local runtime refuses (see {@link findUnsupportedFeatures}).
 * @example
 * ```ts
 * const definition = definitionOf('TriageWorkflowDC10C799', { template });
 * definition.StartAt; // => 'Normalize'
 * ```
 */
export function definitionOf(logicalId: string, context: ResolveContext): AslDefinition {
  const resource = context.template.Resources[logicalId];
  if (resource?.Type !== 'AWS::StepFunctions::StateMachine') {
    throw new LocalRuntimeError(`${logicalId} is not an AWS::StepFunctions::StateMachine`, {
      context: { logicalId },
    });
  }
  const at = `Resources.${logicalId}.Properties`;
  const rawSubstitutions = resolveIntrinsics(
    resource.Properties?.['DefinitionSubstitutions'] ?? {},
    context,
    `${at}.DefinitionSubstitutions`,
  );
  const substitutions = isRecord(rawSubstitutions) ? rawSubstitutions : {};
  const text = substitute(definitionTextOf(logicalId, resource, context), substitutions);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidDefinitionError(logicalId, [`The definition is not JSON: ${(error as Error).message}`], {
      context: { logicalId, path: at },
    });
  }
  const parsed = AslDefinitionSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidDefinitionError(logicalId, describeZodIssues(parsed.error.issues), {
      context: { logicalId, path: at },
    });
  }
  const problems = findUnsupportedFeatures(parsed.data);
  if (problems.length > 0) {
    throw new UnsupportedDefinitionError(logicalId, problems, { context: { logicalId, path: at } });
  }
  return parsed.data;
}

/**
 * Every `AWS::StepFunctions::StateMachine` of a template with its definition resolved and parsed
 * and its Task states bound to the template's Lambda functions. Resources whose `Condition` is false
 * are skipped.
 *
 * @throws {UnsupportedDefinitionError} when a definition uses JSONata, variables (`Assign`),
 *   Distributed Map, `.waitForTaskToken`, or a Choice type test with `false` (`IsPresent: false`
 *   never matches in aws-local-stepfunctions 3.0.0: use `Condition.not(Condition.isPresent(...))`).
 * @example
 * ```ts
 * const [workflow] = extractStateMachines(template);
 * workflow.tasks.map((t) => `${t.stateName}: ${t.kind} ${t.functionConstructPath ?? t.integration}`);
 * // => ['Enrich: lambda-invoke SoarStack/EnrichFunction', 'LookupTicket: service dynamodb:getItem', ...]
 * ```
 */
export function extractStateMachines(
  template: CloudFormationTemplate,
  options: ResolveOptions = {},
): ExtractedStateMachine[] {
  const context = contextFor(template, options);
  const functions = listFunctions(template, options);
  const machines: ExtractedStateMachine[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::StepFunctions::StateMachine' || !isResourceEnabled(logicalId, context))
      continue;
    const definition = definitionOf(logicalId, context);
    const constructPath = constructPathOf(resource);
    machines.push({
      logicalId,
      ...(constructPath === undefined ? {} : { constructPath }),
      name: physicalNameOf(logicalId, context),
      arn: resourceArnOf(logicalId, context),
      type: resource.Properties?.['StateMachineType'] === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
      definition,
      tasks: taskBindingsOf(definition, functions),
    });
  }
  return machines;
}
