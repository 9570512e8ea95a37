import * as z from 'zod';

/**
 * One resource of a CloudFormation template. Loose: every other key (`DependsOn`, `DeletionPolicy`,
 * ...) is kept as is.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html
 */
export const CloudFormationResourceSchema = z.looseObject({
  Type: z.string(),
  Properties: z.record(z.string(), z.unknown()).optional(),
  Metadata: z.record(z.string(), z.unknown()).optional(),
  /** Name of a template condition; the resource exists only when it is true. */
  Condition: z.string().optional(),
});

/** One resource of a CloudFormation template; see {@link CloudFormationResourceSchema}. */
export type CloudFormationResource = z.infer<typeof CloudFormationResourceSchema>;

/**
 * A synthesized CloudFormation template, such as `cdk.out/<Stack>.template.json` or
 * `Template.fromStack(stack).toJSON()`. Only `Resources` is required; the sections the local runtime
 * reads (`Parameters`, `Conditions`, `Mappings`) are typed loosely and everything else is kept.
 *
 * @example
 * ```ts
 * const template = CloudFormationTemplateSchema.parse(
 *   JSON.parse(readFileSync('cdk.out/SoarStack.template.json', 'utf8')),
 * );
 * ```
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
 */
export const CloudFormationTemplateSchema = z.looseObject({
  Resources: z.record(z.string(), CloudFormationResourceSchema),
  Parameters: z
    .record(z.string(), z.looseObject({ Type: z.string(), Default: z.unknown().optional() }))
    .optional(),
  Conditions: z.record(z.string(), z.unknown()).optional(),
  Mappings: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))).optional(),
});

/** A CloudFormation template; see {@link CloudFormationTemplateSchema}. */
export type CloudFormationTemplate = z.infer<typeof CloudFormationTemplateSchema>;

/**
 * The CDK construct path of a resource: its `aws:cdk:path` metadata without the trailing
 * `/Resource` that L2 constructs add, or `undefined` when the template has no path metadata
 * (synthesize with the context `aws:cdk:enable-path-metadata: true`, the CDK CLI default).
 *
 * @example
 * ```ts
 * constructPathOf({ Type: 'AWS::Lambda::Function', Metadata: { 'aws:cdk:path': 'Soar/Enrich/Resource' } });
 * // => 'Soar/Enrich'
 * ```
 */
export function constructPathOf(resource: {
  readonly Metadata?: Readonly<Record<string, unknown>> | undefined;
}): string | undefined {
  const path = resource.Metadata?.['aws:cdk:path'];
  if (typeof path !== 'string') return undefined;
  return path.endsWith('/Resource') ? path.slice(0, -'/Resource'.length) : path;
}
