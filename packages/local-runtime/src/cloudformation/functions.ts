import { ENTRY_METADATA_KEY } from '@soar/common';
import { LocalRuntimeError } from '../errors';
import { contextFor } from './context';
import {
  isResourceEnabled,
  resolveIntrinsics,
  resourceArnOf,
  physicalNameOf,
  type ResolveOptions,
} from './resolve';
import { constructPathOf, type CloudFormationTemplate } from './template';

/** A Lambda function of a template, with its configuration resolved. */
export interface LocalFunction {
  readonly logicalId: string;
  /** CDK construct path without `/Resource`, e.g. `SoarStack/EnrichFunction`. */
  readonly constructPath?: string;
  /** Physical name (see {@link resolveIntrinsics}). */
  readonly name: string;
  /** `arn:<partition>:lambda:<region>:<account>:function:<name>`. */
  readonly arn: string;
  /** `Handler`, e.g. `index.handler`. */
  readonly handler?: string;
  /** `Runtime`, e.g. `nodejs22.x`. */
  readonly runtime?: string;
  /** `Environment.Variables` with every intrinsic resolved, values as strings. */
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds?: number;
  readonly memorySize?: number;
  /**
   * The function's entry file, from the workspace root, as the SOAR constructs record it in the
   * resource's metadata ({@link ENTRY_METADATA_KEY}): the simulation runs this very module.
   */
  readonly entry?: string;
}

/**
 * Every `AWS::Lambda::Function` of a template (CDK-internal singletons included; filter them by
 * `constructPath`), skipping resources whose `Condition` is false.
 *
 * @example
 * ```ts
 * const fns = listFunctions(template, { region: 'eu-west-1' });
 * const enrich = fns.find((f) => f.constructPath === 'SoarStack/EnrichFunction');
 * process.env = { ...process.env, ...enrich?.environment };
 * ```
 */
export function listFunctions(
  template: CloudFormationTemplate,
  options: ResolveOptions = {},
): LocalFunction[] {
  const context = contextFor(template, options);
  const functions: LocalFunction[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function' || !isResourceEnabled(logicalId, context)) continue;
    const at = `Resources.${logicalId}.Properties`;
    const properties = resource.Properties ?? {};
    const environment = environmentOf(
      resolveIntrinsics(properties['Environment'], context, `${at}.Environment`),
      `${at}.Environment`,
    );
    const handler = resolveIntrinsics(properties['Handler'], context, `${at}.Handler`);
    const runtime = resolveIntrinsics(properties['Runtime'], context, `${at}.Runtime`);
    const timeout = resolveIntrinsics(properties['Timeout'], context, `${at}.Timeout`);
    const memorySize = resolveIntrinsics(properties['MemorySize'], context, `${at}.MemorySize`);
    const constructPath = constructPathOf(resource);
    const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
    functions.push({
      logicalId,
      ...(constructPath === undefined ? {} : { constructPath }),
      name: physicalNameOf(logicalId, context),
      arn: resourceArnOf(logicalId, context),
      ...(typeof handler === 'string' ? { handler } : {}),
      ...(typeof runtime === 'string' ? { runtime } : {}),
      environment,
      ...(timeout === undefined ? {} : { timeoutSeconds: Number(timeout) }),
      ...(memorySize === undefined ? {} : { memorySize: Number(memorySize) }),
      ...(typeof entry === 'string' ? { entry } : {}),
    });
  }
  return functions;
}

function environmentOf(resolved: unknown, at: string): Record<string, string> {
  if (resolved === undefined) return {};
  const variables =
    typeof resolved === 'object' && resolved !== null
      ? (resolved as { Variables?: unknown }).Variables
      : undefined;
  if (variables === undefined) return {};
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    throw new LocalRuntimeError(`Environment.Variables must be an object (at ${at}.Variables)`, {
      context: { path: `${at}.Variables` },
    });
  }
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(variables)) {
    environment[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return environment;
}
