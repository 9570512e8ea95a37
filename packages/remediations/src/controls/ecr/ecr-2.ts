import * as z from 'zod';
import {
  defineControl,
  type ControlContext,
  type PlannedChange,
  type RollbackPlan,
} from '../../engine/control';
import { complianceOf, detailsOf, findingTags, stringField } from '../finding';
import { sdk } from '../sdk';
import {
  goneReason,
  otherRepository,
  readRepository,
  repositoryArn,
  repositoryFields,
  REPOSITORY_ID,
  repositoryFrom,
  repositoryIdentity,
  repositoryOf,
} from './shared';

const MUTABILITY = ['MUTABLE', 'IMMUTABLE', 'MUTABLE_WITH_EXCLUSION', 'IMMUTABLE_WITH_EXCLUSION'] as const;

/**
 * Live state of the repository's tag mutability (`DescribeRepositories`): `imageTagMutability`, and the
 * wildcard filters of the tags that are the exception (`*_WITH_EXCLUSION` only).
 *
 * @example
 * ```ts
 * Ecr2StateSchema.parse({
 *   repositoryName: 'team/app',
 *   registryId: '111122223333',
 *   createdAt: '2026-09-01T08:30:00.000Z',
 *   tags: {},
 *   imageTagMutability: 'MUTABLE',
 *   exclusionFilters: [],
 * });
 * ```
 */
export const Ecr2StateSchema = z.lazy(() =>
  z.strictObject({
    ...repositoryFields(),
    imageTagMutability: z.enum(MUTABILITY),
    exclusionFilters: z.array(z.string()).readonly(),
  }),
);

/** Live state of ECR.2; inferred from {@link Ecr2StateSchema}. */
export type Ecr2State = z.infer<typeof Ecr2StateSchema>;

/** The one change of ECR.2 and of its rollback: the repository's tag mutability. */
export interface Ecr2Params {
  readonly registryId: string;
  readonly repositoryName: string;
  readonly imageTagMutability: (typeof MUTABILITY)[number];
  readonly exclusionFilters: readonly string[];
}

/**
 * What ECR.2 records to undo its fix: the mutability (and its exclusion filters) before the fix.
 *
 * @example
 * ```ts
 * Ecr2BeforeImageSchema.parse({ repositoryName: 'team/app', registryId: '111122223333', imageTagMutability: 'MUTABLE', exclusionFilters: [] });
 * ```
 */
export const Ecr2BeforeImageSchema = z.lazy(() =>
  z.object({
    ...repositoryIdentity(),
    imageTagMutability: z.enum(['MUTABLE', 'MUTABLE_WITH_EXCLUSION']),
    exclusionFilters: z.array(z.string()).readonly(),
  }),
);

/** The before-image of ECR.2; inferred from {@link Ecr2BeforeImageSchema}. */
export type Ecr2BeforeImage = z.infer<typeof Ecr2BeforeImageSchema>;

function isMutability(value: string | undefined): value is (typeof MUTABILITY)[number] {
  return MUTABILITY.some((m) => m === value);
}

function describeMutability(mutability: string, filters: readonly string[]): string {
  const words = mutability.startsWith('IMMUTABLE') ? 'immutable tags' : 'mutable tags';
  return filters.length === 0 ? words : `${words} except ${filters.join(', ')}`;
}

async function putMutability(changes: readonly PlannedChange<Ecr2Params>[], context: ControlContext) {
  const { ECRClient, PutImageTagMutabilityCommand } = await sdk.ecr();
  const ecr = context.client(ECRClient);
  for (const { params } of changes) {
    const withExclusions = params.imageTagMutability.endsWith('_WITH_EXCLUSION');
    await ecr.send(
      new PutImageTagMutabilityCommand({
        registryId: params.registryId,
        repositoryName: params.repositoryName,
        imageTagMutability: params.imageTagMutability,
        ...(withExclusions
          ? {
              imageTagMutabilityExclusionFilters: params.exclusionFilters.map((filter) => ({
                filter,
                filterType: 'WILDCARD' as const,
              })),
            }
          : {}),
      }),
    );
  }
}

/**
 * ECR.2: private repositories should have tag immutability configured. Sets `IMMUTABLE`
 * (`PutImageTagMutability`) on a repository whose tags are mutable, so a pushed tag always names the
 * same image. A repository that is immutable with exceptions (`IMMUTABLE_WITH_EXCLUSION`) is left as it
 * is: its owners chose which tags may move. Pipelines that push the same tag again (`latest`, say) fail
 * afterwards, which the team is told.
 *
 * Rollback ({@link planEcr2Rollback}): puts back the mutability (and exclusion filters) of the
 * before-image while the repository is still `IMMUTABLE`; refused when its mutability was changed
 * otherwise since, or when the repository was deleted and created again.
 *
 * From the finding (`fromFinding`): `ImageTagMutability` of `Details.AwsEcrRepository`, which says all
 * the plan needs; without it, a `FAILED` verdict means mutable tags (what the control fails on).
 */
export const ecr_2 = defineControl<Ecr2State, Ecr2Params, Ecr2BeforeImage, Ecr2Params>({
  controlId: 'ECR.2',
  title: 'ECR private repositories should have tag immutability configured',
  fix: "Makes the repository's image tags immutable (repositories immutable with exceptions are left as they are).",
  resourceIds: { AwsEcrRepository: REPOSITORY_ID },
  iamActions: ['ecr:DescribeRepositories', 'ecr:ListTagsForResource', 'ecr:PutImageTagMutability'],
  permissions: (context) => [
    {
      actions: ['ecr:DescribeRepositories', 'ecr:ListTagsForResource', 'ecr:PutImageTagMutability'],
      resources: [repositoryArn('ECR.2', context)],
    },
  ],
  destructive: false,
  reversible: true,
  stateSchema: Ecr2StateSchema,

  async read(context) {
    const ref = repositoryOf('ECR.2', context.resource.Id);
    const live = await readRepository('ECR.2', context);
    if (live === undefined) return { kind: 'gone', reason: goneReason(ref) };
    const { repository } = live;
    const mutability = repository.imageTagMutability;
    return {
      kind: 'found',
      state: {
        repositoryName: ref.repositoryName,
        registryId: repository.registryId ?? ref.registryId,
        createdAt: repository.createdAt?.toISOString(),
        tags: live.tags,
        imageTagMutability: isMutability(mutability) ? mutability : 'MUTABLE',
        exclusionFilters: (repository.imageTagMutabilityExclusionFilters ?? []).flatMap((f) =>
          f.filter === undefined ? [] : [f.filter],
        ),
      },
    };
  },

  fromFinding(context) {
    const ref = repositoryFrom(context.resource.Id);
    if (ref === undefined) {
      return {
        kind: 'unknown',
        reason: `The finding resource ${context.resource.Id} does not name an ECR repository.`,
      };
    }
    const given = stringField(detailsOf(context.resource, 'AwsEcrRepository'), 'ImageTagMutability');
    const mutability = isMutability(given)
      ? given
      : complianceOf(context.finding) === 'FAILED'
        ? 'MUTABLE'
        : undefined;
    if (mutability === undefined) {
      return {
        kind: 'unknown',
        reason: `The finding says neither the tag mutability of ${ref.repositoryName} nor that it fails ECR.2.`,
      };
    }
    return {
      kind: 'found',
      state: {
        ...ref,
        tags: findingTags(context.resource),
        imageTagMutability: mutability,
        exclusionFilters: [],
      },
    };
  },

  plan(state) {
    const name = state.repositoryName;
    const current = describeMutability(state.imageTagMutability, state.exclusionFilters);
    if (state.imageTagMutability === 'IMMUTABLE' || state.imageTagMutability === 'IMMUTABLE_WITH_EXCLUSION') {
      return { kind: 'compliant', reason: `The repository ${name} has ${current}.` };
    }
    const { registryId, createdAt, imageTagMutability, exclusionFilters } = state;
    return {
      kind: 'changes',
      changes: [
        {
          action: 'ecr:PutImageTagMutability',
          description: `Made the image tags of the ECR repository ${name} immutable (it had ${current}).`,
          params: { registryId, repositoryName: name, imageTagMutability: 'IMMUTABLE', exclusionFilters: [] },
        },
      ],
      beforeImage: {
        repositoryName: name,
        registryId,
        createdAt,
        imageTagMutability,
        exclusionFilters,
      } satisfies Ecr2BeforeImage,
      actionsRequired:
        'Pushing a tag that already exists in the repository now fails: pipelines that push the same tag again ' +
        '(such as latest) must push a new, unique tag each time (a version or commit id). If a template creates ' +
        'the repository, set imageTagMutability to IMMUTABLE there too.',
    };
  },

  apply: putMutability,

  tags: (state) => state.tags,

  rollback: {
    readActions: ['ecr:DescribeRepositories', 'ecr:ListTagsForResource'],
    iamActions: ['ecr:PutImageTagMutability'],
    beforeImage: Ecr2BeforeImageSchema,
    plan: planEcr2Rollback,
    apply: putMutability,
  },
});

/**
 * Pure: plans putting back the tag mutability ECR.2 changed (see {@link ecr_2}).
 *
 * @example
 * ```ts
 * planEcr2Rollback({ repositoryName: 'app', registryId: '111122223333', imageTagMutability: 'MUTABLE', exclusionFilters: [] }, { ...state, imageTagMutability: 'IMMUTABLE' });
 * // { kind: 'changes', changes: [{ action: 'ecr:PutImageTagMutability', ... }] }
 * ```
 */
export function planEcr2Rollback(before: Ecr2BeforeImage, state: Ecr2State): RollbackPlan<Ecr2Params> {
  const other = otherRepository(before, state);
  if (other !== undefined) return { kind: 'refuse', reason: other };
  const name = state.repositoryName;
  const earlier = describeMutability(before.imageTagMutability, before.exclusionFilters);
  const sameFilters = before.exclusionFilters.join('\n') === state.exclusionFilters.join('\n');
  if (state.imageTagMutability === before.imageTagMutability && sameFilters) {
    return {
      kind: 'already_as_before',
      reason: `The repository ${name} has ${earlier}, as before SOAR's fix.`,
    };
  }
  if (state.imageTagMutability !== 'IMMUTABLE') {
    return {
      kind: 'refuse',
      reason:
        `The repository ${name} has ${describeMutability(state.imageTagMutability, state.exclusionFilters)} now, not the ` +
        'immutable tags SOAR set: someone changed it since, so SOAR did not put back its old setting.',
    };
  }
  return {
    kind: 'changes',
    changes: [
      {
        action: 'ecr:PutImageTagMutability',
        description: `Put back ${earlier} on the ECR repository ${name}.`,
        params: {
          registryId: state.registryId,
          repositoryName: name,
          imageTagMutability: before.imageTagMutability,
          exclusionFilters: before.exclusionFilters,
        },
      },
    ],
    actionsRequired: 'Tags can be pushed again over existing ones; ECR.2 fails again for the repository.',
  };
}
