import type { Repository } from '@aws-sdk/client-ecr';
import * as z from 'zod';
import { errorName } from '../../engine/classify';
import type { ControlContext, PlanContext } from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { arnIdPattern } from '../../engine/resource-id';
import { sdk } from '../sdk';
import { IsoTimestampSchema, TagsSchema } from '../state';

/**
 * What the ECR controls share: the repository ARN Security Hub names, the live repository and its
 * tags, and the identity fields every ECR state and before-image carries.
 */

/** The error ECR answers for a repository that does not exist. */
export const REPOSITORY_NOT_FOUND = 'RepositoryNotFoundException';

/**
 * A private repository's ARN as Security Hub gives it (`Resources[].Id` of an `AwsEcrRepository`), in
 * any partition: `arn:aws:ecr:eu-west-1:111122223333:repository/team/app`. Repository names are
 * lowercase, may hold `/` namespaces, and are 2 to 256 characters long; the account is the registry.
 */
export const REPOSITORY_ID = arnIdPattern({
  service: 'ecr',
  resource:
    '(?:repository/(?<repositoryName>(?=[a-z0-9._/-]{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*))',
  resourceShape: 'repository/<name>',
  parts: ['account', 'repositoryName'],
  examples: {
    valid: [
      'arn:aws:ecr:eu-west-1:111122223333:repository/app',
      'arn:aws:ecr:eu-west-1:111122223333:repository/team/app-1.2_x',
    ],
    invalid: [
      'team/app',
      'arn:aws:ecr:eu-west-1:111122223333:repository/Team/App',
      'arn:aws:ecr:eu-west-1:111122223333:repository/team//app',
      `arn:aws:ecr:eu-west-1:111122223333:repository/${'a'.repeat(257)}`,
      'arn:aws:ecr-public::111122223333:repository/app',
    ],
  },
});

/** A repository named by a finding: its registry (the account that owns it) and its name. */
export interface RepositoryRef {
  readonly registryId: string;
  readonly repositoryName: string;
}

/**
 * The repository a finding resource names, or `undefined` when its id is not a private repository ARN.
 *
 * @example
 * ```ts
 * repositoryFrom('arn:aws-cn:ecr:cn-north-1:111122223333:repository/team/app');
 * // { registryId: '111122223333', repositoryName: 'team/app' }
 * ```
 */
export function repositoryFrom(resourceId: string): RepositoryRef | undefined {
  const parts = REPOSITORY_ID.match(resourceId);
  return parts === undefined
    ? undefined
    : { registryId: parts.account, repositoryName: parts.repositoryName };
}

/**
 * The repository a finding resource names (its id matched {@link REPOSITORY_ID} before).
 *
 * @throws `ResourceIdError` naming the id and the shape when it is not a private repository ARN.
 */
export function repositoryOf(_controlId: string, resourceId: string): RepositoryRef {
  const { account, repositoryName } = REPOSITORY_ID.partsOf(resourceId);
  return { registryId: account, repositoryName };
}

/** The session's ARN of the repository a finding names, for the session policy. */
export function repositoryArn(controlId: string, context: PlanContext): string {
  return regionalArn(
    context,
    'ecr',
    `repository/${repositoryOf(controlId, context.resource.Id).repositoryName}`,
  );
}

/**
 * The fields of every ECR state: which repository, when it was created (a repository deleted and
 * created again under the same name is another one, whose settings a rollback must not touch) and its tags.
 */
export function repositoryFields() {
  return {
    repositoryName: z.string().min(2),
    registryId: z.string().regex(/^\d{12}$/, 'Invalid registry id: expected the 12-digit account id'),
    /** Absent when planned from a finding (Security Hub does not give it). */
    createdAt: IsoTimestampSchema.optional(),
    tags: TagsSchema,
  };
}

/** The identity of a repository in a before-image: name, registry and creation time. */
export function repositoryIdentity() {
  return {
    repositoryName: z.string().min(2),
    registryId: z.string().regex(/^\d{12}$/),
    createdAt: IsoTimestampSchema.optional(),
  };
}

type Identity = Readonly<{ repositoryName: string; registryId: string; createdAt?: string | undefined }>;

/**
 * Why a rollback must not touch the live repository, or `undefined` when it is the one SOAR fixed: same
 * name and registry, and (when both are known) created at the same time.
 */
export function otherRepository(before: Identity, live: Identity): string | undefined {
  if (before.repositoryName !== live.repositoryName || before.registryId !== live.registryId) {
    return `The before-image is of the repository ${before.registryId}/${before.repositoryName}, not ${live.registryId}/${live.repositoryName}, so SOAR changed nothing.`;
  }
  if (before.createdAt !== undefined && live.createdAt !== undefined && before.createdAt !== live.createdAt) {
    return `The repository ${live.repositoryName} was deleted and created again since SOAR's fix (created ${live.createdAt}, not ${before.createdAt}), so SOAR did not change the new one.`;
  }
  return undefined;
}

/** The live repository and its tags, or `undefined` when it no longer exists. */
export async function readRepository(
  controlId: string,
  context: ControlContext,
): Promise<{ readonly repository: Repository; readonly tags: Record<string, string> } | undefined> {
  const { registryId, repositoryName } = repositoryOf(controlId, context.resource.Id);
  const { ECRClient, DescribeRepositoriesCommand, ListTagsForResourceCommand } = await sdk.ecr();
  const ecr = context.client(ECRClient);
  let repository: Repository | undefined;
  try {
    const output = await ecr.send(
      new DescribeRepositoriesCommand({ registryId, repositoryNames: [repositoryName] }),
    );
    repository = output.repositories?.find((r) => r.repositoryName === repositoryName);
  } catch (error) {
    if (errorName(error) !== REPOSITORY_NOT_FOUND) throw error;
  }
  if (repository === undefined) return undefined;
  const listed = await ecr.send(new ListTagsForResourceCommand({ resourceArn: repository.repositoryArn }));
  const tags: Record<string, string> = {};
  for (const tag of listed.tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  return { repository, tags };
}

/** The reason `read` gives when the repository is gone. */
export function goneReason(ref: RepositoryRef): string {
  return `The ECR repository ${ref.repositoryName} no longer exists.`;
}
