import { ResourceIdError } from '../errors';

/**
 * Declared resource ids: each control says, per resource type it handles, the shape of the id
 * (`Resources[].Id`) it accepts, with examples the registry gate checks, instead of cutting ids at a
 * `/` by hand. The engine matches a finding's resource id before anything is read: an id of another
 * shape is a refusal naming the id and the shape, and the parts a control needs (a group id, a bucket
 * name) come from named groups of the match.
 */

/** The ARN partitions SOAR acts in; every ARN pattern accepts the three of them. */
export const ARN_PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;

const PARTITION = `(?<partition>${ARN_PARTITIONS.join('|')})`;
/** `us-east-1`, `cn-north-1`, `us-gov-west-1`, `ap-southeast-3`… */
const REGION = String.raw`(?<region>[a-z]{2}(?:-[a-z]+)+-\d{1,2})`;
const ACCOUNT = String.raw`(?<account>\d{12})`;

/** Where an ARN names its region and account: regional (`ec2`), global (`iam`, no region) or neither (`s3`). */
export type ArnScope = 'regional' | 'global' | 'none';

/** Examples of ids a pattern accepts and rejects; ARNs are written in the `aws` partition. */
export interface ResourceIdExamples {
  readonly valid: readonly string[];
  readonly invalid: readonly string[];
}

/**
 * The id shape a control accepts for one resource type, and the parts it takes from it.
 * `Part` names the named groups every match has; `Optional` those a match may lack.
 */
export interface ResourceIdPattern<Part extends string = string, Optional extends string = never> {
  /** Anchored, with a named group for each part. */
  readonly pattern: RegExp;
  /** The shape for humans, e.g. `arn:<partition>:ec2:<region>:<account>:security-group/sg-<hex>`. */
  readonly shape: string;
  readonly parts: readonly Part[];
  readonly optionalParts: readonly Optional[];
  readonly examples: ResourceIdExamples;
  /** The parts of `id`, or `undefined` when it has another shape. */
  match(id: string): ResourceIdParts<Part, Optional> | undefined;
  /**
   * The parts of `id`, for a control whose resource the engine has already matched.
   *
   * @throws {@link ResourceIdError} naming the id and the shape when it has another shape.
   */
  partsOf(id: string): ResourceIdParts<Part, Optional>;
}

/** The named parts of a matched id. */
export type ResourceIdParts<Part extends string, Optional extends string = never> = Readonly<
  Record<Part, string> & Partial<Record<Optional, string>>
>;

/** What {@link resourceIdPattern} takes. */
export interface ResourceIdDeclaration<Part extends string, Optional extends string> {
  readonly pattern: RegExp;
  readonly shape: string;
  readonly parts: readonly Part[];
  readonly optionalParts?: readonly Optional[];
  readonly examples: ResourceIdExamples;
}

/**
 * Declares an id shape from an anchored pattern with named groups.
 *
 * @example
 * ```ts
 * const ACCOUNT_ID = resourceIdPattern({
 *   pattern: /^AWS::::Account:(?<account>\d{12})$/,
 *   shape: 'AWS::::Account:<account>',
 *   parts: ['account'],
 *   examples: { valid: ['AWS::::Account:111122223333'], invalid: ['111122223333'] },
 * });
 * ACCOUNT_ID.match('AWS::::Account:111122223333'); // { account: '111122223333' }
 * ```
 */
export function resourceIdPattern<const Part extends string, const Optional extends string = never>(
  declaration: ResourceIdDeclaration<Part, Optional>,
): ResourceIdPattern<Part, Optional> {
  const { pattern, shape, parts, examples } = declaration;
  const optionalParts = declaration.optionalParts ?? [];
  const match = (id: string): ResourceIdParts<Part, Optional> | undefined => {
    const groups = pattern.exec(id)?.groups;
    if (groups === undefined) return undefined;
    const found: Record<string, string> = {};
    for (const part of [...parts, ...optionalParts]) {
      const value = groups[part];
      if (value !== undefined && value !== '') found[part] = value;
      else if ((parts as readonly string[]).includes(part)) return undefined;
    }
    // Every required part is present (checked above); optional ones may be missing.
    return found as ResourceIdParts<Part, Optional>;
  };
  return {
    pattern,
    shape,
    parts,
    optionalParts,
    examples,
    match,
    partsOf(id) {
      const found = match(id);
      if (found === undefined) throw new ResourceIdError(id, shape);
      return found;
    },
  };
}

/** What {@link arnIdPattern} takes: the ARN's service and scope, and the pattern of its resource part. */
export interface ArnIdDeclaration<Part extends string, Optional extends string> extends Omit<
  ResourceIdDeclaration<Part, Optional>,
  'pattern' | 'shape'
> {
  readonly service: string;
  readonly scope?: ArnScope;
  /** The pattern source of the part after the account, with named groups, e.g. `security-group/(?<groupId>sg-[0-9a-f]{8,17})`. */
  readonly resource: string;
  /** That part for humans, e.g. `security-group/sg-<hex>`. */
  readonly resourceShape: string;
}

/**
 * Declares a partition-aware ARN shape: `arn:(aws|aws-cn|aws-us-gov):<service>:<region>:<account>:<resource>`
 * with the named groups `partition`, `region` (regional ARNs) and `account` (regional and global) usable
 * as parts.
 *
 * @example
 * ```ts
 * const SECURITY_GROUP = arnIdPattern({
 *   service: 'ec2',
 *   resource: 'security-group/(?<groupId>sg-[0-9a-f]{8,17})',
 *   resourceShape: 'security-group/sg-<hex>',
 *   parts: ['groupId'],
 *   examples: {
 *     valid: ['arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123456789abcdef0'],
 *     invalid: ['sg-0123456789abcdef0'],
 *   },
 * });
 * SECURITY_GROUP.partsOf('arn:aws-cn:ec2:cn-north-1:111122223333:security-group/sg-0123abcd').groupId; // 'sg-0123abcd'
 * ```
 */
export function arnIdPattern<const Part extends string, const Optional extends string = never>(
  declaration: ArnIdDeclaration<Part, Optional>,
): ResourceIdPattern<Part, Optional> {
  const { service, scope = 'regional', resource, resourceShape, ...rest } = declaration;
  const where = scope === 'regional' ? `${REGION}:${ACCOUNT}` : scope === 'global' ? `:${ACCOUNT}` : ':';
  const shapeWhere = scope === 'regional' ? '<region>:<account>' : scope === 'global' ? ':<account>' : ':';
  return resourceIdPattern<Part, Optional>({
    ...rest,
    pattern: new RegExp(`^arn:${PARTITION}:${service}:${where}:${resource}$`),
    shape: `arn:<partition>:${service}:${shapeWhere}:${resourceShape}`,
  });
}

/**
 * Why SOAR refuses a finding resource whose id does not match its declared shape (plain words, the id
 * cut short when it is long: it is finding text).
 */
export function idMismatchReason(controlId: string, resourceType: string, id: string, shape: string): string {
  const shown = id.length > 300 ? `${id.slice(0, 300)}…` : id;
  return (
    `${controlId}: the finding's ${resourceType} resource id "${shown}" is not of the shape SOAR expects ` +
    `(${shape}), so SOAR changed nothing.`
  );
}
