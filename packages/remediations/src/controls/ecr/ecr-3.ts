import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';
import { errorName } from '../../engine/classify';
import { defineControl, type RollbackPlan } from '../../engine/control';
import { complianceOf, detailsOf, findingTags, isLooseObject, stringField } from '../finding';
import { sdk } from '../sdk';
import {
  goneReason,
  otherRepository,
  readRepository,
  REPOSITORY_NOT_FOUND,
  repositoryArn,
  repositoryFields,
  REPOSITORY_ID,
  repositoryFrom,
  repositoryIdentity,
  repositoryOf,
} from './shared';

/** Days after push when SOAR's lifecycle policy expires an untagged image. */
export const ECR_3_UNTAGGED_DAYS = 30;

/** What ECR answers when the repository has no lifecycle policy (a normal state, not a missing repository). */
const NO_POLICY = 'LifecyclePolicyNotFoundException';

/**
 * The lifecycle policy SOAR sets: one rule that expires untagged images 30 days after they were
 * pushed. It selects untagged images only, so every tagged image (whatever deploys or rolls back by
 * tag) is kept however old it is; the original's policy kept the two newest images of any tag status
 * and expired the images running services still needed.
 *
 * @example
 * ```ts
 * JSON.parse(ECR_3_POLICY_TEXT).rules[0].selection.tagStatus; // 'untagged'
 * ```
 */
export const ECR_3_POLICY_TEXT = JSON.stringify({
  rules: [
    {
      rulePriority: 1,
      description: `SOAR: expire untagged images ${ECR_3_UNTAGGED_DAYS} days after push; tagged images are kept.`,
      selection: {
        tagStatus: 'untagged',
        countType: 'sinceImagePushed',
        countUnit: 'days',
        countNumber: ECR_3_UNTAGGED_DAYS,
      },
      action: { type: 'expire' },
    },
  ],
});

/**
 * Live state of the repository's lifecycle policy (`GetLifecyclePolicy`): its text, or none.
 *
 * @example
 * ```ts
 * Ecr3StateSchema.parse({ repositoryName: 'team/app', registryId: '111122223333', createdAt: '2026-09-01T08:30:00.000Z', tags: {} });
 * ```
 */
export const Ecr3StateSchema = z.lazy(() =>
  z.strictObject({
    ...repositoryFields(),
    /** Absent when the repository has no lifecycle policy. */
    lifecyclePolicyText: z.string().optional(),
  }),
);

/** Live state of ECR.3; inferred from {@link Ecr3StateSchema}. */
export type Ecr3State = z.infer<typeof Ecr3StateSchema>;

/** The lifecycle policy to set (the fix), or to delete (the rollback: `lifecyclePolicyText` absent). */
export interface Ecr3Params {
  readonly registryId: string;
  readonly repositoryName: string;
  readonly lifecyclePolicyText?: string;
}

/**
 * What ECR.3 records to undo its fix: the repository had no policy, and the policy SOAR set (so a
 * rollback deletes it only while it is still SOAR's).
 *
 * @example
 * ```ts
 * Ecr3BeforeImageSchema.parse({ repositoryName: 'team/app', registryId: '111122223333', soarPolicyText: ECR_3_POLICY_TEXT });
 * ```
 */
export const Ecr3BeforeImageSchema = z.lazy(() =>
  z.object({ ...repositoryIdentity(), soarPolicyText: z.string().min(2) }),
);

/** The before-image of ECR.3; inferred from {@link Ecr3BeforeImageSchema}. */
export type Ecr3BeforeImage = z.infer<typeof Ecr3BeforeImageSchema>;

/** Whether two policy texts say the same (ECR may re-indent what it stores). */
function samePolicy(a: string, b: string): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(a), JSON.parse(b));
  } catch {
    return a === b;
  }
}

/**
 * ECR.3: repositories should have at least one lifecycle policy. A repository without one gets SOAR's
 * policy ({@link ECR_3_POLICY_TEXT}): untagged images expire {@link ECR_3_UNTAGGED_DAYS} days after
 * push, tagged images are never selected, so images that services deploy, scale out or roll back by tag
 * stay (the original kept only the two newest images of any kind). A repository that has a policy
 * passes, whatever its rules. Destructive: ECR deletes the untagged images the rule selects, and they
 * cannot be brought back, so SOAR applies it only where destructive fixes are allowed.
 *
 * Rollback ({@link planEcr3Rollback}): deletes the policy while it is still SOAR's; refused when
 * someone changed it since, or when the repository was deleted and created again. Images ECR expired
 * in between stay deleted.
 *
 * From the finding (`fromFinding`): `LifecyclePolicy.LifecyclePolicyText` of `Details.AwsEcrRepository`
 * when given (compliant); otherwise a `FAILED` verdict means no policy (what the control fails on).
 */
export const ecr_3 = defineControl<Ecr3State, Ecr3Params, Ecr3BeforeImage, Ecr3Params>({
  controlId: 'ECR.3',
  title: 'ECR repositories should have at least one lifecycle policy configured',
  fix: `Sets a lifecycle policy that expires untagged images ${ECR_3_UNTAGGED_DAYS} days after push; tagged images are kept.`,
  resourceIds: { AwsEcrRepository: REPOSITORY_ID },
  iamActions: [
    'ecr:DescribeRepositories',
    'ecr:ListTagsForResource',
    'ecr:GetLifecyclePolicy',
    'ecr:PutLifecyclePolicy',
  ],
  permissions: (context) => [
    {
      actions: [
        'ecr:DescribeRepositories',
        'ecr:ListTagsForResource',
        'ecr:GetLifecyclePolicy',
        'ecr:PutLifecyclePolicy',
        'ecr:DeleteLifecyclePolicy',
      ],
      resources: [repositoryArn('ECR.3', context)],
    },
  ],
  destructive: true,
  reversible: true,
  stateSchema: Ecr3StateSchema,

  async read(context) {
    const ref = repositoryOf('ECR.3', context.resource.Id);
    const live = await readRepository('ECR.3', context);
    if (live === undefined) return { kind: 'gone', reason: goneReason(ref) };
    const { ECRClient, GetLifecyclePolicyCommand } = await sdk.ecr();
    const registryId = live.repository.registryId ?? ref.registryId;
    let lifecyclePolicyText: string | undefined;
    try {
      const policy = await context
        .client(ECRClient)
        .send(new GetLifecyclePolicyCommand({ registryId, repositoryName: ref.repositoryName }));
      lifecyclePolicyText = policy.lifecyclePolicyText;
    } catch (error) {
      // Deleted between the two reads: gone, as when the first read finds nothing.
      if (errorName(error) === REPOSITORY_NOT_FOUND) return { kind: 'gone', reason: goneReason(ref) };
      if (errorName(error) !== NO_POLICY) throw error;
    }
    return {
      kind: 'found',
      state: {
        repositoryName: ref.repositoryName,
        registryId,
        createdAt: live.repository.createdAt?.toISOString(),
        tags: live.tags,
        ...(lifecyclePolicyText === undefined ? {} : { lifecyclePolicyText }),
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
    const policy = detailsOf(context.resource, 'AwsEcrRepository')?.['LifecyclePolicy'];
    const text = stringField(isLooseObject(policy) ? policy : undefined, 'LifecyclePolicyText');
    const state = { ...ref, tags: findingTags(context.resource) };
    if (text !== undefined) return { kind: 'found', state: { ...state, lifecyclePolicyText: text } };
    if (complianceOf(context.finding) === 'FAILED') return { kind: 'found', state };
    return {
      kind: 'unknown',
      reason: `The finding says neither whether ${ref.repositoryName} has a lifecycle policy nor that it fails ECR.3.`,
    };
  },

  plan(state) {
    const name = state.repositoryName;
    if (state.lifecyclePolicyText !== undefined) {
      return { kind: 'compliant', reason: `The repository ${name} has a lifecycle policy.` };
    }
    const { registryId, createdAt } = state;
    return {
      kind: 'changes',
      changes: [
        {
          action: 'ecr:PutLifecyclePolicy',
          description:
            `Set a lifecycle policy on the ECR repository ${name} that expires untagged images ` +
            `${ECR_3_UNTAGGED_DAYS} days after they were pushed; tagged images are kept.`,
          params: { registryId, repositoryName: name, lifecyclePolicyText: ECR_3_POLICY_TEXT },
        },
      ],
      beforeImage: {
        repositoryName: name,
        registryId,
        createdAt,
        soarPolicyText: ECR_3_POLICY_TEXT,
      } satisfies Ecr3BeforeImage,
      actionsRequired:
        `ECR deletes untagged images ${ECR_3_UNTAGGED_DAYS} days after push from now on (within a day of the rule applying). ` +
        'Anything that pulls an image by digest after its tag moved on should tag it. Add rules for old tagged ' +
        'images yourself if the repository grows too large; if a template creates it, add the policy there.',
    };
  },

  async apply(changes, context) {
    const { ECRClient, PutLifecyclePolicyCommand } = await sdk.ecr();
    const ecr = context.client(ECRClient);
    for (const { params } of changes) {
      await ecr.send(
        new PutLifecyclePolicyCommand({
          registryId: params.registryId,
          repositoryName: params.repositoryName,
          lifecyclePolicyText: params.lifecyclePolicyText ?? ECR_3_POLICY_TEXT,
        }),
      );
    }
  },

  tags: (state) => state.tags,

  rollback: {
    readActions: ['ecr:DescribeRepositories', 'ecr:ListTagsForResource', 'ecr:GetLifecyclePolicy'],
    iamActions: ['ecr:DeleteLifecyclePolicy'],
    beforeImage: Ecr3BeforeImageSchema,
    plan: planEcr3Rollback,
    async apply(changes, context) {
      const { ECRClient, DeleteLifecyclePolicyCommand } = await sdk.ecr();
      const ecr = context.client(ECRClient);
      for (const { params } of changes) {
        try {
          await ecr.send(
            new DeleteLifecyclePolicyCommand({
              registryId: params.registryId,
              repositoryName: params.repositoryName,
            }),
          );
        } catch (error) {
          // Already deleted (a second run): that is what we wanted.
          if (errorName(error) !== NO_POLICY) throw error;
        }
      }
    },
  },
});

/**
 * Pure: plans deleting the lifecycle policy ECR.3 set, while it is still SOAR's (see {@link ecr_3}).
 *
 * @example
 * ```ts
 * planEcr3Rollback({ repositoryName: 'app', registryId: '111122223333', soarPolicyText: ECR_3_POLICY_TEXT }, { ...state, lifecyclePolicyText: ECR_3_POLICY_TEXT });
 * // { kind: 'changes', changes: [{ action: 'ecr:DeleteLifecyclePolicy', ... }] }
 * ```
 */
export function planEcr3Rollback(before: Ecr3BeforeImage, state: Ecr3State): RollbackPlan<Ecr3Params> {
  const other = otherRepository(before, state);
  if (other !== undefined) return { kind: 'refuse', reason: other };
  const name = state.repositoryName;
  if (state.lifecyclePolicyText === undefined) {
    return {
      kind: 'already_as_before',
      reason: `The repository ${name} has no lifecycle policy, as before SOAR's fix.`,
    };
  }
  if (!samePolicy(state.lifecyclePolicyText, before.soarPolicyText)) {
    return {
      kind: 'refuse',
      reason: `The lifecycle policy of the repository ${name} is no longer the one SOAR set: someone changed it since, so SOAR did not delete it.`,
    };
  }
  return {
    kind: 'changes',
    changes: [
      {
        action: 'ecr:DeleteLifecyclePolicy',
        description: `Deleted the lifecycle policy SOAR had set on the ECR repository ${name}.`,
        params: { registryId: state.registryId, repositoryName: name },
      },
    ],
    actionsRequired:
      'No image of the repository expires any more; images ECR already expired stay deleted. ECR.3 fails again for it.',
  };
}
